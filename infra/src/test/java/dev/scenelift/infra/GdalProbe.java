package dev.scenelift.infra;

import dev.scenelift.gdal.Gdal;

/** Run inside an image by {@link JobImagesStartTest}: loads GDAL through the JNI library and prints its version. */
public final class GdalProbe {
  private GdalProbe() {}

  public static void main(String[] args) {
    System.out.println("GDAL " + Gdal.version());
  }
}
