package dev.scenelift.store;

import java.util.Locale;

/** The Content-Type an object gets from its name, so browsers and GDAL see what they expect. */
final class ContentTypes {
  private ContentTypes() {}

  static String of(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith(".tif") || k.endsWith(".tiff")) {
      return "image/tiff; application=geotiff";
    }
    if (k.endsWith(".xml")) {
      return "application/xml";
    }
    if (k.endsWith(".json")) {
      return "application/json";
    }
    if (k.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    return "application/octet-stream";
  }
}
