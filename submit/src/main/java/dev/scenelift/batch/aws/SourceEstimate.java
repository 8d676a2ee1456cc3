package dev.scenelift.batch.aws;

import dev.scenelift.bundle.ServerSideCopier;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.CopyMode;
import dev.scenelift.manifest.FileSource;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import java.net.URI;
import java.util.Optional;

/**
 * What reading a run's {@code s3://} source objects costs, next to the stages' own requests: on a requester-pays
 * bucket (USGS's {@code usgs-landsat-ard}, {@code usgs-landsat}) the requester pays the source's requests and its data
 * transfer. Streamed objects (tar bundles, single files under {@code --copy-mode stream}) cost one GET each and their
 * bytes' transfer; server-side copies one HEAD and one CopyObject (a PUT-class request; UploadPartCopy per 512 MiB part
 * over 5 GiB) and the same transfer, though no byte passes through the job. The
 * transfer is free when the source bucket is in the run's region and priced per GB as inter-region transfer
 * otherwise, also when either region is unknown (an upper bound). http(s) sources cost the run nothing here: their
 * server pays, and transfer into AWS is free.
 *
 * @param objects the {@code s3://} source objects
 * @param unsized those whose size the catalog does not give: priced as a share of a typical scene when their scene
 *     gives no size at all, else not priced
 * @param bytes the bytes read or copied out of the source
 * @param gets GET-class requests on the source (GET, HEAD)
 * @param copies PUT-class copy requests (CopyObject, UploadPartCopy)
 * @param runRegion the region the jobs run in, when known
 * @param sourceRegion the source bucket's region ({@code --source-region}), when known
 * @param interRegion whether the transfer is priced as inter-region
 * @param requestDollars the requests at the table's GET and PUT prices
 * @param transferDollars the transfer at the table's inter-region price, or 0 within a region
 */
public record SourceEstimate(
    long objects,
    long unsized,
    long bytes,
    long gets,
    long copies,
    Optional<String> runRegion,
    Optional<String> sourceRegion,
    boolean interRegion,
    double requestDollars,
    double transferDollars) {

  /** Where the run's jobs and its source bucket are. */
  public record Regions(Optional<String> run, Optional<String> source) {
    public static final Regions UNKNOWN = new Regions(Optional.empty(), Optional.empty());

    boolean same() {
      return run.isPresent() && run.equals(source);
    }
  }

  /**
   * @param typicalSceneBytes the bytes assumed for a scene that gives no size
   */
  static SourceEstimate of(RunManifest manifest, Regions regions, long typicalSceneBytes, PriceTable prices) {
    boolean copy = CopyMode.of(manifest) == CopyMode.SERVER_SIDE;
    long objects = 0;
    long unsized = 0;
    long bytes = 0;
    long gets = 0;
    long copies = 0;
    for (SceneEntry scene : manifest.scenes()) {
      long sceneObjects = 0;
      long sceneUnsized = 0;
      long sceneBytes = 0;
      for (BundleSource b : scene.bundles()) {
        if (isS3(b.uri())) {
          sceneObjects++;
          gets++;
          if (b.size() < 0) {
            sceneUnsized++;
          } else {
            sceneBytes += b.size();
          }
        }
      }
      for (FileSource f : scene.files()) {
        if (!f.isS3()) {
          continue;
        }
        sceneObjects++;
        gets++; // the GET of a streamed file, or the HEAD before a copy
        if (copy) {
          copies += f.size() > ServerSideCopier.MAX_SINGLE_COPY
              ? (f.size() + ServerSideCopier.COPY_PART - 1) / ServerSideCopier.COPY_PART
              : 1;
        }
        if (f.size() < 0) {
          sceneUnsized++;
        } else {
          sceneBytes += f.size();
        }
      }
      objects += sceneObjects;
      unsized += sceneUnsized;
      bytes += sceneObjects > 0 && sceneUnsized == sceneObjects ? typicalSceneBytes : sceneBytes;
    }
    boolean interRegion = !regions.same();
    double requests = gets / 1000.0 * prices.s3GetPer1000() + copies / 1000.0 * prices.s3PutPer1000();
    double transfer = interRegion ? bytes / 1e9 * prices.s3TransferInterRegionGb() : 0;
    return new SourceEstimate(
        objects, unsized, bytes, gets, copies, regions.run(), regions.source(), interRegion, requests, transfer);
  }

  private static boolean isS3(URI uri) {
    return "s3".equalsIgnoreCase(uri.getScheme());
  }

  public double dollars() {
    return requestDollars + transferDollars;
  }
}
