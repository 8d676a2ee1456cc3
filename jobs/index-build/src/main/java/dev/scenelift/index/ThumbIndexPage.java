package dev.scenelift.index;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.json.Json;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.S3Location;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A collection's {@code <root>/<tile>/thumbs/thumbindex.html}: an inline-SVG plot of its acquisitions over time (x
 * date, y cloud %, colour sensor, scenes per year below) above a filterable grid of its scenes' thumbnails, badges and
 * links. The full tile's page shows every scene; the cloud-free and COG research set pages their members.
 *
 * <p>Made to stay usable at a whole tile's 2357 scenes: the scenes are one JSON array in the page, the grid shows them
 * a page at a time (more as the reader scrolls), each thumbnail a fixed-size lazy image, so the first view loads a
 * screenful of thumbnails, not all; the filters work over every scene; the plot draws every point small and
 * translucent when there are many. Scenes without a thumbnail show a placeholder saying why, never a broken image.
 */
final class ThumbIndexPage {
  static final int WIDTH = 960;
  static final int HEIGHT = 320;
  static final int LEFT = 50;
  static final int RIGHT = WIDTH - 15;
  static final int TOP = 10;
  static final int BOTTOM = 230;
  /** The per-year density bars sit between these. */
  static final int DENSITY_TOP = 256;
  static final int DENSITY_BOTTOM = 300;
  /** Above this many points they are drawn small and translucent. */
  static final int DENSE = 400;
  /** Cards the grid adds at a time. */
  static final int GRID_PAGE = 60;

  private final Templates templates;
  private final OutputNames names;

  ThumbIndexPage(Templates templates, OutputNames names) {
    this.templates = templates;
    this.names = names;
  }

  /**
   * @param collection whose page
   * @param scenes every scene of the tile, present or missing
   * @param records what was rendered for the present ones
   * @param withFolder scenes that have a folder in the collection's tree
   * @param failures the failure records of the tile's scenes, any stage: a card says which stage failed it, and a
   *     table lists them all (on a selective collection's page, those of its members)
   * @param hasCatalog whether the STAC collection exists
   * @param nav the links to every collection's pages
   */
  String render(
      TileCollection collection,
      Tile tile,
      Map<SceneId, SceneInputs> scenes,
      Map<SceneId, SceneRecord> records,
      Set<SceneId> withFolder,
      List<FailureRecord> failures,
      boolean hasCatalog,
      CollectionNav nav) {
    Map<SceneId, FailureRecord> firstFailure = new HashMap<>();
    failures.forEach(f -> firstFailure.merge(f.scene(), f, (a, b) -> a.stage().compareTo(b.stage()) <= 0 ? a : b));
    S3Location page = names.thumbIndex(collection, tile);
    List<Card> cards = new ArrayList<>();
    List<FailureRecord> shownFailures = new ArrayList<>();
    TreeSet<Integer> years = new TreeSet<>();
    TreeSet<Sensor> sensors = new TreeSet<>();
    int clear = 0;
    int cloudy = 0;
    int unjudged = 0;
    int missing = 0;
    int failed = 0;
    LocalDate first = null;
    LocalDate last = null;
    for (Map.Entry<SceneId, SceneInputs> e : scenes.entrySet()) {
      SceneId id = e.getKey();
      Optional<SceneRecord> r = Optional.ofNullable(records.get(id));
      if (collection != TileCollection.FULL && !r.map(x -> x.in(collection)).orElse(false)) {
        continue;
      }
      years.add(id.acquired().getYear());
      sensors.add(id.sensor());
      first = first == null || id.acquired().isBefore(first) ? id.acquired() : first;
      last = last == null || id.acquired().isAfter(last) ? id.acquired() : last;
      Optional<FailureRecord> failure = Optional.ofNullable(firstFailure.get(id));
      failures.stream().filter(f -> f.scene().equals(id)).forEach(shownFailures::add);
      String badge;
      String badgeClass;
      String placeholder;
      if (failure.isPresent()) {
        badge = "failed";
        badgeClass = "missing";
        placeholder = failure.get().stage() + " failed: " + failure.get().kind();
        failed++;
      } else if (e.getValue().isMissing() || r.isEmpty()) {
        badge = "missing";
        badgeClass = "missing";
        placeholder = e.getValue().isMissing() ? "not fetched yet" : "not indexed (failed)";
        missing++;
      } else if (!r.get().judged()) {
        badge = "not judged";
        badgeClass = "unknown";
        placeholder = "no SR bands yet";
        unjudged++;
      } else if (r.get().cloudFree()) {
        badge = "clear";
        badgeClass = "clear";
        placeholder = "no SR bands yet";
        clear++;
      } else {
        badge = "cloudy";
        badgeClass = "cloudy";
        placeholder = "no SR bands yet";
        cloudy++;
      }
      boolean thumb = r.map(SceneRecord::thumbnail).orElse(false);
      double cloud = r.map(SceneRecord::cloudPercent).orElse(Double.NaN);
      double fill = r.map(SceneRecord::fillPercent).orElse(Double.NaN);
      List<String> memberOf = new ArrayList<>();
      for (TileCollection c : List.of(TileCollection.CLOUD_FREE, TileCollection.COG_RESEARCH)) {
        if (r.map(x -> x.in(c)).orElse(false)) {
          memberOf.add(c.id());
        }
      }
      cards.add(
          new Card(
              id.toString(),
              id.acquired().toString(),
              id.acquired().getYear(),
              id.sensor().name(),
              Double.isNaN(cloud) ? null : Math.round(cloud * 100) / 100.0,
              percent(cloud),
              percent(fill),
              badge,
              failure.map(f -> f.stage() + ": " + f.message()).or(() -> r.map(SceneRecord::reason)).orElse(""),
              badgeClass,
              thumb ? names.href(page, names.smallThumb(id)) : null,
              thumb ? names.href(page, names.largeThumb(id)) : null,
              placeholder,
              withFolder.contains(id)
                  ? names.href(page, names.layout().sceneDir(collection.root(names.layout()), id)
                      .resolve(OutputNames.LISTING_PAGE))
                  : null,
              r.map(SceneRecord::item).orElse(false) ? names.href(page, names.stacItem(id)) : null,
              failure.map(f -> f.stage() + " failed: " + f.kind()).orElse(null),
              memberOf));
    }
    Plot plot = plot(cards, first, last);
    List<SensorKey> keys = sensors.stream().map(s -> new SensorKey(s.name(), colour(s))).toList();
    return templates.thumbIndex(
        new Scope(
            collection.title() + " of tile " + tile,
            collection.id(),
            nav.rule(collection),
            collection.holds(),
            nav.from(page, collection),
            names.href(page, names.listing(collection)),
            cards.size(),
            clear,
            cloudy,
            unjudged,
            missing,
            failed,
            hasCatalog,
            names.href(page, names.stacCollection(tile)),
            names.href(page, names.mapPage(collection.root(names.layout()), tile)),
            plot,
            keys,
            List.copyOf(years),
            GRID_PAGE,
            embeddedJson(cards),
            !shownFailures.isEmpty(),
            shownFailures.size(),
            FailureRow.of(shownFailures)));
  }

  /** The cards as a JSON array safe inside a {@code <script>} element: no {@code <} can close it. */
  static String embeddedJson(List<Card> cards) {
    String json;
    try {
      json = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(cards);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  private static Plot plot(List<Card> cards, LocalDate first, LocalDate last) {
    List<Point> points = new ArrayList<>();
    List<Tick> xTicks = new ArrayList<>();
    List<Tick> yTicks = new ArrayList<>();
    List<Bar> bars = new ArrayList<>();
    for (int c = 0; c <= 100; c += 25) {
      yTicks.add(new Tick(LEFT, y(c), c + "%"));
    }
    int densest = 0;
    if (first != null) {
      long from = first.withDayOfYear(1).toEpochDay();
      long to = Math.max(last.plusYears(1).withDayOfYear(1).toEpochDay(), from + 1);
      int yearCount = last.getYear() + 2 - first.getYear();
      // a label is about 28 px wide: label every year while they fit, else every 2nd, 5th, 10th
      int step = 1;
      for (int s : new int[] {1, 2, 5, 10}) {
        step = s;
        if ((RIGHT - LEFT) / (double) yearCount * s >= 30) {
          break;
        }
      }
      for (int year = first.getYear(); year <= last.getYear() + 1; year++) {
        double x = x(LocalDate.of(year, 1, 1).toEpochDay(), from, to);
        xTicks.add(new Tick(x, BOTTOM, year % step == 0 ? Integer.toString(year) : ""));
      }
      Map<Integer, Integer> perYear = new TreeMap<>();
      for (int i = 0; i < cards.size(); i++) {
        Card c = cards.get(i);
        perYear.merge(c.year(), 1, Integer::sum);
        if (c.cloud() == null) {
          continue;
        }
        points.add(
            new Point(
                x(LocalDate.parse(c.date()).toEpochDay(), from, to),
                y(c.cloud()),
                colour(Sensor.parse(c.sensor())),
                i,
                c.date() + " " + c.sensor() + " cloud " + c.cloudText() + " " + c.id()));
      }
      densest = perYear.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      for (Map.Entry<Integer, Integer> e : perYear.entrySet()) {
        double x0 = x(LocalDate.of(e.getKey(), 1, 1).toEpochDay(), from, to);
        double x1 = x(LocalDate.of(e.getKey() + 1, 1, 1).toEpochDay(), from, to);
        double h = round((DENSITY_BOTTOM - DENSITY_TOP) * e.getValue() / (double) densest);
        bars.add(new Bar(x0 + 0.5, round(DENSITY_BOTTOM - h), round(Math.max(1, x1 - x0 - 1)), h,
            e.getKey() + ": " + e.getValue() + " scene" + (e.getValue() == 1 ? "" : "s")));
      }
    }
    return new Plot(
        WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, LEFT - 6, BOTTOM + 16, (TOP + BOTTOM) / 2, DENSITY_TOP,
        DENSITY_BOTTOM, points.size() > DENSE ? "dense" : "sparse", densest, xTicks, yTicks, points, bars);
  }

  private static double x(long day, long from, long to) {
    return round(LEFT + (RIGHT - LEFT) * (double) (day - from) / (to - from));
  }

  private static double y(double cloud) {
    return round(BOTTOM - (BOTTOM - TOP) * Math.max(0, Math.min(100, cloud)) / 100);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v);
  }

  static String colour(Sensor s) {
    return switch (s) {
      case LT04 -> "#8e24aa";
      case LT05 -> "#1e88e5";
      case LE07 -> "#43a047";
      case LC08 -> "#e53935";
      case LC09 -> "#fb8c00";
    };
  }

  /**
   * One scene of the grid, as the page's JSON carries it (the script builds its card with text nodes, never HTML).
   *
   * @param cloud cloud %, null when unknown
   * @param small the small thumbnail's href, null without one
   * @param large the large thumbnail's href
   * @param folder the scene's folder listing in this collection's tree, null without one
   * @param item its STAC item, null without one
   * @param failure which stage failed it, null when none did
   * @param collections the selective collections it belongs to, by id
   */
  record Card(
      String id,
      String date,
      int year,
      String sensor,
      Double cloud,
      String cloudText,
      String fillText,
      String badge,
      String reason,
      String badgeClass,
      String small,
      String large,
      String placeholder,
      String folder,
      String item,
      String failure,
      List<String> collections) {}

  record Tick(double x, double y, String label) {}

  /** @param index the card's position in the page's JSON array, so that filters reach the point */
  record Point(double x, double y, String colour, int index, String label) {}

  record Bar(double x, double y, double width, double height, String label) {}

  record Plot(
      int width,
      int height,
      int left,
      int right,
      int top,
      int bottom,
      int labelX,
      int xLabelY,
      int midY,
      int densityTop,
      int densityBottom,
      String density,
      int densest,
      List<Tick> xTicks,
      List<Tick> yTicks,
      List<Point> points,
      List<Bar> bars) {}

  record SensorKey(String name, String colour) {}

  record Scope(
      String title,
      String collectionId,
      String rule,
      String holds,
      List<CollectionNav.Link> collections,
      String listingHref,
      int sceneCount,
      int clearCount,
      int cloudyCount,
      int unjudgedCount,
      int missingCount,
      int failedCount,
      boolean hasCatalog,
      String collectionHref,
      String mapHref,
      Plot plot,
      List<SensorKey> sensors,
      List<Integer> years,
      int gridPage,
      String scenesJson,
      boolean hasFailures,
      int failureCount,
      List<FailureRow> failures) {}
}
