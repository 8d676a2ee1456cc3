package dev.scenelift.metadata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads fields below an element by local name (namespaces differ between ARD generations), turning every absence or
 * malformation into a {@link MetadataFieldException} that names the scene and the field path.
 */
final class Fields {
  private final String scene;

  Fields(String scene) {
    this.scene = scene;
  }

  String scene() {
    return scene;
  }

  Fields forScene(String sceneLabel) {
    return new Fields(sceneLabel);
  }

  MetadataFieldException missing(String field) {
    return new MetadataFieldException(scene, field, "is missing");
  }

  MetadataFieldException malformed(String field, String value, String expected) {
    return new MetadataFieldException(scene, field, "is malformed ('" + value + "', expected " + expected + ")");
  }

  static Optional<Element> child(Element parent, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  Element element(Element parent, String localName, String path) throws MetadataFieldException {
    return child(parent, localName).orElseThrow(() -> missing(path));
  }

  Optional<String> optText(Element parent, String localName) {
    return child(parent, localName).map(e -> e.getTextContent().strip()).filter(t -> !t.isEmpty());
  }

  String text(Element parent, String localName, String path) throws MetadataFieldException {
    Optional<String> t = optText(parent, localName);
    if (t.isEmpty()) {
      throw missing(path);
    }
    return t.get();
  }

  double decimal(Element parent, String localName, String path) throws MetadataFieldException {
    return toDecimal(text(parent, localName, path), path);
  }

  int integer(Element parent, String localName, String path) throws MetadataFieldException {
    String t = text(parent, localName, path);
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw malformed(path, t, "an integer");
    }
  }

  LocalDate date(Element parent, String localName, String path) throws MetadataFieldException {
    String t = text(parent, localName, path);
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      throw malformed(path, t, "a date YYYY-MM-DD");
    }
  }

  Instant instant(Element parent, String localName, String path) throws MetadataFieldException {
    String t = text(parent, localName, path);
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw malformed(path, t, "a UTC time like 2019-05-12T20:58:50Z");
    }
  }

  String attr(Element e, String name, String path) throws MetadataFieldException {
    String v = e.getAttribute(name).strip();
    if (v.isEmpty()) {
      throw missing(path + "@" + name);
    }
    return v;
  }

  double decimalAttr(Element e, String name, String path) throws MetadataFieldException {
    return toDecimal(attr(e, name, path), path + "@" + name);
  }

  int integerAttr(Element e, String name, String path) throws MetadataFieldException {
    String v = attr(e, name, path);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException ex) {
      throw malformed(path + "@" + name, v, "an integer");
    }
  }

  OptionalInt optIntegerAttr(Element e, String name, String path) throws MetadataFieldException {
    return e.hasAttribute(name) ? OptionalInt.of(integerAttr(e, name, path)) : OptionalInt.empty();
  }

  OptionalDouble optDecimalAttr(Element e, String name, String path) throws MetadataFieldException {
    return e.hasAttribute(name) ? OptionalDouble.of(decimalAttr(e, name, path)) : OptionalDouble.empty();
  }

  double toDecimal(String t, String path) throws MetadataFieldException {
    try {
      double d = Double.parseDouble(t);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw malformed(path, t, "a decimal number");
    }
  }
}
