package dev.scenelift.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The JVM flags of a job image, read from the one place they are set: the parent pom's Jib configuration
 * ({@code container/jvmFlags}), each {@code ${property}} resolved from the job module's pom, else the parent's. Whoever
 * runs a job child as its image would (the AWS path test, the fetch benchmark, the image build's class-data training)
 * reads them here rather than keeping a copy.
 *
 * @param flags the flags, in order, as the image's entrypoint passes them
 */
public record ImageJvmFlags(List<String> flags) {
  /** The flag that names the image's class-data archive (made in the image build for the image's own JVM). */
  public static final String ARCHIVE_FLAG = "-XX:SharedArchiveFile=";

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  public ImageJvmFlags {
    flags = List.copyOf(flags);
  }

  /** The flags of {@code jobs/<job>}'s image, read from the project this JVM works in (its folder or one above). */
  public static ImageJvmFlags of(String job) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("jobs").resolve(job).resolve("pom.xml"))) {
        return of(dir, job);
      }
    }
    throw new IllegalStateException("no jobs/" + job + "/pom.xml in " + Path.of("").toAbsolutePath() + " or above");
  }

  /** The flags of {@code jobs/<job>}'s image, read from the project at {@code root}. */
  public static ImageJvmFlags of(Path root, String job) {
    Path parent = root.resolve("pom.xml");
    Path module = root.resolve("jobs").resolve(job).resolve("pom.xml");
    List<String> flags = new ArrayList<>();
    for (String flag :
        xpath(parent, "//plugin[artifactId='jib-maven-plugin']/configuration/container/jvmFlags/jvmFlag")) {
      Matcher reference = PROPERTY.matcher(flag);
      StringBuilder resolved = new StringBuilder();
      while (reference.find()) {
        reference.appendReplacement(resolved, Matcher.quoteReplacement(property(reference.group(1), module, parent)));
      }
      reference.appendTail(resolved);
      flags.add(resolved.toString());
    }
    if (flags.isEmpty()) {
      throw new IllegalStateException(parent + " sets no Jib jvmFlags");
    }
    return new ImageJvmFlags(flags);
  }

  /**
   * The flags for a JVM on this machine rather than in the image: the class-data archive flag is left out (an archive
   * maps only into the exact JVM build that made it, and the image's JVM is not this host's), so the JVM keeps its
   * default archive.
   */
  public ImageJvmFlags withoutArchive() {
    return new ImageJvmFlags(flags.stream().filter(f -> !f.startsWith(ARCHIVE_FLAG)).toList());
  }

  /** The flags without those that size the heap from the container's memory: for a JVM given a fixed {@code -Xmx}. */
  public ImageJvmFlags withoutHeapSizing() {
    return new ImageJvmFlags(flags.stream().filter(f -> !f.matches("-XX:(Max|Initial|Min)RAMPercentage=.*")).toList());
  }

  /** Every occurrence of {@code from} in the flags replaced by {@code to} (an image path by this machine's). */
  public ImageJvmFlags replacing(String from, String to) {
    return new ImageJvmFlags(flags.stream().map(f -> f.replace(from, to)).toList());
  }

  private static String property(String name, Path module, Path parent) {
    for (Path pom : List.of(module, parent)) {
      List<String> value = xpath(pom, "/project/properties/" + name);
      if (!value.isEmpty()) {
        return value.get(0);
      }
    }
    throw new IllegalStateException("Jib jvmFlag property ${" + name + "} is set in neither " + module + " nor " + parent);
  }

  /** The text of each node {@code expression} selects in {@code file}, stripped. */
  public static List<String> xpath(Path file, String expression) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no " + file);
    }
    try {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
      NodeList nodes =
          (NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, doc, XPathConstants.NODESET);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        out.add(nodes.item(i).getTextContent().strip());
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
