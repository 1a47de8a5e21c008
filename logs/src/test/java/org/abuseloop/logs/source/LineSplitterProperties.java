package org.abuseloop.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Bytes cut into lines in arbitrary pieces give the same lines, flags and offsets as a plain split of
 * the whole: where the reads fall never changes what is handed over.
 */
class LineSplitterProperties {

  /** One handed-over line as compared here. */
  record Cut(List<Byte> bytes, boolean truncated, long offsetAfter) {
    static Cut of(byte[] b, boolean truncated, long after) {
      List<Byte> list = new ArrayList<>(b.length);
      for (byte x : b) {
        list.add(x);
      }
      return new Cut(list, truncated, after);
    }
  }

  @Property(tries = 300)
  void piecesGiveTheSameLinesAsAPlainSplit(@ForAll("text") byte[] text, @ForAll("cuts") List<Integer> cuts, @ForAll @IntRange(min = 1, max = 40) int maxLine) {
    LineSplitter splitter = new LineSplitter(maxLine, 0);
    List<Cut> got = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      int to = Math.min(text.length, from + cut);
      splitter.feed(text, from, to, (b, t, after) -> got.add(Cut.of(b, t, after)));
      from = to;
    }
    splitter.feed(text, from, text.length, (b, t, after) -> got.add(Cut.of(b, t, after)));
    assertThat(got).isEqualTo(plainSplit(text, maxLine));
    int lastLf = lastIndexOf(text, (byte) '\n');
    assertThat(splitter.offset()).isEqualTo(lastLf + 1);
    assertThat(splitter.readOffset()).isEqualTo(text.length);
  }

  /** The reference: split at each LF, drop one CR before it, cut what is longer than the limit. */
  private static List<Cut> plainSplit(byte[] text, int maxLine) {
    List<Cut> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '\n') {
        int end = i > start && text[i - 1] == '\r' ? i - 1 : i;
        int length = end - start;
        out.add(Cut.of(Arrays.copyOfRange(text, start, start + Math.min(length, maxLine)), length > maxLine, i + 1));
        start = i + 1;
      }
    }
    return out;
  }

  private static int lastIndexOf(byte[] b, byte x) {
    for (int i = b.length - 1; i >= 0; i--) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  @Provide
  Arbitrary<byte[]> text() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.of((byte) 'a', (byte) 'b', (byte) 0, (byte) 0xff)),
            net.jqwik.api.Tuple.of(2, Arbitraries.just((byte) '\n')),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((byte) '\r')))
        .list().ofMaxSize(300)
        .map(l -> {
          byte[] b = new byte[l.size()];
          for (int i = 0; i < b.length; i++) {
            b[i] = l.get(i);
          }
          return b;
        });
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(0, 60).list().ofMaxSize(20);
  }
}
