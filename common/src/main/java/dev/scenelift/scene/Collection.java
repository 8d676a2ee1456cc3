package dev.scenelift.scene;

/** The USGS collection an ARD product belongs to; it decides the id format and the QA bit layout. */
public enum Collection {
  /** Collection 1: ids end in {@code _C01_V01}; QA is PIXELQA. */
  C1,
  /** Collection 2: ids end in {@code _02}; QA is QA_PIXEL; bands already COGs. */
  C2
}
