package dev.scenelift.verdict;

import dev.scenelift.json.Json;
import dev.scenelift.scene.SceneId;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The run-level cloud-free lists. Each cloud-filter array child writes its part, {@code
 * runs/<run-id>/cloud-free/part-<index>.json}; the merged {@code runs/<run-id>/cloud-free.txt} (ids, one a line) and
 * {@code runs/<run-id>/cloud-free.json} (every judged scene with verdict and reason) are written by whichever child
 * finds all parts present after writing its own ({@link #mergeIfComplete}), and can be rewritten at any time with
 * {@link #merge} (index-build calls it before indexing, so a missing merge is never fatal). Merging is idempotent.
 */
public final class CloudFreeLists {
  private static final Pattern PART = Pattern.compile("part-(\\d+)\\.json");
  private final S3Client s3;
  private final KeyLayout layout;

  public CloudFreeLists(S3Client s3, KeyLayout layout) {
    this.s3 = s3;
    this.layout = layout;
  }

  public S3Location partLocation(String runId, int arrayIndex) {
    return layout.runDir(runId).resolve("cloud-free/part-" + arrayIndex + ".json");
  }

  public S3Location textLocation(String runId) {
    return layout.runDir(runId).resolve("cloud-free.txt");
  }

  public S3Location jsonLocation(String runId) {
    return layout.runDir(runId).resolve("cloud-free.json");
  }

  public void writePart(int arrayIndex, CloudFreeList part) {
    put(partLocation(part.runId(), arrayIndex), Json.writeBytes(part), "application/json");
  }

  /** Merges when parts 0..taskCount-1 are all present; returns the merged list then. */
  public Optional<CloudFreeList> mergeIfComplete(String runId, int taskCount) {
    Map<Integer, S3Location> parts = parts(runId);
    for (int i = 0; i < taskCount; i++) {
      if (!parts.containsKey(i)) {
        return Optional.empty();
      }
    }
    return Optional.of(merge(runId));
  }

  /** Merges every part present and writes {@code cloud-free.txt} and {@code cloud-free.json}. */
  public CloudFreeList merge(String runId) {
    Map<SceneId, CloudFreeList.Entry> byScene = new LinkedHashMap<>();
    for (S3Location loc : parts(runId).values()) {
      byte[] body = s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray();
      for (CloudFreeList.Entry e : Json.read(body, CloudFreeList.class).scenes()) {
        byScene.put(e.scene(), e);
      }
    }
    List<CloudFreeList.Entry> entries = new ArrayList<>(byScene.values());
    entries.sort(Comparator.comparing(e -> e.scene().toString()));
    CloudFreeList merged = new CloudFreeList(runId, entries);
    put(jsonLocation(runId), Json.writeBytes(merged), "application/json");
    put(textLocation(runId), merged.toText().getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    return merged;
  }

  public Optional<CloudFreeList> read(String runId) {
    S3Location loc = jsonLocation(runId);
    try {
      return Optional.of(
          Json.read(s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray(), CloudFreeList.class));
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  private Map<Integer, S3Location> parts(String runId) {
    S3Location dir = layout.runDir(runId).resolve("cloud-free/");
    Map<Integer, S3Location> out = new java.util.TreeMap<>();
    s3.listObjectsV2Paginator(b -> b.bucket(dir.bucket()).prefix(dir.key()))
        .contents()
        .forEach(
            (S3Object o) -> {
              var m = PART.matcher(o.key().substring(dir.key().length()));
              if (m.matches()) {
                out.put(Integer.parseInt(m.group(1)), new S3Location(dir.bucket(), o.key()));
              }
            });
    return out;
  }

  private void put(S3Location loc, byte[] body, String type) {
    s3.putObject(b -> b.bucket(loc.bucket()).key(loc.key()).contentType(type), RequestBody.fromBytes(body));
  }
}
