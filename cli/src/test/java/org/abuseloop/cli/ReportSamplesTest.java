package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the sample reports under {@code docs/samples/} true: each is the preview command's output for
 * the project's example logs, and this test fails when the code now writes something else. Run it with
 * {@code -Dabuseloop.writeSamples=true} to write the samples afresh (then review the diff).
 */
class ReportSamplesTest {

  static final Path DIR = Path.of("..", "docs", "samples");
  private static final boolean WRITE = Boolean.getBoolean("abuseloop.writeSamples");

  /** One sample: the format, the scenario whose first report is shown, and the sample's file name. */
  record Sample(String format, String scenario, String file) {}

  static List<Sample> samples() {
    return List.of(
        new Sample("xarf", "sshd-bf", "xarf-sshd-bf.json"),
        new Sample("xarf-mail", "sshd-bf", "xarf-mail-sshd-bf.eml"),
        new Sample("arf", "mail-reject", "arf-mail-reject.eml"),
        new Sample("iodef", "port-sweep", "iodef-port-sweep.xml"),
        new Sample("abuseipdb", "sshd-bf", "abuseipdb-sshd-bf.json"),
        new Sample("aws-csv", "port-sweep", "aws-csv-port-sweep.csv"),
        new Sample("text", "asterisk-bf", "text-asterisk-bf.txt"));
  }

  @TempDir
  Path tmp;

  @ParameterizedTest
  @MethodSource("samples")
  void theSampleIsWhatThePreviewWritesNow(Sample s) throws IOException {
    List<Path> logs = ExampleLogs.copyInto(Files.createDirectory(tmp.resolve("logs")));
    Path out = tmp.resolve("out");
    CommandRun run = CommandRun.of(ExampleLogs.preview(s.format(), out, logs).toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
    String file = null;
    for (JsonNode e : index) {
      if (e.get("scenario").asText().equals(s.scenario()) && !e.get("file").isNull()) {
        file = e.get("file").asText();
        break;
      }
    }
    assertThat(file).as("a %s report of %s", s.format(), s.scenario()).isNotNull();

    check(out.resolve(file), s.file());
    if (s.format().equals("abuseipdb")) {
      check(out.resolve("index.json"), "index-abuseipdb.json");
    }
  }

  private static void check(Path produced, String sample) throws IOException {
    byte[] now = Files.readAllBytes(produced);
    Path committed = DIR.resolve(sample);
    if (WRITE) {
      Files.createDirectories(DIR);
      Files.write(committed, now);
    }
    assertThat(committed).as("docs/samples/%s is missing: run this test with -Dabuseloop.writeSamples=true", sample)
        .exists();
    assertThat(new String(Files.readAllBytes(committed), java.nio.charset.StandardCharsets.UTF_8))
        .as("docs/samples/%s is not what the code writes now: run this test with -Dabuseloop.writeSamples=true and"
            + " review the diff", sample)
        .isEqualTo(new String(now, java.nio.charset.StandardCharsets.UTF_8));
  }
}
