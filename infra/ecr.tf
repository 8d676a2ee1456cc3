# One repository per job image (pushed by `mvn -Ppush ...` or `mvn -pl jobs/<job> jib:build -Dimage=<url>:<tag>`, see
# README.md) and one for the base image they are layered on (docker/base). Untagged images expire after 7 days; only
# the newest tagged ones stay.

resource "aws_ecr_repository" "job" {
  for_each = var.jobs

  name                 = "${var.name_prefix}-${each.key}"
  image_tag_mutability = "MUTABLE"
  force_delete         = var.force_destroy

  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_repository" "base" {
  name                 = "${var.name_prefix}-base"
  image_tag_mutability = "MUTABLE"
  force_delete         = var.force_destroy

  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "all" {
  for_each = merge(aws_ecr_repository.job, { base = aws_ecr_repository.base })

  repository = each.value.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Untagged images expire after 7 days"
        selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 7 }
        action       = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the newest tagged images"
        selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = var.ecr_keep_images }
        action       = { type = "expire" }
      },
    ]
  })
}
