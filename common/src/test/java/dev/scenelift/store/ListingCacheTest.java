package dev.scenelift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The listing cache over S3Proxy's real file-system store: the same pages as the store pages on its own, one walk per
 * listing instead of one per page, and every write between two pages seen by the next page.
 */
class ListingCacheTest {
  private static final String BUCKET = "listing";

  @TempDir Path dir;

  private BlobStore plain;
  private final AtomicInteger walks = new AtomicInteger();
  private ListingCache cached;

  @BeforeEach
  void store() {
    plain = new FilesystemNio2BlobStore(dir.toString());
    plain.createContainer(BUCKET);
    BlobStore counting =
        new ForwardingBlobStore(plain) {
          @Override
          public ListObjectsV2Response list(ListObjectsV2Request request) {
            walks.incrementAndGet();
            return super.list(request);
          }
        };
    cached = new ListingCache(counting, Clock.systemUTC());
  }

  private void put(String key) {
    cached.putBlob(
        software.amazon.awssdk.services.s3.model.PutObjectRequest.builder().bucket(BUCKET).key(key).build(),
        new java.io.ByteArrayInputStream(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private void fill(int folders, int perFolder) {
    for (int f = 0; f < folders; f++) {
      for (int i = 0; i < perFolder; i++) {
        put(String.format("t/s%02d/f%04d.tif", f, i));
      }
    }
  }

  /** Every page of a listing, following continuation tokens; names of objects and common prefixes, in order. */
  private static List<String> pages(BlobStore store, ListObjectsV2Request first, List<String> tokens) {
    List<String> names = new ArrayList<>();
    ListObjectsV2Request request = first;
    while (true) {
      ListObjectsV2Response page = store.list(request);
      page.contents().stream().map(S3Object::key).forEach(names::add);
      page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(names::add);
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return names;
      }
      tokens.add(page.nextContinuationToken());
      request = first.toBuilder().continuationToken(page.nextContinuationToken()).build();
    }
  }

  @Test
  void pagesAreTheStoresOwnPagesFromOneWalk() {
    fill(5, 500);
    ListObjectsV2Request all = ListObjectsV2Request.builder().bucket(BUCKET).prefix("t/").maxKeys(1000).build();
    List<String> ownTokens = new ArrayList<>();
    List<String> own = pages(plain, all, ownTokens);
    walks.set(0);

    List<String> tokens = new ArrayList<>();
    List<String> pages = pages(cached, all, tokens);

    assertThat(pages).hasSize(2500).isEqualTo(own);
    assertThat(tokens).isEqualTo(ownTokens).hasSize(2);
    assertThat(walks).as("one walk for three pages").hasValue(1);
  }

  @Test
  void delimitedListingsPageOverCommonPrefixes() {
    fill(7, 3);
    put("t/top.txt");
    ListObjectsV2Request folders =
        ListObjectsV2Request.builder().bucket(BUCKET).prefix("t/").delimiter("/").maxKeys(3).build();

    List<String> pages = pages(cached, folders, new ArrayList<>());

    assertThat(pages).containsExactlyElementsOf(pages(plain, folders, new ArrayList<>()));
    assertThat(pages).containsExactlyInAnyOrder("t/s00/", "t/s01/", "t/s02/", "t/s03/", "t/s04/", "t/s05/", "t/s06/", "t/top.txt");
  }

  @Test
  void aWriteBetweenTwoPagesIsSeenByTheNextPage() {
    fill(2, 600);
    ListObjectsV2Request all = ListObjectsV2Request.builder().bucket(BUCKET).prefix("t/").maxKeys(1000).build();
    ListObjectsV2Response first = cached.list(all);
    assertThat(first.isTruncated()).isTrue();

    put("t/s01/f9999.tif");
    cached.removeBlob(BUCKET, "t/s01/f0599.tif");
    ListObjectsV2Response second = cached.list(all.toBuilder().continuationToken(first.nextContinuationToken()).build());

    assertThat(second.contents()).extracting(S3Object::key)
        .contains("t/s01/f9999.tif")
        .doesNotContain("t/s01/f0599.tif")
        .hasSize(200);
    assertThat(walks).as("the write made the kept listing stale").hasValue(2);
  }

  @Test
  void theEmbeddedStoreListsThroughIt(@TempDir Path data) throws Exception {
    try (EmbeddedS3Store store = EmbeddedS3Store.onDisk(data, 0);
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket(BUCKET));
      for (int i = 0; i < 1500; i++) {
        String key = String.format("k/%05d", i);
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
      }
      List<String> keys = new ArrayList<>();
      s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("k/"))
          .contents().forEach(o -> keys.add(o.key()));
      assertThat(keys).hasSize(1500).isSorted().doesNotHaveDuplicates();
    }
  }
}
