package org.abuseloop.logs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.abuseloop.core.Event;
import org.abuseloop.core.Service;

/**
 * Parses whole log sources (files, gzip files, streams) into events: recognises the format from the
 * first lines unless a service is forced, then parses line by line. Immutable and thread-safe; each
 * call keeps its own per-source state.
 */
public final class LogParser {

  private static final int HEAD = 64 * 1024;

  private final ParserCatalog catalog;
  private final ZoneId zone;
  private final Service forcedService;

  /**
   * @param zone the zone of timestamps that carry no offset
   * @param forcedService the service every line is read as, or null to recognise it
   */
  public LogParser(ParserCatalog catalog, ZoneId zone, Service forcedService) {
    this.catalog = catalog;
    this.zone = zone;
    this.forcedService = forcedService;
  }

  /** Parses a plain or gzip file; years missing from syslog dates come from its modification time. */
  public ParseStats parse(Path file, Consumer<Event> sink) throws IOException {
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    try (InputStream in = Files.newInputStream(file)) {
      return parse(file.toString(), in, modified, sink);
    }
  }

  /** Parses a stream, gzip or plain; {@code reference} stands for "now" when dates lack a year. */
  public ParseStats parse(String name, InputStream raw, Instant reference, Consumer<Event> sink) throws IOException {
    InputStream in = decompressIfGzip(new BufferedInputStream(raw, HEAD));
    BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, HEAD);
    LogFormat format = sniff(buffered);
    LineParser lines = new LineParser(catalog, format, new TimeReader(zone, reference), name);
    return run(new LineReader(buffered, LineReader.DEFAULT_MAX_LINE), lines, sink);
  }

  /** The format this parser would use for a file, for summaries. */
  public LogFormat formatOf(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = decompressIfGzip(new BufferedInputStream(raw, HEAD));
      return sniff(in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, HEAD));
    }
  }

  private static ParseStats run(LineReader reader, LineParser parser, Consumer<Event> sink) throws IOException {
    ParseStats stats = new ParseStats();
    while (reader.next()) {
      stats.countLine();
      if (reader.overlong()) {
        stats.countOverlong();
        continue;
      }
      Event e = parser.parse(reader.buffer(), reader.start(), reader.end(), reader.number(), reader.offset());
      if (e == null) {
        stats.countUnrecognised();
      } else {
        stats.countEvent(e);
        sink.accept(e);
      }
    }
    return stats;
  }

  private LogFormat sniff(BufferedInputStream in) throws IOException {
    in.mark(HEAD);
    byte[] head = in.readNBytes(HEAD);
    in.reset();
    LogFormat sniffed = new FormatSniffer().sniff(head, head.length, zone);
    return forcedService == null ? sniffed : new LogFormat(sniffed.envelope(), forcedService);
  }

  private static InputStream decompressIfGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    return a == 0x1f && b == 0x8b ? new GZIPInputStream(in, HEAD) : in;
  }
}
