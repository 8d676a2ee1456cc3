package dev.scenelift.store;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Pages of one listing from one walk of the store. S3Proxy's file-system stores walk the whole prefix, and read each
 * object's attributes, for every page of a listing, so listing a tile of 60 000 objects 1000 at a time walked it 60
 * times (259 s at 2357 scenes; a single walk takes 8 s). This store walks once per listing, keeps the sorted result,
 * and serves the following pages from it.
 *
 * <p>A kept listing is exactly what a fresh walk would return: every write to a bucket (put, copy, delete, multipart
 * completion) starts a new generation of that bucket, and a listing of an older generation is walked again, from the
 * page's continuation key, so pages reflect every write made before they were asked for, as S3's strongly consistent
 * listings do. Listings are kept for a short while ({@link #IDLE}) and only a few at a time ({@link #KEPT}); one larger
 * than {@link #MAX_KEPT_ENTRIES} is not kept (its pages are walked as before). The continuation token is the last key
 * or common prefix of a page, as S3Proxy's own.
 */
final class ListingCache extends ForwardingBlobStore {
  static final Duration IDLE = Duration.ofSeconds(60);
  static final int KEPT = 16;
  static final int MAX_KEPT_ENTRIES = 500_000;
  private static final int S3_MAX_KEYS = 1000;

  /** What names a listing: everything of the request but its paging. */
  private record Query(String bucket, String prefix, String delimiter, String encodingType, Boolean fetchOwner) {
    static Query of(ListObjectsV2Request r) {
      return new Query(r.bucket(), r.prefix(), r.delimiter(), r.encodingTypeAsString(), r.fetchOwner());
    }
  }

  /** One entry of a listing in S3 order: an object, or (with a delimiter) a common prefix. */
  private record Entry(String name, S3Object object, CommonPrefix prefix) {}

  private record Kept(long generation, ListObjectsV2Response first, List<Entry> entries, Instant used) {
    Kept usedAt(Instant now) {
      return new Kept(generation, first, entries, now);
    }
  }

  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final Map<Query, Kept> kept = new LinkedHashMap<>(KEPT, 0.75f, true);
  private final Clock clock;

  ListingCache(BlobStore delegate, Clock clock) {
    super(delegate);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    Query query = Query.of(request);
    String after = request.continuationToken() != null ? request.continuationToken() : request.startAfter();
    Kept listing = current(query).orElseGet(() -> walk(query, request));
    if (listing == null) {
      return super.list(request);
    }
    int maxKeys = request.maxKeys() == null ? S3_MAX_KEYS : Math.max(0, request.maxKeys());
    List<Entry> all = listing.entries();
    int from = after == null ? 0 : firstAfter(all, after);
    int to = (int) Math.min((long) from + maxKeys, all.size());
    List<S3Object> objects = new ArrayList<>();
    List<CommonPrefix> prefixes = new ArrayList<>();
    for (Entry e : all.subList(from, to)) {
      if (e.object() != null) {
        objects.add(e.object());
      } else {
        prefixes.add(e.prefix());
      }
    }
    boolean truncated = to < all.size();
    return listing.first().toBuilder()
        .contents(objects)
        .commonPrefixes(prefixes)
        .keyCount(objects.size() + prefixes.size())
        .maxKeys(maxKeys)
        .isTruncated(truncated)
        .continuationToken(request.continuationToken())
        .startAfter(request.startAfter())
        .nextContinuationToken(truncated && to > 0 ? all.get(to - 1).name() : null)
        .build();
  }

  private java.util.Optional<Kept> current(Query query) {
    synchronized (kept) {
      Kept k = kept.get(query);
      Instant now = clock.instant();
      if (k == null || k.generation() != generation(query.bucket()).get() || k.used().plus(IDLE).isBefore(now)) {
        kept.remove(query);
        return java.util.Optional.empty();
      }
      Kept touched = k.usedAt(now);
      kept.put(query, touched);
      return java.util.Optional.of(touched);
    }
  }

  /** Walks the whole listing once; null when it is too large to keep. */
  private Kept walk(Query query, ListObjectsV2Request request) {
    long generation = generation(query.bucket()).get();
    ListObjectsV2Response whole =
        super.list(
            request.toBuilder().continuationToken(null).startAfter(null).maxKeys(Integer.MAX_VALUE).build());
    if (Boolean.TRUE.equals(whole.isTruncated())) {
      return null; // the store pages on its own terms: leave the paging to it
    }
    List<Entry> entries = new ArrayList<>(whole.contents().size() + whole.commonPrefixes().size());
    whole.contents().forEach(o -> entries.add(new Entry(o.key(), o, null)));
    whole.commonPrefixes().forEach(p -> entries.add(new Entry(p.prefix(), null, p)));
    entries.sort(Comparator.comparing(Entry::name));
    Kept k = new Kept(generation, whole.toBuilder().contents(List.of()).commonPrefixes(List.of()).build(),
        List.copyOf(entries), clock.instant());
    if (entries.size() <= MAX_KEPT_ENTRIES) {
      synchronized (kept) {
        kept.put(query, k);
        while (kept.size() > KEPT) {
          kept.remove(kept.keySet().iterator().next());
        }
      }
    }
    return k;
  }

  /**
   * The index of the first entry after {@code name}. With a delimiter, a common prefix stands for every key under it,
   * so the entry after a prefix is past all of them, as S3 pages.
   */
  private static int firstAfter(List<Entry> entries, String name) {
    int lo = 0;
    int hi = entries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entries.get(mid).name().compareTo(name) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private AtomicLong generation(String bucket) {
    return generations.computeIfAbsent(bucket, b -> new AtomicLong());
  }

  private void changed(String bucket) {
    generation(bucket).incrementAndGet();
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
    try {
      return super.putBlob(request, body);
    } finally {
      changed(request.bucket());
    }
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    try {
      return super.copyBlob(request);
    } finally {
      changed(request.destinationBucket());
    }
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    try {
      return super.removeBlob(request);
    } finally {
      changed(request.bucket());
    }
  }

  @Override
  public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
    try {
      return delegate().removeBlobs(request);
    } finally {
      changed(request.bucket());
    }
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    try {
      return super.completeMultipartUpload(upload, request);
    } finally {
      changed(request.bucket());
    }
  }

  @Override
  public CreateBucketResponse createContainer(CreateBucketRequest request) {
    try {
      return super.createContainer(request);
    } finally {
      changed(request.bucket());
    }
  }

  @Override
  public void clearContainer(ListObjectsV2Request request) {
    try {
      super.clearContainer(request);
    } finally {
      changed(request.bucket());
    }
  }

  @Override
  public void deleteContainer(String bucket) {
    try {
      super.deleteContainer(bucket);
    } finally {
      changed(bucket);
    }
  }

  @Override
  public void deleteBucket(String bucket) {
    try {
      super.deleteBucket(bucket);
    } finally {
      changed(bucket);
    }
  }
}
