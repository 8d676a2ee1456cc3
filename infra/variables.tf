# Every input has a description and a default: `terraform apply` with no -var works in an account with a default VPC.

variable "region" {
  description = "AWS region for everything. us-west-2 is where the USGS Landsat archive (requester pays) lives."
  type        = string
  default     = "us-west-2"
}

variable "name_prefix" {
  description = "Prefix of every name: job definitions and ECR repositories are <name_prefix>-<job>, the queue is <name_prefix>."
  type        = string
  default     = "scenelift"
}

variable "tags" {
  description = "Extra tags for every resource (the provider adds project = name_prefix)."
  type        = map(string)
  default     = {}
}

# --- S3 -----------------------------------------------------------------------------------------------------------

variable "bucket_suffix" {
  description = "Suffix making bucket names globally unique: <name_prefix>-<raw|opt|cog|runs>-<suffix>. Empty: the account id."
  type        = string
  default     = ""
}

variable "versioned_buckets" {
  description = "Buckets whose loss would hurt get versioning: raw (re-fetching costs requester-pays egress) and runs (the record of what ran). opt and cog are derived and can be rebuilt."
  type        = list(string)
  default     = ["raw", "runs"]
}

variable "noncurrent_version_days" {
  description = "Days a replaced or deleted object version is kept in a versioned bucket."
  type        = number
  default     = 30
}

variable "public_read_prefixes" {
  description = "Opt-in public read for the index pages: tree (raw, opt or cog) -> key prefixes of its bucket, e.g. { cog = [\"h03v03/\"] } (in the prefixes layout keys of the data bucket, e.g. { cog = [\"cog/h03v03/\"] }). Each collection's pages link to the others', so make the three public together. Empty: nothing is public."
  type        = map(list(string))
  default     = {}

  validation {
    condition     = alltrue([for bucket, prefixes in var.public_read_prefixes : contains(["raw", "opt", "cog"], bucket) && alltrue([for p in prefixes : length(p) > 0])])
    error_message = "public_read_prefixes: keys must be raw, opt or cog, and every prefix must be non-empty (never a whole bucket)."
  }
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete non-empty buckets and repositories. Keep false for real data."
  type        = bool
  default     = false
}

variable "source_buckets" {
  description = "Buckets fetch-scene may read scenes from (requester pays is set on the request, see source_requester_pays)."
  type        = list(string)
  default     = ["usgs-landsat"]
}

variable "source_requester_pays" {
  description = "Read s3:// sources with x-amz-request-payer: requester (SCENELIFT_REQUEST_PAYER)."
  type        = bool
  default     = true
}

variable "landing_prefix" {
  description = "Key prefix in the raw bucket where a bulk downloader drops bundles; non-empty creates the landing queue and the S3 notification `submit-run listen` reads. Empty: no notification."
  type        = string
  default     = ""
}

# --- SQS ----------------------------------------------------------------------------------------------------------

variable "events_retention_seconds" {
  description = "How long a scene event stays in the events queue (default 4 days)."
  type        = number
  default     = 345600
}

variable "dead_letter_retention_seconds" {
  description = "How long an undeliverable event stays in the dead-letter queue (default 14 days, the maximum)."
  type        = number
  default     = 1209600
}

variable "max_receive_count" {
  description = "Receives after which an event moves to the dead-letter queue."
  type        = number
  default     = 5
}

# --- Batch --------------------------------------------------------------------------------------------------------

variable "use_fargate" {
  description = "Run on Fargate instead of EC2 Spot instances (no instances to manage; pricier per vCPU-hour)."
  type        = bool
  default     = false
}

variable "fargate_spot" {
  description = "With use_fargate: use FARGATE_SPOT capacity."
  type        = bool
  default     = true
}

variable "max_vcpus" {
  description = "Upper bound of the compute environment: how many vCPUs may run at once."
  type        = number
  default     = 64
}

variable "instance_types" {
  description = "EC2 instance families the Spot compute environment may launch (SPOT_PRICE_CAPACITY_OPTIMIZED picks among them)."
  type        = list(string)
  default     = ["c6i", "m6i", "r6i", "c5", "m5", "r5"]
}

variable "spot_bid_percentage" {
  description = "Highest Spot price as a percentage of the On-Demand price."
  type        = number
  default     = 100
}

variable "vpc_id" {
  description = "VPC of the compute environment. null: the account's default VPC."
  type        = string
  default     = null
}

variable "subnet_ids" {
  description = "Subnets of the compute environment (they need a route to S3, ECR and SQS). Empty: every subnet of the VPC."
  type        = list(string)
  default     = []
}

variable "image_tag" {
  description = "Image tag the job definitions run (pushed by `mvn -Ppush`, README.md)."
  type        = string
  default     = "latest"
}

variable "jobs" {
  description = "Per job: vCPUs, memory (MiB), attempt timeout (seconds) and extra environment (names from dev.scenelift.job.JobEnv). Sizes are valid Fargate combinations too."
  type = map(object({
    vcpu            = number
    memory          = number
    timeout_seconds = number
    environment     = map(string)
  }))
  default = {
    "fetch-scene" = {
      vcpu            = 1
      memory          = 2048
      timeout_seconds = 3600
      environment     = { SCENELIFT_WORKERS = "4" } # streaming: network bound
    }
    "cloud-filter" = {
      vcpu            = 1
      memory          = 2048
      timeout_seconds = 1800
      environment     = { SCENELIFT_WORKERS = "2" }
    }
    "cog-convert" = {
      vcpu            = 2
      memory          = 8192
      timeout_seconds = 3600
      environment     = { SCENELIFT_WORKERS = "2" }
    }
    "index-build" = {
      vcpu            = 1
      memory          = 4096
      timeout_seconds = 3600
      environment     = { SCENELIFT_WORKERS = "2" }
    }
  }

  validation {
    condition     = length(setsubtract(["fetch-scene", "cloud-filter", "cog-convert", "index-build"], keys(var.jobs))) == 0
    error_message = "jobs must configure fetch-scene, cloud-filter, cog-convert and index-build."
  }
}

variable "log_retention_days" {
  description = "Days the jobs' CloudWatch logs are kept."
  type        = number
  default     = 30
}

variable "ecr_keep_images" {
  description = "Tagged images kept per ECR repository; older ones expire (untagged ones after 7 days)."
  type        = number
  default     = 20
}

variable "assign_public_ip" {
  description = "With use_fargate: give tasks a public IP (needed in public subnets without a NAT gateway to reach ECR and S3)."
  type        = bool
  default     = true
}

variable "cors_allowed_origins" {
  description = "Origins whose pages may read the published buckets by HTTP range (CORS GET/HEAD with Range), e.g. a STAC browser's site. Only buckets in public_read_prefixes get CORS rules."
  type        = list(string)
  default     = ["*"]
}

variable "map_assets_prefix" {
  description = "Where index-build copies map.html's script and stylesheet in each bucket (content-hashed names); public in published buckets."
  type        = string
  default     = "assets/map/"
}

variable "index_object_suffixes" {
  description = "File suffixes index-build may write in the raw, opt and cog buckets: index pages, thumbnails (png), STAC (json) and eo3 (yaml) documents."
  type        = list(string)
  default     = ["html", "css", "png", "json", "yaml"]
}

# --- Collections -----------------------------------------------------------------------------------------------------

variable "layout" {
  description = "Where the three collections (full tile raw, cloud-free opt, COG research set cog) live: buckets = a bucket each (<name_prefix>-<raw|opt|cog>-<suffix>, each tree at its bucket's root), prefixes = raw/, opt/ and cog/ of one data bucket (<name_prefix>-data-<suffix>). submit-run reads it from the layout output. The runs bucket is separate either way."
  type        = string
  default     = "buckets"

  validation {
    condition     = contains(["buckets", "prefixes"], var.layout)
    error_message = "layout must be buckets or prefixes."
  }
}
