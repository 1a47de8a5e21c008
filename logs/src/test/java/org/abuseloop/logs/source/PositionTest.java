package org.abuseloop.logs.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Positions survive their text form; bad text and bad settings are precise errors. */
class PositionTest {

  @Test
  void everyKindReadsBackFromItsText() {
    Position file = Position.file(2049, 131075, 8192, 97);
    assertThat(file.toText()).isEqualTo("file dev=2049 ino=131075 offset=8192 line=97");
    assertThat(Position.parse(file.toText())).isEqualTo(file);
    Position journal = Position.journal("s=6d2f;i=1b2;b=0a;m=9f;t=5f;x=77", 12);
    assertThat(journal.toText()).isEqualTo("journal line=12 cursor=s=6d2f;i=1b2;b=0a;m=9f;t=5f;x=77");
    assertThat(Position.parse(journal.toText())).isEqualTo(journal);
    Position stream = Position.stream(512, 4);
    assertThat(Position.parse(stream.toText() + "\n")).isEqualTo(stream);
    assertThat(Position.parse(Position.file(-1, Long.MAX_VALUE, 0, 0).toText()).device()).isEqualTo(-1);
  }

  @Test
  void badTextIsAPreciseError() {
    assertThatThrownBy(() -> Position.parse("file dev=1 ino=2 offset=x line=4")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a source position: 'file dev=1 ino=2 offset=x line=4'");
    assertThatThrownBy(() -> Position.parse("file dev=1 ino=2 line=4")).hasMessageContaining("5 fields expected");
    assertThatThrownBy(() -> Position.parse("file dev=1 inode=2 offset=3 line=4")).hasMessageContaining("'ino=' expected");
    assertThatThrownBy(() -> Position.parse("journal line=3")).hasMessageContaining("no cursor=");
    assertThatThrownBy(() -> Position.parse("tape 3")).hasMessageContaining("unknown kind");
    assertThatThrownBy(() -> Position.parse("file dev=1 ino=2 offset=-3 line=4")).hasMessageContaining("negative");
    assertThatThrownBy(() -> Position.journal("two\nlines", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingsAreCheckedWhenMade() {
    assertThat(Settings.defaults().pollInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(Settings.defaults().maxLineBytes()).isEqualTo(64 * 1024);
    assertThatThrownBy(() -> Settings.defaults().withPollInterval(Duration.ofMillis(101))).hasMessageContaining("pollInterval");
    assertThatThrownBy(() -> Settings.defaults().withPollInterval(Duration.ZERO)).hasMessageContaining("pollInterval");
    assertThatThrownBy(() -> Settings.defaults().withMaxLineBytes(8)).hasMessageContaining("maxLineBytes");
    assertThatThrownBy(() -> Settings.defaults().withRotationQuiet(Duration.ofMillis(-1))).hasMessageContaining("rotationQuiet");
    assertThatThrownBy(() -> LogSources.followFile(java.nio.file.Path.of("x"), Position.stream(0, 0), Settings.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
