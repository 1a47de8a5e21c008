package org.abuseloop.bench.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import org.abuseloop.bench.Generate;
import org.abuseloop.logs.FormatSniffer;
import org.abuseloop.logs.LogFormat;

/**
 * A generated benchmark log held in memory: its bytes, where each line starts and ends, and the
 * format the sniffer gives it. Immutable after construction; benchmarks share it read-only.
 */
final class GeneratedLog {

  /** The reference "now" for dates without a year: the day after the generated logs end. */
  static final Instant REFERENCE = Instant.parse("2025-03-20T00:00:00Z");
  static final ZoneId ZONE = ZoneId.of("UTC");

  final byte[] bytes;
  final int[] starts;
  final int[] ends;
  final LogFormat format;

  GeneratedLog(String kind, int lines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines * 256);
    Generate.generator(kind, Generate.DEFAULT_SEED).write(lines, out);
    bytes = out.toByteArray();
    starts = new int[lines];
    ends = new int[lines];
    int n = 0;
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        starts[n] = start;
        ends[n] = i;
        n++;
        start = i + 1;
      }
    }
    format = new FormatSniffer().sniff(bytes, Math.min(bytes.length, 64 * 1024), ZONE);
  }

  int lines() {
    return starts.length;
  }
}
