package org.abuseloop.logs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.abuseloop.core.Event;

/**
 * One plain file parsed on several threads: cut into chunks at line starts, each chunk read and
 * parsed by a worker with its own {@link LineParser} and {@link TimeReader}, the events handed to the
 * sink on the calling thread in file order with the line numbers and byte offsets a sequential read
 * gives. A chunk learns its first line number from the line counts of the chunks before it, which
 * workers publish before parsing. A chunk some of whose lines reached a parser that remembers earlier
 * lines (sshd's connections) is read again on the calling thread by one parser kept across chunks,
 * so events stay exactly those of a sequential read. Used once, from one thread; the workers are its
 * own.
 */
final class ChunkedFileParse {

  /** Chunks larger than this (a file with enormous lines) are left to the sequential reader. */
  private static final int MAX_CHUNK = 64 << 20;
  private static final int SEARCH = 64 * 1024;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final FileChannel channel;
  private final String name;
  private final ParserCatalog catalog;
  private final LogFormat format;
  private final ZoneId zone;
  private final Instant reference;
  private final long[] starts;
  private final List<CompletableFuture<Long>> lineCounts = new ArrayList<>();
  private final List<CompletableFuture<Long>> firstLines = new ArrayList<>();

  private ChunkedFileParse(FileChannel channel, String name, ParserCatalog catalog, LogFormat format, ZoneId zone,
      Instant reference, long[] starts) {
    this.channel = channel;
    this.name = name;
    this.catalog = catalog;
    this.format = format;
    this.zone = zone;
    this.reference = reference;
    this.starts = starts;
    firstLines.add(CompletableFuture.completedFuture(1L));
    for (int k = 0; k < chunks(); k++) {
      lineCounts.add(new CompletableFuture<>());
      firstLines.add(firstLines.get(k).thenCombine(lineCounts.get(k), Long::sum));
    }
  }

  /**
   * A parse of {@code channel}'s first {@code size} bytes in chunks of about {@code chunkBytes}, or
   * null when the file does not cut well (fewer than two chunks, or a chunk over 64 MiB).
   */
  static ChunkedFileParse plan(FileChannel channel, long size, int chunkBytes, String name, ParserCatalog catalog,
      LogFormat format, ZoneId zone, Instant reference) throws IOException {
    long[] starts = lineStarts(channel, size, chunkBytes);
    if (starts.length < 3) {
      return null;
    }
    for (int k = 0; k + 1 < starts.length; k++) {
      if (starts[k + 1] - starts[k] > MAX_CHUNK) {
        return null;
      }
    }
    return new ChunkedFileParse(channel, name, catalog, format, zone, reference, starts);
  }

  private int chunks() {
    return starts.length - 1;
  }

  /**
   * The chunk starts: 0, then for each multiple of {@code chunkBytes} the first line start at or
   * after it (none when no LF follows before the next multiple), then {@code size}.
   */
  static long[] lineStarts(FileChannel channel, long size, int chunkBytes) throws IOException {
    List<Long> starts = new ArrayList<>();
    starts.add(0L);
    byte[] window = new byte[SEARCH];
    for (long nominal = chunkBytes; nominal < size; nominal += chunkBytes) {
      long from = Math.max(nominal - 1, starts.get(starts.size() - 1));
      long lf = findLf(channel, window, from, Math.min(size, nominal + chunkBytes - 1));
      if (lf >= 0 && lf + 1 < size) {
        starts.add(lf + 1);
      }
    }
    starts.add(size);
    return starts.stream().mapToLong(Long::longValue).toArray();
  }

  private static long findLf(FileChannel channel, byte[] window, long from, long to) throws IOException {
    for (long at = from; at < to; at += window.length) {
      int n = readFully(channel, window, at, (int) Math.min(window.length, to - at));
      int i = Bytes.indexOf(window, 0, n, (byte) '\n');
      if (i >= 0) {
        return at + i;
      }
      if (n < Math.min(window.length, to - at)) {
        return -1;
      }
    }
    return -1;
  }

  private static int readFully(FileChannel channel, byte[] into, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(into, 0, length);
    while (b.hasRemaining()) {
      if (channel.read(b, position + b.position()) < 0) {
        break;
      }
    }
    return b.position();
  }

  /** Parses every chunk on {@code threads} workers, feeding {@code sink} in file order. */
  ParseStats run(int threads, Consumer<Event> sink) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "abuseloop-parse-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ParseStats total = new ParseStats();
    total.setFormat(format);
    ArrayDeque<Future<Part>> inFlight = new ArrayDeque<>();
    int submitted = 0;
    LineParser sequential = null;
    try {
      for (int k = 0; k < chunks(); k++) {
        while (submitted < chunks() && submitted - k < 2 * threads) {
          int chunk = submitted++;
          inFlight.add(pool.submit(() -> parseChunk(chunk)));
        }
        Part part = await(inFlight.poll());
        if (part.usedState) {
          // Lines that reached a parser with memory: read again, in order, by one parser that saw all
          // such lines before them, so its memory is the one a sequential read would have.
          if (sequential == null) {
            sequential = newLineParser();
          }
          part = parse(part.data, part.length, part.firstLine, k, sequential);
        }
        part.events.forEach(sink);
        total.add(part.stats);
      }
      return total;
    } finally {
      // Wakes workers that wait for a line count that will not come, so none is left blocked.
      lineCounts.forEach(c -> c.completeExceptionally(new CancellationException("parse ended")));
      pool.shutdownNow();
    }
  }

  private static Part await(Future<Part> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while parsing");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }

  private Part parseChunk(int k) throws IOException {
    byte[] data;
    int length;
    try {
      data = new byte[(int) (starts[k + 1] - starts[k])];
      length = readFully(channel, data, starts[k], data.length);
      boolean openLastLine = length > 0 && data[length - 1] != '\n';
      lineCounts.get(k).complete(Bytes.count(data, 0, length, (byte) '\n') + (openLastLine ? 1L : 0L));
    } catch (IOException | RuntimeException | Error e) {
      lineCounts.get(k).completeExceptionally(e);
      throw e;
    }
    long firstLine = firstLines.get(k).join();
    return parse(data, length, firstLine, k, newLineParser());
  }

  private LineParser newLineParser() {
    return new LineParser(catalog, format, new TimeReader(zone, reference), name);
  }

  private Part parse(byte[] data, int length, long firstLine, int k, LineParser parser) throws IOException {
    LineReader reader = new LineReader(data, 0, length, firstLine, starts[k], LineReader.DEFAULT_MAX_LINE);
    List<Event> events = new ArrayList<>();
    ParseStats stats = LogParser.run(reader, parser, events::add);
    boolean usedState = parser.usedState();
    return new Part(events, stats, usedState, usedState ? data : null, length, firstLine);
  }

  /** What one chunk gave; its bytes are kept when a parser with memory read some of its lines. */
  private record Part(List<Event> events, ParseStats stats, boolean usedState, byte[] data, int length, long firstLine) {}
}
