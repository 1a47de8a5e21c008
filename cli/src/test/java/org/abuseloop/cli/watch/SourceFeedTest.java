package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.abuseloop.core.Service;
import org.abuseloop.logs.LineParser;
import org.abuseloop.logs.LogFormat;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.SyslogEnvelope;
import org.abuseloop.logs.TimeReader;
import org.abuseloop.logs.source.Position;
import org.abuseloop.logs.source.SourceLine;
import org.junit.jupiter.api.Test;

/** How a source's lines are cut into batches for the decision thread. */
class SourceFeedTest {

  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(64);
  private final SourceFeed feed = new SourceFeed(new ResumePoint("auth.log", null, 0, 60_000),
      new LineParser(ParserCatalog.standard(), new LogFormat(new SyslogEnvelope(), Service.SSHD),
          new TimeReader(ZoneOffset.UTC, Instant.parse("2026-11-22T20:00:00Z")), "auth.log"),
      queue, null);

  @Test
  void aLongReadIsHandedOnInCappedBatchesAndOnlyTheLastHasThePosition() {
    int lines = SourceFeed.MAX_BATCH_LINES * 2 + 10;
    for (int i = 1; i <= lines; i++) {
      byte[] b = ("Nov 22 20:00:01 host sshd[1]: Failed password for root from 203.0.113." + (i % 200 + 1)
          + " port 4000 ssh2\n").getBytes(StandardCharsets.US_ASCII);
      feed.line(new SourceLine("auth.log", b, i, Position.file(1, 2, i * 80L, i), false));
    }
    Position end = Position.file(1, 2, lines * 80L, lines);
    feed.endOfBatch(end);

    List<Batch> batches = new ArrayList<>();
    queue.drainTo(batches);
    assertThat(batches).extracting(Batch::lastLine)
        .containsExactly((long) SourceFeed.MAX_BATCH_LINES, 2L * SourceFeed.MAX_BATCH_LINES, (long) lines);
    assertThat(batches).extracting(Batch::end).containsExactly(null, null, end);
    List<Long> seen = batches.stream().flatMap(b -> b.events().stream()).map(Batch.Seen::line).toList();
    assertThat(seen).hasSize(lines).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aReadEndingRightAtTheCapStillHandsOnItsPosition() {
    for (int i = 1; i <= SourceFeed.MAX_BATCH_LINES; i++) {
      feed.line(new SourceLine("auth.log", "Nov 22 20:00:01 host sshd[1]: Connection closed\n".getBytes(StandardCharsets.US_ASCII),
          i, Position.file(1, 2, i * 50L, i), false));
    }
    Position end = Position.file(1, 2, SourceFeed.MAX_BATCH_LINES * 50L, SourceFeed.MAX_BATCH_LINES);
    feed.endOfBatch(end);

    List<Batch> batches = new ArrayList<>();
    queue.drainTo(batches);
    assertThat(batches).extracting(Batch::end).containsExactly(null, end);
  }
}
