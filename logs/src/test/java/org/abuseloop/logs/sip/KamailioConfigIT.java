package org.abuseloop.logs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the shipped Kamailio example ({@code examples/kamailio/kamailio.cfg} with the abuseloop
 * snippet it includes) with Kamailio's own parser, {@code kamailio -c -f FILE}. Needs Kamailio
 * installed (Debian/Ubuntu: {@code apt-get install -y kamailio}); without it this test fails rather
 * than skips. The binary is looked up in {@code -Dabuseloop.kamailio}, {@code PATH},
 * {@code /usr/sbin} and {@code /usr/local/sbin}.
 */
class KamailioConfigIT {

  private static final Path EXAMPLES = Path.of("..", "examples", "kamailio").toAbsolutePath().normalize();
  private static final long TIMEOUT_SECONDS = 120;

  @Test
  void theExampleConfigPassesKamailiosCheck() throws Exception {
    Result r = check(EXAMPLES.resolve("kamailio.cfg"));

    assertThat(r.exitCode).as(r.output).isZero();
    assertThat(r.output).contains("config file ok");
  }

  @Test
  void theCheckReadsTheIncludedSnippet(@TempDir Path dir) throws Exception {
    Files.copy(EXAMPLES.resolve("kamailio.cfg"), dir.resolve("kamailio.cfg"));
    String snippet = Files.readString(EXAMPLES.resolve("abuseloop-logging.cfg"), StandardCharsets.UTF_8);
    assertThat(snippet).contains("xlog(\"L_WARN\"");
    Files.writeString(dir.resolve("abuseloop-logging.cfg"), snippet.replace("xlog(\"L_WARN\"", "xlog_broken(\"L_WARN\""));

    Result r = check(dir.resolve("kamailio.cfg"));

    assertThat(r.exitCode).as(r.output).isNotZero();
    assertThat(r.output).contains("abuseloop-logging.cfg");
  }

  private record Result(int exitCode, String output) {}

  private static Result check(Path cfg) throws IOException, InterruptedException {
    Path log = Files.createTempFile("kamailio-check", ".log");
    try {
      Process p = new ProcessBuilder(kamailio(), "-c", "-f", cfg.toString())
          .directory(cfg.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("kamailio -c did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String kamailio() {
    String configured = System.getProperty("abuseloop.kamailio");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : (path + ":/usr/sbin:/usr/local/sbin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kamailio"))) {
        return Path.of(dir, "kamailio").toString();
      }
    }
    throw new IllegalStateException("kamailio not found in " + List.of(path, "/usr/sbin", "/usr/local/sbin")
        + ": install it (apt-get install -y kamailio) or pass -Dabuseloop.kamailio=/path/to/kamailio");
  }
}
