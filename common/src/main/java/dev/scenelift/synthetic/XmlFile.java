package dev.scenelift.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;

/** Writes a metadata document as USGS does: its declaration on a line of its own, then the indented elements. */
final class XmlFile {
  private XmlFile() {}

  /**
   * @param declaredEncoding how the declaration spells UTF-8 ({@code utf-8} in C1 files, {@code UTF-8} in C2's)
   * @param indent spaces per level
   */
  static void write(Document doc, Path file, String declaredEncoding, int indent) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      // the JDK serializer would run the root element onto the declaration's line
      out.write(("<?xml version=\"1.0\" encoding=\"" + declaredEncoding + "\"?>\n").getBytes(StandardCharsets.UTF_8));
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, declaredEncoding);
      t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", Integer.toString(indent));
      t.transform(new DOMSource(doc), new StreamResult(out));
    } catch (TransformerException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
