package org.abuseloop.bench.reaction;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.abuseloop.core.IpAddress;

/**
 * The log file the tools follow: a BSD-syslog {@code auth.log} to which the benchmark appends sshd
 * password failures stamped with the current time, each batch in one {@code write()}. Not
 * thread-safe; one benchmark thread writes.
 */
final class AttackLog implements AutoCloseable {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

  private final FileOutputStream out;
  private final ZoneId zone = ZoneId.systemDefault();
  private int pid = 30_000;
  private int port = 40_000;

  AttackLog(Path file) {
    try {
      this.out = new FileOutputStream(file.toFile(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One sshd failure line of {@code address} (what fail2ban's sshd filter and abuseloop both count). */
  String failure(IpAddress address) {
    pid = pid >= 60_000 ? 30_000 : pid + 1;
    port = port >= 65_000 ? 40_000 : port + 1;
    return STAMP.format(ZonedDateTime.now(zone)) + " bench sshd[" + pid + "]: Failed password for root from "
        + address + " port " + port + " ssh2\n";
  }

  /** {@code count} failures of each address, one round of every address after the other. */
  String rounds(List<IpAddress> addresses, int count) {
    StringBuilder sb = new StringBuilder(addresses.size() * count * 96);
    for (int round = 0; round < count; round++) {
      for (IpAddress a : addresses) {
        sb.append(failure(a));
      }
    }
    return sb.toString();
  }

  /** Appends {@code text} with one write; returns {@link System#nanoTime()} taken after it returned. */
  long append(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return System.nanoTime();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
