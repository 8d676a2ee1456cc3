terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.x from 5.31 on: aws_batch_job_queue's compute_environment_order block
      version = "~> 5.31"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ project = var.name_prefix }, var.tags)
  }
}
