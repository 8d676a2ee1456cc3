# Scene events: every job sends one JSON message per scene and stage (SCENELIFT_EVENTS_QUEUE); `submit-run watch`
# reads them. A message received max_receive_count times without being deleted moves to the dead-letter queue.

resource "aws_sqs_queue" "dead_letter" {
  name                      = "${var.name_prefix}-events-dlq"
  message_retention_seconds = var.dead_letter_retention_seconds
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "events" {
  name                       = "${var.name_prefix}-events"
  message_retention_seconds  = var.events_retention_seconds
  visibility_timeout_seconds = 60
  receive_wait_time_seconds  = 20
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = var.max_receive_count
  })
}

# Optional: S3 ObjectCreated notifications for the landing prefix, turned into runs by `submit-run listen`.
resource "aws_sqs_queue" "landing" {
  count = var.landing_prefix == "" ? 0 : 1

  name                       = "${var.name_prefix}-landing"
  message_retention_seconds  = var.events_retention_seconds
  visibility_timeout_seconds = 300
  receive_wait_time_seconds  = 20
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = var.max_receive_count
  })
}

# Only our own queues may use the dead-letter queue.
resource "aws_sqs_queue_redrive_allow_policy" "dead_letter" {
  queue_url = aws_sqs_queue.dead_letter.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = concat([aws_sqs_queue.events.arn], aws_sqs_queue.landing[*].arn)
  })
}

data "aws_iam_policy_document" "landing_queue" {
  count = var.landing_prefix == "" ? 0 : 1

  statement {
    sid       = "RawBucketNotifications"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.landing[0].arn]
    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.raw_bucket_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_sqs_queue_policy" "landing" {
  count = var.landing_prefix == "" ? 0 : 1

  queue_url = aws_sqs_queue.landing[0].id
  policy    = data.aws_iam_policy_document.landing_queue[0].json
}
