package org.abuseloop.logs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.junit.jupiter.api.Test;

/**
 * Ties the shipped snippet ({@code examples/kamailio/abuseloop-logging.cfg}) to the parser: takes
 * the snippet's xlog format, fills in the pseudo-variables as Kamailio would, and parses the line.
 * A change to the snippet's format that the parser does not follow fails here.
 */
class KamailioSnippetTest {

  private static final Path SNIPPET = Path.of("..", "examples", "kamailio", "abuseloop-logging.cfg");
  private static final String XLOG = "xlog(\"L_WARN\", \"";

  @Test
  void theSnippetsLineParsesWithEveryFieldInPlace() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("$var(abuseloop_outcome)", "auth-failed");
    values.put("$si", "2001:db8:bad::9");
    values.put("$sp", "5071");
    values.put("$pr", "tcp");
    values.put("$Ri", "192.0.2.10");
    values.put("$Rp", "5060");
    values.put("$(rm{s.escape.param})", "REGISTER");
    values.put("$(fU{s.escape.param})", "1001%20src%3d203.0.113.9");
    values.put("$(ua{s.escape.param})", "friendly-scanner%20src%3d203.0.113.9");

    Event e = KamailioParserTest.one("Mar  3 10:00:00 sip1 kamailio[2345]: WARNING: <script>: " + fill(format(), values));

    assertThat(e.family()).isEqualTo(KamailioParser.AUTH_FAILED);
    assertThat(e.source()).isEqualTo(IpAddress.of("2001:db8:bad::9"));
    assertThat(e.sourcePort()).isEqualTo(5071);
    assertThat(e.protocol()).isEqualTo(Protocol.TCP);
    assertThat(e.target()).isEqualTo(IpAddress.of("192.0.2.10"));
    assertThat(e.targetPort()).isEqualTo(5060);
    assertThat(e.user()).isEqualTo("1001 src=203.0.113.9");
  }

  @Test
  void requestTextIsEscapedAndComesLast() throws IOException {
    String format = format();
    assertThat(format).contains("$(fU{s.escape.param})", "$(ua{s.escape.param})", "$(rm{s.escape.param})")
        .doesNotContain("$fU ", "$ua ", "$rm ");
    assertThat(format.indexOf(" method=")).isGreaterThan(format.indexOf(" dport="));
    assertThat(format).endsWith("ua=$(ua{s.escape.param})");
  }

  /** The xlog format string of route[ABUSELOOP_LOG], without its trailing "\n". */
  private static String format() throws IOException {
    String cfg = Files.readString(SNIPPET, StandardCharsets.UTF_8);
    int start = cfg.indexOf(XLOG);
    assertThat(start).as("xlog call in %s", SNIPPET).isPositive();
    int end = cfg.indexOf("\\n\");", start);
    assertThat(end).isGreaterThan(start);
    return cfg.substring(start + XLOG.length(), end);
  }

  private static String fill(String format, Map<String, String> values) {
    String line = format;
    for (Map.Entry<String, String> v : values.entrySet()) {
      assertThat(line).contains(v.getKey());
      line = line.replace(v.getKey(), v.getValue());
    }
    assertThat(line).doesNotContain("$");
    return line;
  }
}
