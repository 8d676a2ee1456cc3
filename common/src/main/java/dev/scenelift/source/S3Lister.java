package dev.scenelift.source;

import dev.scenelift.scene.BundleName;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects under an S3 prefix: bundles by key name (sizes from the listing), md5s from a {@code <tile>.md5_list} or
 * {@code <bundle>.md5} objects under the prefix. With requester pays, every list and get says so.
 */
final class S3Lister implements BundleLister {
  private final S3Location prefix;
  private final S3Settings settings;

  S3Lister(S3Location prefix, S3Settings settings) {
    this.prefix = prefix.asDirectory();
    this.settings = settings;
  }

  @Override
  public URI base() {
    return prefix.toUri();
  }

  @Override
  public List<BundleRow> rows(Tile tile) throws IOException {
    try (S3Client s3 = S3ClientFactory.create(settings)) {
      return rows(s3, tile);
    } catch (SdkException e) {
      throw new SourceUnavailableException(base(), e.getMessage(), e);
    }
  }

  private List<BundleRow> rows(S3Client s3, Tile tile) throws IOException {
    RequestPayer payer = settings.requesterPays() ? RequestPayer.REQUESTER : null;
    List<S3Object> objects = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key()).requestPayer(payer))
        .contents()
        .forEach(objects::add);
    Md5Index md5s = new Md5Index();
    String listName = BundleFiles.md5ListName(tile);
    for (S3Object o : objects) {
      String name = fileName(o.key());
      if (name.equals(listName) || BundleFiles.isMd5File(name)) {
        String text =
            s3.getObjectAsBytes(b -> b.bucket(prefix.bucket()).key(o.key()).requestPayer(payer))
                .asString(StandardCharsets.UTF_8);
        md5s.addList(text, "s3://" + prefix.bucket() + "/" + o.key());
      }
    }
    List<BundleRow> rows = new ArrayList<>();
    for (S3Object o : objects) {
      String name = fileName(o.key());
      Optional<BundleName> bundle = BundleFiles.bundle(name);
      if (bundle.isPresent()) {
        S3Location at = new S3Location(prefix.bucket(), o.key());
        Optional<String> md5 = md5s.md5(bundle.get().toString());
        rows.add(new BundleRow(bundle.get(), at.toUri(), md5, o.size(), at.toString()));
      }
    }
    return rows;
  }

  private static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
