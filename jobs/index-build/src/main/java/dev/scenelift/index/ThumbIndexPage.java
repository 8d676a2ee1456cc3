package dev.scenelift.index;

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
import java.util.TreeSet;

/**
 * {@code <raw>/<tile>/thumbs/thumbindex.html}: an inline-SVG plot of acquisitions over time (x date, y cloud %,
 * colour sensor) above a filterable grid of every scene's thumbnail, badge and links. Scenes without a thumbnail show
 * a placeholder saying why, never a broken image.
 */
final class ThumbIndexPage {
  static final int WIDTH = 960;
  static final int HEIGHT = 260;
  static final int LEFT = 50;
  static final int RIGHT = WIDTH - 15;
  static final int TOP = 10;
  static final int BOTTOM = HEIGHT - 30;

  private final Templates templates;
  private final OutputNames names;

  ThumbIndexPage(Templates templates, OutputNames names) {
    this.templates = templates;
    this.names = names;
  }

  /**
   * @param scenes every scene of the tile, present or missing
   * @param records what was rendered for the present ones
   * @param failures the failure records of the tile's scenes, any stage: a card says which stage failed it, and a
   *     table lists them all
   * @param hasCatalog whether the STAC collection exists
   */
  String render(
      Tile tile,
      Map<SceneId, SceneInputs> scenes,
      Map<SceneId, SceneRecord> records,
      List<FailureRecord> failures,
      boolean hasCatalog) {
    Map<SceneId, FailureRecord> firstFailure = new HashMap<>();
    failures.forEach(f -> firstFailure.merge(f.scene(), f, (a, b) -> a.stage().compareTo(b.stage()) <= 0 ? a : b));
    S3Location page = names.thumbIndex(tile);
    List<Card> cards = new ArrayList<>();
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
      years.add(id.acquired().getYear());
      sensors.add(id.sensor());
      first = first == null || id.acquired().isBefore(first) ? id.acquired() : first;
      last = last == null || id.acquired().isAfter(last) ? id.acquired() : last;
      Optional<SceneRecord> r = Optional.ofNullable(records.get(id));
      Optional<FailureRecord> failure = Optional.ofNullable(firstFailure.get(id));
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
      cards.add(
          new Card(
              id.toString(),
              id.acquired().toString(),
              id.acquired().getYear(),
              id.sensor().name(),
              Double.isNaN(cloud) ? "" : String.format(Locale.ROOT, "%.2f", cloud),
              percent(cloud),
              percent(fill),
              badge,
              failure.map(f -> f.stage() + ": " + f.message()).or(() -> r.map(SceneRecord::reason)).orElse(""),
              badgeClass,
              thumb,
              thumb ? UrlPaths.encode(names.smallThumb(id).name()) : null,
              thumb ? UrlPaths.encode(names.largeThumb(id).name()) : null,
              placeholder,
              e.getValue().raw().isEmpty() ? null : "../" + id + "/" + OutputNames.LISTING_PAGE,
              r.map(SceneRecord::item).orElse(false)
                  ? OutputNames.relative(page, names.stacItem(id))
                  : null,
              failure.map(f -> f.stage() + " failed: " + f.kind()).orElse(null)));
    }
    Plot plot = plot(cards, first, last);
    List<SensorKey> keys = sensors.stream().map(s -> new SensorKey(s.name(), colour(s))).toList();
    return templates.thumbIndex(
        new Scope(
            "Thumbnails of tile " + tile,
            cards.size(),
            clear,
            cloudy,
            unjudged,
            missing,
            failed,
            hasCatalog,
            OutputNames.relative(page, names.stacCollection(tile)),
            OutputNames.MAP_PAGE,
            plot,
            keys,
            List.copyOf(years),
            cards,
            !failures.isEmpty(),
            failures.size(),
            FailureRow.of(failures)));
  }

  private static Plot plot(List<Card> cards, LocalDate first, LocalDate last) {
    List<Point> points = new ArrayList<>();
    List<Tick> xTicks = new ArrayList<>();
    List<Tick> yTicks = new ArrayList<>();
    for (int c = 0; c <= 100; c += 25) {
      yTicks.add(new Tick(LEFT, y(c), c + "%"));
    }
    if (first != null) {
      long from = first.withDayOfYear(1).toEpochDay();
      long to = Math.max(last.plusYears(1).withDayOfYear(1).toEpochDay(), from + 1);
      for (int year = first.getYear(); year <= last.getYear() + 1; year++) {
        double x = x(LocalDate.of(year, 1, 1).toEpochDay(), from, to);
        xTicks.add(new Tick(x, BOTTOM, Integer.toString(year)));
      }
      for (Card c : cards) {
        if (c.cloudValue().isEmpty()) {
          continue;
        }
        double cloud = Double.parseDouble(c.cloudValue());
        points.add(
            new Point(
                x(LocalDate.parse(c.date()).toEpochDay(), from, to),
                y(cloud),
                colour(Sensor.parse(c.sensor())),
                c.year(),
                c.sensor(),
                c.cloudValue(),
                c.date() + " " + c.sensor() + " cloud " + c.cloudText()));
      }
    }
    return new Plot(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, LEFT - 6, BOTTOM + 16, (TOP + BOTTOM) / 2, xTicks, yTicks, points);
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

  record Card(
      String id,
      String date,
      int year,
      String sensor,
      String cloudValue,
      String cloudText,
      String fillText,
      String badge,
      String reason,
      String badgeClass,
      boolean hasThumb,
      String smallHref,
      String largeHref,
      String placeholder,
      String sceneHref,
      String itemHref,
      String failure) {}

  record Tick(double x, double y, String label) {}

  record Point(double x, double y, String colour, int year, String sensor, String cloud, String label) {}

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
      List<Tick> xTicks,
      List<Tick> yTicks,
      List<Point> points) {}

  record SensorKey(String name, String colour) {}

  record Scope(
      String title,
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
      List<Card> cards,
      boolean hasFailures,
      int failureCount,
      List<FailureRow> failures) {}
}
