package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.abuseloop.logs.source.Position;
import org.abuseloop.store.Checkpoint;
import org.junit.jupiter.api.Test;

/** Where a source resumes: the oldest position the detector's window still needs, and the lines decided after it. */
class ResumePointTest {

  private static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");
  private static final long WINDOW = Duration.ofMinutes(10).toMillis();

  @Test
  void keepsTheStartWhileItsEventsAreInTheWindowAndCountsTheDecidedLines() {
    ResumePoint r = new ResumePoint("file:/l", at(0), 0, WINDOW);
    r.event(T0);
    r.batchEnd(3, at(300));
    r.event(T0.plus(Duration.ofMinutes(5)));
    r.batchEnd(7, at(700));

    Checkpoint c = r.checkpoint(T0);

    assertThat(Position.parse(c.position()).offset()).isZero();
    assertThat(c.decidedLines()).isEqualTo(7);
  }

  @Test
  void movesOnOnceTheEventsBeforeAPositionLeftTheWindow() {
    ResumePoint r = new ResumePoint("file:/l", at(0), 0, WINDOW);
    r.event(T0);
    r.batchEnd(3, at(300));
    r.event(T0.plus(Duration.ofMinutes(5)));
    r.batchEnd(7, at(700));
    r.event(T0.plus(Duration.ofMinutes(14))); // the event at 0 min left the window, the one at 5 min did not
    r.batchEnd(9, at(900));

    Checkpoint c = r.checkpoint(T0);
    assertThat(Position.parse(c.position()).offset()).isEqualTo(300);
    assertThat(c.decidedLines()).isEqualTo(6);

    r.event(T0.plus(Duration.ofMinutes(16))); // now the one at 5 min left it too
    r.batchEnd(10, at(1000));
    c = r.checkpoint(T0);
    assertThat(Position.parse(c.position()).offset()).isEqualTo(700);
    assertThat(c.decidedLines()).isEqualTo(3);
  }

  @Test
  void linesWithoutEventsAreNeverReplayed() {
    ResumePoint r = new ResumePoint("file:/l", at(0), 0, WINDOW);
    r.batchEnd(50, at(5000));
    r.batchEnd(80, at(8000));

    Checkpoint c = r.checkpoint(T0);

    assertThat(Position.parse(c.position()).offset()).isEqualTo(8000);
    assertThat(c.decidedLines()).isZero();
  }

  @Test
  void afterARestartTheLinesDecidedBeforeItAreReplayedOnly() {
    ResumePoint r = new ResumePoint("file:/l", at(0), 4, WINDOW);

    assertThat(r.decided(1)).isTrue();
    assertThat(r.decided(4)).isTrue();
    assertThat(r.decided(5)).isFalse();
    assertThat(r.unsaved()).isFalse();
  }

  @Test
  void aFreshSourceAsksForItsFirstCheckpointAtOnceAndStreamsHaveNone() {
    ResumePoint file = new ResumePoint("file:/l", null, 0, WINDOW);
    file.batchEnd(0, at(120));
    assertThat(file.unsaved()).isTrue();
    assertThat(file.checkpoint(T0).position()).isEqualTo(at(120).toText());
    assertThat(file.unsaved()).isFalse();

    ResumePoint udp = new ResumePoint("syslog-udp:127.0.0.1:5514", null, 0, WINDOW);
    udp.batchEnd(3, Position.stream(300, 3));
    assertThat(udp.unsaved()).isFalse();
    assertThat(udp.checkpoint(T0)).isNull();
  }

  private static Position at(long offset) {
    return Position.file(8, 42, offset, offset / 100);
  }
}
