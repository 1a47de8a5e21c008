package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.abuseloop.logs.conformance.SystemTool;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The systemd unit in packaging/: parsed, its commands checked against the CLI, and verified by systemd-analyze. */
class SystemdUnitTest {

  private static final Path UNIT = Path.of("..", "packaging", "abuseloop.service");

  @Test
  void runsWatchWithTheCheckedConfigAndIsHardened() throws IOException {
    Map<String, List<String>> service = section("Service");
    assertThat(service.get("Type")).containsExactly("simple");
    assertThat(service.get("Restart")).containsExactly("on-failure");
    assertThat(service.get("CapabilityBoundingSet")).containsExactly("CAP_NET_ADMIN");
    assertThat(service.get("ProtectSystem")).containsExactly("strict");
    assertThat(service.get("ReadWritePaths")).containsExactly("/var/lib/abuseloop");
    assertThat(service.get("StateDirectory")).containsExactly("abuseloop");
    assertThat(service).containsKeys("NoNewPrivileges", "PrivateTmp", "ProtectHome", "RestrictAddressFamilies");
    assertThat(service.get("RestrictAddressFamilies").get(0)).contains("AF_NETLINK");

    List<String> start = words(service.get("ExecStart").get(0));
    assertThat(Files.isExecutable(Path.of(start.get(0)))).as("ExecStart runs " + start.get(0)).isTrue();
    assertThat(start).containsSequence("-jar", "/opt/abuseloop/abuseloop.jar", "watch", "--config", "/etc/abuseloop/watch.yaml");
    List<String> check = words(service.get("ExecStartPre").get(0));
    assertThat(check).endsWith("-jar", "/opt/abuseloop/abuseloop.jar", "config", "check", "/etc/abuseloop/watch.yaml");

    CommandLine cli = new CommandLine(new Main());
    List<String> watchArgs = start.subList(start.indexOf("watch"), start.size());
    assertThat(cli.getSubcommands()).as("the unit's subcommands exist").containsKeys("watch", "config");
    assertThat(cli.parseArgs(watchArgs.toArray(String[]::new)).subcommand().matchedOptions()).isNotEmpty();
    List<String> checkArgs = check.subList(check.indexOf("config"), check.size());
    assertThat(cli.parseArgs(checkArgs.toArray(String[]::new)).subcommand().subcommand().commandSpec().name()).isEqualTo("check");
  }

  @Test
  void systemdAnalyzeVerifiesIt() throws Exception {
    String tool = SystemTool.locate("systemd-analyze", "systemd");
    Process p = new ProcessBuilder(tool, "verify", UNIT.toAbsolutePath().normalize().toString()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).as("no unknown or ignored setting").doesNotContain("Unknown", "ignoring", "abuseloop.service:");
  }

  /** The keys of one section, each with its values in order (a key may repeat). */
  private static Map<String, List<String>> section(String name) throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String current = null;
    for (String raw : Files.readAllLines(UNIT)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        current = line.substring(1, line.length() - 1);
      } else if (name.equals(current)) {
        int eq = line.indexOf('=');
        out.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
      }
    }
    assertThat(out).as("section [" + name + "]").isNotEmpty();
    return out;
  }

  private static List<String> words(String command) {
    return new ArrayList<>(Arrays.asList(command.strip().split("\\s+")));
  }
}
