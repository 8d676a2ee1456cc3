package dev.scenelift.synthetic;

import java.util.Random;

/**
 * How cloudy a synthetic scene is: its cloud cover (percent of the non-fill pixels) is drawn from {@code [min, max)}.
 * The first scenes of every tile are one of each, clear first, so the smallest {@code synthetic:N} shows every stage
 * at work and the default four fill the three collections with different sets; later scenes draw their sky with the weights below.
 */
enum Sky {
  /** Passes the cloud filter's default 10 % with room to spare. */
  CLEAR(1, 3.5, 40),
  PARTLY_CLOUDY(22, 38, 35),
  OVERCAST(62, 85, 25),
  /** Below the COG research set's default 1 %: only scene 3, never drawn for later scenes. */
  PRISTINE(0.2, 0.8, 0);

  /** The skies of scenes 0, 1, 2, 3 of a tile. */
  private static final Sky[] FIRST = {CLEAR, PARTLY_CLOUDY, OVERCAST, PRISTINE};

  final double minCover;
  final double maxCover;
  private final int weight;

  Sky(double minCover, double maxCover, int weight) {
    this.minCover = minCover;
    this.maxCover = maxCover;
    this.weight = weight;
  }

  /** The sky of scene {@code index}: fixed for the first four, drawn from {@code r} after. */
  static Sky of(int index, Random r) {
    if (index < FIRST.length) {
      return FIRST[index];
    }
    int pick = r.nextInt(100);
    for (Sky s : values()) {
      pick -= s.weight;
      if (pick < 0) {
        return s;
      }
    }
    throw new IllegalStateException("weights do not sum to 100");
  }

  /** A cover percent in this sky's range. */
  double cover(Random r) {
    return minCover + (maxCover - minCover) * r.nextDouble();
  }
}
