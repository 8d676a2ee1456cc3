package dev.scenelift.synthetic;

import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The synthetic scenes of a tile: scene i is the same for every count and every run (seeded by the tile and i), so a
 * larger {@code synthetic:N} extends a smaller one. Sensors rotate LC08, LE07, LT05; acquisition dates spread over each
 * sensor's years; production dates fall in Collection 1 ARD's production period. Skies mix clear, partly cloudy and
 * overcast scenes ({@link Sky}); scenes 0, 1, 2 are one of each: clear with a sliver of fill, partly cloudy, and
 * overcast with a wide wedge of fill; scene 3 (an LC08, by the rotation) is a summer scene with almost no cloud and
 * fill, as the COG research set ("Landsat 8, no fill, no clouds") wants.
 */
final class SyntheticPlan {
  static final long SEED = 20170713L;

  private static final Sensor[] ROTATION = {Sensor.LC08, Sensor.LE07, Sensor.LT05};
  private static final LocalDate C1_ARD_START = LocalDate.of(2017, 7, 13);
  private static final LocalDate C2_ARD_START = LocalDate.of(2021, 4, 25);
  private static final int SUMMER_START = 160; // early June
  private static final int SUMMER_DAYS = 100; // to mid-September

  private SyntheticPlan() {}

  static List<SceneRecipe> plan(Tile tile, int count) {
    return plan(tile, count, Collection.C1);
  }

  static List<SceneRecipe> plan(Tile tile, int count, Collection collection) {
    List<SceneRecipe> out = new ArrayList<>(count);
    Set<String> acquisitions = new HashSet<>();
    for (int i = 0; i < count; i++) {
      out.add(recipe(tile, i, acquisitions, collection));
    }
    return out;
  }

  private static SceneRecipe recipe(Tile tile, int index, Set<String> taken, Collection collection) {
    LocalDate ardStart = collection == Collection.C1 ? C1_ARD_START : C2_ARD_START;
    long seed = SEED * 1_000_003L + tile.h() * 10_007L + tile.v() * 101L + index;
    Random r = new Random(seed);
    Sensor sensor = ROTATION[index % ROTATION.length];
    int firstYear = switch (sensor) {
      case LC08, LC09 -> 2013;
      case LE07 -> 1999;
      default -> 1984;
    };
    int lastYear = switch (sensor) {
      case LT05, LT04 -> 2011;
      default -> 2017;
    };
    LocalDate acquired;
    SceneId id;
    do {
      int year = firstYear + r.nextInt(lastYear - firstYear + 1);
      // Landsat 8 began imaging in April 2013; keep its dates after that.
      int minDay = sensor == Sensor.LC08 && year == 2013 ? 100 : 1;
      int draw = r.nextInt(365 - minDay + 1);
      // the clear scenes are summer ones, so that their thumbnails show land, not snow that looks like cloud
      boolean summerScene = index == 0 || index == 3;
      acquired = LocalDate.ofYearDay(year, summerScene ? SUMMER_START + draw % SUMMER_DAYS : minDay + draw);
      LocalDate earliest = acquired.plusDays(20).isAfter(ardStart) ? acquired.plusDays(20) : ardStart;
      LocalDate produced = earliest.plusDays(r.nextInt(700));
      id = new SceneId(sensor, "CU", tile, acquired, produced, collection);
    } while (!taken.add(id.acquisitionKey()));
    int month = acquired.getMonthValue();
    boolean winter = month <= 3 || month >= 11;
    double summer = Math.cos((acquired.getDayOfYear() - 200) / 365.0 * 2 * Math.PI); // 1 mid-July, -1 mid-January
    LocalDateTime produced = LocalDateTime.of(id.produced(), LocalTime.of(r.nextInt(24), r.nextInt(60), r.nextInt(60)));
    Sky sky = Sky.of(index, r);
    int side = r.nextBoolean() ? -1 : 1;
    int fillSide;
    double fillEdge;
    if (index == 0) { // the clear scene: a thin sliver of fill
      fillSide = side;
      fillEdge = 0.02 + 0.03 * r.nextDouble();
    } else if (index == 3) { // the research scene: the swath covers the tile but for a corner, as real LC08 ones do
      fillSide = side;
      fillEdge = 0.008 + 0.004 * r.nextDouble();
    } else if (index == 2) { // the overcast scene: a wide wedge of fill
      fillSide = side;
      fillEdge = 0.30 + 0.12 * r.nextDouble();
    } else {
      fillSide = r.nextInt(4) == 0 ? 0 : side;
      fillEdge = 0.15 + 0.35 * r.nextDouble();
    }
    double cover = sky.cover(r);
    SceneRecipe recipe =
        new SceneRecipe(
            id,
            seed,
            produced,
            fillSide,
            fillEdge,
            1,
            25 + 50 * r.nextDouble(),
            15 + 35 * r.nextDouble(),
            winter ? 0.55 + 0.1 * r.nextDouble() : 0.72 + 0.15 * r.nextDouble(),
            0.55 + 0.45 * Math.max(0, summer),
            r.nextInt(3) == 0 ? 1 : 2,
            Math.max(1, Math.min(233, 44 + (7 - tile.v()) / 2 - (tile.h() - 3))),
            Math.max(1, Math.min(247, 31 - (7 - tile.v()))));
    return recipe.withCloudThreshold(CloudField.thresholdFor(recipe, cover));
  }
}
