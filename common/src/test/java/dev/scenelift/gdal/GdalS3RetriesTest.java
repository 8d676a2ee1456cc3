package dev.scenelift.gdal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import dev.scenelift.testing.FaultProxy;
import java.nio.file.Path;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** GDAL's /vsis3/ reads (index-build's thumbnails, cloud-filter's streamed QA) ride out 503 SlowDown and 500. */
class GdalS3RetriesTest {
  @TempDir Path dir;

  @Test
  void vsis3ReadsSucceedWhenAThirdOfRequestsAnswer503Or500() throws Exception {
    Gdal.init();
    Path tif = dir.resolve("band.tif");
    Dataset ds = gdal.GetDriverByName("GTiff").Create(tif.toString(), 64, 64, 1, gdalconstConstants.GDT_Int16);
    short[] row = new short[64 * 64];
    for (int i = 0; i < row.length; i++) {
      row[i] = (short) (i % 997);
    }
    ds.GetRasterBand(1).WriteRaster(0, 0, 64, 64, row);
    int expected = ds.GetRasterBand(1).Checksum();
    ds.delete();

    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings());
        FaultProxy proxy = new FaultProxy(store.endpoint(), 0.0, 3)) {
      s3.createBucket(b -> b.bucket("gdal"));
      proxy.setKinds(FaultProxy.Fault.SLOW_DOWN_503, FaultProxy.Fault.INTERNAL_ERROR_500);
      GdalS3.configure(S3Settings.compatible(proxy.endpoint(), EmbeddedS3Store.ACCESS_KEY, EmbeddedS3Store.SECRET_KEY));
      gdal.SetConfigOption("GDAL_HTTP_RETRY_DELAY", "0.05"); // keep the test quick; the back-off shape is GDAL's
      try {
        for (int i = 0; i < 8; i++) {
          S3Location at = new S3Location("gdal", "bands/" + System.nanoTime() + "-" + i + ".tif");
          s3.putObject(b -> b.bucket(at.bucket()).key(at.key()), RequestBody.fromFile(tif));
          proxy.setShare(0.33);
          Dataset read = gdal.OpenEx(GdalS3.path(at), gdalconstConstants.OF_RASTER | gdalconstConstants.OF_READONLY);
          assertThat(read).as("GDAL opened %s: %s", at, gdal.GetLastErrorMsg()).isNotNull();
          try {
            assertThat(read.GetRasterBand(1).Checksum()).isEqualTo(expected);
          } finally {
            read.delete();
            proxy.setShare(0.0);
          }
        }
      } finally {
        gdal.SetConfigOption("GDAL_HTTP_RETRY_DELAY", GdalS3.RETRY_DELAY_SECONDS);
      }
      assertThat(proxy.injectedTotal()).as("faults were injected").isPositive();
    }
  }
}
