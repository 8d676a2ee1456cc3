package dev.scenelift.describe;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Collection;
import java.util.Optional;

/**
 * The published scale and offset of U.S. ARD bands (USGS ARD product guides), used when a raster does not carry them
 * itself: Collection 1 SR ×0.0001, TA ×0.0001, BT ×0.1 (kelvin); Collection 2 SR ×0.0000275 − 0.2, TOA ×0.0000275 −
 * 0.2, ST ×0.00341802 + 149 (kelvin). C2 BT is taken to be stored as ST is (×0.00341802 + 149 K): no USGS document
 * at hand states it (README, Collection 2). QA bands have no scale, whichever bundle holds them.
 */
public final class ProductScales {
  private ProductScales() {}

  /** {scale, offset} of a bundle's bands, if published. */
  public static Optional<double[]> of(Collection collection, Bundle bundle) {
    if (collection == Collection.C1) {
      return switch (bundle) {
        case SR, TA -> Optional.of(new double[] {0.0001, 0});
        case BT -> Optional.of(new double[] {0.1, 0});
        default -> Optional.empty();
      };
    }
    return switch (bundle) {
      case SR, TOA -> Optional.of(new double[] {0.0000275, -0.2});
      case ST, BT -> Optional.of(new double[] {0.00341802, 149.0});
      default -> Optional.empty();
    };
  }
}
