package dev.scenelift.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.testing.FaultProxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3RetriesUnderFaultsTest {
  @Test
  void configuredRetriesCarryPutsAndGetsThroughInjectedFaults() throws Exception {
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client direct = S3ClientFactory.create(store.settings());
        FaultProxy proxy = new FaultProxy(store.endpoint(), 0.0, 42)) {
      direct.createBucket(b -> b.bucket("faults"));
      S3Settings viaProxy =
          S3Settings.compatible(proxy.endpoint(), EmbeddedS3Store.ACCESS_KEY, EmbeddedS3Store.SECRET_KEY);
      proxy.setShare(0.2);
      proxy.setStallMillis(50);
      try (S3Client s3 = S3ClientFactory.create(viaProxy)) {
        for (int i = 0; i < 60; i++) {
          String key = "k/" + i;
          byte[] body = ("object " + i + " ").repeat(1000).getBytes(StandardCharsets.UTF_8);
          s3.putObject(b -> b.bucket("faults").key(key), RequestBody.fromBytes(body));
          assertThat(s3.getObjectAsBytes(b -> b.bucket("faults").key(key)).asByteArray()).isEqualTo(body);
        }
      }
      assertThat(proxy.injectedTotal()).as("faults were really injected").isGreaterThan(10);
      assertThat(proxy.injected(FaultProxy.Fault.SLOW_DOWN_503)).isPositive();
      assertThat(proxy.injected(FaultProxy.Fault.DROP_MID_REQUEST)).isPositive();
      assertThat(direct.listObjectsV2(b -> b.bucket("faults")).keyCount()).isEqualTo(60);
    }
  }
}
