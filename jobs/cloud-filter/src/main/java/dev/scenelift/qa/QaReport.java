package dev.scenelift.qa;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Pixel counts of one QA band, decoded with a {@link QaLayout}. Percentages are over the non-fill pixels, except
 * {@code fill}, which is over the whole band. A band that is all fill has 0 % of everything else.
 *
 * @param layout how the band was decoded
 * @param total all pixels
 * @param fill fill pixels
 * @param clear clear
 * @param water water
 * @param cloud the cloud flag (the figure USGS's {@code cloud_cover} reports)
 * @param cloudHigh cloud confidence high
 * @param cloudMedium cloud confidence medium
 * @param cloudLow cloud confidence low
 * @param shadow cloud shadow
 * @param snow snow/ice
 * @param snowNotCloud snow/ice without the cloud flag (what USGS's {@code snow_ice} reports, see the real QA test)
 * @param cirrus cirrus (see {@link QaLayout})
 * @param dilated dilated cloud (C2)
 * @param terrain terrain occlusion (C1 Landsat 8/9)
 * @param cloudOrCirrus cloud or cirrus
 * @param cloudOrDilated cloud or dilated cloud
 * @param cloudOrCirrusOrDilated cloud, cirrus or dilated cloud
 */
public record QaReport(
    QaLayout layout,
    long total,
    long fill,
    long clear,
    long water,
    long cloud,
    long cloudHigh,
    long cloudMedium,
    long cloudLow,
    long shadow,
    long snow,
    long snowNotCloud,
    long cirrus,
    long dilated,
    long terrain,
    long cloudOrCirrus,
    long cloudOrDilated,
    long cloudOrCirrusOrDilated) {

  public QaReport {
    Objects.requireNonNull(layout, "layout");
    if (total < 0 || fill < 0 || fill > total) {
      throw new IllegalArgumentException("fill " + fill + " of " + total + " pixels");
    }
  }

  /** Counts every pixel of a 16-bit histogram ({@code histogram[v]} = pixels of value v). */
  public static QaReport of(QaLayout layout, long[] histogram) {
    if (histogram.length != 1 << 16) {
      throw new IllegalArgumentException("a 16-bit histogram has 65536 bins, got " + histogram.length);
    }
    long total = 0, fill = 0, clear = 0, water = 0, cloud = 0, high = 0, medium = 0, low = 0, shadow = 0, snow = 0;
    long snowNotCloud = 0, cirrus = 0, dilated = 0, terrain = 0, cc = 0, cd = 0, ccd = 0;
    for (int v = 0; v < histogram.length; v++) {
      long n = histogram[v];
      if (n == 0) {
        continue;
      }
      total += n;
      if (layout.fill(v)) {
        fill += n;
        continue;
      }
      boolean isCloud = layout.cloud(v);
      boolean isCirrus = layout.cirrus(v);
      boolean isDilated = layout.dilated(v);
      clear += layout.clear(v) ? n : 0;
      water += layout.water(v) ? n : 0;
      cloud += isCloud ? n : 0;
      int conf = layout.cloudConfidence(v);
      high += conf == 3 ? n : 0;
      medium += conf == 2 ? n : 0;
      low += conf == 1 ? n : 0;
      shadow += layout.shadow(v) ? n : 0;
      snow += layout.snow(v) ? n : 0;
      snowNotCloud += layout.snow(v) && !isCloud ? n : 0;
      cirrus += isCirrus ? n : 0;
      dilated += isDilated ? n : 0;
      terrain += layout.terrainOcclusion(v) ? n : 0;
      cc += isCloud || isCirrus ? n : 0;
      cd += isCloud || isDilated ? n : 0;
      ccd += isCloud || isCirrus || isDilated ? n : 0;
    }
    return new QaReport(
        layout, total, fill, clear, water, cloud, high, medium, low, shadow, snow, snowNotCloud, cirrus, dilated,
        terrain, cc, cd, ccd);
  }

  public long valid() {
    return total - fill;
  }

  /** Percent of the non-fill pixels; 0 when every pixel is fill. */
  public double percentOfValid(long count) {
    return valid() == 0 ? 0 : 100.0 * count / valid();
  }

  public double fillPercent() {
    return total == 0 ? 100 : 100.0 * fill / total;
  }

  public double cloudPercent() {
    return percentOfValid(cloud);
  }

  /**
   * The percentages as {@code cloud.json} stores them: {@code clear, water, cloud, cloud_high, cloud_medium, cloud_low,
   * shadow, snow, snow_not_cloud, cirrus, dilated_cloud, terrain_occlusion, cloud_or_cirrus, cloud_or_dilated,
   * cloud_or_cirrus_or_dilated} over the non-fill pixels, and {@code fill} over the band.
   */
  public Map<String, Double> percentages() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("clear", percentOfValid(clear));
    m.put("water", percentOfValid(water));
    m.put("cloud", percentOfValid(cloud));
    m.put("cloud_high", percentOfValid(cloudHigh));
    m.put("cloud_medium", percentOfValid(cloudMedium));
    m.put("cloud_low", percentOfValid(cloudLow));
    m.put("shadow", percentOfValid(shadow));
    m.put("snow", percentOfValid(snow));
    m.put("snow_not_cloud", percentOfValid(snowNotCloud));
    m.put("cirrus", percentOfValid(cirrus));
    m.put("dilated_cloud", percentOfValid(dilated));
    m.put("terrain_occlusion", percentOfValid(terrain));
    m.put("cloud_or_cirrus", percentOfValid(cloudOrCirrus));
    m.put("cloud_or_dilated", percentOfValid(cloudOrDilated));
    m.put("cloud_or_cirrus_or_dilated", percentOfValid(cloudOrCirrusOrDilated));
    m.put("fill", fillPercent());
    return m;
  }
}
