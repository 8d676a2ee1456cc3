package dev.scenelift.synthetic;

import dev.scenelift.scene.Collection;
import dev.scenelift.synthetic.BandSpec.Slot;

/**
 * Turns a {@link Strip} into the pixel values of one band: plausible reflectances (0..10000, scale 0.0001), brightness
 * temperatures (kelvin x 10), and QA bitmaps with Collection 1 semantics; for a Collection 2 scene the same
 * quantities in C2's encodings ({@link C2Bands}) and QA_PIXEL/QA_RADSAT with C2's bit layout. Fill pixels get the
 * band's fill value.
 */
final class StripRenderer {
  // Reflectance x 10000 by Slot (COASTAL, BLUE, GREEN, RED, NIR, SWIR1, SWIR2, CIRRUS).
  private static final float[] VEGETATION = {250, 300, 600, 350, 3800, 1800, 800, 10};
  private static final float[] SOIL = {800, 900, 1300, 1700, 2400, 3000, 2500, 10};
  private static final float[] WATER = {700, 600, 500, 300, 150, 60, 40, 5};
  private static final float[] SNOW = {8800, 8600, 8300, 8000, 6500, 700, 500, 20};
  private static final float[] CLOUD = {6800, 7000, 7100, 7200, 7300, 5200, 3600, 600};
  /** What the atmosphere adds at the top of it. */
  private static final float[] PATH = {1100, 850, 550, 350, 200, 60, 30, 0};

  static final short SR_FILL = -9999;

  private final SceneRecipe recipe;
  private final boolean oli;
  private final boolean c2;

  StripRenderer(SceneRecipe recipe) {
    this.recipe = recipe;
    this.oli = recipe.sensor().isOli();
    this.c2 = recipe.id().collection() == Collection.C2;
  }

  /** Renders a 16-bit band (Int16 or UInt16) into {@code out}. */
  void render16(BandSpec band, Strip s, short[] out) {
    switch (band.kind()) {
      case SURFACE_REFLECTANCE -> reflectance(band.slot(), s, out, false);
      case TOA_REFLECTANCE -> reflectance(band.slot(), s, out, true);
      case BRIGHTNESS_TEMPERATURE -> temperature(band.slot(), s, out, 0);
      case SURFACE_TEMPERATURE -> temperature(band.slot(), s, out, 15); // emissivity-corrected: ~1.5 K above BT
      case ST_QA -> stUncertainty(s, out);
      case ATMOS_OPACITY -> atmosOpacity(s, out);
      case PIXEL_QA -> pixelQa(s, out);
      case RADSAT_QA -> {
        for (int i = 0; i < s.pixels(); i++) {
          out[i] = (short) (c2 ? radsatC2(s, i) : radsat(s, i));
        }
      }
      default -> throw new IllegalArgumentException(band.name() + " is not a 16-bit band");
    }
  }

  /** Renders an 8-bit band into {@code out}. */
  void render8(BandSpec band, Strip s, byte[] out) {
    for (int i = 0; i < s.pixels(); i++) {
      out[i] =
          (byte)
              switch (band.kind()) {
                case LINEAGE_QA -> s.lineage[i];
                case RADSAT_QA -> radsat(s, i);
                case AEROSOL_QA -> aerosol(s, i);
                case CLOUD_QA -> cloudQa(s, i);
                default -> throw new IllegalArgumentException(band.name() + " is not an 8-bit band");
              };
    }
  }

  /**
   * Collection 1 PIXELQA: e.g. 322 clear, 324 water, 328 shadow, 336 snow, 480 cloud on Landsat 8 (66, 68, 72, 80,
   * 224 on TM/ETM+); medium cloud confidence (bits 6-7 = 2) at cloud edges; terrain occlusion (bit 10) on Landsat 8.
   */
  static short pixelQa(byte flags, boolean oli) {
    if ((flags & Strip.FILL) != 0) {
      return 1;
    }
    int v = oli ? 1 << 8 : 0; // cirrus confidence low
    if ((flags & Strip.CLOUD) != 0) {
      return (short) (v | 1 << 5 | 3 << 6);
    }
    v |= (flags & Strip.CLOUD_EDGE) != 0 ? 2 << 6 : 1 << 6; // cloud confidence medium near clouds, else low
    if (oli && (flags & Strip.TERRAIN_OCCLUDED) != 0) {
      v |= 1 << 10;
    }
    if ((flags & Strip.SHADOW) != 0) {
      v |= 1 << 3;
    } else if ((flags & Strip.SNOW) != 0) {
      v |= 1 << 4;
    } else if ((flags & Strip.WATER) != 0) {
      v |= 1 << 2;
    } else {
      v |= 1 << 1;
    }
    return (short) v;
  }

  /**
   * Collection 2 QA_PIXEL (bit 0 fill, 1 dilated cloud, 3 cloud, 4 cloud shadow, 5 snow, 6 clear, 7 water; confidence
   * pairs 8-9 cloud, 10-11 shadow, 12-13 snow/ice, 14-15 cirrus, the last on Landsat 8/9 only). Every pixel carries
   * low confidences where nothing was found, as USGS's do: on Landsat 8 21824 clear land, 21952 water, 22280 cloud
   * (high confidence), 23888 shadow, 30048 snow, 21762 dilated cloud around a cloud; on TM/ETM+ the same less the
   * cirrus pair (5440 clear land). Clear (bit 6) is set unless cloud or dilated cloud is, so shadow, snow and water
   * pixels are clear too.
   */
  static short pixelQaC2(byte flags, boolean oli) {
    if ((flags & Strip.FILL) != 0) {
      return 1;
    }
    int low = 1 << 8 | 1 << 10 | 1 << 12 | (oli ? 1 << 14 : 0);
    if ((flags & Strip.CLOUD) != 0) {
      return (short) (low | 3 << 8 | 1 << 3);
    }
    if ((flags & Strip.CLOUD_EDGE) != 0) {
      return (short) (low | 1 << 1);
    }
    int v = low | 1 << 6;
    if ((flags & Strip.SHADOW) != 0) {
      v |= 1 << 4 | 3 << 10;
    } else if ((flags & Strip.SNOW) != 0) {
      v |= 1 << 5 | 3 << 12;
    } else if ((flags & Strip.WATER) != 0) {
      v |= 1 << 7;
    }
    return (short) v;
  }

  private void pixelQa(Strip s, short[] out) {
    for (int i = 0; i < s.pixels(); i++) {
      out[i] = c2 ? pixelQaC2(s.flags[i], oli) : pixelQa(s.flags[i], oli);
    }
  }

  /** C2 QA_RADSAT: bit n-1 band n saturated, bit 11 terrain occlusion (Landsat 8/9); no fill bit. */
  private int radsatC2(Strip s, int i) {
    byte f = s.flags[i];
    if ((f & Strip.FILL) != 0) {
      return 0;
    }
    int v = !oli && (f & Strip.SNOW) != 0 && s.terrain[i] > recipe.snowLine() + 0.06 ? 0b111 : 0;
    return oli && (f & Strip.TERRAIN_OCCLUDED) != 0 ? v | 1 << 11 : v;
  }

  /** C2 ST_QA: the surface temperature's uncertainty in kelvin x 100, larger near and under clouds. */
  private static void stUncertainty(Strip s, short[] out) {
    for (int i = 0; i < s.pixels(); i++) {
      byte f = s.flags[i];
      out[i] = (f & Strip.FILL) != 0 ? (short) -9999
          : (short) ((f & Strip.CLOUD) != 0 ? 900 : (f & Strip.CLOUD_EDGE) != 0 ? 450 : 180 + (f & Strip.WATER) * 10);
    }
  }

  /** C2 SR_ATMOS_OPACITY (TM/ETM+): x 1000, higher through cloud. */
  private static void atmosOpacity(Strip s, short[] out) {
    for (int i = 0; i < s.pixels(); i++) {
      byte f = s.flags[i];
      out[i] = (f & Strip.FILL) != 0 ? (short) -9999 : (short) ((f & Strip.CLOUD) != 0 ? 800 : 150);
    }
  }

  private void reflectance(Slot slot, Strip s, short[] out, boolean toa) {
    int k = slot.ordinal();
    long seed = recipe.seed() * 31 + k + (toa ? 1000 : 0);
    for (int r = 0, i = 0; r < s.rows; r++) {
      int y = s.y0 + r;
      for (int x = 0; x < s.width; x++, i++) {
        byte f = s.flags[i];
        if ((f & Strip.FILL) != 0) {
          out[i] = c2 ? 0 : SR_FILL;
          continue;
        }
        float v;
        if ((f & Strip.WATER) != 0) {
          v = WATER[k];
        } else if ((f & Strip.SNOW) != 0) {
          v = SNOW[k];
        } else {
          float g = s.vegetation[i];
          v = g * VEGETATION[k] + (1 - g) * SOIL[k];
        }
        if ((f & Strip.SHADOW) != 0) {
          v *= 0.3f;
        }
        if ((f & Strip.CLOUD) != 0) {
          float a = s.cloudOpacity[i];
          v = a * CLOUD[k] + (1 - a) * v;
        }
        v += ValueNoise.texture(seed, x, y) * (0.04f * v + 25);
        if (toa) {
          v = 0.9f * v + PATH[k];
        }
        float clamped = Math.max(0, Math.min(10000, Math.round(v)));
        out[i] = c2 ? C2Bands.reflectance(clamped) : (short) clamped;
      }
    }
  }

  private void temperature(Slot slot, Strip s, short[] out, float above) {
    float land = 2700 + 330 * (float) recipe.greenness();
    float offset = slot == Slot.THERMAL2 ? -12 : 0;
    long seed = recipe.seed() * 37 + slot.ordinal();
    for (int r = 0, i = 0; r < s.rows; r++) {
      int y = s.y0 + r;
      for (int x = 0; x < s.width; x++, i++) {
        byte f = s.flags[i];
        if ((f & Strip.FILL) != 0) {
          out[i] = c2 ? 0 : SR_FILL;
          continue;
        }
        float t = land - 300 * (s.terrain[i] - 0.5f);
        if ((f & Strip.WATER) != 0) {
          t = land - 80;
        } else if ((f & Strip.SNOW) != 0) {
          t = Math.min(2700, t - 150);
        } else if ((f & Strip.SHADOW) != 0) {
          t -= 40;
        }
        if ((f & Strip.CLOUD) != 0) {
          float a = s.cloudOpacity[i];
          t = a * (2480 - 250 * a) + (1 - a) * t;
        }
        t += offset + above + ValueNoise.texture(seed, x, y) * 8;
        out[i] = c2 ? C2Bands.kelvin(t) : (short) Math.round(t);
      }
    }
  }

  private int radsat(Strip s, int i) {
    byte f = s.flags[i];
    if ((f & Strip.FILL) != 0) {
      return 1;
    }
    // TM/ETM+ saturate their visible bands over bright snow; OLI's 12-bit range rarely does.
    return !oli && (f & Strip.SNOW) != 0 && s.terrain[i] > recipe.snowLine() + 0.06 ? 0b1110 : 0;
  }

  private static int aerosol(Strip s, int i) {
    byte f = s.flags[i];
    if ((f & Strip.FILL) != 0) {
      return 1;
    }
    int x = i % s.width;
    int y = s.y0 + i / s.width;
    int v = 1 << 6; // aerosol level low
    v |= x % 3 == 1 && y % 3 == 1 ? 1 << 1 : 1 << 5; // retrieval centre, or interpolated
    if ((f & Strip.WATER) != 0) {
      v |= 1 << 2;
    }
    if ((f & Strip.CLOUD) != 0) {
      v |= 1 << 3;
    }
    if ((f & Strip.SHADOW) != 0) {
      v |= 1 << 4;
    }
    return v;
  }

  private static int cloudQa(Strip s, int i) {
    byte f = s.flags[i];
    if ((f & Strip.FILL) != 0) {
      return 0;
    }
    int v = 0;
    if ((f & Strip.CLOUD) != 0) {
      v |= 1 << 1;
    } else if ((f & Strip.SHADOW) != 0) {
      v |= 1 << 2;
    } else if ((f & Strip.SNOW) != 0) {
      v |= 1 << 4;
    } else if ((f & Strip.WATER) != 0) {
      v |= 1 << 5;
    } else if (s.vegetation[i] > 0.75f) {
      v |= 1; // dark dense vegetation
    }
    return v;
  }
}
