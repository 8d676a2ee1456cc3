# AWS Batch: one managed compute environment (EC2 Spot by default, Fargate with use_fargate), one job queue, and the
# four job definitions submit-run submits as array jobs (names <name_prefix>-<job>).

data "aws_vpc" "selected" {
  id      = var.vpc_id
  default = var.vpc_id == null ? true : null
}

data "aws_subnets" "selected" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.selected.id]
  }
}

locals {
  subnet_ids = length(var.subnet_ids) > 0 ? var.subnet_ids : data.aws_subnets.selected.ids
}

# Jobs only call out: S3, SQS, ECR, CloudWatch Logs and HTTPS sources.
resource "aws_security_group" "batch" {
  name_prefix = "${var.name_prefix}-batch-"
  description = "scenelift Batch jobs: no inbound; outbound HTTPS only"
  vpc_id      = data.aws_vpc.selected.id

  egress {
    description = "HTTPS to AWS APIs and sources"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_compute_environment" "spot" {
  count = var.use_fargate ? 0 : 1

  compute_environment_name_prefix = "${var.name_prefix}-spot-"
  type                            = "MANAGED"
  service_role                    = aws_iam_role.batch_service.arn

  compute_resources {
    type                = "SPOT"
    allocation_strategy = "SPOT_PRICE_CAPACITY_OPTIMIZED"
    bid_percentage      = var.spot_bid_percentage
    min_vcpus           = 0
    max_vcpus           = var.max_vcpus
    instance_type       = var.instance_types
    instance_role       = aws_iam_instance_profile.ecs_instance.arn
    subnets             = local.subnet_ids
    security_group_ids  = [aws_security_group.batch.id]

    ec2_configuration {
      image_type = "ECS_AL2023"
    }
    tags = {
      Name = "${var.name_prefix}-batch"
    }
  }

  lifecycle {
    create_before_destroy = true
  }
  depends_on = [aws_iam_role_policy_attachment.batch_service]
}

resource "aws_batch_compute_environment" "fargate" {
  count = var.use_fargate ? 1 : 0

  compute_environment_name_prefix = "${var.name_prefix}-fargate-"
  type                            = "MANAGED"
  service_role                    = aws_iam_role.batch_service.arn

  compute_resources {
    type               = var.fargate_spot ? "FARGATE_SPOT" : "FARGATE"
    max_vcpus          = var.max_vcpus
    subnets            = local.subnet_ids
    security_group_ids = [aws_security_group.batch.id]
  }

  lifecycle {
    create_before_destroy = true
  }
  depends_on = [aws_iam_role_policy_attachment.batch_service]
}

resource "aws_batch_job_queue" "main" {
  name     = var.name_prefix
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = var.use_fargate ? aws_batch_compute_environment.fargate[0].arn : aws_batch_compute_environment.spot[0].arn
  }
}

resource "aws_cloudwatch_log_group" "jobs" {
  name              = "/aws/batch/${var.name_prefix}"
  retention_in_days = var.log_retention_days
}

locals {
  # What every job finds in its environment (names: dev.scenelift.job.JobEnv), plus its own from var.jobs. The
  # run-specific variables, SCENELIFT_RUN_ID and SCENELIFT_MANIFEST, are container overrides submit-run sets on each
  # job it submits.
  job_environment = {
    AWS_REGION              = var.region
    SCENELIFT_EVENTS_QUEUE  = aws_sqs_queue.events.url
    SCENELIFT_REQUEST_PAYER = tostring(var.source_requester_pays)
  }
}

resource "aws_batch_job_definition" "job" {
  for_each = var.jobs

  name                  = "${var.name_prefix}-${each.key}"
  type                  = "container"
  platform_capabilities = [var.use_fargate ? "FARGATE" : "EC2"]
  propagate_tags        = true
  container_properties = jsonencode({
    image            = "${aws_ecr_repository.job[each.key].repository_url}:${var.image_tag}"
    jobRoleArn       = aws_iam_role.job[each.key].arn
    executionRoleArn = aws_iam_role.ecs_execution.arn
    resourceRequirements = [
      { type = "VCPU", value = tostring(each.value.vcpu) },
      { type = "MEMORY", value = tostring(each.value.memory) },
    ]
    environment = [for name, value in merge(local.job_environment, each.value.environment) : { name = name, value = value }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.jobs.name
        "awslogs-region"        = var.region
        "awslogs-stream-prefix" = each.key
      }
    }
    # Fargate only; null (left out) on EC2, which rejects them.
    networkConfiguration         = var.use_fargate ? { assignPublicIp = var.assign_public_ip ? "ENABLED" : "DISABLED" } : null
    fargatePlatformConfiguration = var.use_fargate ? { platformVersion = "LATEST" } : null
  })

  # The same strategy submit-run puts on every job it submits (at most 5 rules, first match wins). Exit codes are
  # dev.scenelift.job.ExitCodes: 1 (scenes failed) and 2 (usage) are data or configuration errors a retry cannot fix.
  retry_strategy {
    attempts = 3
    evaluate_on_exit {
      action           = "RETRY"
      on_status_reason = "Host EC2*"
    }
    evaluate_on_exit {
      action    = "RETRY"
      on_reason = "CannotPullContainerError*"
    }
    evaluate_on_exit {
      action       = "EXIT"
      on_exit_code = "1"
    }
    evaluate_on_exit {
      action       = "EXIT"
      on_exit_code = "2"
    }
    # No catch-all EXIT: a failure no rule matches (exit 3, infrastructure; a crash; a killed container) is retried,
    # which is AWS Batch's rule for unmatched failures.
  }

  timeout {
    attempt_duration_seconds = each.value.timeout_seconds
  }

  tags = {
    job = each.key
  }
}
