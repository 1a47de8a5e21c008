package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageSearchTest {

  @Test
  void findsNeedlesAndBytesLikeStringIndexOfWithinTheMessageBounds() {
    SplittableRandom r = new SplittableRandom(2);
    String[] needles = {"'", " failed for '", "ab", "aab", "b", "\n", "port ", "for port failed"};
    for (int round = 0; round < 5_000; round++) {
      StringBuilder sb = new StringBuilder();
      int length = r.nextInt(0, 60);
      String alphabet = "ab' \nport failed for";
      for (int i = 0; i < length; i++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String text = sb.toString();
      byte[] b = ("##" + text + "##").getBytes(StandardCharsets.ISO_8859_1);
      Message m = new Message();
      m.reset(b, 2, 2 + text.length(), 1, 0);
      String needle = needles[r.nextInt(needles.length)];
      int from = r.nextInt(0, text.length() + 3);
      int expected = text.indexOf(needle, Math.max(0, from - 2));
      assertThat(m.indexOf(Needle.of(needle), from)).as("'%s' in '%s' from %d", needle, text, from)
          .isEqualTo(expected < 0 ? -1 : expected + 2);
      int before = r.nextInt(0, text.length() + 5);
      int expectedLast = text.lastIndexOf(needle, Math.min(before - 2, text.length()) - needle.length());
      assertThat(m.lastIndexOf(Needle.of(needle), before)).as("last '%s' in '%s' before %d", needle, text, before)
          .isEqualTo(expectedLast < 0 ? -1 : expectedLast + 2);
      int expectedByte = text.indexOf(needle.charAt(0), Math.max(0, from - 2));
      assertThat(m.indexOf((byte) needle.charAt(0), from)).isEqualTo(expectedByte < 0 ? -1 : expectedByte + 2);
      int expectedLastByte = text.lastIndexOf(needle.charAt(0), Math.min(before - 2, text.length()) - 1);
      assertThat(m.lastIndexOf((byte) needle.charAt(0), before)).as("last byte '%s' in '%s' before %d", needle.charAt(0), text, before)
          .isEqualTo(expectedLastByte < 0 ? -1 : expectedLastByte + 2);
    }
  }
}
