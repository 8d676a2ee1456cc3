package dev.scenelift.synthetic;

import dev.scenelift.scene.Bundle;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One raster of a synthetic scene: which bundle holds it, how it is stored, how its pixels are made, and what the ARD
 * metadata says about it.
 *
 * @param name the band name in the tile metadata and the file suffix, e.g. {@code SRB4}
 * @param bundle the bundle whose tar holds it
 * @param kind how its pixels are made
 * @param slot the spectral slot of a reflectance or temperature band, else null
 * @param type the stored data type
 * @param fill the fill (nodata) value, empty when the band has none (SRCLOUDQA)
 * @param xml the band's metadata as USGS writes it: {@link XmlBand} (C1) or {@link C2XmlBand}
 */
record BandSpec(
    String name, Bundle bundle, Kind kind, Slot slot, DataType type, Optional<Long> fill, BandXml xml) {
  BandSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fill, "fill");
    Objects.requireNonNull(xml, "xml");
  }

  /** The C1 metadata of the band; only C1 bands have it. */
  XmlBand c1Xml() {
    if (xml instanceof XmlBand x) {
      return x;
    }
    throw new IllegalStateException(name + " is a Collection 2 band");
  }

  /** How a band's pixels are computed from the scene's model. */
  enum Kind {
    SURFACE_REFLECTANCE,
    TOA_REFLECTANCE,
    BRIGHTNESS_TEMPERATURE,
    /** C2 ST_B10 / ST_B6: kelvin, stored like C2 brightness temperature. */
    SURFACE_TEMPERATURE,
    /** C2 ST_QA: the surface temperature's uncertainty, kelvin x 100. */
    ST_QA,
    /** C2 TM/ETM+ SR_ATMOS_OPACITY: x 1000. */
    ATMOS_OPACITY,
    PIXEL_QA,
    LINEAGE_QA,
    RADSAT_QA,
    AEROSOL_QA,
    CLOUD_QA
  }

  /** The spectral region a band samples. */
  enum Slot {
    COASTAL,
    BLUE,
    GREEN,
    RED,
    NIR,
    SWIR1,
    SWIR2,
    CIRRUS,
    THERMAL,
    THERMAL2
  }

  /** Stored types, with their GDAL and ARD-metadata names. */
  enum DataType {
    UINT8("Byte", "UINT8"),
    UINT16("UInt16", "UINT16"),
    INT16("Int16", "INT16");

    final String gdalName;
    final String xmlName;

    DataType(String gdalName, String xmlName) {
      this.gdalName = gdalName;
      this.xmlName = xmlName;
    }
  }

  /** A band's entry in the tile metadata, in one collection's format. */
  sealed interface BandXml permits XmlBand, C2XmlBand {}

  /**
   * A band's entry in the Collection 2 tile metadata ({@code PRODUCT_CONTENTS}): {@code FILE_NAME_<band>}, {@code
   * DATA_TYPE_<band>}, {@code FILL_VALUE_<band>} from the band itself, plus these.
   *
   * @param scale {@code SCALE_FACTOR_<band>}, empty for QA bands
   * @param offset {@code ADD_OFFSET_<band>}, empty for QA bands
   */
  record C2XmlBand(Optional<String> scale, Optional<String> offset) implements BandXml {
    C2XmlBand {
      Objects.requireNonNull(scale, "scale");
      Objects.requireNonNull(offset, "offset");
    }
  }

  /**
   * The ARD metadata of a band (tile level; the scene level repeats it under Level-1 names).
   *
   * @param category image, qa or metadata
   * @param product e.g. sr_refl
   * @param source e.g. toa_refl, empty when USGS leaves it out
   * @param shortName e.g. LC08SR
   * @param longName e.g. band 4 surface reflectance
   * @param fileNameInXml what {@code file_name} says: USGS writes the band name, except the full file for LINEAGEQA
   * @param dataUnits e.g. reflectance
   * @param validRange {min, max}, empty when not given
   * @param scaleFactor e.g. 0.000100, empty when not given
   * @param tmStyle whether USGS adds {@code add_offset} and {@code saturate_value} (TM/ETM reflectance and BT)
   * @param bits the bitmap description, empty for non-bitmap bands
   * @param appVersion the producing software, empty when not given
   * @param level1Name the band's name in the Level-1 scene, e.g. sr_band4
   */
  record XmlBand(
      String category,
      String product,
      Optional<String> source,
      String shortName,
      String longName,
      String fileNameInXml,
      String dataUnits,
      Optional<double[]> validRange,
      Optional<String> scaleFactor,
      boolean tmStyle,
      List<String> bits,
      Optional<String> appVersion,
      String level1Name)
      implements BandXml {
    XmlBand {
      bits = List.copyOf(bits);
    }
  }
}
