package dev.scenelift.batch.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Prices the dry run's estimate uses, in US dollars. The defaults are us-east-1 list prices as published on AWS's
 * pricing pages on {@value #DEFAULTS_AS_OF}; Spot prices move, so the Spot figures are a typical m5/c5 Spot price split
 * into vCPU and memory shares the way Fargate prices them. Override any field under {@code "prices"} in the config file.
 *
 * @param asOf the date the prices were taken
 * @param spotVcpuHour EC2 Spot, per vCPU-hour
 * @param spotGbHour EC2 Spot, per GB of memory per hour
 * @param fargateVcpuHour Fargate (Linux/x86), per vCPU-hour
 * @param fargateGbHour Fargate, per GB-hour
 * @param s3PutPer1000 S3 Standard PUT/COPY/POST/LIST per 1000 requests
 * @param s3GetPer1000 S3 Standard GET/HEAD per 1000 requests
 * @param s3StorageGbMonth S3 Standard storage per GB-month (first 50 TB)
 * @param s3TransferInterRegionGb S3 data transfer out to another AWS region, per GB (US regions); what a requester
 *     pays to read a requester-pays bucket from another region. Within the bucket's region transfer is free.
 */
public record PriceTable(
    @JsonProperty("as_of") String asOf,
    @JsonProperty("spot_vcpu_hour") double spotVcpuHour,
    @JsonProperty("spot_gb_hour") double spotGbHour,
    @JsonProperty("fargate_vcpu_hour") double fargateVcpuHour,
    @JsonProperty("fargate_gb_hour") double fargateGbHour,
    @JsonProperty("s3_put_per_1000") double s3PutPer1000,
    @JsonProperty("s3_get_per_1000") double s3GetPer1000,
    @JsonProperty("s3_storage_gb_month") double s3StorageGbMonth,
    @JsonProperty("s3_transfer_inter_region_gb") double s3TransferInterRegionGb) {

  public static final String DEFAULTS_AS_OF = "2025-06-01";

  public PriceTable {
    for (double p :
        new double[] {
          spotVcpuHour, spotGbHour, fargateVcpuHour, fargateGbHour, s3PutPer1000, s3GetPer1000, s3StorageGbMonth,
          s3TransferInterRegionGb
        }) {
      if (!(p >= 0)) {
        throw new IllegalArgumentException("prices must be non-negative numbers, got " + p);
      }
    }
  }

  /** us-east-1 list prices of {@value #DEFAULTS_AS_OF}. */
  public static PriceTable defaults() {
    return new PriceTable(DEFAULTS_AS_OF, 0.0122, 0.0013, 0.04048, 0.004445, 0.005, 0.0004, 0.023, 0.02);
  }

  /** These prices with the fields present in {@code overrides} replaced. */
  public PriceTable withOverrides(JsonNode overrides) {
    if (overrides == null || overrides.isNull() || overrides.isEmpty()) {
      return this;
    }
    if (!overrides.isObject()) {
      throw new IllegalArgumentException("\"prices\" must be an object of price fields, got " + overrides);
    }
    ObjectNode merged = Json.mapper().valueToTree(this);
    overrides.fields().forEachRemaining(f -> {
      if (!merged.has(f.getKey())) {
        throw new IllegalArgumentException("unknown price '" + f.getKey() + "' (known: " + fieldNames(merged) + ")");
      }
      merged.set(f.getKey(), f.getValue());
    });
    try {
      return Json.mapper().treeToValue(merged, PriceTable.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fieldNames(ObjectNode node) {
    StringBuilder out = new StringBuilder();
    node.fieldNames().forEachRemaining(n -> out.append(out.length() == 0 ? "" : ", ").append(n));
    return out.toString();
  }
}
