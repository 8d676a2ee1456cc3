package dev.scenelift.cloud;

import dev.scenelift.scene.SceneId;
import java.util.Locale;

/** A small but complete Collection 1 tile XML for synthetic scenes (v1.1 layout, one contributing scene). */
final class TileXml {
  private TileXml() {}

  static String c1(SceneId id, double cloud, double shadow, double snow, double fill) {
    String d = id.acquired().toString();
    return String.format(
        Locale.ROOT,
        """
        <?xml version="1.0" encoding="utf-8"?>
        <ard_metadata version="1.1" xmlns="https://landsat.usgs.gov/ard/v1">
          <tile_metadata>
            <global_metadata>
              <data_provider>USGS/EROS</data_provider>
              <satellite>%s</satellite>
              <instrument>%s</instrument>
              <region>CU</region>
              <acquisition_date>%s</acquisition_date>
              <product_id>%s</product_id>
              <production_date>%sT12:00:00Z</production_date>
              <bounding_coordinates><west>-123.65</west><east>-121.28</east><north>46.36</north><south>44.69</south>
              </bounding_coordinates>
              <projection_information datum="WGS84" projection="AEA" units="meters">
                <corner_point location="UL" x="%.1f" y="%.1f"/>
                <corner_point location="LR" x="%.1f" y="%.1f"/>
                <grid_origin>UL</grid_origin>
              </projection_information>
              <tile_grid h="%03d" v="%03d"/>
              <scene_count>1</scene_count>
              <cloud_cover>%.4f</cloud_cover>
              <cloud_shadow>%.4f</cloud_shadow>
              <snow_ice>%.4f</snow_ice>
              <fill>%.4f</fill>
            </global_metadata>
            <bands>
              <band category="qa" data_type="UINT16" fill_value="1" name="PIXELQA" nlines="5000" nsamps="5000">
                <file_name>PIXELQA</file_name>
              </band>
            </bands>
          </tile_metadata>
          <scene_metadata>
            <index>1</index>
            <global_metadata>
              <satellite>%s</satellite>
              <instrument>%s</instrument>
              <acquisition_date>%s</acquisition_date>
              <wrs path="46" row="28" system="2"/>
              <product_id>%s_L1TP_046028_%s_20170101_01_T1</product_id>
            </global_metadata>
          </scene_metadata>
        </ard_metadata>
        """,
        id.sensor().platform(), id.sensor().instrument(), d, id, id.produced(),
        id.tile().upperLeftX(), id.tile().upperLeftY(), id.tile().upperLeftX() + 150000,
        id.tile().upperLeftY() - 150000, id.tile().h(), id.tile().v(), cloud, shadow, snow, fill,
        id.sensor().platform(), id.sensor().instrument(), d, id.sensor(), d.replace("-", ""));
  }
}
