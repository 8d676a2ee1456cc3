package dev.scenelift.scene;

/** The USGS collection an ARD product belongs to; it decides the id format and the QA bit layout. */
public enum Collection {
  /** Collection 1: ids end in {@code _C01_V01}; QA is PIXELQA. */
  C1,
  /** Collection 2: ids end in {@code _02}; QA is QA_PIXEL; bands already COGs. */
  C2;

  /**
   * A band's code in its file name after {@code <scene-id>_}: C1 joins product and band ({@code SRB4}), C2 puts an
   * underscore between them ({@code SR_B4}).
   *
   * @param product e.g. {@code SR}
   * @param band e.g. {@code B4}
   */
  public String bandCode(String product, String band) {
    return this == C1 ? product + band : product + "_" + band;
  }

  /** The band file name extension USGS uses: {@code tif} (C1), {@code TIF} (C2). */
  public String rasterExtension() {
    return this == C1 ? "tif" : "TIF";
  }
}
