package dev.scenelift.batch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.json.Json;
import dev.scenelift.manifest.CopyMode;
import dev.scenelift.manifest.FileSource;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.store.KeyLayout;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The source side of the AWS estimate for Collection 2 scenes of single files in a requester-pays bucket. */
class SourceEstimateTest {
  private static final long GB = 1_000_000_000L;
  private static final SceneId ONE = SceneId.parse("LC08_CU_003003_20210618_20210702_02");
  private static final SceneId TWO = SceneId.parse("LC08_CU_003003_20210704_20210713_02");
  private static final SourceEstimate.Regions SAME =
      new SourceEstimate.Regions(Optional.of("us-west-2"), Optional.of("us-west-2"));
  private static final SourceEstimate.Regions OTHER =
      new SourceEstimate.Regions(Optional.of("us-east-1"), Optional.of("us-west-2"));

  private static FileSource file(SceneId scene, String suffix, String scheme, long size) {
    String name = scene + suffix;
    URI uri = URI.create(scheme.equals("s3")
        ? "s3://usgs-landsat-ard/collection02/oli-tirs/2021/CU/003/003/" + scene + "/" + name
        : "https://landsatlook.usgs.gov/data/collection02/oli-tirs/2021/CU/003/003/" + scene + "/" + name);
    return new FileSource(Bundle.SR, name, uri, size, Optional.empty());
  }

  /** Scene one: two 1 GB bands and an XML of unknown size; scene two: no sizes at all, plus an https file. */
  private static RunManifest manifest(CopyMode mode) {
    List<SceneEntry> scenes = List.of(
        SceneEntry.ofFiles(ONE, List.of(
            file(ONE, "_SR_B4.TIF", "s3", GB), file(ONE, "_SR_B5.TIF", "s3", GB), file(ONE, ".xml", "s3", -1))),
        SceneEntry.ofFiles(TWO, List.of(
            file(TWO, "_SR_B4.TIF", "s3", -1), file(TWO, "_SR_B5.TIF", "s3", -1),
            file(TWO, "_QA_PIXEL.TIF", "https", 5_000_000))));
    return new RunManifest("h03v03-20261207t0900-est0", ONE.tile(), "stac:https://stac.example/",
        Instant.parse("2026-12-07T09:00:00Z"), 1, KeyLayout.inBucket("scenelift"), scenes,
        Map.of(CopyMode.OPTION, mode.toString()));
  }

  @Test
  void streamedFilesCostOneGetEachAndTheirTransferOutOfTheRegion() {
    SourceEstimate e = SourceEstimate.of(manifest(CopyMode.STREAM), OTHER, 3 * GB, PriceTable.defaults());

    assertThat(e.objects()).as("https files are not billed to the run").isEqualTo(5);
    assertThat(e.unsized()).isEqualTo(3);
    assertThat(e.bytes()).as("scene one's known 2 GB; scene two gives no size: a typical scene").isEqualTo(5 * GB);
    assertThat(e.gets()).isEqualTo(5);
    assertThat(e.copies()).isZero();
    assertThat(e.interRegion()).isTrue();
    assertThat(e.transferDollars()).isCloseTo(5 * 0.02, Offset.offset(1e-9));
    assertThat(e.requestDollars()).isCloseTo(5 * 0.0004 / 1000, Offset.offset(1e-12));
  }

  @Test
  void serverSideCopiesInTheSourcesRegionCostAHeadAndACopyAndNoTransfer() {
    SourceEstimate e = SourceEstimate.of(manifest(CopyMode.SERVER_SIDE), SAME, 3 * GB, PriceTable.defaults());

    assertThat(e.gets()).isEqualTo(5);
    assertThat(e.copies()).isEqualTo(5);
    assertThat(e.interRegion()).isFalse();
    assertThat(e.transferDollars()).isZero();
    assertThat(e.requestDollars()).isCloseTo(5 * 0.0004 / 1000 + 5 * 0.005 / 1000, Offset.offset(1e-12));
  }

  @Test
  void anUnknownSourceRegionIsPricedAsInterRegion() {
    SourceEstimate e =
        SourceEstimate.of(manifest(CopyMode.STREAM), SourceEstimate.Regions.UNKNOWN, 3 * GB, PriceTable.defaults());

    assertThat(e.interRegion()).isTrue();
    assertThat(DryRunReport.describe(e, PriceTable.defaults()))
        .contains("5 s3:// object(s) (3 of unknown size")
        .contains("5.0 GB of transfer at $0.02/GB (inter-region: the source's region is unknown, give --source-region)");
  }

  @Test
  void theTransferPriceIsOverriddenLikeTheOthersAndReachesTheTotals() {
    PriceTable dear = PriceTable.defaults()
        .withOverrides(Json.mapper().createObjectNode().put("s3_transfer_inter_region_gb", 0.09));
    RunEstimate cheap = RunEstimate.of(manifest(CopyMode.STREAM), OTHER, PriceTable.defaults());
    RunEstimate costly = RunEstimate.of(manifest(CopyMode.STREAM), OTHER, dear);

    // scene two gives no size: it counts as the estimate's median scene (StageProfile's typical one here)
    double gb = (2 * GB + StageProfile.TYPICAL_SCENE_BYTES) / 1e9;
    assertThat(costly.source().bytes()).isEqualTo(2 * GB + StageProfile.TYPICAL_SCENE_BYTES);
    assertThat(costly.source().transferDollars()).isCloseTo(gb * 0.09, Offset.offset(1e-9));
    assertThat(costly.spotDollars() - cheap.spotDollars()).isCloseTo(gb * 0.07, Offset.offset(1e-9));
    assertThat(costly.fargateDollars() - cheap.fargateDollars()).isCloseTo(gb * 0.07, Offset.offset(1e-9));
    assertThat(cheap.s3Gets()).isGreaterThanOrEqualTo(cheap.source().gets() + cheap.stages().get(0).s3Gets());
  }
}
