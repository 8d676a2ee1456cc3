package dev.scenelift.gdal;

import java.util.Objects;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/** A GDAL dataset that is closed (flushed and freed) by {@link #close()}; closing twice is safe. */
public final class GdalDataset implements AutoCloseable {
  private Dataset dataset;

  private GdalDataset(Dataset dataset) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
  }

  /** Wraps a dataset this object now owns. */
  public static GdalDataset own(Dataset dataset) {
    return new GdalDataset(dataset);
  }

  /**
   * Opens a raster read-only.
   *
   * @throws GdalException with GDAL's own message when it cannot be opened
   */
  public static GdalDataset openReadOnly(String path) {
    Gdal.init();
    Dataset ds;
    try {
      ds = gdal.Open(path, gdalconstConstants.GA_ReadOnly);
    } catch (RuntimeException e) {
      throw new GdalException("cannot open " + path + ": " + e.getMessage(), e);
    }
    if (ds == null) {
      throw new GdalException("cannot open " + path + ": " + gdal.GetLastErrorMsg(), null);
    }
    return new GdalDataset(ds);
  }

  public Dataset get() {
    if (dataset == null) {
      throw new IllegalStateException("dataset is closed");
    }
    return dataset;
  }

  @Override
  public void close() {
    if (dataset != null) {
      dataset.delete();
      dataset = null;
    }
  }
}
