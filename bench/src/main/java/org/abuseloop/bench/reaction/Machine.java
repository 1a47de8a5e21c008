package org.abuseloop.bench.reaction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the figures were measured on: processors, CPU model, load average, versions. Stateless and
 * thread-safe.
 */
final class Machine {

  private Machine() {
  }

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", Instant.now().toString());
    m.put("nproc", Runtime.getRuntime().availableProcessors());
    m.put("cpu_model", cpuModel());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("fail2ban", Fail2ban.version());
    m.put("load_before", load());
    return m;
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
