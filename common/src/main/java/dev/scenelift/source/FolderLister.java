package dev.scenelift.source;

import dev.scenelift.scene.BundleName;
import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk-download folder: {@code <id>_<BUNDLE>.tar[.gz]} files, md5s from {@code <tile>.md5_list} and/or
 * {@code <bundle>.md5} files, sizes from the files. Only the folder's own files are listed (no recursion); md5 list
 * entries without a file are reported, not listed.
 */
final class FolderLister implements BundleLister {
  private static final Logger LOG = LoggerFactory.getLogger(FolderLister.class);

  private final Path dir;

  FolderLister(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public URI base() {
    return dir.toUri();
  }

  @Override
  public List<BundleRow> rows(Tile tile) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new SourceUnavailableException(base(), "no such directory", null);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    Md5Index md5s = new Md5Index();
    Path list = dir.resolve(BundleFiles.md5ListName(tile));
    if (Files.isRegularFile(list)) {
      md5s.addList(Files.readString(list, StandardCharsets.UTF_8), list.toString());
    }
    for (Path f : files) {
      if (BundleFiles.isMd5File(f.getFileName().toString())) {
        md5s.addList(Files.readString(f, StandardCharsets.UTF_8), f.toString());
      }
    }
    List<BundleRow> rows = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      Optional<BundleName> bundle = BundleFiles.bundle(name);
      if (bundle.isPresent()) {
        Optional<String> md5 = md5s.md5(bundle.get().toString());
        rows.add(new BundleRow(bundle.get(), f.toUri(), md5, Files.size(f), f.toString()));
      } else if (BundleFiles.looksLikeBundle(name)) {
        LOG.warn("{}: skipped {}: not an ARD bundle file name", dir, name);
      }
    }
    long listedButAbsent = md5s.names().stream().filter(n -> !Files.exists(dir.resolve(n))).count();
    if (listedButAbsent > 0) {
      LOG.warn("{}: {} bundle(s) named in md5 files are not in the folder", dir, listedButAbsent);
    }
    return rows;
  }
}
