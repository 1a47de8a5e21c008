package org.abuseloop.report;

import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * The IODEF 2.0 schema of RFC 7970 from the test resources, compiled by the JDK with its imports
 * resolved to local files by namespace (see {@code iodef/README.md}) and every other external access
 * forbidden. Thread-safe: the compiled {@link Schema} is immutable; each check gets its own validator.
 */
public final class IodefSchema {

  private static final Map<String, String> IMPORTS = Map.of(
      "http://www.w3.org/XML/1998/namespace", "iodef/xml-lang.xsd",
      "http://www.w3.org/2000/09/xmldsig#", "iodef/xmldsig-stand-in.xsd",
      "urn:ietf:params:xml:ns:iodef-enum-1.0", "iodef/iodef-enum-stand-in.xsd",
      "urn:ietf:params:xml:ns:iodef-sci-1.0", "iodef/iodef-sci-stand-in.xsd");

  private static final Schema SCHEMA = compile();

  private IodefSchema() {}

  /** Every problem the schema finds in {@code xml}, one per entry; empty when it is valid. */
  public static List<String> problems(String xml) throws Exception {
    Validator v = SCHEMA.newValidator();
    v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    List<String> problems = new ArrayList<>();
    v.setErrorHandler(collect(problems));
    v.validate(new StreamSource(new StringReader(xml)));
    return problems;
  }

  private static Schema compile() {
    try {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
        String local = IMPORTS.get(namespace);
        if (local == null) {
          throw new IllegalStateException("the IODEF schema imports " + namespace + " from " + systemId
              + ", which the test has no local copy of");
        }
        return new LocalInput(resource(local), systemId, publicId);
      });
      List<String> problems = new ArrayList<>();
      f.setErrorHandler(collect(problems));
      Schema s = f.newSchema(resource("iodef/iodef-2.0.xsd"));
      if (!problems.isEmpty()) {
        throw new IllegalStateException("the IODEF schema does not compile: " + problems);
      }
      return s;
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the IODEF schema", e);
    }
  }

  private static URL resource(String path) {
    URL url = IodefSchema.class.getClassLoader().getResource(path);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + path);
    }
    return url;
  }

  private static ErrorHandler collect(List<String> problems) {
    return new ErrorHandler() {
      @Override
      public void warning(SAXParseException e) {
        problems.add("warning: " + e.getMessage());
      }

      @Override
      public void error(SAXParseException e) {
        problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
      }

      @Override
      public void fatalError(SAXParseException e) {
        problems.add("fatal " + e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
      }
    };
  }

  /** A local schema file handed to the schema factory in place of a remote import. */
  private record LocalInput(URL url, String systemId, String publicId) implements LSInput {
    @Override public Reader getCharacterStream() { return null; }
    @Override public void setCharacterStream(Reader r) {}
    @Override public InputStream getByteStream() {
      try {
        return url.openStream();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    @Override public void setByteStream(InputStream s) {}
    @Override public String getStringData() { return null; }
    @Override public void setStringData(String s) {}
    @Override public String getSystemId() { return url.toString(); }
    @Override public void setSystemId(String s) {}
    @Override public String getPublicId() { return publicId; }
    @Override public void setPublicId(String s) {}
    @Override public String getBaseURI() { return null; }
    @Override public void setBaseURI(String s) {}
    @Override public String getEncoding() { return null; }
    @Override public void setEncoding(String s) {}
    @Override public boolean getCertifiedText() { return false; }
    @Override public void setCertifiedText(boolean b) {}
  }
}
