package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  private record Line(String text, long number, long offset, boolean overlong) {}

  private static List<Line> lines(byte[] input, int maxLine) throws IOException {
    return lines(new ByteArrayInputStream(input), maxLine);
  }

  private static List<Line> lines(InputStream in, int maxLine) throws IOException {
    LineReader r = new LineReader(in, maxLine);
    List<Line> out = new ArrayList<>();
    while (r.next()) {
      String text = new String(r.buffer(), r.start(), r.end() - r.start(), StandardCharsets.ISO_8859_1);
      out.add(new Line(text, r.number(), r.offset(), r.overlong()));
    }
    return out;
  }

  @Test
  void splitsOnLfDropsCrAndKeepsALastLineWithoutLf() throws IOException {
    List<Line> got = lines("one\r\ntwo\n\nlast".getBytes(StandardCharsets.US_ASCII), 1024);
    assertThat(got).containsExactly(
        new Line("one", 1, 0, false), new Line("two", 2, 5, false), new Line("", 3, 9, false), new Line("last", 4, 10, false));
  }

  @Test
  void reportsAnOverlongLineAndGoesOnAfterIt() throws IOException {
    byte[] big = new byte[3000];
    Arrays.fill(big, (byte) 'x');
    byte[] input = concat("a\n".getBytes(StandardCharsets.US_ASCII), big, "\nb\n".getBytes(StandardCharsets.US_ASCII));
    List<Line> got = lines(input, 1000);
    assertThat(got).extracting(Line::text).containsExactly("a", "", "b");
    assertThat(got).extracting(Line::overlong).containsExactly(false, true, false);
    assertThat(got.get(2).offset()).isEqualTo(2 + 3000 + 1);
  }

  @Test
  void handlesAStreamThatDeliversOneByteAtATime() throws IOException {
    byte[] input = "alpha\nbeta\r\ngamma".getBytes(StandardCharsets.US_ASCII);
    InputStream trickle = new ByteArrayInputStream(input) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    assertThat(lines(trickle, 64)).extracting(Line::text).containsExactly("alpha", "beta", "gamma");
  }

  @Test
  void readsLinesAcrossTheBufferBoundary() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 300_000; i++) {
      sb.append("line ").append(i).append('\n');
    }
    List<Line> got = lines(sb.toString().getBytes(StandardCharsets.US_ASCII), LineReader.DEFAULT_MAX_LINE);
    assertThat(got).hasSize(300_000);
    assertThat(got.get(299_999).text()).isEqualTo("line 299999");
    assertThat(got.get(123_456).offset()).isEqualTo(sb.indexOf("line 123456\n"));
  }

  @Test
  void aLineIsOverlongByItsLengthAloneWhereverItFallsInTheBuffer() throws IOException {
    int max = 1000;
    for (int shift = 0; shift < 3; shift++) {
      StringBuilder sb = new StringBuilder();
      // Lines of max and max + 1 bytes at many positions relative to the buffer's refills.
      for (int i = 0; i < 3_000; i++) {
        sb.append("y".repeat(i % 7 + shift)).append('\n');
        sb.append("a".repeat(max)).append('\n');
        sb.append("b".repeat(max + 1)).append('\n');
      }
      List<Line> got = lines(sb.toString().getBytes(StandardCharsets.US_ASCII), max);
      assertThat(got).hasSize(9_000);
      for (int i = 0; i < got.size(); i += 3) {
        assertThat(got.get(i + 1).overlong()).as("line %d", i + 2).isFalse();
        assertThat(got.get(i + 1).text()).hasSize(max);
        assertThat(got.get(i + 2).overlong()).as("line %d", i + 3).isTrue();
      }
    }
  }

  @Test
  void aLastLineOverTheLimitWithoutLfIsOverlong() throws IOException {
    List<Line> got = lines(("ok\n" + "z".repeat(65)).getBytes(StandardCharsets.US_ASCII), 64);
    assertThat(got).extracting(Line::overlong).containsExactly(false, true);
  }

  @Test
  void readsAnArraySliceNumberedFromWhereItStarts() throws IOException {
    byte[] file = "skip\nthree\r\nfour\n\nsix".getBytes(StandardCharsets.US_ASCII);
    LineReader r = new LineReader(file, 5, file.length, 3, 5, 64);
    List<Line> got = new ArrayList<>();
    while (r.next()) {
      got.add(new Line(new String(r.buffer(), r.start(), r.end() - r.start(), StandardCharsets.ISO_8859_1), r.number(), r.offset(), r.overlong()));
    }
    assertThat(got).containsExactly(new Line("three", 3, 5, false), new Line("four", 4, 12, false),
        new Line("", 5, 17, false), new Line("six", 6, 18, false));
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
