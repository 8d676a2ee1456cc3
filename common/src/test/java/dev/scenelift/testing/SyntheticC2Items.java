package dev.scenelift.testing;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.BundleName;
import dev.scenelift.scene.SceneId;
import dev.scenelift.synthetic.SyntheticTiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The scenes {@code --source synthetic:c2} makes, as USGS's Collection 2 ARD STAC API lists them: per scene one item in
 * each of {@code landsat-c2ard-sr}, {@code -st}, {@code -bt} and {@code -ta} holding that product's files (the real C2
 * file names, SR/ST COGs, QA_PIXEL values and XML of the synthetic scenes), the QA bands in the SR and ST items both
 * and the metadata XML in every item (so that the planner has to take each file once, from whichever item lists it
 * first), and {@code eo:cloud_cover} from the XML's {@code CLOUD_COVER}.
 */
public final class SyntheticC2Items {
  private static final Map<Bundle, String> COLLECTIONS = new EnumMap<>(Map.of(
      Bundle.SR, "landsat-c2ard-sr", Bundle.ST, "landsat-c2ard-st", Bundle.BT, "landsat-c2ard-bt",
      Bundle.TOA, "landsat-c2ard-ta"));
  private static final Pattern CLOUD_COVER = Pattern.compile("<CLOUD_COVER>([0-9.]+)</CLOUD_COVER>");

  private SyntheticC2Items() {}

  /** The items of every scene of {@code folder} (a {@code SyntheticTiles} folder of C2 tars). */
  public static List<StacApiServer.Item> of(SyntheticTiles.Folder folder) throws IOException {
    List<StacApiServer.Item> items = new ArrayList<>();
    for (SceneId scene : folder.scenes()) {
      items.addAll(of(folder.dir(), scene));
    }
    return items;
  }

  private static List<StacApiServer.Item> of(Path dir, SceneId scene) throws IOException {
    Map<Bundle, List<StacApiServer.Asset>> files = new EnumMap<>(Bundle.class);
    byte[] xml = null;
    for (Bundle bundle : Bundle.of(scene.collection())) {
      List<StacApiServer.Asset> assets = new ArrayList<>();
      try (InputStream in = Files.newInputStream(dir.resolve(BundleName.of(scene, bundle).toString()));
          TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          byte[] bytes = tar.readAllBytes();
          String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
          if (name.equals(scene + ".xml")) {
            xml = bytes;
          } else {
            String suffix = name.substring((scene + "_").length());
            assets.add(new StacApiServer.Asset(assetKey(suffix), suffix, bytes));
          }
        }
      }
      files.put(bundle, assets);
    }
    if (xml == null) {
      throw new IOException(scene + ": no metadata XML in its tars");
    }
    Matcher cloud = CLOUD_COVER.matcher(new String(xml, StandardCharsets.UTF_8));
    double cover = cloud.find() ? Double.parseDouble(cloud.group(1)) : 0;
    List<StacApiServer.Item> items = new ArrayList<>();
    for (Map.Entry<Bundle, String> c : COLLECTIONS.entrySet()) {
      List<StacApiServer.Asset> assets = new ArrayList<>(files.get(c.getKey()));
      if (c.getKey() == Bundle.SR || c.getKey() == Bundle.ST) {
        assets.addAll(files.get(Bundle.QA));
      }
      assets.add(new StacApiServer.Asset("xml", ".xml", xml));
      items.add(new StacApiServer.Item(scene, c.getValue(), cover, assets));
    }
    return items;
  }

  /** USGS-like asset keys: {@code sr_b4}, {@code qa_pixel}, {@code st_b10}. */
  private static String assetKey(String suffix) {
    return suffix.replaceFirst("(?i)\\.tif$", "").toLowerCase(Locale.ROOT);
  }

  /**
   * Puts every file of the items where their {@code alternate.s3} hrefs point ({@link StacApiServer#S3_BUCKET}, which
   * must exist), once each.
   */
  public static void putOnS3(S3Client s3, List<StacApiServer.Item> items) {
    java.util.Set<String> put = new java.util.HashSet<>();
    for (StacApiServer.Item item : items) {
      for (StacApiServer.Asset a : item.assets()) {
        String key = StacApiServer.S3_PREFIX + StacApiServer.filePath(item.scene(), a);
        if (put.add(key)) {
          s3.putObject(b -> b.bucket(StacApiServer.S3_BUCKET).key(key), RequestBody.fromBytes(a.bytes()));
        }
      }
    }
  }
}
