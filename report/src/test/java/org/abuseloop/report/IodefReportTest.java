package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class IodefReportTest {

  private final IodefReport iodef = new IodefReport(Mails.CLOCK);

  static Stream<Arguments> defaults() {
    return Incidents.DEFAULTS.stream().map(Arguments::of);
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static String at(Document d, String path) throws Exception {
    XPath x = XPathFactory.newInstance().newXPath();
    x.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
      @Override public String getNamespaceURI(String prefix) { return IodefReport.NS; }
      @Override public String getPrefix(String uri) { return "i"; }
      @Override public java.util.Iterator<String> getPrefixes(String uri) { return List.of("i").iterator(); }
    });
    return x.evaluate(path, d);
  }

  @ParameterizedTest
  @MethodSource("defaults")
  void everyDefaultScenarioValidatesAgainstTheRfc7970Schema(Incidents.Kind k) throws Exception {
    AbuseReport r = AbuseReport.of(Incidents.complete(k), Incidents.context()).get(0);

    assertThat(IodefSchema.problems(iodef.render(r))).isEmpty();
  }

  @Test
  void theDocumentSaysWhoWhenAndWhat() throws Exception {
    AbuseReport r = AbuseReport.of(Incidents.complete(Incidents.kind("sshd-bf")), Incidents.context()).get(0);
    Document d = parse(iodef.render(r));

    assertThat(at(d, "/i:IODEF-Document/@version")).isEqualTo("2.00");
    assertThat(at(d, "//i:Incident/i:IncidentID")).isEqualTo(r.id().toString());
    assertThat(at(d, "//i:Incident/i:IncidentID/@name")).isEqualTo("example.net");
    assertThat(at(d, "//i:Incident/i:StartTime")).isEqualTo("2026-03-14T10:26:53+01:00");
    assertThat(at(d, "//i:Incident/i:GenerationTime")).isEqualTo("2026-03-15T08:00:00Z");
    assertThat(at(d, "//i:Contact/i:Email/i:EmailTo")).isEqualTo("abuse@example.net");
    assertThat(at(d, "//i:System[@category='source']/i:Node/i:Address")).isEqualTo("203.0.113.9");
    assertThat(at(d, "//i:System[@category='source']/i:Node/i:Address/@category")).isEqualTo("ipv4-addr");
    assertThat(at(d, "//i:System[@category='source']/i:Service/@ip-protocol")).isEqualTo("6");
    assertThat(at(d, "//i:System[@category='source']/i:Service/i:Portlist")).isEqualTo("51234,51240");
    assertThat(at(d, "//i:System[@category='target']/i:Node/i:Address")).isEqualTo("198.51.100.20");
    assertThat(at(d, "//i:System[@category='target']/i:Service/i:Port")).isEqualTo("22");
    assertThat(at(d, "//i:Assessment/i:Counter")).isEqualTo("12");
    assertThat(at(d, "count(//i:RecordItem)")).isEqualTo("2");
  }

  @Test
  void aPrefixAndAnIpv6SourceValidate() throws Exception {
    AbuseReport prefix = AbuseReport.of(Incidents.prefix(Incidents.kind("port-sweep-campaign"), List.of()),
        Incidents.context()).get(0);
    AbuseReport v6 = AbuseReport.of(Incidents.prefix(Incidents.kind("sshd-bf"), List.of(IpAddress.of("2001:db8::7"))),
        Incidents.context()).get(0);

    assertThat(IodefSchema.problems(iodef.render(prefix))).isEmpty();
    assertThat(at(parse(iodef.render(prefix)), "//i:System[@category='source']/i:Node/i:Address/@category"))
        .isEqualTo("ipv4-net");
    assertThat(IodefSchema.problems(iodef.render(v6))).isEmpty();
    assertThat(at(parse(iodef.render(v6)), "//i:System[@category='source']/i:Node/i:Address/@category"))
        .isEqualTo("ipv6-addr");
  }

  @Test
  void hostileLogTextStaysTextAndValid() throws Exception {
    Incidents.Kind k = Incidents.kind("sshd-bf");
    var i = Incidents.complete(k);
    String hostile = "</RecordItem><Address>192.0.2.66</Address> nul\u0000 esc\u001b ]]> &amp; \uFFFF";
    var e = i.evidence().get(0).withRaw(hostile);
    var raw = new org.abuseloop.core.Incident(i.scenario(), i.scope(), i.source(), null, i.first(), i.last(),
        i.count(), i.ratePerMinute(), i.kinds(), i.addresses(), i.ports(), i.users(), i.sources(), List.of(e), 1, false);
    String xml = iodef.render(AbuseReport.of(raw, Incidents.context()).get(0));
    Document d = parse(xml);

    assertThat(IodefSchema.problems(xml)).isEmpty();
    assertThat(at(d, "count(//i:Address[.='192.0.2.66'])")).isEqualTo("0");
    assertThat(at(d, "//i:RecordItem")).contains("</RecordItem><Address>192.0.2.66</Address> nul\uFFFD esc\uFFFD ]]> &amp; \uFFFD");
  }

  @Test
  void theSchemaCatchesABrokenDocument() throws Exception {
    // Guards the tests above: a document the schema must reject is rejected.
    String xml = iodef.render(AbuseReport.of(Incidents.complete(Incidents.kind("sshd-bf")), Incidents.context()).get(0));

    assertThat(IodefSchema.problems(xml.replace("purpose=\"reporting\"", "purpose=\"gossip\""))).isNotEmpty();
    assertThat(IodefSchema.problems(xml.replaceFirst("<GenerationTime>[^<]*</GenerationTime>", ""))).isNotEmpty();
  }
}
