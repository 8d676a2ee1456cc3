package dev.scenelift.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.scene.SceneId;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.testing.S3TestSupport;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class CloudFreeListsTest {
  private static EmbeddedS3Store store;
  private static S3Client s3;
  private static final SceneId A = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  private static final SceneId B = SceneId.parse("LE07_CU_003003_20130422_20170713_C01_V01");
  private static final SceneId C = SceneId.parse("LT05_CU_003003_20100101_20170713_C01_V01");

  @BeforeAll
  static void start() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket("lists"));
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    store.close();
  }

  @Test
  void mergesOnlyWhenEveryPartIsPresentAndSortsTheCloudFreeIds() {
    KeyLayout layout = KeyLayout.inBucket("lists");
    CloudFreeLists lists = new CloudFreeLists(s3, layout);
    lists.writePart(1, new CloudFreeList("run-1", List.of(new CloudFreeList.Entry(B, true, "clear", 1.5, 0))));
    assertThat(lists.mergeIfComplete("run-1", 2)).isEmpty();
    assertThat(lists.read("run-1")).isEmpty();

    lists.writePart(0, new CloudFreeList("run-1", List.of(
        new CloudFreeList.Entry(C, false, "cloud 50.00% > 10%", 50, 3),
        new CloudFreeList.Entry(A, true, "clear", 0.5, 20))));
    CloudFreeList merged = lists.mergeIfComplete("run-1", 2).orElseThrow();
    assertThat(merged.cloudFree()).containsExactly(A, B);
    assertThat(merged.scenes()).extracting(CloudFreeList.Entry::scene).containsExactly(A, B, C);
    assertThat(S3TestSupport.readString(s3, lists.textLocation("run-1"))).isEqualTo(A + "\n" + B + "\n");
    assertThat(lists.read("run-1")).contains(merged);
    assertThat(lists.textLocation("run-1").toString()).isEqualTo("s3://lists/runs/run-1/cloud-free.txt");

    // a retried child rewrites its part; merging again reflects it
    lists.writePart(1, new CloudFreeList("run-1", List.of(new CloudFreeList.Entry(B, false, "fill 90.00% > 50%", 1, 90))));
    assertThat(lists.merge("run-1").cloudFree()).containsExactly(A);
  }
}
