package dev.scenelift.metadata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Reads ARD tile metadata XML of either collection into {@link ArdMetadata}: Collection 1 {@code <ard_metadata>} (2017
 * pre-release, v1.0, v1.1) and Collection 2 {@code <LANDSAT_METADATA_FILE>}. Parsing is hardened: a DOCTYPE (and with
 * it any DTD or entity, internal or external) is refused, nothing is ever fetched.
 *
 * <p>Stateless apart from its configured parser factory; one instance may be shared by threads that do not parse at
 * the same time, or create one per thread (cheap).
 */
public final class ArdMetadataParser {
  private final HardenedXml xml = new HardenedXml();

  /**
   * Parses a document from a stream the caller owns (not closed here).
   *
   * @param source names the document in errors until its product id is known (e.g. the S3 key or file name)
   * @throws MetadataFieldException naming the scene and the field that is missing or malformed; field {@code document}
   *     when the XML itself is malformed or refused (DOCTYPE)
   * @throws IOException when the stream fails
   */
  public synchronized ArdMetadata parse(InputStream in, String source) throws MetadataFieldException, IOException {
    Document doc;
    try {
      doc = xml.parse(in);
    } catch (SAXException e) {
      throw new MetadataFieldException(source, "document", "is not acceptable XML: " + e.getMessage(), e);
    }
    Element root = doc.getDocumentElement();
    return switch (root.getLocalName()) {
      case "ard_metadata" -> C1TileXml.read(root, source);
      case "LANDSAT_METADATA_FILE" -> C2TileXml.read(root, source);
      default -> throw new MetadataFieldException(
          source, "document", "has root <" + root.getLocalName() + ">, expected <ard_metadata> or <LANDSAT_METADATA_FILE>");
    };
  }

  public ArdMetadata parse(byte[] document, String source) throws MetadataFieldException {
    try {
      return parse(new ByteArrayInputStream(document), source);
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array failed", e);
    }
  }

  public ArdMetadata parse(Path file) throws MetadataFieldException, IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.getFileName().toString());
    }
  }
}
