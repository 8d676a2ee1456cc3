package dev.scenelift.cloud;

import dev.scenelift.store.S3Reads;

import dev.scenelift.collection.CollectionRules;
import dev.scenelift.collection.Membership;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.gdal.GdalException;
import dev.scenelift.gdal.GdalS3;
import dev.scenelift.json.Json;
import dev.scenelift.metadata.ArdMetadata;
import dev.scenelift.metadata.ArdMetadataParser;
import dev.scenelift.metadata.MetadataFieldException;
import dev.scenelift.qa.QaBandReader;
import dev.scenelift.qa.QaLayout;
import dev.scenelift.qa.QaReport;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import dev.scenelift.verdict.CloudVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Judges one scene: checks it was fetched, takes its percentages from the stored {@code cloud.json} (re-judge) or from
 * its QA band and XML (first time, {@code --recompute}), writes {@code cloud.json}, promotes or demotes it, and writes
 * the FILTER completion marker last.
 */
final class SceneFilter {
  /** How far the QA-derived cloud % may be from the XML's before the scene's output line warns. */
  static final double AGREEMENT_PP = 0.5;

  private final S3Client s3;
  private final KeyLayout layout;
  private final MarkerStore markers;
  private final ArdMetadataParser parser;
  private final QaBandReader qaReader;
  private final CollectionRules rules;
  private final FilterSettings settings;
  private final Promoter promoter;
  private final Clock clock;

  SceneFilter(
      S3Client s3,
      KeyLayout layout,
      MarkerStore markers,
      CollectionRules rules,
      FilterSettings settings,
      Clock clock) {
    this.s3 = s3;
    this.layout = layout;
    this.markers = markers;
    this.parser = new ArdMetadataParser();
    this.qaReader = new QaBandReader();
    this.rules = rules;
    this.settings = settings;
    this.promoter = new Promoter(s3, layout);
    this.clock = clock;
  }

  /** The QA band's object: {@code <id>_PIXELQA.tif} (C1) or {@code <id>_QA_PIXEL.TIF} (C2) in the QA bundle. */
  static String qaFileName(SceneId scene) {
    return scene.collection() == Collection.C1 ? scene + "_PIXELQA.tif" : scene + "_QA_PIXEL.TIF";
  }

  SceneOutcome filter(SceneId scene) throws SceneException {
    if (!markers.isDone(Stage.FETCH, scene)) {
      return markers
          .failureBefore(Stage.FILTER, scene)
          .map(f -> new SceneOutcome(scene, SceneStatus.UPSTREAM_FAILED, Optional.empty(),
              "not judged: " + f.stage() + " failed (" + f.kind() + ")"))
          .orElseGet(() -> new SceneOutcome(scene, SceneStatus.NOT_READY, Optional.empty(),
              "not ready (no fetch-scene marker)"));
    }
    Instant started = clock.instant();
    Optional<StoredVerdict> stored = settings.recompute() ? Optional.empty() : storedVerdict(scene);
    Map<String, Double> percent;
    Map<String, Double> metadata;
    String note = "";
    if (stored.isPresent()) {
      percent = stored.get().verdict().percent();
      metadata = stored.get().verdict().metadata();
    } else {
      ArdMetadata xml = metadata(scene);
      QaReport qa = qa(scene);
      percent = qa.percentages();
      metadata = new LinkedHashMap<>();
      metadata.put("cloud_cover", xml.cover().cloudCover());
      metadata.put("cloud_shadow", xml.cover().cloudShadow());
      metadata.put("snow_ice", xml.cover().snowIce());
      metadata.put("fill", xml.cover().fill());
      double delta = qa.cloudPercent() - xml.cover().cloudCover();
      if (Math.abs(delta) > AGREEMENT_PP) {
        note = String.format(
            Locale.ROOT, " (warning: QA cloud %.4f%% differs from the XML's cloud_cover %.4f%% by %.2f pp)",
            qa.cloudPercent(), xml.cover().cloudCover(), delta);
      }
    }
    Map<TileCollection, Membership> memberships;
    try {
      memberships = rules.judge(scene.sensor(), percent);
    } catch (IllegalArgumentException e) {
      throw new SceneFailedException(scene, "verdict-unreadable", "stored cloud.json: " + e.getMessage(), e);
    }
    CloudVerdict judged =
        CloudVerdict.of(scene, memberships, percent, metadata, rules.asOptions(), settings.runId(), clock.instant());
    boolean unchanged = stored.isPresent() && stored.get().verdict().sameJudgementAs(judged);
    CloudVerdict verdict = unchanged ? stored.get().verdict() : judged;
    S3Location verdictLoc = layout.cloudVerdict(scene);
    byte[] body = unchanged ? stored.get().body() : Json.writeBytes(verdict);
    if (!unchanged) {
      s3.putObject(
          b -> b.bucket(verdictLoc.bucket()).key(verdictLoc.key()).contentType("application/json"),
          RequestBody.fromBytes(body));
    }
    List<StoredObject> written = new ArrayList<>();
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(body);
    written.add(
        new StoredObject(
            verdictLoc.key(), body.length, "crc32c:" + java.util.HexFormat.of().toHexDigits((int) crc.getValue())));
    int demoted = 0;
    if (settings.promote() == PromoteMode.copy) {
      if (verdict.cloudFree()) {
        written.addAll(promoter.promote(scene));
      } else {
        demoted = promoter.demote(scene);
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("cloudFree", verdict.cloudFree());
    details.put("reason", verdict.reason());
    details.put("collections", memberOf(verdict));
    details.put("bandRead", stored.isEmpty());
    details.put("verdictRewritten", !unchanged);
    details.put("promote", settings.promote().name());
    details.put("demotedObjects", demoted);
    markers.markDone(
        new CompletionMarker(
            scene, Stage.FILTER, settings.runId(), written, Map.of(), layout.rawObject(scene, Bundle.QA,
                qaFileName(scene)).toString(), started, clock.instant(), settings.attempt(), settings.toolVersion(),
            details));
    SceneStatus status = stored.isPresent() ? SceneStatus.REJUDGED : SceneStatus.JUDGED;
    Membership research = verdict.membership(TileCollection.COG_RESEARCH);
    String message = String.format(
        Locale.ROOT, "%s: %s (cloud %.2f%%, fill %.2f%%); COG research set: %s%s",
        verdict.cloudFree() ? "cloud-free" : "rejected", verdict.reason(), verdict.cloudPercent(),
        verdict.fillPercent(), research.member() ? "yes" : "no (" + research.reason() + ")", note);
    return new SceneOutcome(scene, status, Optional.of(verdict), message);
  }

  /** The ids of the collections the scene belongs to, e.g. {@code full,cloud-free}. */
  private static String memberOf(CloudVerdict verdict) {
    return java.util.Arrays.stream(TileCollection.values())
        .filter(c -> verdict.membership(c).member())
        .map(TileCollection::id)
        .collect(java.util.stream.Collectors.joining(","));
  }

  /** A verdict as stored, with the exact bytes of its object. */
  private record StoredVerdict(CloudVerdict verdict, byte[] body) {}

  private Optional<StoredVerdict> storedVerdict(SceneId scene) throws SceneException {
    S3Location loc = layout.cloudVerdict(scene);
    Optional<byte[]> body = get(loc);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new StoredVerdict(Json.read(body.get(), CloudVerdict.class), body.get()));
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new SceneFailedException(
          scene, "verdict-unreadable", "stored " + loc + " is unreadable (rerun with --recompute): " + e.getMessage(), e);
    }
  }

  private ArdMetadata metadata(SceneId scene) throws SceneException {
    S3Location loc = layout.metadataXml(layout.raw(), scene);
    byte[] body =
        get(loc).orElseThrow(() -> new SceneFailedException(scene, "metadata-missing", "no metadata XML at " + loc, null));
    ArdMetadata m;
    try {
      m = parser.parse(body, loc.toString());
    } catch (MetadataFieldException e) {
      throw new SceneFailedException(scene, "metadata-invalid", e.getMessage(), e);
    }
    if (!m.productId().equals(scene)) {
      throw new SceneFailedException(
          scene, "metadata-invalid", loc + " describes " + m.productId() + ", not this scene", null);
    }
    return m;
  }

  private QaReport qa(SceneId scene) throws SceneException {
    S3Location loc = layout.rawObject(scene, Bundle.QA, qaFileName(scene));
    QaLayout qaLayout = QaLayout.of(scene.collection(), scene.sensor());
    if (settings.qaRead() == QaRead.vsis3) {
      try {
        s3.headObject(b -> b.bucket(loc.bucket()).key(loc.key()));
      } catch (NoSuchKeyException e) {
        throw new SceneFailedException(scene, "qa-missing", "no QA band at " + loc, e);
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          throw new SceneFailedException(scene, "qa-missing", "no QA band at " + loc, e);
        }
        throw e;
      }
      try {
        return qaReader.read(GdalS3.path(loc), qaLayout);
      } catch (GdalException e) {
        throw new SceneFailedException(scene, "qa-unreadable", "QA band " + loc + ": " + e.getMessage(), e);
      }
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory(settings.tempRoot(), "cloud-filter-");
      Path file = dir.resolve(qaFileName(scene));
      try {
        s3.getObject(b -> b.bucket(loc.bucket()).key(loc.key()), file);
      } catch (NoSuchKeyException e) {
        throw new SceneFailedException(scene, "qa-missing", "no QA band at " + loc, e);
      }
      return qaReader.read(file.toString(), qaLayout);
    } catch (GdalException e) {
      throw new SceneFailedException(scene, "qa-unreadable", "QA band " + loc + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("temp directory under " + settings.tempRoot(), e);
    } finally {
      deleteTree(dir);
    }
  }

  private Optional<byte[]> get(S3Location loc) {
    return S3Reads.bytesIfPresent(s3, loc);
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the temp root is the container's scratch space
    }
  }
}
