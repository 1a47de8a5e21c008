package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code abuseloop analyze} over several files: two PBXs' logs of the same hours, or Asterisk's messages
 * and security logs, give what one file with all their lines in time order gives, and the lines that
 * one failed attempt writes count once.
 */
class AnalyzeMergeTest {

  private static final Instant START = Instant.parse("2025-03-14T02:00:00Z");

  @TempDir
  Path dir;

  private static String stamp(int second) {
    return START.plusSeconds(second).toString().replace('T', ' ').replace("Z", "");
  }

  private static String wrongPassword(int second, String source, int port) {
    return "[" + stamp(second) + "] NOTICE[2982] chan_sip.c: Registration from '\"1001\" <sip:1001@192.0.2.5>' failed for '"
        + source + ":" + port + "' - Wrong password";
  }

  private static String invalidPassword(int second, String source, int port) {
    return "[" + stamp(second) + "] SECURITY[2801] res_security_log.c: SecurityEvent=\"InvalidPassword\",EventTV=\"x\","
        + "Severity=\"Error\",Service=\"SIP\",EventVersion=\"2\",AccountID=\"1001\",SessionID=\"0x7f3ac0ff76c0\","
        + "LocalAddress=\"IPV4/UDP/192.0.2.5/5060\",RemoteAddress=\"IPV4/UDP/" + source + "/" + port + "\",Challenge=\"8e276ec7\"";
  }

  @Test
  void twoPbxsOfTheSameHoursGiveTheIncidentsOfTheirLinesInOneFile() throws IOException {
    // Ten sources of one /24, each guessing a few times on each PBX over the same hour: only the two
    // logs read as one timeline show the campaign and each source's full rate.
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (int round = 0; round < 6; round++) {
      for (int s = 0; s < 10; s++) {
        int second = round * 300 + s * 7;
        String line = wrongPassword(second, "198.51.100." + (20 + s), 5060 + s);
        (s % 2 == round % 2 ? a : b).add(line);
        all.add(line);
      }
    }
    Path pbxA = write("pbx-a/messages", a, false);
    Path pbxB = write("pbx-b/messages.gz", b, true);
    Path one = write("one/messages", all, false);

    JsonNode merged = analyze(pbxA, pbxB);
    JsonNode whole = analyze(one);
    assertThat(merged.get("events").asLong()).isEqualTo(60);
    assertThat(incidents(merged)).isNotEmpty().isEqualTo(incidents(whole));
    assertThat(merged.get("breakdown").toString()).isEqualTo(whole.get("breakdown").toString());
  }

  @Test
  void messagesAndSecurityLogsOfOneRequestCountOnceAndTheSummarySaysHowManyWereFolded() throws IOException {
    List<String> messages = new ArrayList<>();
    List<String> security = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      int second = i / 10; // ten attempts a second, SIPVicious style
      messages.add(wrongPassword(second, "203.0.113.66", 5071));
      security.add(invalidPassword(second, "203.0.113.66", 5071));
    }
    Path m = write("asterisk/messages", messages, false);
    Path s = write("asterisk/security", security, false);

    JsonNode json = analyze(m, s);
    assertThat(json.get("events").asLong()).isEqualTo(60);
    assertThat(json.get("folded").asLong()).isEqualTo(30);
    assertThat(json.at("/foldedByFamily/asterisk.sip.wrong-password").asLong()).isEqualTo(30);
    assertThat(json.at("/breakdown/total").asLong()).isEqualTo(30);
    JsonNode udp5060 = json.at("/breakdown/ports/0");
    assertThat(udp5060.get("port").asInt()).as("the security event, which names the target, is the one kept").isEqualTo(5060);
    assertThat(json.get("incidents")).allSatisfy(i -> assertThat(i.get("count").asLong()).isLessThanOrEqualTo(30));

    CommandRun text = CommandRun.of("analyze", "--zone", "UTC", m.toString(), s.toString());
    assertThat(text.out()).contains("30 events folded into another line of the same attempt (asterisk.sip.wrong-password 30), 30 counted");
  }

  @Test
  void aRotatedSetReadsAsOneLogOldestFirst() throws IOException {
    List<String> older = List.of(wrongPassword(0, "203.0.113.70", 5060), wrongPassword(1, "203.0.113.70", 5060));
    List<String> newer = List.of(wrongPassword(100, "203.0.113.70", 5060));
    Path live = write("rot/messages", newer, false);
    Path rotated = write("rot/messages.1.gz", older, true);
    JsonNode json = analyze(live.getParent());
    assertThat(json.get("files")).extracting(f -> Path.of(f.get("file").asText()).getFileName().toString())
        .containsExactly("messages.1.gz", "messages");
    assertThat(json.get("events").asLong()).isEqualTo(3);
    assertThat(rotated).exists();
  }

  private JsonNode analyze(Path... inputs) throws IOException {
    List<String> args = new ArrayList<>(List.of("analyze", "--format", "json", "--zone", "UTC"));
    for (Path p : inputs) {
      args.add(p.toString());
    }
    CommandRun r = CommandRun.of(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  /** The incidents without their evidence lines (which name the file they were read from). */
  private static List<String> incidents(JsonNode json) {
    List<String> out = new ArrayList<>();
    for (JsonNode i : json.get("incidents")) {
      out.add(i.get("scenario").asText() + " " + i.get("source").asText() + " " + i.get("count").asLong() + " "
          + i.get("first").asText() + " " + i.get("last").asText());
    }
    return out;
  }

  private Path write(String name, List<String> lines, boolean gzip) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
      out.write(text);
    }
    Files.setLastModifiedTime(p, FileTime.from(START.plusSeconds(86_400)));
    return p;
  }
}
