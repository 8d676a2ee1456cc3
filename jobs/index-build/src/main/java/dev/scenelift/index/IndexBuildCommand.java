package dev.scenelift.index;

import dev.scenelift.collection.CollectionRules;
import dev.scenelift.event.EventPublisher;
import dev.scenelift.event.EventPublishers;
import dev.scenelift.event.SceneEvent;
import java.time.Duration;
import java.time.Instant;
import dev.scenelift.gdal.ArdAlbers;
import dev.scenelift.describe.SceneDescriber;
import dev.scenelift.eo3.Eo3Documents;
import dev.scenelift.gdal.GdalS3;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobConfig;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.stac.StacDocuments;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.store.PublicUrl;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import dev.scenelift.thumb.BandReader;
import dev.scenelift.thumb.MapPreviewRenderer;
import dev.scenelift.thumb.ThumbnailRenderer;
import dev.scenelift.thumb.TrueColour;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** The index-build command: in a run it reads the run manifest; with {@code --tile} it runs on its own. */
@Command(
    name = "index-build",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Builds the index of a tile's three collections (the full tile in raw, the cloud-free set in opt, the COG"
          + " research set in cog): per collection AAlist.html listing pages and <tile>/thumbs/thumbindex.html, each"
          + " linking to the other collections' pages; true-colour thumbnails (in the raw tree), per scene with COGs"
          + " a small true-colour map preview COG that map.html draws first, a static STAC 1.0.0 catalog and ODC eo3"
          + " documents.",
      "In a run (no --tile) the tile, layout and scene list come from the run manifest (SCENELIFT_MANIFEST);"
          + " with --tile it indexes whatever the buckets hold. Only scenes whose inputs changed since the last"
          + " run are rendered again.",
      "It indexes what finished: scenes that an earlier stage failed are listed as failed (stage and cause, from"
          + " their failure records) on thumbindex.html and the raw AAlist.html, and the stages' other scenes are"
          + " indexed as usual."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the index is written: every scene indexed, or failed with a failure record and one line on stderr; the"
          + " pages list every failed scene of the tile, of any stage",
      "2:usage or configuration error",
      "3:infrastructure error (S3 unreachable, manifest unreadable); retryable"
    })
final class IndexBuildCommand implements Callable<Integer> {
  @Option(
      names = "--tile",
      description = "Index this tile on its own, e.g. h03v03 (default: the run manifest's tile).")
  String tile;

  @Option(
      names = "--bucket",
      defaultValue = "scenelift",
      description = "With --tile: the bucket holding raw/, opt/, cog/ (default: ${DEFAULT-VALUE}).")
  String bucket;

  @Option(names = "--raw", description = "With --tile: root of the raw tree (default: s3://<bucket>/raw/).")
  String raw;

  @Option(names = "--opt", description = "With --tile: root of the cloud-free tree (default: s3://<bucket>/opt/).")
  String opt;

  @Option(names = "--cog", description = "With --tile: root of the COG tree (default: s3://<bucket>/cog/).")
  String cog;

  @Option(
      names = "--thumbnails",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Render thumbnails and map previews from the SR bands (default: ${DEFAULT-VALUE}).")
  boolean thumbnails;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "The public http(s) URL at which the COG tree (the catalog.json folder) is served, e.g."
              + " https://BUCKET.s3.REGION.amazonaws.com/cog/: STAC links and self links are then absolute URLs under"
              + " it (a published catalog). Default: SCENELIFT_PUBLIC_URL, else none: relative links only (a"
              + " self-contained catalog).")
  String baseUrl;

  @Option(
      names = "--force",
      description = "Render every scene again, changed or not (default: false, or SCENELIFT_FORCE).")
  boolean force;

  @Option(
      names = "--workers",
      description = "Scenes rendered at once (default: SCENELIFT_WORKERS, else the number of cores).")
  Integer workers;

  private final Map<String, String> env;
  private final java.util.function.Function<S3Settings, S3Client> clients;
  private final PrintStream out;
  private final PrintStream err;

  IndexBuildCommand(
      Map<String, String> env,
      java.util.function.Function<S3Settings, S3Client> clients,
      PrintStream out,
      PrintStream err) {
    this.env = env;
    this.clients = clients;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    Target target;
    try {
      target = tile != null ? standalone() : fromRun();
    } catch (IllegalArgumentException e) {
      err.println("index-build: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Optional<PublicUrl> publicUrl;
    try {
      String url = baseUrl != null ? baseUrl : env.get(JobEnv.PUBLIC_URL);
      publicUrl = url == null || url.isBlank() ? Optional.empty() : Optional.of(PublicUrl.parse(url));
    } catch (IllegalArgumentException e) {
      err.println("index-build: --base-url/" + JobEnv.PUBLIC_URL + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    int threads = workers != null ? workers : target.workers();
    if (threads < 1) {
      err.println("index-build: --workers must be at least 1");
      return ExitCodes.USAGE;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (S3Client s3 = clients.apply(target.settings())) {
      List<SceneId> expected = target.expected();
      CollectionRules rules = CollectionRules.DEFAULTS;
      if (target.manifest().isPresent()) {
        RunManifest m;
        try {
          m = new ManifestStore(s3).read(target.manifest().get());
        } catch (RuntimeException e) {
          err.println("index-build: cannot read manifest " + target.manifest().get() + ": " + e.getMessage());
          return ExitCodes.INFRASTRUCTURE;
        }
        target = target.withManifest(m);
        expected = m.scenes().stream().map(SceneEntry::id).toList();
        try {
          rules = CollectionRules.fromOptions(m.options());
        } catch (IllegalArgumentException e) {
          err.println("index-build: manifest " + target.manifest().get() + ": " + e.getMessage());
          return ExitCodes.USAGE;
        }
      }
      GdalS3.configure(target.settings());
      OutputNames names = new OutputNames(target.layout(), target.settings().pathStyle());
      StacHrefs hrefs = new StacHrefs(names, publicUrl);
      Eo3Documents eo3 = new Eo3Documents();
      ObjectWriter writer = new ObjectWriter(s3);
      // the map's own stretch: the preview looks like the SR layer that replaces it
      MapPreviewRenderer previews =
          new MapPreviewRenderer(new BandReader(), TrueColour.between(MapPage.STRETCH_LOW, MapPage.STRETCH_HIGH));
      SceneIndexer indexer =
          new SceneIndexer(
              s3,
              writer,
              names,
              new SceneDescriber(ArdAlbers.wkt2(), new BandReader()),
              thumbnails ? Optional.of(new ThumbnailRenderer(new BandReader(), new TrueColour())) : Optional.empty(),
              thumbnails ? Optional.of(previews) : Optional.empty(),
              new StacDocuments(),
              hrefs,
              eo3);
      IndexBuilder builder =
          new IndexBuilder(
              s3, writer, names, indexer, new Templates(), new StacDocuments(), hrefs, eo3, pool, out, err);
      Instant started = Instant.now();
      IndexResult r =
          builder.build(
              target.tile(),
              expected,
              force || target.force(),
              "thumbnails=" + thumbnails + ";map-preview=" + MapPreviewRenderer.SIDE + "px," + MapPage.STRETCH_LOW + "-"
                  + MapPage.STRETCH_HIGH + ";public-url="
                  + publicUrl.map(PublicUrl::toString).orElse(""),
              target.runId(),
              rules);
      new IndexSummary(target.settings()).print(r, out);
      if (target.job().isPresent()) {
        try (EventPublisher events = EventPublishers.forJob(target.job().get())) {
          events.publish(SceneEvent.indexed(target.job().get(), 0, Duration.between(started, Instant.now())));
        }
      }
      return ExitCodes.OK;
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      err.println("index-build: S3 error: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    } finally {
      pool.shutdownNow();
    }
  }

  private Target standalone() {
    Tile t = Tile.parse(tile);
    KeyLayout base = KeyLayout.inBucket(bucket);
    KeyLayout layout =
        new KeyLayout(
            raw != null ? S3Location.parse(raw) : base.raw(),
            opt != null ? S3Location.parse(opt) : base.opt(),
            cog != null ? S3Location.parse(cog) : base.cog(),
            base.runs());
    int cores = Runtime.getRuntime().availableProcessors();
    boolean envForce = "true".equalsIgnoreCase(env.getOrDefault(JobEnv.FORCE, "false"));
    int w = env.containsKey(JobEnv.WORKERS) ? Integer.parseInt(env.get(JobEnv.WORKERS).strip()) : cores;
    return new Target(t, layout, JobConfig.s3(env), Optional.empty(), List.of(), "standalone", envForce, w, Optional.empty());
  }

  private Target fromRun() {
    if (!env.containsKey(JobEnv.MANIFEST)) {
      throw new IllegalArgumentException(
          "no run manifest (" + JobEnv.MANIFEST + " is not set): give --tile to index a tile on its own");
    }
    JobConfig c = JobConfig.fromEnv(env);
    // tile and layout are filled in from the manifest once S3 is reachable
    return new Target(
        null, null, c.s3(), Optional.of(c.manifest()), List.of(), c.runId(), c.force(), c.workers(), Optional.of(c));
  }

  private record Target(
      Tile tile,
      KeyLayout layout,
      S3Settings settings,
      Optional<S3Location> manifest,
      List<SceneId> expected,
      String runId,
      boolean force,
      int workers,
      Optional<JobConfig> job) {
    Target withManifest(RunManifest m) {
      return new Target(m.tile(), m.layout(), settings, manifest, expected, runId, force, workers, job);
    }
  }
}
