package dev.scenelift.index;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Relative hrefs for S3 keys: each path segment percent-encoded, slashes kept. */
final class UrlPaths {
  private UrlPaths() {}

  static String encode(String relativePath) {
    StringBuilder sb = new StringBuilder();
    String[] parts = relativePath.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return sb.toString();
  }
}
