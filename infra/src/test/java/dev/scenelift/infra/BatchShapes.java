package dev.scenelift.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * The Batch API's shapes as the SDK's batch jar compiles them (the jar ships no {@code service-2.json}; its generated
 * model classes carry each member's wire name, type, list and map element shapes, and enum values): a request body is
 * checked member by member against them, and an answer is written from a built model object, so it has exactly the
 * wire names and types the SDK reads back.
 */
final class BatchShapes {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private BatchShapes() {}

  /** What in {@code body} the shape does not allow: unknown members, wrong types, values outside an enum. */
  static List<String> problems(JsonNode body, SdkPojo shape) {
    List<String> out = new ArrayList<>();
    object(body, shape, "", out);
    return out;
  }

  private static void object(JsonNode node, SdkPojo shape, String path, List<String> out) {
    if (!node.isObject()) {
      out.add(path + ": expected an object, got " + node.getNodeType());
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      String at = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
      Optional<SdkField<?>> field =
          shape.sdkFields().stream().filter(f -> member.getKey().equals(f.locationName())).findFirst();
      if (field.isEmpty()) {
        out.add(at + ": not a member of " + modelClass(shape).getSimpleName());
        continue;
      }
      value(member.getValue(), field.get(), modelClass(shape), at, out);
    }
  }

  private static void value(JsonNode node, SdkField<?> field, Class<?> owner, String at, List<String> out) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      if (!node.isTextual()) {
        out.add(at + ": expected a string");
      } else {
        enumValue(owner, field, node.asText()).ifPresent(p -> out.add(at + ": " + p));
      }
    } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
      if (!node.isIntegralNumber()) {
        out.add(at + ": expected an integer");
      }
    } else if (type == MarshallingType.BOOLEAN) {
      if (!node.isBoolean()) {
        out.add(at + ": expected a boolean");
      }
    } else if (type == MarshallingType.LIST) {
      if (!node.isArray()) {
        out.add(at + ": expected a list");
        return;
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      for (int i = 0; i < node.size(); i++) {
        value(node.get(i), member, owner, at + "[" + i + "]", out);
      }
    } else if (type == MarshallingType.MAP) {
      if (!node.isObject()) {
        out.add(at + ": expected a map");
        return;
      }
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      node.fields().forEachRemaining(e -> value(e.getValue(), member, owner, at + "." + e.getKey(), out));
    } else if (type == MarshallingType.SDK_POJO) {
      object(node, field.constructor().get(), at, out);
    } else {
      out.add(at + ": a " + type + " member, which this endpoint does not read");
    }
  }

  /** The shape's enum, when the member is one: the model class's accessor of that name returns it. */
  private static Optional<String> enumValue(Class<?> owner, SdkField<?> field, String value) {
    String name = field.memberName();
    if (name == null) { // a list's or map's element: its enum, if any, is the collection member's type argument
      return Optional.empty();
    }
    String accessor = Character.toLowerCase(name.charAt(0)) + name.substring(1);
    try {
      Method m = owner.getMethod(accessor);
      if (!m.getReturnType().isEnum()) {
        return Optional.empty();
      }
      Object parsed = m.getReturnType().getMethod("fromValue", String.class).invoke(null, value);
      return "UNKNOWN_TO_SDK_VERSION".equals(String.valueOf(((Enum<?>) parsed).name()))
          ? Optional.of("'" + value + "' is not one of " + java.util.Arrays.toString(m.getReturnType().getEnumConstants()))
          : Optional.empty();
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The model class of a shape or of its builder. */
  private static Class<?> modelClass(SdkPojo shape) {
    Class<?> c = shape.getClass();
    return c.getEnclosingClass() != null ? c.getEnclosingClass() : c;
  }

  /** A built model object as the wire JSON the SDK unmarshals. */
  static ObjectNode json(SdkPojo value) {
    ObjectNode node = JSON.objectNode();
    for (SdkField<?> field : value.sdkFields()) {
      Object v = field.getValueOrDefault(value);
      if (v != null) {
        node.set(field.locationName(), write(v, field));
      }
    }
    return node;
  }

  private static JsonNode write(Object v, SdkField<?> field) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.LIST) {
      ArrayNode array = JSON.arrayNode();
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      for (Object e : (Collection<?>) v) {
        array.add(write(e, member));
      }
      return array;
    }
    if (type == MarshallingType.MAP) {
      ObjectNode map = JSON.objectNode();
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      ((Map<?, ?>) v).forEach((k, e) -> map.set(String.valueOf(k), write(e, member)));
      return map;
    }
    if (v instanceof SdkPojo pojo) {
      return json(pojo);
    }
    if (v instanceof Integer i) {
      return JSON.numberNode(i);
    }
    if (v instanceof Long l) {
      return JSON.numberNode(l);
    }
    if (v instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    return JSON.textNode(String.valueOf(v));
  }
}
