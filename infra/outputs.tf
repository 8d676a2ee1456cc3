# The contract with `submit-run --config FILE`, which reads `terraform output -json > FILE` as it is.
# Names here are fixed; README.md lists them. Add outputs freely, rename none.

output "region" {
  description = "AWS region of everything below."
  value       = var.region
}

output "job_queue" {
  description = "Name of the Batch job queue."
  value       = aws_batch_job_queue.main.name
}

output "job_queue_arn" {
  description = "ARN of the Batch job queue."
  value       = aws_batch_job_queue.main.arn
}

output "job_definitions" {
  description = "Per job (fetch-scene, cloud-filter, cog-convert, index-build): the job definition's name and ARN (with revision)."
  value       = { for job, definition in aws_batch_job_definition.job : job => { name = definition.name, arn = definition.arn } }
}

output "layout" {
  description = "Where the three collections live: buckets (a bucket each) or prefixes (raw/, opt/, cog/ of the data bucket). submit-run's --layout default."
  value       = var.layout
}

output "raw_bucket" {
  description = "Bucket of the raw tree, the full tile (scenes as fetched, verdicts, markers); in the prefixes layout the data bucket."
  value       = aws_s3_bucket.data["raw"].id
}

output "opt_bucket" {
  description = "Bucket of the cloud-free (opt) tree; in the prefixes layout the data bucket."
  value       = local.tree_buckets.opt
}

output "cog_bucket" {
  description = "Bucket of the COG research set (cog) tree; in the prefixes layout the data bucket."
  value       = local.tree_buckets.cog
}

output "runs_bucket" {
  description = "Bucket of the run manifests (runs/<run-id>/)."
  value       = aws_s3_bucket.data["runs"].id
}

output "key_layout" {
  description = "The roots of dev.scenelift.store.KeyLayout(raw, opt, cog, runs): a whole bucket each (buckets), or raw/, opt/, cog/ of the data bucket (prefixes)."
  value = {
    raw  = "s3://${aws_s3_bucket.data["raw"].id}/${local.tree_prefixes.raw == "" ? "" : "raw/"}"
    opt  = "s3://${local.tree_buckets.opt}/${local.tree_prefixes.opt == "" ? "" : "opt/"}"
    cog  = "s3://${local.tree_buckets.cog}/${local.tree_prefixes.cog == "" ? "" : "cog/"}"
    runs = "s3://${aws_s3_bucket.data["runs"].id}/"
  }
}

output "events_queue_url" {
  description = "SQS queue the jobs send scene events to (SCENELIFT_EVENTS_QUEUE)."
  value       = aws_sqs_queue.events.url
}

output "events_dead_letter_queue_url" {
  description = "Dead-letter queue of the events (and landing) queue."
  value       = aws_sqs_queue.dead_letter.url
}

output "landing_queue_url" {
  description = "Queue of S3 notifications for the landing prefix (`submit-run listen --queue`); null when landing_prefix is empty."
  value       = one(aws_sqs_queue.landing[*].url)
}

output "ecr_repositories" {
  description = "Per job: the ECR repository URL to push its image to (README.md: `mvn -Ppush` or `mvn -pl jobs/<job> jib:build -Dimage=<url>:<tag>`)."
  value       = { for job, repository in aws_ecr_repository.job : job => repository.repository_url }
}

output "base_image_repository" {
  description = "ECR repository URL for the base image the job images are built on (docker/base)."
  value       = aws_ecr_repository.base.repository_url
}

output "log_group" {
  description = "CloudWatch log group of the jobs (stream prefix: the job name)."
  value       = aws_cloudwatch_log_group.jobs.name
}

output "submitter_policy_arn" {
  description = "Managed policy to attach to whoever runs submit-run (iam.tf: submitter)."
  value       = aws_iam_policy.submitter.arn
}
