package dev.scenelift.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.describe.MetadataXml;
import dev.scenelift.describe.RasterFile;
import dev.scenelift.describe.SceneAsset;
import dev.scenelift.describe.SceneDescriber;
import dev.scenelift.describe.SceneDescription;
import dev.scenelift.eo3.Eo3Documents;
import dev.scenelift.gdal.GdalException;
import dev.scenelift.gdal.GdalS3;
import dev.scenelift.json.Json;
import dev.scenelift.metadata.ArdMetadataParser;
import dev.scenelift.metadata.MetadataFieldException;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.stac.StacDocuments;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.describe.RasterGrid;
import dev.scenelift.stac.MapPreviewAsset;
import dev.scenelift.thumb.MapPreview;
import dev.scenelift.thumb.MapPreviewRenderer;
import dev.scenelift.thumb.ThumbnailRenderer;
import dev.scenelift.thumb.Thumbnails;
import dev.scenelift.verdict.CloudVerdict;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Indexes one scene: reads its cloud verdict and metadata XML, renders its thumbnails from the SR bands (COG preferred, else the raw
 * band), and, when it has COGs, writes its map preview COG (from the true-colour SR COGs), STAC item and eo3 dataset
 * document next to them.
 */
final class SceneIndexer {
  private final S3Client s3;
  private final ObjectWriter writer;
  private final OutputNames names;
  private final SceneDescriber describer;
  private final Optional<ThumbnailRenderer> renderer;
  private final Optional<MapPreviewRenderer> previews;
  private final StacDocuments stac;
  private final StacHrefs hrefs;
  private final Eo3Documents eo3;
  private final ObjectMapper yaml;
  private final ArdMetadataParser parser = new ArdMetadataParser();

  /**
   * @param renderer empty: no thumbnails (e.g. the benchmark, which has no pixels)
   * @param previews empty: no map previews (likewise)
   */
  SceneIndexer(
      S3Client s3,
      ObjectWriter writer,
      OutputNames names,
      SceneDescriber describer,
      Optional<ThumbnailRenderer> renderer,
      Optional<MapPreviewRenderer> previews,
      StacDocuments stac,
      StacHrefs hrefs,
      Eo3Documents eo3) {
    this.s3 = s3;
    this.writer = writer;
    this.names = names;
    this.describer = describer;
    this.renderer = renderer;
    this.previews = previews;
    this.stac = stac;
    this.hrefs = hrefs;
    this.eo3 = eo3;
    this.yaml =
        new YAMLMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                // a string such as units "1" stays a string for YAML readers ("units: 1" would be a number)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build());
  }

  SceneResult index(SceneInputs in, String fingerprint) throws IndexSceneException {
    SceneId id = in.scene();
    KeyLayout layout = names.layout();
    Optional<CloudVerdict> verdict = verdict(in);
    boolean thumbnail = renderer.isPresent() && renderThumbnails(in);
    List<RasterFile> cogs = cogRasters(in);
    Optional<SceneDescription> description = Optional.empty();
    Optional<MapPreview> preview = Optional.empty();
    if (!cogs.isEmpty()) {
      SceneDescription d;
      try {
        d = describer.describe(id, verdict, cogs, metadataXml(in));
      } catch (GdalException e) {
        throw new IndexSceneException(id, "unreadable-raster", e.getMessage(), e);
      }
      S3Location item = names.stacItem(id);
      String small = thumbnail ? OutputNames.relative(item, names.smallThumb(id)) : null;
      String large = thumbnail ? OutputNames.relative(item, names.largeThumb(id)) : null;
      preview = renderMapPreview(in);
      MapPreviewAsset previewAsset =
          preview
              .map(p -> new MapPreviewAsset(OutputNames.relative(item, names.mapPreview(id)), grid(p, d)))
              .orElse(null);
      put(
          item,
          Json.writeBytes(
              stac.item(d, hrefs.item(item, names.stacCollection(id.tile())), small, large, previewAsset)),
          "application/geo+json");
      S3Location dataset = names.eo3Dataset(id);
      put(dataset, yaml(eo3.dataset(d, large)), "application/yaml");
      description = Optional.of(d);
    }
    CloudVerdict v = verdict.orElse(null);
    return new SceneResult(
        new SceneRecord(
            fingerprint,
            v != null,
            v != null && v.cloudFree(),
            v == null ? "" : v.reason(),
            v == null ? Double.NaN : v.cloudPercent(),
            v == null ? Double.NaN : v.fillPercent(),
            thumbnail,
            preview.isPresent(),
            description.isPresent(),
            description.map(d -> d.assets().stream().map(SceneAsset::key).toList()).orElse(List.of()),
            memberOf(v)),
        description);
  }

  private static java.util.Set<String> memberOf(CloudVerdict v) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (TileCollection c : TileCollection.values()) {
      if (c == TileCollection.FULL || (v != null && v.membership(c).member())) {
        out.add(c.id());
      }
    }
    return out;
  }

  private Optional<CloudVerdict> verdict(SceneInputs in) throws IndexSceneException {
    Optional<ListedObject> obj = in.rawNamed("cloud.json");
    if (obj.isEmpty()) {
      return Optional.empty();
    }
    S3Location loc = names.layout().cloudVerdict(in.scene());
    try {
      byte[] body = s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray();
      return Optional.of(Json.read(body, CloudVerdict.class));
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new IndexSceneException(in.scene(), "bad-verdict", "unreadable " + loc + ": " + e.getMessage(), e);
    }
  }

  /**
   * The scene's ARD metadata XML, parsed: the one fetch-scene stored in the raw tree, else the copy next to the COGs.
   * Missing or unparseable XML is not fatal: the scene is then described from its rasters, and the item says why.
   */
  private MetadataXml metadataXml(SceneInputs in) {
    KeyLayout layout = names.layout();
    S3Location raw = layout.metadataXml(layout.raw(), in.scene());
    S3Location cog = layout.metadataXml(layout.cog(), in.scene());
    S3Location loc;
    if (in.raw().stream().anyMatch(o -> o.key().equals(raw.key()))) {
      loc = raw;
    } else if (in.cog().stream().anyMatch(o -> o.key().equals(cog.key()))) {
      loc = cog;
    } else {
      return MetadataXml.missing();
    }
    byte[] body;
    try {
      body = s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray();
    } catch (SdkException e) {
      return MetadataXml.unreadable(loc + " could not be read: " + e.getMessage());
    }
    try {
      return MetadataXml.found(parser.parse(body, loc.toString()));
    } catch (MetadataFieldException e) {
      return MetadataXml.unreadable(e.getMessage());
    }
  }

  private boolean renderThumbnails(SceneInputs in) throws IndexSceneException {
    SceneId id = in.scene();
    List<String> paths = new ArrayList<>();
    for (String band : id.sensor().trueColourBands()) {
      Optional<S3Location> loc = bandLocation(in, id + "_" + id.collection().bandCode("SR", band));
      if (loc.isEmpty()) {
        return false;
      }
      paths.add(GdalS3.path(loc.get()));
    }
    Thumbnails t;
    try {
      t = renderer.get().render(paths);
    } catch (GdalException e) {
      throw new IndexSceneException(id, "unreadable-raster", "cannot render thumbnail: " + e.getMessage(), e);
    }
    put(names.smallThumb(id), t.small(), "image/png");
    put(names.largeThumb(id), t.large(), "image/png");
    return true;
  }

  /**
   * Writes the scene's map preview from its true-colour SR COGs (the grid map.html draws the scene on); empty when
   * previews are off or a band has no COG.
   */
  private Optional<MapPreview> renderMapPreview(SceneInputs in) throws IndexSceneException {
    SceneId id = in.scene();
    if (previews.isEmpty()) {
      return Optional.empty();
    }
    List<String> paths = new ArrayList<>();
    for (String band : id.sensor().trueColourBands()) {
      S3Location cog = names.layout().cogObject(id, Bundle.SR, id + "_" + id.collection().bandCode("SR", band) + ".tif");
      if (in.cog().stream().noneMatch(o -> o.key().equals(cog.key()))) {
        return Optional.empty();
      }
      paths.add(GdalS3.path(cog));
    }
    MapPreview p;
    try {
      p = previews.get().render(paths);
    } catch (GdalException e) {
      throw new IndexSceneException(id, "unreadable-raster", "cannot render map preview: " + e.getMessage(), e);
    }
    put(names.mapPreview(id), p.cog(), MapPreviewAsset.TYPE);
    return Optional.of(p);
  }

  private static RasterGrid grid(MapPreview p, SceneDescription d) {
    return new RasterGrid(d.grid().wkt2(), List.of(p.height(), p.width()), p.transform(), d.grid().metresPerUnit());
  }

  /**
   * The SR band file of a name without extension: the COG when cog-convert made one ({@code .tif}), else the raw
   * GeoTIFF (C1 {@code .tif}, C2 {@code .TIF}).
   */
  private Optional<S3Location> bandLocation(SceneInputs in, String stem) {
    KeyLayout layout = names.layout();
    S3Location cog = layout.cogObject(in.scene(), Bundle.SR, stem + ".tif");
    if (in.cog().stream().anyMatch(o -> o.key().equals(cog.key()))) {
      return Optional.of(cog);
    }
    S3Location raw =
        layout.rawObject(in.scene(), Bundle.SR, stem + "." + in.scene().collection().rasterExtension());
    if (in.raw().stream().anyMatch(o -> o.key().equals(raw.key()))) {
      return Optional.of(raw);
    }
    return Optional.empty();
  }

  private List<RasterFile> cogRasters(SceneInputs in) {
    S3Location dir = names.layout().sceneDir(names.layout().cog(), in.scene());
    String idPrefix = in.scene() + "_";
    List<RasterFile> out = new ArrayList<>();
    for (ListedObject o : in.cog()) {
      String rel = o.key().substring(dir.key().length());
      int slash = rel.indexOf('/');
      if (!rel.toLowerCase(java.util.Locale.ROOT).endsWith(".tif") || slash < 0 || rel.indexOf('/', slash + 1) >= 0) {
        continue;
      }
      Bundle bundle;
      try {
        bundle = Bundle.parse(rel.substring(0, slash));
      } catch (IllegalArgumentException e) {
        continue;
      }
      String file = rel.substring(slash + 1);
      String code = file.substring(file.startsWith(idPrefix) ? idPrefix.length() : 0, file.length() - 4);
      out.add(
          new RasterFile(bundle, code, rel, true, GdalS3.path(new S3Location(dir.bucket(), o.key()))));
    }
    out.sort(java.util.Comparator.comparing(RasterFile::href));
    return out;
  }

  byte[] yaml(Object doc) {
    try {
      return yaml.writeValueAsBytes(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void put(S3Location loc, byte[] body, String contentType) {
    writer.put(loc, body, contentType);
  }
}
