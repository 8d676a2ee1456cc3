package dev.scenelift.batch.aws;

import dev.scenelift.manifest.ExpectedBytes;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry run's estimate of a run: bytes moved, S3 requests, compute hours and dollars per stage, from the scene sizes
 * (or {@link StageProfile#TYPICAL_SCENE_BYTES} where unknown), the {@link StageProfile} assumptions and a {@link
 * PriceTable}. Upper bounds where the outcome is unknown: every scene is assumed to pass cloud-filter.
 *
 * <p>Request counts per scene: fetch-scene PUTs ~{@value #OBJECTS_PER_SCENE} objects (the unpacked bundle entries,
 * the metadata XML, the marker) plus one part per {@value #PART_MIB} MiB, and GETs its manifest and markers; what it
 * reads from an {@code s3://} source (requests and transfer, which a requester-pays bucket bills to the run) is the
 * {@link SourceEstimate}, counted in the totals. cloud-filter GETs the QA band, the XML and the markers and PUTs the verdict
 * and its marker; with promotion into opt/ (the manifest's {@code promote=copy}, the default) it also sends one
 * CopyObject (a PUT-class request, no bytes through the job or across the network) per object of each cloud-free
 * scene, whose copies are then stored twice (raw and opt). cog-convert GETs its inputs in {@value #READ_MIB} MiB ranges and PUTs ~25 COGs plus parts.
 * index-build GETs two objects a scene and PUTs one item a scene plus the catalog. Each child adds {@value
 * #START_SECONDS} s of start-up.
 *
 * @param scenes N
 * @param scenesPerTask k
 * @param tasks ⌈N/k⌉
 * @param bytesPerScene the median scene size used
 * @param stages one row per stage
 * @param storedGb GB kept in S3 afterwards (raw, opt copies and COG trees)
 * @param storageDollarsPerMonth what keeping them costs a month
 * @param source the source side: requests on and transfer out of {@code s3://} sources
 * @param prices the prices used
 */
public record RunEstimate(
    int scenes,
    int scenesPerTask,
    int tasks,
    long bytesPerScene,
    List<StageEstimate> stages,
    double storedGb,
    double storageDollarsPerMonth,
    SourceEstimate source,
    PriceTable prices) {

  static final int OBJECTS_PER_SCENE = 30;
  static final int PART_MIB = 8;
  static final int READ_MIB = 16;
  static final int START_SECONDS = 30;

  public RunEstimate {
    stages = List.copyOf(stages);
  }

  /**
   * @param stage the stage
   * @param children array children (1 for a plain job)
   * @param bytesRead bytes the stage reads
   * @param bytesWritten bytes it writes to S3
   * @param s3Puts PUT-class requests
   * @param s3Gets GET-class requests
   * @param vcpuHours vCPU-hours
   * @param gbHours GB-hours of memory
   * @param spotDollars compute on EC2 Spot plus S3 requests
   * @param fargateDollars compute on Fargate plus S3 requests
   */
  public record StageEstimate(
      Stage stage,
      int children,
      long bytesRead,
      long bytesWritten,
      long s3Puts,
      long s3Gets,
      double vcpuHours,
      double gbHours,
      double spotDollars,
      double fargateDollars) {}

  public static RunEstimate of(RunManifest manifest, SourceEstimate.Regions regions, PriceTable prices) {
    int n = manifest.scenes().size();
    int tasks = manifest.split().taskCount();
    long b = ArraySizing.medianBytes(manifest.scenes());
    long known = manifest.knownBytes();
    SourceEstimate source = SourceEstimate.of(manifest, regions, b, prices);
    long total = known >= 0 ? known : estimatedBytes(manifest, b);
    long parts = (long) Math.ceil(total / (PART_MIB * 1048576.0));
    long reads = (long) Math.ceil(total / (READ_MIB * 1048576.0));
    List<StageEstimate> rows = new ArrayList<>();
    rows.add(row(Stage.FETCH, tasks, n, b, total, total, (long) OBJECTS_PER_SCENE * n + parts,
        n, prices));
    long qa = Math.round(total * 0.006);
    boolean promote = !"none".equals(manifest.option("promote", "copy"));
    rows.add(
        row(Stage.FILTER, tasks, n, b, qa, 4096L * n + (promote ? total : 0),
            2L * n + (promote ? (long) OBJECTS_PER_SCENE * n : 0), 4L * n, prices));
    rows.add(row(Stage.COG, tasks, n, b, total, total, 26L * n + parts, 25L * n + reads, prices));
    rows.add(row(Stage.INDEX, 1, n, b, 8192L * n, 8192L * n, n + 5L, 2L * n, prices));
    double storedGb = (promote ? 3.0 : 2.0) * total / 1e9;
    return new RunEstimate(
        n, manifest.scenesPerTask(), tasks, b, rows, storedGb, storedGb * prices.s3StorageGbMonth(), source, prices);
  }

  /** The scenes' known sizes, with {@code typical} for each scene that gives none. */
  private static long estimatedBytes(RunManifest manifest, long typical) {
    long total = 0;
    for (SceneEntry scene : manifest.scenes()) {
      ExpectedBytes e = ExpectedBytes.of(List.of(scene));
      total += e.objects() > 0 && e.unsized() == e.objects() ? typical : e.known();
    }
    return total;
  }

  private static StageEstimate row(
      Stage stage, int tasks, int n, long b, long read, long written, long puts, long gets, PriceTable p) {
    StageProfile profile = StageProfile.of(stage);
    int children = Math.max(1, stage == Stage.INDEX ? 1 : tasks);
    double seconds = n * profile.secondsPerScene(b) + (double) children * START_SECONDS + (stage == Stage.INDEX ? 60 : 0);
    double vcpuHours = seconds * profile.vcpus() / 3600;
    double gbHours = seconds * profile.memoryGb() / 3600;
    double requests = puts / 1000.0 * p.s3PutPer1000() + gets / 1000.0 * p.s3GetPer1000();
    return new StageEstimate(
        stage,
        children,
        read,
        written,
        puts,
        gets,
        vcpuHours,
        gbHours,
        vcpuHours * p.spotVcpuHour() + gbHours * p.spotGbHour() + requests,
        vcpuHours * p.fargateVcpuHour() + gbHours * p.fargateGbHour() + requests);
  }

  /** The stages on EC2 Spot and the source side. */
  public double spotDollars() {
    return stages.stream().mapToDouble(StageEstimate::spotDollars).sum() + source.dollars();
  }

  /** The stages on Fargate and the source side. */
  public double fargateDollars() {
    return stages.stream().mapToDouble(StageEstimate::fargateDollars).sum() + source.dollars();
  }

  public long bytesMoved() {
    return stages.stream().mapToLong(s -> s.bytesRead() + s.bytesWritten()).sum();
  }

  /** The stages' PUT-class requests and the source side's copies. */
  public long s3Puts() {
    return stages.stream().mapToLong(StageEstimate::s3Puts).sum() + source.copies();
  }

  /** The stages' GET-class requests and the source side's. */
  public long s3Gets() {
    return stages.stream().mapToLong(StageEstimate::s3Gets).sum() + source.gets();
  }
}
