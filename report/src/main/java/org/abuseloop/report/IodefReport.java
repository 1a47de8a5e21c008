package org.abuseloop.report;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.abuseloop.core.IpAddress;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Renders an {@link AbuseReport} as an IODEF 2.0 document (RFC 7970): one Incident with its id, times,
 * the scenario in words, the reporter as contact, and an EventData whose Flow names the source and target
 * systems (addresses, ports, protocol) and whose Record quotes the log lines. Built with the JDK's DOM
 * and serialised by its Transformer, which escapes text; characters XML 1.0 cannot hold (control
 * characters from attacker-controlled log text) become U+FFFD first. Thread-safe: it holds only an
 * immutable clock, and each call builds its own document.
 */
public final class IodefReport implements ReportFormat {

  /** The IODEF 2.0 namespace. */
  public static final String NS = "urn:ietf:params:xml:ns:iodef-2.0";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private final Clock clock;

  /** @param clock gives the GenerationTime */
  public IodefReport(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String id() {
    return "iodef";
  }

  @Override
  public String extension() {
    return ".xml";
  }

  /** IODEF carries every report. */
  @Override
  public Optional<String> refusal(AbuseReport report) {
    return Optional.empty();
  }

  @Override
  public String render(AbuseReport r) {
    Document d = newDocument();
    Element root = element(d, "IODEF-Document");
    root.setAttribute("version", "2.00");
    root.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "en");
    d.appendChild(root);
    Element incident = child(root, "Incident");
    incident.setAttribute("purpose", "reporting");
    incident.setAttribute("restriction", "private");
    Element id = text(incident, "IncidentID", r.id().toString());
    id.setAttribute("name", r.reporter().domain());
    text(incident, "StartTime", time(r.first(), r.offset()));
    text(incident, "EndTime", time(r.last(), r.offset()));
    text(incident, "GenerationTime", time(clock.instant(), ZoneOffset.UTC));
    text(incident, "Description", r.wording().sentence());
    child(incident, "Discovery").setAttribute("source",
        r.wording().type() == XarfType.PORT_SCAN ? "device-log" : "application-log");
    assessment(incident, r);
    contact(incident, r.reporter());
    eventData(incident, r);
    return serialise(d);
  }

  private static void assessment(Element incident, AbuseReport r) {
    Element a = child(incident, "Assessment");
    a.setAttribute("occurrence", "actual");
    text(a, "IncidentCategory", r.wording().type().category() + "/" + r.wording().type().type());
    Element impact = child(a, "SystemImpact");
    impact.setAttribute("type", r.wording().type() == XarfType.LOGIN_ATTACK ? "takeover-account" : "unknown");
    impact.setAttribute("completion", "failed");
    counter(a, r.count());
  }

  private static void contact(Element incident, ReportContext c) {
    Element contact = child(incident, "Contact");
    contact.setAttribute("role", "creator");
    contact.setAttribute("type", "organization");
    text(contact, "ContactName", c.organisation());
    text(child(contact, "Email"), "EmailTo", c.contact());
  }

  private static void eventData(Element incident, AbuseReport r) {
    Element event = child(incident, "EventData");
    text(event, "StartTime", time(r.first(), r.offset()));
    text(event, "EndTime", time(r.last(), r.offset()));
    Element flow = child(event, "Flow");
    Element source = child(flow, "System");
    source.setAttribute("category", "source");
    Element node = child(source, "Node");
    address(node, r.source(), r.sourceAddress());
    service(source, r, r.sourcePorts());
    counter(source, r.count());
    if (!r.destinations().isEmpty()) {
      Element target = child(flow, "System");
      target.setAttribute("category", "target");
      Element targets = child(target, "Node");
      for (IpAddress a : r.destinations()) {
        address(targets, a.toString(), a);
      }
      service(target, r, r.destinationPorts());
    }
    if (!r.extracts().isEmpty()) {
      Element data = child(child(event, "Record"), "RecordData");
      text(data, "DateTime", time(r.extracts().get(0).time(), r.extracts().get(0).offset()));
      text(data, "Description", "Log lines: time in the log's offset, message family, file:line, line text");
      for (LogExtract e : r.extracts()) {
        text(data, "RecordItem", e.text()).setAttribute("dtype", "string");
      }
    }
  }

  private static void address(Element node, String text, IpAddress address) {
    Element a = text(node, "Address", text);
    boolean v6 = text.indexOf(':') >= 0;
    a.setAttribute("category", address != null ? (v6 ? "ipv6-addr" : "ipv4-addr") : (v6 ? "ipv6-net" : "ipv4-net"));
  }

  // A Service when the ports or the protocol are known: one Port, or a Portlist of several.
  private static void service(Element system, AbuseReport r, List<Integer> ports) {
    Integer protocol = ipProtocol(r);
    if (ports.isEmpty() && protocol == null) {
      return;
    }
    Element s = child(system, "Service");
    if (protocol != null) {
      s.setAttribute("ip-protocol", protocol.toString());
    }
    if (ports.size() == 1) {
      text(s, "Port", ports.get(0).toString());
    } else if (ports.size() > 1) {
      text(s, "Portlist", ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
  }

  // The IANA protocol number of the transport, null when unknown.
  private static Integer ipProtocol(AbuseReport r) {
    return switch (r.protocol()) {
      case TCP, TLS, WS, WSS -> 6;
      case UDP -> 17;
      case SCTP -> 132;
      case ICMP -> 1;
      case ICMPV6 -> 58;
      case UNKNOWN -> null;
    };
  }

  private static void counter(Element parent, long count) {
    Element c = text(parent, "Counter", String.valueOf(count));
    c.setAttribute("type", "count");
    c.setAttribute("unit", "event");
  }

  private static String time(Instant t, ZoneOffset offset) {
    return TIME.format(t.atOffset(offset));
  }

  private static Element element(Document d, String name) {
    return d.createElementNS(NS, name);
  }

  private static Element child(Element parent, String name) {
    Element e = element(parent.getOwnerDocument(), name);
    parent.appendChild(e);
    return e;
  }

  private static Element text(Element parent, String name, String text) {
    Element e = child(parent, name);
    e.setTextContent(xmlSafe(text));
    return e;
  }

  /** {@code s} with the characters XML 1.0 cannot hold (controls other than tab, CR, LF; U+FFFE, U+FFFF) replaced by U+FFFD. */
  static String xmlSafe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      b.appendCodePoint(allowed && !(c >= 0x7F && c <= 0x9F) ? c : 0xFFFD);
    });
    return b.toString();
  }

  private static Document newDocument() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      Document d = f.newDocumentBuilder().newDocument();
      d.setXmlStandalone(true);
      return d;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's DOM builder is not configured", e);
    }
  }

  private static String serialise(Document d) {
    try {
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      // The JDK writes its declaration on the root element's line; write our own on a line of its own.
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      StringWriter out = new StringWriter().append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      t.transform(new DOMSource(d), new StreamResult(out));
      String xml = out.toString();
      return xml.endsWith("\n") ? xml : xml + "\n";
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot serialise a document built in memory", e);
    }
  }
}
