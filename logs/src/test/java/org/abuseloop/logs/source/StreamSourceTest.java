package org.abuseloop.logs.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import org.junit.jupiter.api.Test;

/** stdin: lines until the end of the stream, each handed over as soon as it is complete. */
class StreamSourceTest {

  @Test
  void readsLinesUntilTheEndIncludingALastLineWithoutLineEnd() throws Exception {
    LogSource stdin = LogSources.stdin(new ByteArrayInputStream("a\r\nb\n\nlast".getBytes(UTF_8)));
    Collector c = new Collector();
    stdin.run(c);
    assertThat(c.texts()).containsExactly("a", "b", "", "last");
    assertThat(c.lastBatch()).isEqualTo(Position.stream(10, 4));
    assertThat(stdin.name()).isEqualTo("stdin");
  }

  @Test
  void handsEachLineOverBeforeTheStreamEndsAndStopsOnClose() throws Exception {
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(writer);
    Collector.Running r = Collector.Running.start(LogSources.stdin(in));
    writer.write("first\n".getBytes(UTF_8));
    writer.flush();
    assertThat(r.collector.awaitLines(1)).containsExactly("first");
    writer.write("second\n".getBytes(UTF_8));
    writer.close();
    assertThat(r.collector.awaitLines(2)).containsExactly("first", "second");
    Collector.await(r::returned, () -> "run() did not return at the end of the stream");
    r.close();
  }
}
