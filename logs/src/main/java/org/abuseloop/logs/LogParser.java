package org.abuseloop.logs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.abuseloop.core.Event;
import org.abuseloop.core.Service;

/**
 * Parses whole log sources (files, gzip files, streams) into events: recognises the format from the
 * first lines unless a service is forced, then parses line by line. Immutable and thread-safe; each
 * call keeps its own per-source state.
 */
public final class LogParser {

  private static final int HEAD = 64 * 1024;

  /** Plain files from this size up are parsed in chunks on several threads when there are cores. */
  static final long CHUNKED_FROM = 8 << 20;
  static final int CHUNK = 4 << 20;

  private final ParserCatalog catalog;
  private final ZoneId zone;
  private final Service forcedService;
  private final int threads;
  private final int chunkBytes;
  private final long chunkedFrom;

  /**
   * @param zone the zone of timestamps that carry no offset
   * @param forcedService the service every line is read as, or null to recognise it
   */
  public LogParser(ParserCatalog catalog, ZoneId zone, Service forcedService) {
    this(catalog, zone, forcedService, Runtime.getRuntime().availableProcessors(), CHUNK, CHUNKED_FROM);
  }

  /** As the public constructor, with the parallelism and chunking given (for tests and benchmarks). */
  LogParser(ParserCatalog catalog, ZoneId zone, Service forcedService, int threads, int chunkBytes, long chunkedFrom) {
    this.catalog = catalog;
    this.zone = zone;
    this.forcedService = forcedService;
    this.threads = threads;
    this.chunkBytes = chunkBytes;
    this.chunkedFrom = chunkedFrom;
  }

  /** This parser with {@code threads} workers for large plain files (1: always sequential). */
  public LogParser withThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    return new LogParser(catalog, zone, forcedService, threads, chunkBytes, chunkedFrom);
  }

  /**
   * Parses a plain or gzip file; years missing from syslog dates come from its modification time. A
   * large plain file is parsed on all cores, in chunks; the sink still gets the events in file order,
   * on the calling thread, with the same line numbers and offsets. A file that grows meanwhile is
   * read up to the size it had when it was opened when parsed in chunks, to its end otherwise.
   */
  public ParseStats parse(Path file, Consumer<Event> sink) throws IOException {
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (threads > 1 && size >= chunkedFrom) {
        ChunkedFileParse chunked = planChunks(channel, size, file.toString(), modified);
        if (chunked != null) {
          return chunked.run(threads, sink);
        }
      }
      channel.position(0);
      return parse(file.toString(), Channels.newInputStream(channel), modified, sink);
    }
  }

  private ChunkedFileParse planChunks(FileChannel channel, long size, String name, Instant modified) throws IOException {
    byte[] head = new byte[(int) Math.min(HEAD, size)];
    int n = 0;
    ByteBuffer into = ByteBuffer.wrap(head);
    while (into.hasRemaining() && channel.read(into, into.position()) >= 0) {
      n = into.position();
    }
    if (n >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
      return null;
    }
    LogFormat format = formatOf(head, n);
    if (usesLineMemory(head, n, format, name, modified)) {
      return null;
    }
    return ChunkedFileParse.plan(channel, size, chunkBytes, name, catalog, format, zone, modified);
  }

  /** Parses a stream, gzip or plain; {@code reference} stands for "now" when dates lack a year. */
  public ParseStats parse(String name, InputStream raw, Instant reference, Consumer<Event> sink) throws IOException {
    InputStream in = decompressIfGzip(new BufferedInputStream(raw, HEAD), name);
    BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, HEAD);
    LogFormat format = sniff(buffered);
    LineParser lines = new LineParser(catalog, format, new TimeReader(zone, reference), name);
    ParseStats stats = run(new LineReader(buffered, LineReader.DEFAULT_MAX_LINE), lines, sink);
    stats.setFormat(format);
    return stats;
  }

  /**
   * Opens a stream, gzip or plain, for reading one event at a time (see {@link ParseCursor}); the
   * events and counts are those {@link #parse(String, InputStream, Instant, Consumer)} gives.
   */
  public ParseCursor open(String name, InputStream raw, Instant reference) throws IOException {
    BufferedInputStream buffered;
    LogFormat format;
    try {
      InputStream in = decompressIfGzip(new BufferedInputStream(raw, HEAD), name);
      buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, HEAD);
      format = sniff(buffered);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
    LineParser lines = new LineParser(catalog, format, new TimeReader(zone, reference), name);
    return new ParseCursor(buffered, new LineReader(buffered, LineReader.DEFAULT_MAX_LINE), lines, format);
  }

  /**
   * True when the file's first lines already reach a parser that remembers earlier lines (an sshd
   * log): chunks would then mostly be read twice, so the file is better read in one pass.
   */
  private boolean usesLineMemory(byte[] head, int length, LogFormat format, String name, Instant modified) throws IOException {
    LineParser probe = new LineParser(catalog, format, new TimeReader(zone, modified), name);
    run(new LineReader(head, 0, length, 1, 0, LineReader.DEFAULT_MAX_LINE), probe, e -> { });
    return probe.usedState();
  }

  /** The line loop shared by the sequential and the chunked parse. */
  static ParseStats run(LineReader reader, LineParser parser, Consumer<Event> sink) throws IOException {
    ParseStats stats = new ParseStats();
    for (Event e = ParseCursor.nextEvent(reader, parser, stats); e != null; e = ParseCursor.nextEvent(reader, parser, stats)) {
      sink.accept(e);
    }
    return stats;
  }

  private LogFormat sniff(BufferedInputStream in) throws IOException {
    in.mark(HEAD);
    byte[] head = in.readNBytes(HEAD);
    in.reset();
    return formatOf(head, head.length);
  }

  private LogFormat formatOf(byte[] head, int length) {
    LogFormat sniffed = new FormatSniffer().sniff(head, length, zone);
    return forcedService == null ? sniffed : new LogFormat(sniffed.envelope(), forcedService);
  }

  private static InputStream decompressIfGzip(BufferedInputStream in, String name) throws IOException {
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    return a == 0x1f && b == 0x8b ? NamedGzipStream.open(in, HEAD, name) : in;
  }
}
