package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkedFileParseTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  /** A parser for this test alone: {@code failed for 'ADDR:PORT'} gives an event of one of two families. */
  private static final class FailedFor implements ServiceParser {
    static final Family WRONG = new Family("asterisk.test.wrong", Service.ASTERISK, EventKind.AUTH_FAILURE);
    static final Family UNKNOWN = new Family("asterisk.test.unknown", Service.ASTERISK, EventKind.AUTH_FAILURE);
    static final Needle ANCHOR = Needle.of(" failed for '");
    static final Needle WRONG_TEXT = Needle.of("Wrong");

    @Override
    public Service service() {
      return Service.ASTERISK;
    }

    @Override
    public List<Family> families() {
      return List.of(WRONG, UNKNOWN);
    }

    @Override
    public Event parse(Message m) {
      int at = m.indexOf(ANCHOR, m.start());
      if (at < 0) {
        return null;
      }
      int from = at + ANCHOR.length();
      int to = m.addressEnd(from);
      int colon = m.lastIndexOf((byte) ':', to);
      IpAddress a = colon > from ? m.address(from, colon) : null;
      Family f = m.indexOf(WRONG_TEXT, to) >= 0 ? WRONG : UNKNOWN;
      return a == null ? null : m.event(f).source(a).sourcePort(m.port(colon + 1, to)).user(m.text(m.start(), from)).build();
    }
  }

  /**
   * A parser with memory, for this test alone: {@code conn N from ADDR} remembers the address of
   * connection N, {@code conn N failed} gives an event from the remembered address.
   */
  private static final class Remembering implements ServiceParser {
    static final Family FAILED = new Family("sshd.test.failed", Service.SSHD, EventKind.AUTH_FAILURE);
    static final Needle CONN = Needle.of("conn ");
    static final Needle FROM = Needle.of(" from ");
    static final Needle FAILED_TEXT = Needle.of(" failed");
    private final java.util.Map<Integer, IpAddress> open;

    Remembering(java.util.Map<Integer, IpAddress> open) {
      this.open = open;
    }

    @Override
    public Service service() {
      return Service.SSHD;
    }

    @Override
    public List<Family> families() {
      return List.of(FAILED);
    }

    @Override
    public ServiceParser forSource() {
      return new Remembering(new java.util.HashMap<>());
    }

    @Override
    public Event parse(Message m) {
      if (!m.startsWith(CONN) || open == null) {
        return null;
      }
      int n = m.digitsEnd(m.start() + CONN.length());
      int id = m.number(m.start() + CONN.length(), n);
      if (m.matchesAt(n, FROM)) {
        IpAddress a = m.address(n + FROM.length(), m.addressEnd(n + FROM.length()));
        if (a != null) {
          open.put(id, a);
        }
        return null;
      }
      IpAddress a = m.matchesAt(n, FAILED_TEXT) ? open.get(id) : null;
      return a == null ? null : m.event(FAILED).source(a).build();
    }
  }

  private static final ParserCatalog CATALOG = new ParserCatalog(List.of(new FailedFor(), new Remembering(null)));

  private record Result(List<Event> events, ParseStats stats) {}

  private static Result parse(Path file, int threads, int chunk) throws IOException {
    List<Event> events = new ArrayList<>();
    ParseStats stats = new LogParser(CATALOG, ZONE, null, threads, chunk, 0).parse(file, events::add);
    return new Result(events, stats);
  }

  private static void assertSame(Result chunked, Result sequential, String what) {
    assertThat(chunked.events()).as(what).containsExactlyElementsOf(sequential.events());
    assertThat(chunked.stats().lines()).as(what).isEqualTo(sequential.stats().lines());
    assertThat(chunked.stats().unrecognised()).as(what).isEqualTo(sequential.stats().unrecognised());
    assertThat(chunked.stats().overlong()).as(what).isEqualTo(sequential.stats().overlong());
    assertThat(chunked.stats().eventsByFamily()).as(what).containsExactlyEntriesOf(sequential.stats().eventsByFamily());
  }

  /** A syslog file of attack and other lines over several days, with CRLF, empty and over-long lines. */
  private static byte[] generatedLog(long seed, int lines) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    String[] months = {"Mar", "Oct"};
    for (int i = 0; i < lines; i++) {
      int kind = r.nextInt(20);
      String stamp = String.format(java.util.Locale.ROOT, "%s %2d %02d:%02d:%02d", months[i * 2 / lines], 25 + i * 6 / lines,
          r.nextInt(24), r.nextInt(60), r.nextInt(60));
      if (kind == 0) {
        sb.append("");
      } else if (kind == 1 && r.nextInt(20) == 0) {
        sb.append(stamp).append(" pbx asterisk[9]: ").append("x".repeat(LineReader.DEFAULT_MAX_LINE + r.nextInt(3)));
      } else if (kind < 6) {
        sb.append(stamp).append(" pbx asterisk[9]: NOTICE chan_sip.c: Peer '20").append(r.nextInt(10)).append("' is now Reachable.");
      } else {
        sb.append(stamp).append(" pbx asterisk[9]: NOTICE chan_sip.c: Registration from '<sip:").append(r.nextInt(999))
            .append("@192.0.2.1>' failed for '198.18.").append(r.nextInt(256)).append('.').append(r.nextInt(256)).append(':')
            .append(1 + r.nextInt(65535)).append(r.nextBoolean() ? "' - Wrong password" : "' - No matching peer found");
      }
      sb.append(r.nextInt(5) == 0 ? "\r\n" : "\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void givesTheSameEventsAsTheSequentialReadOnAGeneratedFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("messages");
    Files.write(file, generatedLog(11, 40_000));
    Result sequential = parse(file, 1, LogParser.CHUNK);
    assertThat(sequential.stats().events()).isGreaterThan(25_000);
    assertThat(sequential.stats().overlong()).isGreaterThan(10);
    assertThat(sequential.stats().format()).isNotNull();
    assertThat(parse(file, 2, 4_096).stats().format()).as("chunked read").isEqualTo(sequential.stats().format());
    for (int chunk : new int[] {4_096, 10_007, 65_536, 65_537, 300_000, 1 << 20}) {
      for (int threads : new int[] {2, 3}) {
        assertSame(parse(file, threads, chunk), sequential, "chunk " + chunk + ", " + threads + " threads");
      }
    }
  }

  @Test
  void givesTheSameEventsWhereverAChunkBoundaryFalls(@TempDir Path dir) throws IOException {
    String text = "Mar 30 01:59:59 pbx asterisk[9]: Request failed for '198.18.0.1:5060' - Wrong password\r\n"
        + "\n"
        + "Mar 30 03:00:00 pbx asterisk[9]: Request failed for '198.18.0.2:5061' - No match\r\n"
        + "\r\n"
        + "Mar 31 12:00:00 pbx asterisk[9]: Peer '200' is now Reachable.\n"
        + "Mar 31 12:00:01 pbx asterisk[9]: Request failed for '2001:db8::7:5062' - Wrong password\n"
        + "Mar 31 12:00:02 pbx asterisk[9]: Request failed for '198.18.0.3:5063' - Wrong password\r";
    Path file = dir.resolve("small");
    Files.write(file, text.getBytes(StandardCharsets.US_ASCII));
    Result sequential = parse(file, 1, LogParser.CHUNK);
    assertThat(sequential.events()).extracting(e -> e.origin().line()).containsExactly(1L, 3L, 6L, 7L);
    // Every chunk size from 1 byte up: boundaries on each CR, each LF, mid-line and on empty lines.
    for (int chunk = 1; chunk <= text.length(); chunk++) {
      assertSame(parse(file, 2, chunk), sequential, "chunk " + chunk);
    }
  }

  /** Stateless asterisk lines first (more than the sniffed head), then sshd connections spanning many lines. */
  private static byte[] logWithMemoryLater(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(new String(generatedLog(seed, 3_000), StandardCharsets.UTF_8));
    for (int i = 0; i < 30_000; i++) {
      int conn = r.nextInt(300);
      String stamp = String.format(java.util.Locale.ROOT, "Oct 30 %02d:%02d:%02d", i / 3600 % 24, i / 60 % 60, i % 60);
      switch (r.nextInt(3)) {
        case 0 -> sb.append(stamp).append(" gw sshd[1]: conn ").append(conn).append(" from 198.18.").append(r.nextInt(256))
            .append('.').append(r.nextInt(256)).append('\n');
        case 1 -> sb.append(stamp).append(" gw sshd[1]: conn ").append(conn).append(" failed\n");
        default -> sb.append(stamp).append(" pbx asterisk[9]: Registration from '<sip:1@x>' failed for '198.19.0.")
            .append(r.nextInt(256)).append(":5060' - Wrong password\n");
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void rereadsChunksThatReachAParserWithMemorySoEventsStayExact(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mixed");
    Files.write(file, logWithMemoryLater(21));
    Result sequential = parse(file, 1, LogParser.CHUNK);
    assertThat(sequential.stats().eventsByFamily()).containsKey(Remembering.FAILED);
    assertThat(sequential.stats().eventsByFamily().get(Remembering.FAILED)).isGreaterThan(5_000L);
    for (int chunk : new int[] {20_000, 65_536, 200_000}) {
      assertSame(parse(file, 2, chunk), sequential, "chunk " + chunk);
    }
  }

  @Test
  void aFileWhoseFirstLinesNeedMemoryIsNotCut(@TempDir Path dir) throws IOException {
    byte[] log = logWithMemoryLater(22);
    String text = new String(log, StandardCharsets.UTF_8);
    byte[] sshdFirst = text.substring(text.indexOf("Oct 30 ")).getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("auth");
    Files.write(file, sshdFirst);
    assertSame(parse(file, 2, 8_192), parse(file, 1, LogParser.CHUNK), "memory from the first line");
  }

  @Test
  void chunksStartRightAfterALineFeed(@TempDir Path dir) throws IOException {
    byte[] log = generatedLog(5, 5_000);
    Path file = dir.resolve("log");
    Files.write(file, log);
    try (FileChannel ch = FileChannel.open(file)) {
      long[] starts = ChunkedFileParse.lineStarts(ch, log.length, 7_000);
      assertThat(starts[0]).isZero();
      assertThat(starts[starts.length - 1]).isEqualTo(log.length);
      assertThat(starts.length).isGreaterThan(log.length / 7_000 / 2);
      for (int k = 1; k < starts.length - 1; k++) {
        assertThat(starts[k]).isGreaterThan(starts[k - 1]);
        assertThat(log[(int) starts[k] - 1]).isEqualTo((byte) '\n');
        assertThat(starts[k]).isGreaterThanOrEqualTo(7_000L * k);
      }
    }
  }

  @Test
  void leavesAFileOfOneHugeLineToTheSequentialReader(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("a\n".getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[70 << 20]);
    out.write("\nb\n".getBytes(StandardCharsets.US_ASCII));
    Path file = dir.resolve("huge");
    Files.write(file, out.toByteArray());
    try (FileChannel ch = FileChannel.open(file)) {
      assertThat(ChunkedFileParse.plan(ch, ch.size(), 1 << 20, "huge", CATALOG, null, ZONE, null)).isNull();
    }
    Result r = parse(file, 2, 1 << 20);
    assertThat(r.stats().lines()).isEqualTo(3);
    assertThat(r.stats().overlong()).isEqualTo(1);
  }

  @Test
  void passesASinkFailureToTheCaller(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("messages");
    Files.write(file, generatedLog(3, 20_000));
    LogParser parser = new LogParser(CATALOG, ZONE, null, 2, 8_192, 0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(file, e -> {
      if (e.origin().line() > 10_000) {
        throw new IllegalStateException("sink full");
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("sink full");
  }
}
