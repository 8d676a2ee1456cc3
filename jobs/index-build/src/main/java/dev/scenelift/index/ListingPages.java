package dev.scenelift.index;

import dev.scenelift.marker.FailureRecord;
import dev.scenelift.scene.InvalidSceneIdException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code AAlist.html} pages of one output prefix: a top page at the prefix root with one row per folder (a scene
 * folder, or any other folder such as {@code h03v03/thumbs/}) and the objects directly at the root, and one page per
 * folder listing its objects. Every link is relative, so the pages work from a website, a presigned GET or a copy.
 */
final class ListingPages {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * index-build's own state beside a tile ({@code <tile>/_scenelift/}): written after the listing, so listing it would
   * make a rerun's pages differ from the first run's.
   */
  private static final String STATE_FOLDER = "/" + KeyLayout.CONTROL_DIR + "/";
  // map.html's assets are not listed either: they sit inside the tree only where a tree is a whole bucket (AWS)

  private final Templates templates;

  ListingPages(Templates templates) {
    this.templates = templates;
  }

  /**
   * The pages of {@code root}, by location.
   *
   * @param failures the scenes to list as failed on the top page (none: no such section)
   * @param header the collection the tree holds, with links to the others' pages, for the top page (empty: none)
   */
  Map<S3Location, String> render(
      S3Location root,
      List<ListedObject> objects,
      List<FailureRecord> failures,
      java.util.Optional<CollectionHeader> header) {
    Map<String, List<ListedObject>> groups = new TreeMap<>();
    List<ListedObject> atRoot = new ArrayList<>();
    String prefix = root.asDirectory().key();
    for (ListedObject o : objects) {
      if (!o.key().startsWith(prefix) || o.key().endsWith("/" + OutputNames.LISTING_PAGE)
          || o.key().equals(prefix + OutputNames.LISTING_PAGE)) {
        continue;
      }
      String rel = o.key().substring(prefix.length());
      String group = groupOf(rel);
      if (group.endsWith(STATE_FOLDER) || rel.startsWith(MapAssets.DIR)) {
        continue;
      }
      if (group.isEmpty()) {
        atRoot.add(o);
      } else {
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(o);
      }
    }
    Map<S3Location, String> pages = new TreeMap<>(java.util.Comparator.comparing(S3Location::toString));
    List<GroupRow> rows = new ArrayList<>();
    long totalBytes = 0;
    long totalObjects = atRoot.size();
    for (ListedObject o : atRoot) {
      totalBytes += o.size();
    }
    for (Map.Entry<String, List<ListedObject>> e : groups.entrySet()) {
      String group = e.getKey();
      List<ListedObject> members = e.getValue();
      long bytes = members.stream().mapToLong(ListedObject::size).sum();
      java.time.Instant newest =
          members.stream().map(ListedObject::lastModified).max(java.time.Instant::compareTo).orElseThrow();
      totalBytes += bytes;
      totalObjects += members.size();
      rows.add(
          new GroupRow(
              group,
              UrlPaths.encode(group + OutputNames.LISTING_PAGE),
              members.size(),
              bytes,
              HumanSize.format(bytes),
              TIME.format(newest)));
      String up = "../".repeat((int) group.chars().filter(c -> c == '/').count()) + OutputNames.LISTING_PAGE;
      pages.put(
          root.resolve(group + OutputNames.LISTING_PAGE),
          templates.listingGroup(
              new GroupPage(
                  root + group,
                  up,
                  members.size(),
                  bytes,
                  HumanSize.format(bytes),
                  rowsOf(members, prefix + group))));
    }
    pages.put(
        root.resolve(OutputNames.LISTING_PAGE),
        templates.listingTop(
            new TopPage(
                root.toString(),
                totalObjects,
                totalBytes,
                HumanSize.format(totalBytes),
                rows.size(),
                !rows.isEmpty(),
                rows,
                !atRoot.isEmpty(),
                rowsOf(atRoot, prefix),
                !failures.isEmpty(),
                failures.size(),
                FailureRow.of(failures),
                header.isPresent(),
                header.map(CollectionHeader::title).orElse(""),
                header.map(CollectionHeader::holds).orElse(""),
                header.map(CollectionHeader::rule).orElse(""),
                header.map(CollectionHeader::links).orElse(List.of()))));
    return pages;
  }

  /** A scene folder ({@code <tile>/<scene-id>/}) or the object's parent folder; empty at the root. */
  static String groupOf(String rel) {
    String[] parts = rel.split("/");
    if (parts.length >= 3) {
      try {
        SceneId.parse(parts[1]);
        return parts[0] + "/" + parts[1] + "/";
      } catch (InvalidSceneIdException e) {
        // not a scene folder: group by parent
      }
    }
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? "" : rel.substring(0, slash + 1);
  }

  private static List<ObjectRow> rowsOf(List<ListedObject> objects, String base) {
    List<ObjectRow> rows = new ArrayList<>();
    for (ListedObject o : objects) {
      String rel = o.key().substring(base.length());
      rows.add(
          new ObjectRow(rel, UrlPaths.encode(rel), o.size(), HumanSize.format(o.size()), TIME.format(o.lastModified())));
    }
    return rows;
  }

  record ObjectRow(String name, String href, long bytes, String human, String lastModified) {}

  record GroupRow(String name, String href, long objects, long bytes, String human, String lastModified) {}

  record GroupPage(
      String title, String upHref, long totalObjects, long totalBytes, String totalHuman, List<ObjectRow> objects) {}

  record TopPage(
      String title,
      long totalObjects,
      long totalBytes,
      String totalHuman,
      int groupCount,
      boolean hasGroups,
      List<GroupRow> groups,
      boolean hasObjects,
      List<ObjectRow> objects,
      boolean hasFailures,
      int failureCount,
      List<FailureRow> failures,
      boolean hasCollections,
      String collectionTitle,
      String holds,
      String rule,
      List<CollectionNav.Link> collections) {}

  /**
   * What a collection's top listing page says of it.
   *
   * @param title e.g. {@code Cloud-free}
   * @param holds what it holds
   * @param rule its rule in words
   * @param links every collection's pages, from this page
   */
  record CollectionHeader(String title, String holds, String rule, List<CollectionNav.Link> links) {}
}
