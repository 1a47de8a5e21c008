package org.abuseloop.logs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;

/**
 * What parsing one or more sources found: lines read, events per family, lines not recognised (of
 * which over-long), and the format the source was read as. Mutable and not thread-safe; merge per-thread instances with {@link #add}.
 */
public final class ParseStats {

  private long lines;
  private long unrecognised;
  private long overlong;
  private LogFormat format;
  private final Map<Family, long[]> byFamily = new LinkedHashMap<>();
  /**
   * The counters of the families counted last, compared by identity (parsers keep families in
   * constants): a log that interleaves a few families counts without a map lookup per event.
   */
  private final Family[] recent = new Family[8];
  private final long[][] recentCounts = new long[8][];
  private int nextRecent;

  void setFormat(LogFormat format) {
    this.format = format;
  }

  /** The format the source was read as; null for totals added up from several sources. */
  public LogFormat format() {
    return format;
  }

  void countLine() {
    lines++;
  }

  void countUnrecognised() {
    unrecognised++;
  }

  void countOverlong() {
    overlong++;
    unrecognised++;
  }

  void countEvent(Event e) {
    Family f = e.family();
    Family[] r = recent;
    for (int i = 0; i < r.length; i++) {
      if (r[i] == f) {
        recentCounts[i][0]++;
        return;
      }
    }
    countNew(f);
  }

  private void countNew(Family f) {
    long[] count = byFamily.computeIfAbsent(f, k -> new long[1]);
    count[0]++;
    recent[nextRecent] = f;
    recentCounts[nextRecent] = count;
    nextRecent = (nextRecent + 1) & (recent.length - 1);
  }

  /** Adds another run's counts to this one. */
  public void add(ParseStats other) {
    lines += other.lines;
    unrecognised += other.unrecognised;
    overlong += other.overlong;
    other.byFamily.forEach((f, n) -> byFamily.computeIfAbsent(f, k -> new long[1])[0] += n[0]);
  }

  public long lines() {
    return lines;
  }

  public long unrecognised() {
    return unrecognised;
  }

  public long overlong() {
    return overlong;
  }

  public long events() {
    long n = 0;
    for (long[] c : byFamily.values()) {
      n += c[0];
    }
    return n;
  }

  /** Events per family, in the order families were first seen. */
  public Map<Family, Long> eventsByFamily() {
    Map<Family, Long> out = new LinkedHashMap<>();
    byFamily.forEach((f, n) -> out.put(f, n[0]));
    return Collections.unmodifiableMap(out);
  }
}
