package dev.scenelift.index;

import static dev.scenelift.index.IndexedTile.L5;
import static dev.scenelift.index.IndexedTile.L8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Bundle;
import dev.scenelift.stac.MapPreviewAsset;
import dev.scenelift.store.S3Location;
import dev.scenelift.testing.GdalCogScript;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gdal.gdal.Dataset;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scene with true-colour SR COGs gets a map preview beside its STAC item: a valid COG (GDAL's own validator) on the
 * scene's grid, in the scene's colours as map.html stretches its SR COGs, transparent where the scene is nodata, listed as an item asset.
 */
class MapPreviewTest {
  @TempDir Path tmp;

  @Test
  void previewIsAValidRgbaCogOnTheScenesGridInItsColours() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      assertThat(t.run()).as(t.lastErr).isZero();
      S3Location key = t.names().mapPreview(L8);
      assertThat(key.key()).isEqualTo("cog/h03v03/" + L8 + "/" + L8 + "_map-preview.tif");
      Path preview = tmp.resolve("preview.tif");
      Files.write(preview, t.bytes(key));
      GdalCogScript.Verdict verdict = new GdalCogScript().validate(preview);
      assertThat(verdict.valid()).as(verdict.output()).isTrue();

      Path red = tmp.resolve("red.tif");
      Files.write(red, t.bytes(t.layout.cogObject(L8, Bundle.SR, L8 + "_SRB4.tif")));
      try (GdalDataset p = GdalDataset.openReadOnly(preview.toString());
          GdalDataset r = GdalDataset.openReadOnly(red.toString())) {
        Dataset d = p.get();
        assertThat(d.getRasterCount()).isEqualTo(4);
        assertThat(d.GetRasterBand(1).getDataType()).isEqualTo(gdalconstConstants.GDT_Byte);
        assertThat(d.GetRasterBand(4).GetColorInterpretation()).isEqualTo(gdalconstConstants.GCI_AlphaBand);
        assertThat(d.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")).isEqualTo("WEBP");
        assertThat(d.GetProjection()).isEqualTo(r.get().GetProjection());
        // the scene's extent: same origin, pixels scaled by the size ratio (250 pixels stay 250)
        double[] pg = d.GetGeoTransform();
        double[] rg = r.get().GetGeoTransform();
        double k = (double) r.get().getRasterXSize() / d.getRasterXSize();
        assertThat(pg).containsExactly(new double[] {rg[0], rg[1] * k, 0, rg[3], 0, rg[5] * k},
            org.assertj.core.data.Offset.offset(1e-6));
        int w = d.getRasterXSize();
        // IndexedTile's red grows to the right, green downwards; its top-left 20x20 corner is nodata
        assertThat(pixel(d, 1, w - 10, w / 2)).isGreaterThan(pixel(d, 1, 30, w / 2) + 100);
        assertThat(pixel(d, 2, w / 2, w - 10)).isGreaterThan(pixel(d, 2, w / 2, 30) + 100);
        // blue is 500..506: the map's stretch (0-3000 to 1-255) makes it dark, as the map draws it; the thumbnails'
        // per-band percentiles would spread it over the whole range
        assertThat(pixel(d, 3, w / 2, w / 2)).isBetween(36, 50);
        assertThat(pixel(d, 4, 5, 5)).as("nodata is transparent").isZero();
        assertThat(pixel(d, 4, w / 2, w / 2)).isEqualTo(255);
      }

      JsonNode asset = Json.mapper().readTree(t.bytes(t.names().stacItem(L8))).path("assets").path(MapPreviewAsset.KEY);
      assertThat(asset.path("href").asText()).isEqualTo("./" + L8 + "_map-preview.tif");
      assertThat(asset.path("type").asText()).isEqualTo("image/tiff; application=geotiff; profile=cloud-optimized");
      assertThat(asset.path("roles").get(0).asText()).isEqualTo("visual");
      assertThat(asset.path("proj:shape").toString()).isEqualTo("[250,250]");
      assertThat(t.exists(t.names().mapPreview(L5))).as("no COGs, no preview").isFalse();
    }
  }

  @Test
  void previewIsAnOutputNotAnInputSoAnUnchangedSceneIsNotRenderedAgain() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      assertThat(t.run()).as(t.lastErr).isZero();
      String etag = t.s3.headObject(b -> b.bucket("scenelift").key(t.names().mapPreview(L8).key())).eTag();
      assertThat(t.run()).as(t.lastErr).isZero();
      assertThat(t.lastOut).contains("0 scenes rendered");
      assertThat(t.s3.headObject(b -> b.bucket("scenelift").key(t.names().mapPreview(L8).key())).eTag())
          .isEqualTo(etag);
      assertThat(t.run("--no-thumbnails")).as(t.lastErr).isZero();
      assertThat(t.lastOut).as("a change of settings renders every scene again").contains("2 scenes rendered");
    }
  }

  private static int pixel(Dataset d, int band, int x, int y) {
    byte[] v = new byte[1];
    d.GetRasterBand(band).ReadRaster(x, y, 1, 1, 1, 1, gdalconstConstants.GDT_Byte, v);
    return v[0] & 0xff;
  }
}
