package org.abuseloop.logs.source;

import java.time.Duration;

/**
 * How a followed file is read: the line limit, the safety-net poll interval, whether to also wait on
 * the JDK's WatchService, how long a rotated file must stay quiet before it is left, and where to
 * start a file that has no saved position. Validated on construction; immutable and thread-safe.
 *
 * @param maxLineBytes lines longer than this are cut to it and flagged {@link SourceLine#truncated()}
 * @param pollInterval the longest wait between two looks at the file (at most 100 ms)
 * @param watchService also wake on the directory's WatchService events (prompt on Linux, inotify)
 * @param rotationQuiet how long the old file of a rotation must stop growing before the source moves
 *     on to the new one (a writer may still append to the renamed file until it reopens its log)
 * @param startAtEnd a file found at start without a matching saved position is read from its end
 *     (like {@code tail -n0 -F}) instead of from its beginning
 */
public record Settings(int maxLineBytes, Duration pollInterval, boolean watchService, Duration rotationQuiet, boolean startAtEnd) {

  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
  private static final Duration MAX_POLL = Duration.ofMillis(100);

  public Settings {
    if (maxLineBytes < 16 || maxLineBytes > 64 * 1024 * 1024) {
      throw new IllegalArgumentException("maxLineBytes must be within 16 and 67108864, not " + maxLineBytes);
    }
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero() || pollInterval.compareTo(MAX_POLL) > 0) {
      throw new IllegalArgumentException("pollInterval must be within 1 ns and 100 ms, not " + pollInterval);
    }
    if (rotationQuiet == null || rotationQuiet.isNegative() || rotationQuiet.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("rotationQuiet must be within 0 and 10 minutes, not " + rotationQuiet);
    }
  }

  /** 64 KiB lines, a 100 ms poll plus the WatchService, 250 ms rotation quiet, files read from their beginning. */
  public static Settings defaults() {
    return new Settings(DEFAULT_MAX_LINE_BYTES, MAX_POLL, true, Duration.ofMillis(250), false);
  }

  public Settings withMaxLineBytes(int bytes) {
    return new Settings(bytes, pollInterval, watchService, rotationQuiet, startAtEnd);
  }

  public Settings withPollInterval(Duration interval) {
    return new Settings(maxLineBytes, interval, watchService, rotationQuiet, startAtEnd);
  }

  public Settings withWatchService(boolean use) {
    return new Settings(maxLineBytes, pollInterval, use, rotationQuiet, startAtEnd);
  }

  public Settings withRotationQuiet(Duration quiet) {
    return new Settings(maxLineBytes, pollInterval, watchService, quiet, startAtEnd);
  }

  public Settings withStartAtEnd(boolean atEnd) {
    return new Settings(maxLineBytes, pollInterval, watchService, rotationQuiet, atEnd);
  }
}
