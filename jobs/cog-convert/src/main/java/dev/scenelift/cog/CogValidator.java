package dev.scenelift.cog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks that a TIFF is a Cloud Optimized GeoTIFF by reading its structure from the bytes, covering what GDAL's
 * {@code validate_cloud_optimized_geotiff.py} checks:
 *
 * <ul>
 *   <li>the first IFD right after the header (and GDAL's structural-metadata block, if present), which must not
 *       declare {@code KNOWN_INCOMPATIBLE_EDITION=YES}
 *   <li>main image and overviews tiled once larger than 512 pixels; overviews internal (no {@code .ovr} beside the
 *       file), each smaller than the one before; a warning when a large image has no overviews
 *   <li>IFDs in increasing offset order (main, then overviews), all of them before any image data
 *   <li>image data ordered smallest overview first, main image last; each image's data after its IFD
 *   <li>block tables complete and inside the file; with GDAL's block order, leaders and trailers declared, those too
 *       (leaders and trailers of every block only for cheap local reads, else of each image's first block)
 * </ul>
 *
 * <p>In strict mode warnings are reported as errors.
 */
final class CogValidator {
  static final long MAX_UNTILED = 512;

  private final boolean strict;

  CogValidator(boolean strict) {
    this.strict = strict;
  }

  /**
   * Validates one file.
   *
   * @throws IOException when the bytes cannot be read at all (not when they are not a COG)
   */
  CogValidation validate(ByteSource source) throws IOException {
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    TiffStructure tiff;
    try {
      tiff = TiffStructure.read(source);
    } catch (TiffFormatException e) {
      return new CogValidation(source.name(), List.of(e.getMessage()), List.of(), 0);
    }
    List<TiffImage> images = tiff.images();
    TiffImage main = images.get(0);
    List<TiffImage> overviews =
        images.stream().filter(i -> i.index() > 0 && i.isReducedResolution() && !i.isMask()).toList();

    checkHeader(tiff, errors);
    if (main.isReducedResolution() || main.isMask()) {
      errors.add("the first IFD is not the full-resolution image (NewSubfileType " + main.subfileType() + ")");
    }
    if (source.hasSibling(".ovr")) {
      errors.add("overviews found in an external .ovr file; they must be internal");
    }
    boolean large = main.width() > MAX_UNTILED || main.height() > MAX_UNTILED;
    if (large && !main.tiled()) {
      errors.add(
          "the main image is " + main.width() + "x" + main.height() + " but striped, not tiled");
    }
    if (large && overviews.isEmpty()) {
      warnings.add(
          "the image is larger than " + MAX_UNTILED + " pixels in a dimension but has no internal overviews");
    }
    checkOverviews(main, overviews, errors);
    checkOrder(images, main, overviews, errors);
    for (TiffImage image : images) {
      checkBlocks(tiff, image, label(image, overviews), errors);
    }
    tiff.structuralMetadata()
        .ifPresent(md -> checkGhostBlocks(source, tiff, md, main, overviews, errors));

    if (strict) {
      warnings.forEach(w -> errors.add("(strict) " + w));
      warnings.clear();
    }
    return new CogValidation(source.name(), errors, warnings, overviews.size());
  }

  private static void checkHeader(TiffStructure tiff, List<String> errors) {
    tiff.structuralMetadata()
        .filter(md -> md.contains("KNOWN_INCOMPATIBLE_EDITION=YES"))
        .ifPresent(md -> errors.add("GDAL structural metadata declares KNOWN_INCOMPATIBLE_EDITION=YES"));
    if (tiff.firstIfdOffset() != tiff.expectedFirstIfd()) {
      errors.add(
          "the main IFD is at byte "
              + tiff.firstIfdOffset()
              + "; a COG has it right after the header, at byte "
              + tiff.expectedFirstIfd());
    }
  }

  private static void checkOverviews(TiffImage main, List<TiffImage> overviews, List<String> errors) {
    TiffImage previous = main;
    for (int i = 0; i < overviews.size(); i++) {
      TiffImage o = overviews.get(i);
      if (o.width() > previous.width() || o.height() > previous.height()) {
        errors.add("overview " + i + " (" + o.width() + "x" + o.height() + ") is not smaller than the image before it");
      }
      if (!o.tiled() && (o.width() > MAX_UNTILED || o.height() > MAX_UNTILED)) {
        errors.add("overview " + i + " is striped, not tiled");
      }
      previous = o;
    }
  }

  private static void checkOrder(
      List<TiffImage> images, TiffImage main, List<TiffImage> overviews, List<String> errors) {
    List<TiffImage> levels = new ArrayList<>();
    levels.add(main);
    levels.addAll(overviews);
    for (int i = 1; i < levels.size(); i++) {
      if (levels.get(i).ifdOffset() < levels.get(i - 1).ifdOffset()) {
        errors.add(
            "the IFD of "
                + label(levels.get(i), overviews)
                + " (byte "
                + levels.get(i).ifdOffset()
                + ") comes before the IFD of "
                + label(levels.get(i - 1), overviews)
                + " (byte "
                + levels.get(i - 1).ifdOffset()
                + ")");
      }
    }
    long firstData = images.stream().mapToLong(TiffImage::lowestDataOffset).min().orElse(Long.MAX_VALUE);
    for (TiffImage image : images) {
      if (image.ifdOffset() > firstData) {
        errors.add(
            "the IFD of "
                + label(image, overviews)
                + " (byte "
                + image.ifdOffset()
                + ") follows image data (first block at byte "
                + firstData
                + "); all IFDs must come first");
      }
      long data = image.lowestDataOffset();
      if (data != Long.MAX_VALUE && data < image.ifdOffset()) {
        errors.add("the data of " + label(image, overviews) + " starts before its IFD");
      }
    }
    // smallest overview first, main image last
    for (int i = levels.size() - 1; i > 0; i--) {
      TiffImage smaller = levels.get(i);
      TiffImage larger = levels.get(i - 1);
      if (larger.firstBlockOffset() < smaller.firstBlockOffset()) {
        errors.add(
            "the data of "
                + label(larger, overviews)
                + " (byte "
                + larger.firstBlockOffset()
                + ") comes before the data of the smaller "
                + label(smaller, overviews)
                + " (byte "
                + smaller.firstBlockOffset()
                + "); smallest overview first, main image last");
      }
    }
  }

  private static void checkBlocks(TiffStructure tiff, TiffImage image, String label, List<String> errors) {
    if (image.blockOffsets().length != image.expectedBlocks()) {
      errors.add(
          label + " lists " + image.blockOffsets().length + " blocks, its size needs " + image.expectedBlocks());
    }
    for (int i = 0; i < image.blockOffsets().length; i++) {
      if (image.blockOffsets()[i] + image.blockByteCounts()[i] > tiff.fileSize()) {
        errors.add(
            label
                + ": block "
                + i
                + " ends at byte "
                + (image.blockOffsets()[i] + image.blockByteCounts()[i])
                + ", past the end of the file ("
                + tiff.fileSize()
                + " bytes; truncated?)");
        return;
      }
    }
  }

  private static void checkGhostBlocks(
      ByteSource source,
      TiffStructure tiff,
      String md,
      TiffImage main,
      List<TiffImage> overviews,
      List<String> errors) {
    boolean rowMajor = md.contains("BLOCK_ORDER=ROW_MAJOR");
    boolean leader = md.contains("BLOCK_LEADER=SIZE_AS_UINT4");
    boolean trailer = md.contains("BLOCK_TRAILER=LAST_4_BYTES_REPEATED");
    List<TiffImage> levels = new ArrayList<>();
    levels.add(main);
    levels.addAll(overviews);
    for (TiffImage image : levels) {
      String label = label(image, overviews);
      long[] offsets = image.blockOffsets();
      long[] counts = image.blockByteCounts();
      if (rowMajor) {
        long last = 0;
        for (int i = 0; i < offsets.length; i++) {
          if (offsets[i] != 0 && offsets[i] < last) {
            errors.add(label + ": block " + i + " is stored before the block preceding it (not row-major)");
            break;
          }
          last = Math.max(last, offsets[i]);
        }
      }
      int checked = source.isLocal() ? offsets.length : Math.min(1, offsets.length);
      for (int i = 0; i < checked; i++) {
        if (offsets[i] == 0 || counts[i] == 0 || offsets[i] + counts[i] + 4 > tiff.fileSize()) {
          continue;
        }
        try {
          if (leader) {
            long size = Integer.toUnsignedLong(
                ByteBuffer.wrap(source.read(offsets[i] - 4, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (size != counts[i]) {
              errors.add(label + ": block " + i + " leader says " + size + " bytes, the tags say " + counts[i]);
              break;
            }
          }
          if (trailer && counts[i] >= 4) {
            byte[] last8 = source.read(offsets[i] + counts[i] - 4, 8);
            if (!Arrays.equals(last8, 0, 4, last8, 4, 8)) {
              errors.add(label + ": block " + i + " trailer does not repeat its last 4 bytes");
              break;
            }
          }
        } catch (IOException e) {
          errors.add(label + ": cannot read around block " + i + ": " + e.getMessage());
          break;
        }
      }
    }
  }

  private static String label(TiffImage image, List<TiffImage> overviews) {
    if (image.index() == 0) {
      return "the main image";
    }
    int o = overviews.indexOf(image);
    return o >= 0 ? "overview " + o : (image.isMask() ? "mask IFD " + image.index() : "IFD " + image.index());
  }
}
