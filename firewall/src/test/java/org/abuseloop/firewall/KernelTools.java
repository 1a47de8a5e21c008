package org.abuseloop.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The preconditions of the kernel tests: root and the named commands. Under {@code CI=true} a missing
 * precondition fails the test (CI must install them); elsewhere it skips it, saying what is missing.
 */
final class KernelTools {

  /** The Debian 12 packages that provide every command these tests use. */
  static final String PACKAGES = "nftables iproute2 ipset iptables";

  private KernelTools() {
  }

  static void require(String... commands) {
    List<String> missing = new ArrayList<>();
    if (!isRoot()) {
      missing.add("root (the tests create network namespaces)");
    }
    for (String c : commands) {
      if (!onPath(c)) {
        missing.add("command '" + c + "'");
      }
    }
    String message = "kernel tests need " + String.join(", ", missing) + "; on Debian 12: apt-get install -y " + PACKAGES;
    if ("true".equals(System.getenv("CI"))) {
      assertThat(missing).as(message).isEmpty();
    } else {
      if (!missing.isEmpty()) {
        System.err.println("SKIPPED: " + message);
      }
      Assumptions.assumeTrue(missing.isEmpty(), message);
    }
  }

  private static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0");
        }
      }
    } catch (java.io.IOException e) {
      return false;
    }
    return false;
  }

  private static boolean onPath(String command) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/sbin", "/sbin"));
    return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, command)));
  }
}
