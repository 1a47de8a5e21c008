package org.abuseloop.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The exact make-up of a generated firewall log, counted while it was written: lines, denied
 * packets, packets per protocol/port, per source, and per source for one port. It is the answer key
 * an analysis of that log must reproduce. Mutable and not thread-safe.
 */
public final class FirewallBreakdown {

  private long lines;
  private long denied;
  private final Map<String, long[]> byPort = new TreeMap<>();
  private final Map<String, long[]> bySource = new TreeMap<>();
  private final Map<String, long[]> byFormat = new TreeMap<>();
  private final String focusPort;
  private final Map<String, long[]> focusSources = new TreeMap<>();

  /** @param focusPort the protocol/port whose sources are also counted, such as {@code tcp/1080} */
  FirewallBreakdown(String focusPort) {
    this.focusPort = focusPort;
  }

  void countLine() {
    lines++;
  }

  void countDenied(String format, String port, String source) {
    denied++;
    add(byFormat, format);
    add(byPort, port);
    add(bySource, source);
    if (port.equals(focusPort)) {
      add(focusSources, source);
    }
  }

  private static void add(Map<String, long[]> m, String key) {
    m.computeIfAbsent(key, k -> new long[1])[0]++;
  }

  public long lines() {
    return lines;
  }

  public long denied() {
    return denied;
  }

  /** Denied packets for {@code proto/port} ({@code icmp} for ICMP). */
  public long port(String protoPort) {
    long[] n = byPort.get(protoPort);
    return n == null ? 0 : n[0];
  }

  /** Distinct sources of denied packets. */
  public int sources() {
    return bySource.size();
  }

  /** The focus port's {@code n} busiest sources with their packets, busiest first. */
  public List<Map.Entry<String, Long>> focusTopSources(int n) {
    return top(focusSources, n);
  }

  /** Packets to the focus port from its {@code n} busiest sources. */
  public long focusTop(int n) {
    return top(focusSources, n).stream().mapToLong(Map.Entry::getValue).sum();
  }

  private static List<Map.Entry<String, Long>> top(Map<String, long[]> m, int n) {
    return m.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue()[0]))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .collect(Collectors.toList());
  }

  /** Writes the breakdown as tab-separated {@code section key count} rows. */
  public void write(Path file) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      w.printf("total\tlines\t%d%n", lines);
      w.printf("total\tdenied\t%d%n", denied);
      w.printf("total\tsources\t%d%n", bySource.size());
      byFormat.forEach((k, v) -> w.printf("format\t%s\t%d%n", k, v[0]));
      List<Map.Entry<String, Long>> ports = top(byPort, 20);
      ports.forEach(e -> w.printf("port\t%s\t%d%n", e.getKey(), e.getValue()));
      w.printf("port\tother\t%d%n", denied - ports.stream().mapToLong(Map.Entry::getValue).sum());
      top(bySource, 20).forEach(e -> w.printf("source\t%s\t%d%n", e.getKey(), e.getValue()));
      w.printf("focus\t%s\t%d%n", focusPort, port(focusPort));
      top(focusSources, 10).forEach(e -> w.printf("focus-source\t%s\t%d%n", e.getKey(), e.getValue()));
      w.printf("focus-top10\t%s\t%d%n", focusPort, focusTop(10));
    }
  }
}
