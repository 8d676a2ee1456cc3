package dev.scenelift.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Buckets and queues of infra/: private, encrypted, TLS only, no dangling uploads, events with a dead-letter queue. */
class TerraformStorageTest {
  private static final String ALL_BUCKETS = "aws_s3_bucket.data";

  private final TerraformModule tf = TerraformModule.ofProject();

  @Test
  void prefixesLayoutPutsTheThreeCollectionsInOneDataBucket() {
    TerraformModule prefixes = TerraformModule.ofProject("prefixes");
    @SuppressWarnings("unchecked")
    Map<String, Object> names = (Map<String, Object>) prefixes.locals().get("bucket_names");
    assertThat(names).containsOnlyKeys("raw", "runs");
    assertThat(String.valueOf(names.get("raw"))).contains("-data-");
    assertThat(tf.variableDefault("layout")).isEqualTo("buckets");
    assertThat(tf.text()).contains("contains([\"buckets\", \"prefixes\"], var.layout)");
  }

  @Test
  void thereIsOneBucketPerTree() {
    @SuppressWarnings("unchecked")
    Map<String, Object> names = (Map<String, Object>) tf.locals().get("bucket_names");
    assertThat(names).containsOnlyKeys("raw", "opt", "cog", "runs");
    assertThat(tf.resource("aws_s3_bucket", "data").get("for_each")).isEqualTo(names);
    assertThat(tf.resource("aws_s3_bucket", "data").get("force_destroy")).isEqualTo(false);
  }

  @Test
  void everyBucketAbortsIncompleteMultipartUploadsAfterOneDay() {
    Map<String, Object> lifecycle = tf.resource("aws_s3_bucket_lifecycle_configuration", "data");
    assertThat(String.valueOf(lifecycle.get("for_each"))).isEqualTo(ALL_BUCKETS);

    Map<String, Object> abort =
        TerraformModule.blocks(lifecycle.get("rule")).stream()
            .filter(r -> r.containsKey("abort_incomplete_multipart_upload"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no abort_incomplete_multipart_upload rule"));
    assertThat(abort.get("status")).isEqualTo("Enabled");
    assertThat(abort.get("filter")).as("the whole bucket").isEqualTo(Map.of());
    Map<String, Object> days = TerraformModule.blocks(abort.get("abort_incomplete_multipart_upload")).get(0);
    assertThat(((Number) days.get("days_after_initiation")).intValue()).isEqualTo(1);
  }

  @Test
  void everyBucketDeniesRequestsWithoutTls() {
    assertThat(String.valueOf(tf.resource("aws_s3_bucket_policy", "data").get("for_each"))).isEqualTo(ALL_BUCKETS);
    Map<String, Object> policy = tf.data("aws_iam_policy_document", "bucket");
    assertThat(String.valueOf(policy.get("for_each"))).isEqualTo(ALL_BUCKETS);

    Map<String, Object> deny =
        TerraformModule.blocks(policy.get("statement")).stream()
            .filter(s -> "DenyInsecureTransport".equals(s.get("sid")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no DenyInsecureTransport statement"));
    assertThat(deny.get("effect")).isEqualTo("Deny");
    assertThat(TerraformModule.strings(deny.get("actions"))).containsExactly("s3:*");
    assertThat(TerraformModule.strings(deny.get("resources"))).containsExactly("each.value.arn", "each.value.arn/*");
    Map<String, Object> condition = TerraformModule.blocks(deny.get("condition")).get(0);
    assertThat(condition)
        .containsEntry("test", "Bool")
        .containsEntry("variable", "aws:SecureTransport")
        .containsEntry("values", List.of("false"));
  }

  @Test
  void publicAccessIsBlockedUnlessIndexPrefixesAreOptedIn() {
    Map<String, Object> block = tf.resource("aws_s3_bucket_public_access_block", "data");
    assertThat(String.valueOf(block.get("for_each"))).isEqualTo(ALL_BUCKETS);
    // with the defaults (no public prefixes) hcl4j evaluates every flag to true
    assertThat(tf.variableDefault("public_read_prefixes")).isEqualTo(Map.of());
    assertThat(block)
        .containsEntry("block_public_acls", true)
        .containsEntry("ignore_public_acls", true)
        .containsEntry("block_public_policy", true)
        .containsEntry("restrict_public_buckets", true);

    // the only Allow in a bucket policy: GetObject under an opted-in prefix, never the whole bucket
    Map<String, Object> policy = tf.data("aws_iam_policy_document", "bucket");
    @SuppressWarnings("unchecked")
    Map<String, Object> dynamic = (Map<String, Object>) policy.get("dynamic");
    @SuppressWarnings("unchecked")
    Map<String, Object> content =
        (Map<String, Object>) TerraformModule.blocks(dynamic.get("statement")).get(0).get("content");
    assertThat(content.get("effect")).isEqualTo("Allow");
    assertThat(TerraformModule.strings(content.get("actions"))).containsExactly("s3:GetObject");
    assertThat(TerraformModule.strings(content.get("resources"))).containsExactly("each.value.arn/statement.value*");
    assertThat(tf.text()).contains("for_each = lookup(local.public_read, each.key, [])");
    assertThat(tf.text())
        .contains("public_read = { for bucket, prefixes in local.public_read_prefixes : bucket => concat(prefixes, "
            + "[var.map_assets_prefix]) }");
  }

  @Test
  void publishedBucketsAnswerRangeReadsFromOtherOriginsAndPrivateOnesHaveNoCors() {
    Map<String, Object> cors = tf.resource("aws_s3_bucket_cors_configuration", "published");
    assertThat(tf.text())
        .as("CORS only on the published buckets")
        .contains("name => bucket if contains(keys(local.public_read_prefixes), name) }\n\n  bucket = each.value.id\n"
            + "  cors_rule {");
    @SuppressWarnings("unchecked")
    Map<String, Object> rule = (Map<String, Object>) TerraformModule.blocks(cors.get("cors_rule")).get(0);
    assertThat(TerraformModule.strings(rule.get("allowed_methods"))).containsExactly("GET", "HEAD");
    assertThat(TerraformModule.strings(rule.get("allowed_headers"))).containsExactly("Range");
    assertThat(TerraformModule.strings(rule.get("expose_headers")))
        .contains("Content-Range", "Content-Length", "ETag", "Accept-Ranges");
    assertThat(tf.variableDefault("cors_allowed_origins")).isEqualTo(java.util.List.of("*"));
    assertThat(tf.variableDefault("map_assets_prefix")).isEqualTo("assets/map/");
  }

  @Test
  void everyBucketIsEncryptedAndTheRawAndRunsBucketsAreVersioned() {
    Map<String, Object> encryption = tf.resource("aws_s3_bucket_server_side_encryption_configuration", "data");
    assertThat(String.valueOf(encryption.get("for_each"))).isEqualTo(ALL_BUCKETS);
    Map<String, Object> rule = TerraformModule.blocks(encryption.get("rule")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> sse = (Map<String, Object>) rule.get("apply_server_side_encryption_by_default");
    assertThat(sse.get("sse_algorithm")).isEqualTo("AES256");

    assertThat(TerraformModule.strings(tf.variableDefault("versioned_buckets"))).containsExactly("raw", "runs");
    assertThat(tf.text())
        .contains("for_each = { for name, bucket in aws_s3_bucket.data : name => bucket if contains(var.versioned_buckets, name) }");
  }

  @Test
  void eventsQueueRedrivesToItsDeadLetterQueue() {
    Map<String, Object> events = tf.resource("aws_sqs_queue", "events");
    Map<String, Object> deadLetter = tf.resource("aws_sqs_queue", "dead_letter");

    JsonNode redrive = TerraformModule.json(events.get("redrive_policy"));
    assertThat(redrive.path("deadLetterTargetArn").path("name").asText()).isEqualTo("aws_sqs_queue.dead_letter.arn");
    assertThat(redrive.path("maxReceiveCount").asInt()).isBetween(1, 1000);
    assertThat(((Number) deadLetter.get("message_retention_seconds")).longValue())
        .as("a dead letter outlives the event")
        .isGreaterThan(((Number) events.get("message_retention_seconds")).longValue());
    assertThat(events.get("sqs_managed_sse_enabled")).isEqualTo(true);
    JsonNode allow = TerraformModule.json(tf.resource("aws_sqs_queue_redrive_allow_policy", "dead_letter").get("redrive_allow_policy"));
    assertThat(allow.path("redrivePermission").asText()).isEqualTo("byQueue");
  }

  @Test
  void landingNotificationIsOptInAndLimitedToItsPrefix() {
    assertThat(tf.variableDefault("landing_prefix")).isEqualTo("");
    Map<String, Object> notification = tf.resource("aws_s3_bucket_notification", "landing");
    assertThat(((Number) notification.get("count")).intValue()).as("off by default").isZero();
    Map<String, Object> queue = TerraformModule.blocks(notification.get("queue")).get(0);
    assertThat(TerraformModule.strings(queue.get("events"))).containsExactly("s3:ObjectCreated:*");
    assertThat(tf.text()).contains("filter_prefix = var.landing_prefix");
    Map<String, Object> statement =
        TerraformModule.blocks(tf.data("aws_iam_policy_document", "landing_queue").get("statement")).get(0);
    assertThat(TerraformModule.blocks(statement.get("condition")))
        .extracting(c -> c.get("variable"))
        .contains("aws:SourceArn", "aws:SourceAccount");
  }
}
