# Roles. Each job gets its own role with only what its stage does; no statement grants the action "*", and every S3
# statement names its buckets and key patterns. Markers live under <scene-dir>/_scenelift/<job>.{done,failed}.json in
# the tree the stage writes (dev.scenelift.store.KeyLayout): fetch-scene, cloud-filter and index-build in raw,
# cog-convert in cog.

data "aws_iam_policy_document" "assume_ecs_tasks" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "assume_batch" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["batch.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "assume_ec2" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# --- What AWS Batch and ECS need (AWS-managed policies) -------------------------------------------------------------

resource "aws_iam_role" "batch_service" {
  name               = "${var.name_prefix}-batch-service"
  assume_role_policy = data.aws_iam_policy_document.assume_batch.json
}

resource "aws_iam_role_policy_attachment" "batch_service" {
  role       = aws_iam_role.batch_service.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSBatchServiceRole"
}

# The EC2 instances of the Spot compute environment run the ECS agent.
resource "aws_iam_role" "ecs_instance" {
  name               = "${var.name_prefix}-ecs-instance"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
}

resource "aws_iam_role_policy_attachment" "ecs_instance" {
  role       = aws_iam_role.ecs_instance.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_instance_profile" "ecs_instance" {
  name = "${var.name_prefix}-ecs-instance"
  role = aws_iam_role.ecs_instance.name
}

# Pulls the image from ECR and writes the awslogs stream (required on Fargate, used on EC2 too).
resource "aws_iam_role" "ecs_execution" {
  name               = "${var.name_prefix}-ecs-execution"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json
}

resource "aws_iam_role_policy_attachment" "ecs_execution" {
  role       = aws_iam_role.ecs_execution.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

# --- The job roles ------------------------------------------------------------------------------------------------

resource "aws_iam_role" "job" {
  for_each = var.jobs

  name               = "${var.name_prefix}-${each.key}-job"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json
}

resource "aws_iam_role_policy" "job" {
  for_each = var.jobs

  name   = "${var.name_prefix}-${each.key}"
  role   = aws_iam_role.job[each.key].id
  policy = local.job_policies[each.key]
}

locals {
  job_policies = {
    "fetch-scene"  = data.aws_iam_policy_document.fetch_scene.json
    "cloud-filter" = data.aws_iam_policy_document.cloud_filter.json
    "cog-convert"  = data.aws_iam_policy_document.cog_convert.json
    "index-build"  = data.aws_iam_policy_document.index_build.json
  }

  source_object_arns = concat(
    [for bucket in var.source_buckets : "${local.s3_arn}${bucket}/*"],
    var.landing_prefix == "" ? [] : ["${local.raw_bucket_arn}/${var.landing_prefix}*"],
  )
  source_bucket_arns = [for bucket in var.source_buckets : "${local.s3_arn}${bucket}"]
  # Buckets to list (s3:ListBucket names a bucket, not a prefix): in the prefixes layout raw, opt and cog are one.
  raw_and_opt_bucket_arns = distinct(["${local.raw_bucket_arn}", "${local.opt_bucket_arn}"])
  tree_bucket_arns        = distinct(["${local.raw_bucket_arn}", "${local.opt_bucket_arn}", "${local.cog_bucket_arn}"])
  every_bucket_arn        = distinct(["${local.raw_bucket_arn}", "${local.opt_bucket_arn}", "${local.cog_bucket_arn}", "${local.runs_arn}"])
  index_object_arns = concat(
    formatlist("${local.raw_arn}/*.%s", var.index_object_suffixes),
    formatlist("${local.opt_arn}/*.%s", var.index_object_suffixes),
    formatlist("${local.cog_arn}/*.%s", var.index_object_suffixes),
    # map.html's script, stylesheet and licences
    ["${local.raw_arn}/${var.map_assets_prefix}*", "${local.opt_arn}/${var.map_assets_prefix}*", "${local.cog_arn}/${var.map_assets_prefix}*"],
  )
}

# Listing runs/ (a missing run record then reads as 404, not 403): every job and the submitter.
data "aws_iam_policy_document" "list_runs" {
  statement {
    sid       = "ListRuns"
    actions   = ["s3:ListBucket"]
    resources = [local.runs_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["runs/*"]
    }
  }
}

# Every job: read its run's manifest, send scene events.
data "aws_iam_policy_document" "job_common" {
  source_policy_documents = [data.aws_iam_policy_document.list_runs.json]

  statement {
    sid       = "ReadRunManifests"
    actions   = ["s3:GetObject"]
    resources = ["${local.runs_arn}/runs/*"]
  }
  statement {
    sid       = "SendSceneEvents"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.events.arn]
  }
}

# fetch-scene: read the source (requester pays: the role pays, no extra action needed), write the raw tree.
data "aws_iam_policy_document" "fetch_scene" {
  source_policy_documents = [data.aws_iam_policy_document.job_common.json]

  statement {
    sid       = "ReadSource"
    actions   = ["s3:GetObject"]
    resources = local.source_object_arns
  }
  statement {
    sid       = "ListSource"
    actions   = ["s3:ListBucket"]
    resources = local.source_bucket_arns
  }
  statement {
    sid       = "WriteRaw"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["${local.raw_arn}/*"]
  }
  statement {
    sid       = "ListRaw"
    actions   = ["s3:ListBucket", "s3:ListBucketMultipartUploads"]
    resources = [local.raw_bucket_arn]
  }
  # A scene fetched again first loses what an earlier, failed attempt left: only scene folders (<tile>/<scene-id>/),
  # never the landing prefix or another tree.
  statement {
    sid       = "ReplaceSceneObjects"
    actions   = ["s3:DeleteObject"]
    resources = ["${local.raw_arn}/h*v*/*_CU_*/*"]
  }
}

# cloud-filter: read raw, write its verdict and markers in raw, copy cloud-free scenes into opt (CopyObject: GetObject
# on the source, PutObject on the copy).
data "aws_iam_policy_document" "cloud_filter" {
  source_policy_documents = [data.aws_iam_policy_document.job_common.json]

  statement {
    sid       = "ReadRaw"
    actions   = ["s3:GetObject"]
    resources = ["${local.raw_arn}/*"]
  }
  statement {
    sid       = "WriteVerdictsAndMarkers"
    actions   = ["s3:PutObject"]
    resources = ["${local.raw_arn}/*/cloud.json", "${local.raw_arn}/*/_scenelift/cloud-filter.*"]
  }
  statement {
    sid       = "ClearOwnMarkers"
    actions   = ["s3:DeleteObject"]
    resources = ["${local.raw_arn}/*/_scenelift/cloud-filter.*"]
  }
  statement {
    # promotion is CopyObject into opt (one request, never multipart) and demotion deletes
    sid       = "WriteOpt"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["${local.opt_arn}/*"]
  }
  statement {
    sid       = "ListRawAndOpt"
    actions   = ["s3:ListBucket"]
    resources = local.raw_and_opt_bucket_arns
  }
  # The run's cloud-free list (runs/<run-id>/cloud-free.json, .txt and its per-child parts).
  statement {
    sid       = "WriteCloudFreeLists"
    actions   = ["s3:PutObject"]
    resources = ["${local.runs_arn}/runs/*/cloud-free*"]
  }
}

# cog-convert: read raw (and the cloud-free set), write the cog tree (COGs and its markers).
data "aws_iam_policy_document" "cog_convert" {
  source_policy_documents = [data.aws_iam_policy_document.job_common.json]

  statement {
    sid       = "ReadRawAndOpt"
    actions   = ["s3:GetObject"]
    resources = ["${local.raw_arn}/*", "${local.opt_arn}/*"]
  }
  statement {
    sid       = "WriteCog"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject"]
    resources = ["${local.cog_arn}/*"]
  }
  statement {
    sid       = "ListTrees"
    actions   = ["s3:ListBucket", "s3:ListBucketMultipartUploads"]
    resources = local.tree_bucket_arns
  }
}

# index-build: read everything, write index pages, STAC and eo3 documents (by suffix), map previews in cog and its
# markers in raw.
data "aws_iam_policy_document" "index_build" {
  source_policy_documents = [data.aws_iam_policy_document.job_common.json]

  statement {
    sid       = "ReadAll"
    actions   = ["s3:GetObject"]
    resources = ["${local.raw_arn}/*", "${local.opt_arn}/*", "${local.cog_arn}/*", "${local.runs_arn}/runs/*"]
  }
  statement {
    sid       = "ListAll"
    actions   = ["s3:ListBucket"]
    resources = local.every_bucket_arn
  }
  statement {
    sid       = "WriteIndexDocuments"
    actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
    resources = local.index_object_arns
  }
  # Each scene's map preview (map.html draws it first), beside its STAC item: these only, not any *.tif (the COGs
  # are cog-convert's); a single PutObject of a small file, so no multipart upload to abort.
  statement {
    sid       = "WriteMapPreviews"
    actions   = ["s3:PutObject"]
    resources = ["${local.cog_arn}/*_map-preview.tif"]
  }
  # Its markers are written as *.json index documents (above); clearing an old failure record is its own grant.
  statement {
    sid       = "ClearOwnMarkers"
    actions   = ["s3:DeleteObject"]
    resources = ["${local.raw_arn}/*/_scenelift/index-build.*"]
  }
}

# --- Who runs submit-run ------------------------------------------------------------------------------------------
# A managed policy to attach to the user, group or role that runs submit-run (plan, submit, status, watch, retry,
# listen). It holds what those commands call and nothing more; infra/'s AwsPathEndToEndTest checks both directions.

data "aws_iam_policy_document" "submitter" {
  source_policy_documents = [data.aws_iam_policy_document.list_runs.json]

  statement {
    sid     = "SubmitJobs"
    actions = ["batch:SubmitJob"]
    resources = [
      aws_batch_job_queue.main.arn,
      "arn:${data.aws_partition.current.partition}:batch:${var.region}:${local.account_id}:job-definition/${var.name_prefix}-*",
    ]
  }
  statement {
    sid       = "TagSubmittedJobs"
    actions   = ["batch:TagResource"]
    resources = ["arn:${data.aws_partition.current.partition}:batch:${var.region}:${local.account_id}:job/*"]
  }
  # DescribeJobs and ListJobs have no resource-level permissions: "*" is the only resource they take.
  statement {
    sid       = "FollowJobs"
    actions   = ["batch:DescribeJobs", "batch:ListJobs"]
    resources = ["*"]
  }
  statement {
    sid       = "WriteRunRecords"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${local.runs_arn}/runs/*"]
  }
  statement {
    sid       = "ReadMarkersAndVerdicts"
    actions   = ["s3:GetObject"]
    resources = ["${local.raw_arn}/*/_scenelift/*", "${local.raw_arn}/*/cloud.json", "${local.cog_arn}/*/_scenelift/*"]
  }
  # Without ListBucket a missing marker reads as 403 instead of 404.
  statement {
    sid       = "ListMarkerTrees"
    actions   = ["s3:ListBucket"]
    resources = [local.raw_arn, local.cog_arn]
  }
  statement {
    sid       = "ListSources"
    actions   = ["s3:ListBucket"]
    resources = local.source_bucket_arns
  }
  statement {
    sid       = "ReadSourceLists"
    actions   = ["s3:GetObject"]
    resources = local.source_object_arns
  }
  statement {
    sid       = "FollowSceneEvents"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"]
    resources = [aws_sqs_queue.events.arn]
  }
  statement {
    sid       = "ListenForLandings"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
    resources = ["arn:${data.aws_partition.current.partition}:sqs:${var.region}:${local.account_id}:${var.name_prefix}-landing"]
  }
}

resource "aws_iam_policy" "submitter" {
  name        = "${var.name_prefix}-submitter"
  description = "What submit-run calls: submit and follow the Batch jobs, write run records, read markers and events."
  policy      = data.aws_iam_policy_document.submitter.json
}
