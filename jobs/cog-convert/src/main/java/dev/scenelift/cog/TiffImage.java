package dev.scenelift.cog;

/**
 * One IFD of a TIFF as the validator needs it: where it is, how big the image is, how its data is cut into blocks and
 * where the blocks are.
 *
 * @param index position in the IFD chain, from 0
 * @param ifdOffset byte offset of the IFD
 * @param subfileType NewSubfileType (bit 0: reduced resolution, bit 2: transparency mask)
 * @param width pixels
 * @param height pixels
 * @param tiled TileWidth/TileLength present (else strips)
 * @param blockWidth tile width, or the image width for strips
 * @param blockHeight tile height, or rows per strip
 * @param samplesPerPixel bands in this IFD
 * @param planarSeparate PlanarConfiguration 2 (one block set per band)
 * @param compression the Compression tag
 * @param predictor the Predictor tag (1 when absent)
 * @param blockOffsets TileOffsets or StripOffsets
 * @param blockByteCounts TileByteCounts or StripByteCounts
 */
record TiffImage(
    int index,
    long ifdOffset,
    long subfileType,
    long width,
    long height,
    boolean tiled,
    long blockWidth,
    long blockHeight,
    int samplesPerPixel,
    boolean planarSeparate,
    int compression,
    int predictor,
    long[] blockOffsets,
    long[] blockByteCounts) {

  boolean isReducedResolution() {
    return (subfileType & 1) != 0;
  }

  boolean isMask() {
    return (subfileType & 4) != 0;
  }

  long blocksAcross() {
    return (width + blockWidth - 1) / blockWidth;
  }

  long blocksDown() {
    return (height + blockHeight - 1) / blockHeight;
  }

  /** How many blocks the tags must list. */
  long expectedBlocks() {
    return blocksAcross() * blocksDown() * (planarSeparate ? samplesPerPixel : 1);
  }

  /** Offset of block (0, 0) of the first band, as GDAL reports {@code BLOCK_OFFSET_0_0}; 0 when absent. */
  long firstBlockOffset() {
    return blockOffsets.length == 0 ? 0 : blockOffsets[0];
  }

  /** The smallest non-zero block offset, or {@link Long#MAX_VALUE} without data. */
  long lowestDataOffset() {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < blockOffsets.length; i++) {
      if (blockOffsets[i] > 0 && blockByteCounts[i] > 0) {
        min = Math.min(min, blockOffsets[i]);
      }
    }
    return min;
  }
}
