package dev.scenelift.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.scenelift.scene.Stage;
import java.util.Arrays;

/** What happened, as the {@code type} field of an event on the events queue. */
public enum EventType {
  SCENE_FETCHED("scene.fetched"),
  SCENE_FILTERED("scene.filtered"),
  SCENE_CONVERTED("scene.converted"),
  SCENE_FAILED("scene.failed"),
  RUN_INDEXED("run.indexed");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The success event of a stage: index-build's is {@link #RUN_INDEXED}. */
  public static EventType succeeded(Stage stage) {
    return switch (stage) {
      case FETCH -> SCENE_FETCHED;
      case FILTER -> SCENE_FILTERED;
      case COG -> SCENE_CONVERTED;
      case INDEX -> RUN_INDEXED;
    };
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static EventType parse(String text) {
    return Arrays.stream(values())
        .filter(t -> t.wireName.equals(text))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + text + "'"));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
