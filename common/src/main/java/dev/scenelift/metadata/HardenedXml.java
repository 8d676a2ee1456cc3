package dev.scenelift.metadata;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses untrusted XML into a DOM with every door to the outside shut: no DOCTYPE at all (so no DTD fetch and no
 * entity expansion), no external entities or schemas, no XInclude, the JDK's secure-processing limits on.
 */
final class HardenedXml {
  private final DocumentBuilderFactory factory;

  HardenedXml() {
    factory = DocumentBuilderFactory.newInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser does not support hardening: " + e.getMessage(), e);
    }
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(true);
    factory.setValidating(false);
  }

  /** Parses the stream (not closed here); a DOCTYPE or any malformation is a {@link SAXException}. */
  Document parse(InputStream in) throws SAXException, IOException {
    DocumentBuilder builder;
    try {
      builder = factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    builder.setEntityResolver(
        (publicId, systemId) -> {
          throw new SAXException("external entity refused: " + systemId);
        });
    builder.setErrorHandler(null);
    return builder.parse(new InputSource(in));
  }
}
