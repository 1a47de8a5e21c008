package org.abuseloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParseStats;
import org.abuseloop.logs.ParserCatalog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark logs through every standard parser: a parse on two workers gives what one pass gives. */
class ChunkedParseOfGeneratedLogsTest {

  @ParameterizedTest
  @ValueSource(strings = {"asterisk", "sshd", "firewall"})
  void twoWorkersGiveTheEventsOfOneSequentialPass(String kind, @TempDir Path dir) throws IOException {
    Path file = dir.resolve(kind + ".log");
    // Over 8 MiB, the size from which a file is cut into 4 MiB chunks.
    Generate.generator(kind, Generate.DEFAULT_SEED).write(kind.equals("sshd") ? 120_000 : 60_000, file);
    Instant modified = Instant.parse("2025-03-20T00:00:00Z");
    Files.setLastModifiedTime(file, FileTime.from(modified));
    assertThat(Files.size(file)).isGreaterThan(8L << 20);
    LogParser parser = new LogParser(ParserCatalog.standard(), ZoneId.of("Europe/Berlin"), null);

    List<Event> sequential = new ArrayList<>();
    ParseStats one;
    try (InputStream in = Files.newInputStream(file)) {
      one = parser.parse(file.toString(), in, modified, sequential::add); // a stream is always read in one pass
    }
    List<Event> chunked = new ArrayList<>();
    ParseStats two = parser.withThreads(2).parse(file, chunked::add);

    assertThat(one.lines()).isEqualTo(kind.equals("sshd") ? 120_000 : 60_000);
    assertThat(chunked).containsExactlyElementsOf(sequential);
    assertThat(two.lines()).isEqualTo(one.lines());
    assertThat(two.unrecognised()).isEqualTo(one.unrecognised());
    assertThat(two.eventsByFamily()).containsExactlyEntriesOf(one.eventsByFamily());
  }
}
