package dev.scenelift.marker;

import dev.scenelift.store.StoredObject;

import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Written last, after every output of a scene in a stage: its presence is the only proof the scene is done.
 *
 * @param scene the scene
 * @param stage the stage that finished it
 * @param runId the run that finished it
 * @param objects every object written, with size and checksum
 * @param checksums stage-specific verified checksums, e.g. the md5 of each bundle
 * @param source where the inputs came from
 * @param started when work on the scene began
 * @param finished when the last output was written
 * @param attempt the Batch attempt that finished it
 * @param toolVersion scenelift's version
 * @param details stage-specific facts (bytes, seconds, settings)
 */
public record CompletionMarker(
    SceneId scene,
    Stage stage,
    String runId,
    List<StoredObject> objects,
    Map<String, String> checksums,
    String source,
    Instant started,
    Instant finished,
    int attempt,
    String toolVersion,
    Map<String, Object> details) {

  public CompletionMarker {
    objects = List.copyOf(objects);
    checksums = Map.copyOf(checksums);
    details = Map.copyOf(details);
  }

  public long bytes() {
    return objects.stream().mapToLong(StoredObject::size).sum();
  }
}
