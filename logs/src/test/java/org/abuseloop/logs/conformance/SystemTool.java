package org.abuseloop.logs.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a program a test needs from the operating system (kamailio, nft ...). Like {@link Corpus}:
 * without it the test is reported as skipped with the package to install; under CI ({@code CI=true}),
 * or with {@code -Dabuseloop.requireTools=true}, it fails instead, since CI installs every such tool.
 */
public final class SystemTool {

  private SystemTool() {}

  /**
   * The path of {@code name}: the {@code abuseloop.<name>} system property if set, else the first
   * executable on PATH, /usr/sbin or /usr/local/sbin.
   */
  public static String locate(String name, String aptPackage) {
    String configured = System.getProperty("abuseloop." + name);
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name).toString();
      }
    }
    missing(name + " not found on PATH: install it (apt-get install -y " + aptPackage + ") or pass -Dabuseloop." + name + "=PATH");
    return null;
  }

  /**
   * Requires that the test runs as root ({@code why} says what for, e.g. creating network namespaces):
   * skipped with that reason elsewhere, failed under CI, which runs as root.
   */
  public static void requireRoot(String why) {
    if (!"0".equals(uid())) {
      missing("root is needed to " + why + " (this test runs as uid " + uid() + ")");
    }
  }

  private static void missing(String message) {
    if (Boolean.getBoolean("abuseloop.requireTools") || "true".equals(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    System.err.println("SKIPPED: " + message);
    assumeTrue(false, message);
  }

  /** The real user id from /proc/self/status, or "unknown". */
  private static String uid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.substring(4).trim().split("\\s+")[0];
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }
}
