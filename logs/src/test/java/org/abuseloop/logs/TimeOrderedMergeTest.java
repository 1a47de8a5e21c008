package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.abuseloop.core.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs of several services or hosts merged by event time read as their lines merged into one file
 * would, rotated sets read oldest first, gzip or plain, and inputs opened only when the merge reaches
 * them.
 */
class TimeOrderedMergeTest {

  private static final LogParser PARSER = new LogParser(ParserCatalog.standard(), ZoneOffset.UTC, null);
  private static final Instant BASE = Instant.parse("2025-03-14T00:00:00Z");

  @TempDir
  Path dir;

  /** What an event is, apart from where it was read. */
  record Seen(Instant time, String source, String family, String user) {
    static Seen of(Event e) {
      return new Seen(e.time(), e.sourceText(), e.family().id(), e.user());
    }
  }

  private static String line(int second, int kind, int source) {
    Instant t = BASE.plusSeconds(second);
    String stamp = t.toString().replace('T', ' ').replace("Z", "");
    String address = "203.0.113." + (10 + source);
    return switch (kind) {
      case 0 -> "[" + stamp + "] NOTICE[2982] chan_sip.c: Registration from '<sip:10" + source + "@192.0.2.5>' failed for '" + address
          + ":5071' - Wrong password";
      case 1 -> "[" + stamp + "] NOTICE[19388] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '<sip:20" + source
          + "@192.0.2.5>' failed for '" + address + ":5080' (callid: 4d2a) - No matching endpoint found";
      default -> "[" + stamp + "] VERBOSE[2987] chan_sip.c: -- Registered SIP '205' at 192.0.2.25:5060";
    };
  }

  @Provide
  Arbitrary<List<int[]>> lines() {
    // second offset (non-decreasing after sorting), kind, source, file
    return Arbitraries.integers().between(0, 600).list().ofMinSize(1).ofMaxSize(120).flatMap(seconds ->
        Arbitraries.integers().between(0, 2 * 5 * 3 - 1).list().ofSize(seconds.size()).map(codes -> {
          List<Integer> sorted = new ArrayList<>(seconds);
          sorted.sort(null);
          List<int[]> out = new ArrayList<>();
          for (int i = 0; i < sorted.size(); i++) {
            int c = codes.get(i);
            out.add(new int[] {sorted.get(i), c % 3, (c / 3) % 5, c / 15});
          }
          return out;
        }));
  }

  @Property(tries = 60)
  void filesSplitAtRandomMergeToTheEventsOfTheWholeFile(@ForAll("lines") List<int[]> lines,
      @ForAll @IntRange(min = 1, max = 4) int files, @ForAll boolean gzipSecond) throws IOException {
    Path work = Files.createTempDirectory("merge");
    List<String> whole = new ArrayList<>();
    Map<Integer, List<String>> split = new LinkedHashMap<>();
    for (int f = 0; f < files; f++) {
      split.put(f, new ArrayList<>());
    }
    for (int[] l : lines) {
      split.get(l[3] % files).add(line(l[0], l[1], l[2]));
    }
    // The files merged into one by hand: by time, lines of one second from the first file first.
    List<int[]> merged = new ArrayList<>(lines);
    merged.sort(java.util.Comparator.comparingInt((int[] l) -> l[0]).thenComparingInt(l -> l[3] % files));
    for (int[] l : merged) {
      whole.add(line(l[0], l[1], l[2]));
    }
    List<TimeOrderedMerge.Input> inputs = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      Path p = work.resolve("host" + f + ".log" + (gzipSecond && f == 1 ? ".gz" : ""));
      write(p, split.get(f), gzipSecond && f == 1);
      inputs.add(chain(List.of(p), new ArrayList<>()));
    }
    Path all = work.resolve("all.log");
    write(all, whole, false);

    try {
      List<Seen> expected = new ArrayList<>();
      PARSER.parse(all, e -> expected.add(Seen.of(e)));
      assertThat(drain(new TimeOrderedMerge(inputs))).isEqualTo(expected);
    } finally {
      try (java.util.stream.Stream<Path> written = Files.list(work)) {
        for (Path p : written.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(work);
    }
  }

  @Test
  void twoServicesCoveringTheSameMinutesComeOutInterleaved() throws IOException {
    Path asterisk = dir.resolve("messages");
    Path other = dir.resolve("security");
    write(asterisk, List.of(line(0, 0, 1), line(20, 0, 1), line(40, 0, 1)), false);
    write(other, List.of(line(10, 1, 2), line(30, 1, 2)), true);
    List<Seen> got = drain(new TimeOrderedMerge(List.of(chain(List.of(asterisk), new ArrayList<>()), chain(List.of(other), new ArrayList<>()))));
    assertThat(got).extracting(s -> s.time().getEpochSecond() - BASE.getEpochSecond()).containsExactly(0L, 10L, 20L, 30L, 40L);
  }

  @Test
  void equalTimesComeInInputOrderAndLinesOutOfOrderInOneFileStayAsWritten() throws IOException {
    Path a = dir.resolve("a.log");
    Path b = dir.resolve("b.log");
    write(a, List.of(line(5, 0, 1), line(3, 0, 2), line(9, 0, 3)), false);
    write(b, List.of(line(5, 1, 4), line(6, 1, 4)), false);
    List<Seen> got = drain(new TimeOrderedMerge(List.of(chain(List.of(a), new ArrayList<>()), chain(List.of(b), new ArrayList<>()))));
    assertThat(got).extracting(Seen::source).containsExactly(
        "203.0.113.11", "203.0.113.12", "203.0.113.14", "203.0.113.14", "203.0.113.13");
  }

  @Test
  void aRotatedSetIsReadOldestFirstWithEachFilesCounts() throws IOException {
    Path live = dir.resolve("messages");
    Path one = dir.resolve("messages.1");
    Path two = dir.resolve("messages.2.gz");
    write(two, List.of(line(0, 0, 1), line(1, 2, 0)), true);
    write(one, List.of(line(100, 0, 2)), false);
    write(live, List.of(line(200, 0, 3), line(201, 2, 0), line(202, 1, 3)), false);
    List<RotatedLog> sets = RotatedLog.group(List.of(live, two, one));
    assertThat(sets).singleElement().satisfies(s -> {
      assertThat(s.files()).containsExactly(two, one, live);
      assertThat(s.base()).isEqualTo(live);
    });
    List<String> done = new ArrayList<>();
    LogChain chain = new LogChain(PARSER, sets.get(0), Files::newInputStream,
        (file, stats) -> done.add(file.getFileName() + ":" + stats.lines() + "/" + stats.events()));
    List<Seen> got = drain(new TimeOrderedMerge(List.of(chain)));
    assertThat(got).extracting(Seen::source).containsExactly("203.0.113.11", "203.0.113.12", "203.0.113.13", "203.0.113.13");
    assertThat(done).containsExactly("messages.2.gz:2/1", "messages.1:1/1", "messages:3/2");
  }

  @Test
  void rotatedNamesGroupByBaseAndDirectory() {
    Path a = Path.of("/var/log/asterisk");
    Path b = Path.of("/var/log/other");
    List<RotatedLog> sets = RotatedLog.group(List.of(
        a.resolve("messages"), a.resolve("messages.10.gz"), a.resolve("messages.2.gz"), a.resolve("security-20250302.gz"),
        a.resolve("security-20250301"), a.resolve("security"), b.resolve("messages.1"), a.resolve("kern.log"), a.resolve("notes.gz")));
    assertThat(sets).extracting(RotatedLog::files).containsExactly(
        List.of(a.resolve("messages.10.gz"), a.resolve("messages.2.gz"), a.resolve("messages")),
        List.of(a.resolve("security-20250301"), a.resolve("security-20250302.gz"), a.resolve("security")),
        List.of(b.resolve("messages.1")),
        List.of(a.resolve("kern.log")),
        List.of(a.resolve("notes.gz")));
  }

  @Test
  void inputsOfDifferentDaysAreNeverOpenTogether() throws IOException {
    List<TimeOrderedMerge.Input> inputs = new ArrayList<>();
    int[] open = new int[2]; // now, most
    for (int day = 0; day < 5; day++) {
      Path p = dir.resolve("day" + day + ".log");
      write(p, List.of(line(day * 86_400, 0, day), line(day * 86_400 + 60, 0, day)), false);
      LogChain chain = chain(List.of(p), new ArrayList<>());
      inputs.add(new TimeOrderedMerge.Input() {
        @Override
        public Instant firstTime() throws IOException {
          return chain.firstTime();
        }

        @Override
        public EventCursor open() throws IOException {
          EventCursor c = chain.open();
          open[1] = Math.max(open[1], ++open[0]);
          return new EventCursor() {
            @Override
            public Event next() throws IOException {
              return c.next();
            }

            @Override
            public void close() throws IOException {
              open[0]--;
              c.close();
            }
          };
        }
      });
    }
    java.util.Collections.reverse(inputs);
    assertThat(drain(new TimeOrderedMerge(inputs))).hasSize(10).isSortedAccordingTo(java.util.Comparator.comparing(Seen::time));
    assertThat(open[1]).isEqualTo(1);
    assertThat(open[0]).isZero();
  }

  @Test
  void anInputWithoutEventsIsStillReadForItsCounts() throws IOException {
    Path quiet = dir.resolve("quiet.log");
    write(quiet, List.of(line(0, 2, 0), line(1, 2, 0)), false);
    List<String> done = new ArrayList<>();
    LogChain chain = new LogChain(PARSER, new RotatedLog(List.of(quiet)), Files::newInputStream,
        (file, stats) -> done.add(stats.lines() + "/" + stats.unrecognised()));
    assertThat(drain(new TimeOrderedMerge(List.of(chain)))).isEmpty();
    assertThat(done).containsExactly("2/2");
  }

  @Test
  void eachFileOfAChainIsNamedInItsEventsByPathOrByTheGivenNames() throws IOException {
    Path one = dir.resolve("messages.1");
    Path live = dir.resolve("messages");
    write(one, List.of(line(0, 0, 1)), false);
    write(live, List.of(line(100, 0, 2)), false);
    RotatedLog set = new RotatedLog(List.of(one, live));
    List<String> byPath = origins(new LogChain(PARSER, set, Files::newInputStream, (f, s) -> { }));
    List<String> byName = origins(new LogChain(PARSER, set, f -> "bare:" + f.getFileName(), Files::newInputStream, (f, s) -> { }));
    assertThat(byPath).containsExactly(one + ":1", live + ":1");
    assertThat(byName).containsExactly("bare:messages.1:1", "bare:messages:1");
  }

  private static List<String> origins(LogChain chain) throws IOException {
    List<String> out = new ArrayList<>();
    try (TimeOrderedMerge merge = new TimeOrderedMerge(List.of(chain))) {
      for (Event e = merge.next(); e != null; e = merge.next()) {
        out.add(e.origin().file() + ":" + e.origin().line());
      }
    }
    return out;
  }

  private static LogChain chain(List<Path> files, List<String> done) {
    return new LogChain(PARSER, new RotatedLog(files), Files::newInputStream, (f, s) -> done.add(f.toString()));
  }

  private static List<Seen> drain(TimeOrderedMerge merge) throws IOException {
    List<Seen> out = new ArrayList<>();
    try (merge) {
      for (Event e = merge.next(); e != null; e = merge.next()) {
        out.add(Seen.of(e));
      }
    }
    return out;
  }

  private static void write(Path p, List<String> lines, boolean gzip) throws IOException {
    byte[] text = (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8);
    if (gzip) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(bytes)) {
        out.write(text);
      }
      text = bytes.toByteArray();
    }
    Files.write(p, text);
    Files.setLastModifiedTime(p, FileTime.from(BASE.plusSeconds(86_400 * 10)));
  }
}
