package dev.scenelift.submit;

import dev.scenelift.gdal.GdalS3;
import dev.scenelift.index.BucketGateway;
import dev.scenelift.index.IndexPages;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Reads;
import dev.scenelift.store.S3Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What {@code serve} prints: the URL of each index page and of the STAC catalog that exist, a COG read by HTTP range
 * through the gateway ({@code /vsicurl/}), and the store's S3 endpoint with the GDAL {@code /vsis3/} settings that
 * read it, as a command a person can paste.
 */
final class ServeAddresses {
  /** GDAL's {@code /vsicurl/} otherwise lists the file's folder and probes for side-car files before each open. */
  static final String VSICURL_SETTINGS = "GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR";

  private final S3Client s3;
  private final KeyLayout layout;
  private final BucketGateway gateway;
  private final S3Settings storeSettings;

  ServeAddresses(S3Client s3, KeyLayout layout, BucketGateway gateway, S3Settings storeSettings) {
    this.s3 = s3;
    this.layout = layout;
    this.gateway = gateway;
    this.storeSettings = storeSettings;
  }

  List<String> lines(Tile tile) {
    List<String> out = new ArrayList<>();
    for (S3Location page : IndexPages.of(layout, tile)) {
      if (S3Reads.exists(s3, page)) {
        out.add("open: " + gateway.url(page));
      }
    }
    if (out.isEmpty()) {
      out.add("no index pages for " + tile + " yet: run submit-run --tile " + tile + " first");
    }
    S3Location catalog = IndexPages.stacCatalog(layout);
    if (S3Reads.exists(s3, catalog)) {
      out.add("stac: " + gateway.url(catalog));
    }
    Optional<S3Location> cog = firstCog(tile);
    String example = cog.map(GdalS3::path).orElse(GdalS3.path(layout.tileDir(layout.cog(), tile)) + "<scene>/SR/<file>.tif");
    cog.ifPresent(c -> out.add("gdal: " + VSICURL_SETTINGS + " gdalinfo /vsicurl/" + gateway.url(c)));
    out.add("s3:   " + storeSettings.endpoint().map(Object::toString).orElse("AWS") + " bucket "
        + layout.raw().bucket() + (storeSettings.unsigned() ? " (unsigned requests: the store checks no signatures)" : ""));
    out.add("gdal: " + GdalS3.options(storeSettings).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ")) + " gdalinfo " + example);
    return out;
  }

  /** A COG of the tile to show the commands with: the first GeoTIFF under the tile's COG folder. */
  private Optional<S3Location> firstCog(Tile tile) {
    S3Location dir = layout.tileDir(layout.cog(), tile);
    return s3.listObjectsV2Paginator(b -> b.bucket(dir.bucket()).prefix(dir.key())).contents().stream()
        .map(S3Object::key)
        .filter(k -> k.endsWith(".tif"))
        .findFirst()
        .map(k -> new S3Location(dir.bucket(), k));
  }
}
