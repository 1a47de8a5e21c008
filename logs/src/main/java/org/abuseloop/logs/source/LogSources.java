package org.abuseloop.logs.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Makes the live {@link LogSource}s {@code abuseloop watch} reads: followed files, the journal, syslog
 * receivers and stdin. Stateless and thread-safe; each source it returns is for one reading thread.
 */
public final class LogSources {

  private LogSources() {}

  /**
   * Follows {@code file} (it may not exist yet), resuming at {@code startOrNull} when the file, or a
   * rotated file beside it, still has the saved identity; else from the beginning (or the end, see
   * {@link Settings#startAtEnd()}).
   */
  public static LogSource followFile(Path file, Position startOrNull, Settings settings) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(settings, "settings");
    return new FileFollower(file, startOrNull, settings, System::nanoTime);
  }

  /**
   * Runs {@code journalctl -f -o json [--after-cursor C] ARGS} and hands each entry over as a syslog
   * line; {@code startOrNull} is a journal position whose cursor to resume after. journalctl is looked
   * up on PATH; {@link #journal(Path, List, Position)} names another executable.
   */
  public static LogSource journal(List<String> journalctlArgs, Position startOrNull) {
    return journal(Path.of("journalctl"), journalctlArgs, startOrNull);
  }

  /** As {@link #journal(List, Position)}, running the journalctl at {@code journalctl}. */
  public static LogSource journal(Path journalctl, List<String> journalctlArgs, Position startOrNull) {
    return new JournalSource(journalctl, List.copyOf(journalctlArgs), startOrNull, Settings.DEFAULT_MAX_LINE_BYTES);
  }

  /** A syslog receiver on UDP {@code address} (bound here, so port 0 picks a free port). */
  public static ListeningSource syslogUdp(InetSocketAddress address) throws IOException {
    return new SyslogUdpSource(address, Settings.DEFAULT_MAX_LINE_BYTES);
  }

  /** A syslog receiver on UDP {@code port} of the loopback address. */
  public static ListeningSource syslogUdp(int port) throws IOException {
    return syslogUdp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /** A syslog receiver on TCP {@code address} (RFC 6587 octet counting or newline framing, bound here). */
  public static ListeningSource syslogTcp(InetSocketAddress address) throws IOException {
    return new SyslogTcpSource(address, Settings.DEFAULT_MAX_LINE_BYTES);
  }

  /** A syslog receiver on TCP {@code port} of the loopback address. */
  public static ListeningSource syslogTcp(int port) throws IOException {
    return syslogTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /** The lines of {@code in} until its end; {@code in} is closed by {@link LogSource#close()}. */
  public static LogSource stdin(InputStream in) {
    return new StreamSource("stdin", in, Settings.DEFAULT_MAX_LINE_BYTES);
  }
}
