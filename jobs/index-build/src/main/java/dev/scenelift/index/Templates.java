package dev.scenelift.index;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;

/** The HTML templates (mustache, HTML-escaped by default) under {@code dev/scenelift/index/}; compiled once. */
final class Templates {
  private final Mustache listingTop;
  private final Mustache listingGroup;
  private final Mustache thumbIndex;
  private final Mustache mapPage;

  Templates() {
    DefaultMustacheFactory factory = new DefaultMustacheFactory("dev/scenelift/index");
    listingTop = factory.compile("listing-top.mustache");
    listingGroup = factory.compile("listing-group.mustache");
    thumbIndex = factory.compile("thumbindex.mustache");
    mapPage = factory.compile("map.mustache");
  }

  String listingTop(Object scope) {
    return render(listingTop, scope);
  }

  String listingGroup(Object scope) {
    return render(listingGroup, scope);
  }

  String thumbIndex(Object scope) {
    return render(thumbIndex, scope);
  }

  String mapPage(Object scope) {
    return render(mapPage, scope);
  }

  private static String render(Mustache m, Object scope) {
    StringWriter w = new StringWriter();
    m.execute(w, scope);
    return w.toString();
  }
}
