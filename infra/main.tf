# scenelift on AWS. Read the files in this order:
#   main.tf      names and the bucket layout every other file uses
#   s3.tf        the four buckets: private, encrypted, TLS only, versioned where loss hurts
#   sqs.tf       the events queue and its dead-letter queue; the optional landing queue
#   ecr.tf       one image repository per job (and one for the base image)
#   iam.tf       one least-privilege role per job, plus the roles Batch and ECS need
#   batch.tf     compute environment (EC2 Spot or Fargate), job queue, the four job definitions
#   outputs.tf   what `submit-run --config` reads from `terraform output -json` (the contract: README.md)

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  s3_arn     = "arn:${data.aws_partition.current.partition}:s3:::"

  # One bucket per tree of dev.scenelift.store.KeyLayout; each tree is the whole bucket (KeyLayout root s3://<bucket>/).
  bucket_suffix = var.bucket_suffix != "" ? var.bucket_suffix : local.account_id
  bucket_names = {
    raw  = "${var.name_prefix}-raw-${local.bucket_suffix}"
    opt  = "${var.name_prefix}-opt-${local.bucket_suffix}"
    cog  = "${var.name_prefix}-cog-${local.bucket_suffix}"
    runs = "${var.name_prefix}-runs-${local.bucket_suffix}"
  }

  # Shorthands for the IAM documents.
  raw_arn  = "${local.s3_arn}${local.bucket_names.raw}"
  opt_arn  = "${local.s3_arn}${local.bucket_names.opt}"
  cog_arn  = "${local.s3_arn}${local.bucket_names.cog}"
  runs_arn = "${local.s3_arn}${local.bucket_names.runs}"
}
