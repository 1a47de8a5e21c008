package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.abuseloop.report.IodefSchema;
import org.abuseloop.report.XarfSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code abuseloop report --preview} on the project's example logs, in every format. */
class ReportCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;
  private List<Path> logs;

  @BeforeEach
  void copyLogs() throws IOException {
    logs = ExampleLogs.copyInto(Files.createDirectory(tmp.resolve("logs")));
  }

  static List<String> formats() {
    return ReportCommand.FORMATS;
  }

  private JsonNode preview(String format, Path out, String... more) throws IOException {
    CommandRun r = CommandRun.of(ExampleLogs.preview(format, out, logs, more).toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains(format + " report");
    return JSON.readTree(out.resolve("index.json").toFile());
  }

  @ParameterizedTest
  @MethodSource("formats")
  void theIndexListsEveryReportAndEveryFileItNames(String format) throws IOException {
    Path out = tmp.resolve("out-" + format);
    JsonNode index = preview(format, out);
    String extension = switch (format) {
      case "xarf", "abuseipdb", "msrc-api" -> ".json";
      case "xarf-mail", "arf" -> ".eml";
      case "iodef" -> ".xml";
      case "aws-csv" -> ".csv";
      default -> ".txt";
    };

    assertThat(index.size()).isGreaterThan(20);
    Set<String> listed = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode e : index) {
      assertThat(ids.add(e.get("report_id").asText())).as("report ids are unique").isTrue();
      assertThat(e.get("format").asText()).isEqualTo(format);
      assertThat(e.get("source").asText()).isNotBlank();
      assertThat(e.get("channel").asText()).isIn("provider", "none", "override");
      assertThat(e.has("provider")).isTrue();
      if (e.get("channel").asText().equals("none")) {
        assertThat(e.get("contact").isNull()).isTrue();
        assertThat(e.get("reason").asText()).isEqualTo(ReportCommand.NO_RDAP);
      } else {
        assertThat(e.get("contact").asText()).as("an address or a web form").matches(".+@.+|https://.+");
      }
      if (e.get("file").isNull()) {
        assertThat(e.get("skipped").asText()).isNotBlank();
      } else {
        assertThat(e.has("skipped")).isFalse();
        assertThat(e.get("file").asText()).isEqualTo(e.get("report_id").asText() + extension);
        assertThat(out.resolve(e.get("file").asText())).isRegularFile().isNotEmptyFile();
        listed.add(e.get("file").asText());
      }
    }
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.json")))
          .containsExactlyInAnyOrderElementsOf(listed);
    }
    assertThat(listed).isNotEmpty();
  }

  @Test
  void everyX_ArfFileValidatesAgainstTheSchemas() throws Exception {
    Path out = tmp.resolve("xarf");
    JsonNode index = preview("xarf", out);
    var master = XarfSchemas.schema("xarf-v4-master.json");

    int checked = 0;
    for (JsonNode e : index) {
      if (!e.get("file").isNull()) {
        String json = Files.readString(out.resolve(e.get("file").asText()));
        assertThat(XarfSchemas.problems(master, json)).as(e.get("file").asText()).isEmpty();
        JsonNode d = JSON.readTree(json);
        String type = "types/" + d.get("category").asText() + "-" + d.get("type").asText().replace('_', '-') + ".json";
        assertThat(XarfSchemas.problems(XarfSchemas.schema(type), json)).as(e.get("file").asText()).isEmpty();
        assertThat(d.get("source_identifier").asText()).isEqualTo(e.get("source").asText());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void everyIodefFileValidatesAgainstTheRfc7970Schema() throws Exception {
    Path out = tmp.resolve("iodef");
    JsonNode index = preview("iodef", out);

    for (JsonNode e : index) {
      assertThat(IodefSchema.problems(Files.readString(out.resolve(e.get("file").asText())))).isEmpty();
    }
  }

  @Test
  void x_ArfMailsParseBackWithTheirThreeParts() throws Exception {
    Path out = tmp.resolve("mail");
    JsonNode index = preview("xarf-mail", out);

    for (JsonNode e : index) {
      MimeMessage m = parse(out.resolve(e.get("file").asText()));
      assertThat(m.getHeader("X-XARF", null)).isEqualTo("PLAIN");
      assertThat(m.getMessageID()).isEqualTo("<" + e.get("report_id").asText() + "@example.net>");
      MimeMultipart mp = (MimeMultipart) m.getContent();
      assertThat(mp.getCount()).isEqualTo(3);
      assertThat(mp.getBodyPart(1).getFileName()).isEqualTo("report.txt");
      assertThat((String) mp.getBodyPart(1).getContent()).contains("Source: " + e.get("source").asText() + "\n")
          .contains("Version: 0.2\n");
      assertThat(mp.getBodyPart(2).getFileName()).isEqualTo("logfile.log");
    }
  }

  @Test
  void theSpamIncidentGivesAnArfMailAndTheOthersAreSkipped() throws Exception {
    Path out = tmp.resolve("arf");
    JsonNode index = preview("arf", out);

    int mails = 0;
    for (JsonNode e : index) {
      if (e.get("file").isNull()) {
        assertThat(e.get("skipped").asText()).contains("ARF reports unwanted mail");
        continue;
      }
      MimeMessage m = parse(out.resolve(e.get("file").asText()));
      ContentType type = new ContentType(m.getContentType());
      assertThat(type.getBaseType()).isEqualTo("multipart/report");
      assertThat(type.getParameter("report-type")).isEqualTo("feedback-report");
      MimeMultipart mp = (MimeMultipart) m.getContent();
      assertThat(mp.getBodyPart(1).getContentType()).startsWith("message/feedback-report");
      assertThat(text(mp.getBodyPart(1))).contains("Source-IP: " + e.get("source").asText());
      mails++;
    }
    assertThat(mails).isPositive();
  }

  @Test
  void abuseIpdbSkipsUdpOnlySourcesAndSaysWhy() throws Exception {
    JsonNode index = preview("abuseipdb", tmp.resolve("abuseipdb"));

    long udp = 0;
    for (JsonNode e : index) {
      if (e.get("file").isNull() && e.get("skipped").asText().contains("UDP-only")) {
        udp++;
      }
    }
    assertThat(udp).isPositive();
  }

  @Test
  void theDestinationOptionNamesTheTargetTheLogsDoNot() throws Exception {
    Path out = tmp.resolve("dest");
    JsonNode index = preview("xarf", out);

    JsonNode ssh = null;
    for (JsonNode e : index) {
      if (!e.get("file").isNull() && e.get("report_id").asText().length() > 0
          && JSON.readTree(out.resolve(e.get("file").asText()).toFile()).get("tags").get(0).asText().equals("scenario:sshd-bf")) {
        ssh = JSON.readTree(out.resolve(e.get("file").asText()).toFile());
        break;
      }
    }
    assertThat(ssh).isNotNull();
    assertThat(ssh.get("destination_ip").asText()).isEqualTo("192.0.2.25");
    assertThat(ssh.get("protocol").asText()).isEqualTo("tcp");
    assertThat(ssh.get("source_port").asInt()).isPositive();
    String log = new String(java.util.Base64.getDecoder().decode(ssh.at("/evidence/0/payload").asText()),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(log).contains("auth.log:").contains("Failed password for").doesNotContain(tmp.toString());
  }

  @Test
  void theOperatorsHostNameIsRedactedWhenAsked() throws Exception {
    Path out = tmp.resolve("redacted");
    preview("text", out, "--redact-host", "gw1");

    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.toList()) {
        assertThat(Files.readString(f)).doesNotContain("gw1");
      }
    }
  }

  @Test
  void badInputNamesTheFieldAndWritesNothing() throws IOException {
    Path out = tmp.resolve("never");
    List<List<String>> bad = List.of(
        ExampleLogs.preview("xarf", out, List.of(tmp.resolve("missing.log"))),
        replace(ExampleLogs.preview("xarf", out, logs), "abuse@example.net", "not-an-address"),
        replace(ExampleLogs.preview("xarf", out, logs), "192.0.2.25", "192.0.2.300"),
        replace(ExampleLogs.preview("xarf", out, logs), "example.net", "example_net"),
        replace(ExampleLogs.preview("xarf", out, logs), "xarf", "pdf"));
    List<String> named = List.of("missing.log", "--reporter-contact", "--destination", "--reporter-domain", "--format");

    for (int i = 0; i < bad.size(); i++) {
      CommandRun r = CommandRun.of(bad.get(i).toArray(String[]::new));
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains(named.get(i));
      assertThat(out).doesNotExist();
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("logs");
    }
  }

  @Test
  void aDirectoryThatIsNotEmptyIsRefusedAndLeftAlone() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("full"));
    Files.writeString(out.resolve("mine.txt"), "keep me");

    CommandRun r = CommandRun.of(ExampleLogs.preview("text", out, logs).toArray(String[]::new));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--out").contains("not an empty directory");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).containsExactly(out.resolve("mine.txt"));
    }
  }

  @Test
  void anEmptyDirectoryIsFilled() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("empty"));

    preview("text", out);

    assertThat(out.resolve("index.json")).isRegularFile();
  }

  private static List<String> replace(List<String> args, String from, String to) {
    return args.stream().map(a -> a.equals(from) ? to : a).toList();
  }

  private static MimeMessage parse(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return new MimeMessage(Session.getInstance(new Properties()), in);
    }
  }

  private static String text(jakarta.mail.BodyPart p) throws Exception {
    Object c = p.getContent();
    if (c instanceof String s) {
      return s;
    }
    try (InputStream in = p.getInputStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
