# scenelift on AWS. Read the files in this order:
#   main.tf      names and the bucket layout every other file uses
#   s3.tf        the buckets (layout: three collection buckets or one data bucket, and runs): private, encrypted, TLS
#                only, versioned where loss hurts
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

  # The three collections (full tile, cloud-free, COG research set) are the raw, opt and cog trees of
  # dev.scenelift.store.KeyLayout. var.layout = "buckets": each tree is the root of a bucket of its own;
  # "prefixes": the trees are raw/, opt/ and cog/ of one data bucket (the bucket keyed raw below). The runs bucket
  # (manifests) is separate either way.
  bucket_suffix = var.bucket_suffix != "" ? var.bucket_suffix : local.account_id
  collection_buckets = {
    raw = "${var.name_prefix}-raw-${local.bucket_suffix}"
    opt = "${var.name_prefix}-opt-${local.bucket_suffix}"
    cog = "${var.name_prefix}-cog-${local.bucket_suffix}"
  }
  data_bucket = "${var.name_prefix}-data-${local.bucket_suffix}"
  runs_bucket = "${var.name_prefix}-runs-${local.bucket_suffix}"
  bucket_names = var.layout == "buckets" ? {
    raw  = local.collection_buckets.raw
    opt  = local.collection_buckets.opt
    cog  = local.collection_buckets.cog
    runs = local.runs_bucket
    } : {
    raw  = local.data_bucket
    runs = local.runs_bucket
  }
  # Per tree: its bucket, and its key prefix in it ("" for a whole bucket).
  tree_buckets  = var.layout == "buckets" ? local.collection_buckets : { raw = local.data_bucket, opt = local.data_bucket, cog = local.data_bucket }
  tree_prefixes = var.layout == "buckets" ? { raw = "", opt = "", cog = "" } : { raw = "/raw", opt = "/opt", cog = "/cog" }

  # Shorthands for the IAM documents: a tree's bucket (for s3:ListBucket), and the ARN its object patterns start with
  # ("${local.raw_arn}/*" is every object of the raw tree, in either layout).
  raw_bucket_arn = "${local.s3_arn}${local.tree_buckets.raw}"
  opt_bucket_arn = "${local.s3_arn}${local.tree_buckets.opt}"
  cog_bucket_arn = "${local.s3_arn}${local.tree_buckets.cog}"
  raw_arn        = "${local.raw_bucket_arn}${local.tree_prefixes.raw}"
  opt_arn        = "${local.opt_bucket_arn}${local.tree_prefixes.opt}"
  cog_arn        = "${local.cog_bucket_arn}${local.tree_prefixes.cog}"
  runs_arn       = "${local.s3_arn}${local.runs_bucket}"
}
