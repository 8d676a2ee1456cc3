# The buckets: raw ARD as fetched (the full tile), the cloud-free ("opt") set, the COG research set, and runs
# (manifests); with layout = "prefixes" the first three are prefixes of one data bucket (keyed raw).
# All private (public access blocked), encrypted at rest, TLS only, incomplete multipart uploads aborted after 1 day.

locals {
  # Public index prefixes per bucket: in the prefixes layout every tree's prefixes are keys of the data bucket.
  public_read_prefixes = var.layout == "buckets" ? var.public_read_prefixes : (
    length(var.public_read_prefixes) == 0 ? {} : { raw = flatten(values(var.public_read_prefixes)) }
  )
}

resource "aws_s3_bucket" "data" {
  for_each = local.bucket_names

  bucket        = each.value
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_ownership_controls" "data" {
  for_each = aws_s3_bucket.data

  bucket = each.value.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "data" {
  for_each = aws_s3_bucket.data

  bucket             = each.value.id
  block_public_acls  = true
  ignore_public_acls = true
  # Only a bucket listed in public_read_prefixes may carry the public-read statement below.
  block_public_policy     = !contains(keys(local.public_read_prefixes), each.key)
  restrict_public_buckets = !contains(keys(local.public_read_prefixes), each.key)
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  for_each = aws_s3_bucket.data

  bucket = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "data" {
  for_each = { for name, bucket in aws_s3_bucket.data : name => bucket if contains(var.versioned_buckets, name) }

  bucket = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  for_each = aws_s3_bucket.data

  bucket = each.value.id

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  # Only has an effect on versioned buckets: replaced and deleted versions do not pile up forever.
  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.data]
}

data "aws_iam_policy_document" "bucket" {
  for_each = aws_s3_bucket.data

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [each.value.arn, "${each.value.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # Opt-in: anyone may read the index pages under the listed prefixes and, in a bucket with any, the script and
  # stylesheet of map.html (assets/map/); nothing else.
  dynamic "statement" {
    for_each = lookup(local.public_read, each.key, [])
    content {
      sid       = "PublicReadIndexPages${statement.key}"
      effect    = "Allow"
      actions   = ["s3:GetObject"]
      resources = ["${each.value.arn}/${statement.value}*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
    }
  }
}

locals {
  # A published bucket also serves map.html's bundled script and stylesheet, which index-build copies to assets/map/.
  public_read = { for bucket, prefixes in local.public_read_prefixes : bucket => concat(prefixes, [var.map_assets_prefix]) }
}

# Browsers (map.html, STAC browsers) read published objects by HTTP range from pages of any origin the user allows:
# GET and HEAD with a Range header, the range headers exposed. Only on buckets with public_read_prefixes.
resource "aws_s3_bucket_cors_configuration" "published" {
  for_each = { for name, bucket in aws_s3_bucket.data : name => bucket if contains(keys(local.public_read_prefixes), name) }

  bucket = each.value.id
  cors_rule {
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = var.cors_allowed_origins
    allowed_headers = ["Range"]
    expose_headers  = ["Accept-Ranges", "Content-Length", "Content-Range", "ETag"]
    max_age_seconds = 86400
  }
}

resource "aws_s3_bucket_policy" "data" {
  for_each = aws_s3_bucket.data

  bucket = each.value.id
  policy = data.aws_iam_policy_document.bucket[each.key].json

  depends_on = [aws_s3_bucket_public_access_block.data]
}

# Optional: bundles landing under landing_prefix in the raw bucket notify the landing queue (`submit-run listen`).
resource "aws_s3_bucket_notification" "landing" {
  count = var.landing_prefix == "" ? 0 : 1

  bucket = aws_s3_bucket.data["raw"].id
  queue {
    queue_arn     = aws_sqs_queue.landing[0].arn
    events        = ["s3:ObjectCreated:*"]
    filter_prefix = var.landing_prefix
  }

  depends_on = [aws_sqs_queue_policy.landing]
}
