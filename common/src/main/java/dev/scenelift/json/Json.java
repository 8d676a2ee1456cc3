package dev.scenelift.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.scenelift.scene.BundleName;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The project's JSON mapping: ids, tiles and S3 locations as their string forms, times as ISO-8601, unknown fields
 * ignored (documents written by newer versions stay readable).
 */
public final class Json {
  /** Immutable once built; shared as a constant. */
  private static final ObjectMapper MAPPER = build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectMapper build() {
    SimpleModule ids = new SimpleModule("scenelift-ids");
    asString(ids, SceneId.class, SceneId::parse);
    asString(ids, Tile.class, Tile::parse);
    asString(ids, BundleName.class, BundleName::parse);
    asString(ids, S3Location.class, S3Location::parse);
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
        .addModule(ids)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();
  }

  private static <T> void asString(SimpleModule module, Class<T> type, Function<String, T> parse) {
    module.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
          }
        });
    module.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return parse.apply(p.getValueAsString());
          }
        });
    module.addKeyDeserializer(
        type,
        new com.fasterxml.jackson.databind.KeyDeserializer() {
          @Override
          public Object deserializeKey(String key, DeserializationContext ctxt) {
            return parse.apply(key);
          }
        });
  }
}
