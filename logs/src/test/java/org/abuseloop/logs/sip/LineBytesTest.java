package org.abuseloop.logs.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.abuseloop.logs.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time searches and compares of {@link LineBytes} give what a plain byte loop gives, on
 * every range of random arrays over a small alphabet (so that matches are frequent and fall on every
 * byte of a word, at both ends of the array and of the range).
 */
class LineBytesTest {

  private static final byte[] ALPHABET = {'a', 'b', ',', '"', '\'', (byte) 0x80, (byte) 0xFF, 0};

  private static byte[] random(Random r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = ALPHABET[r.nextInt(ALPHABET.length)];
    }
    return b;
  }

  @Test
  void byteSearchesAgreeWithALoopOnEveryRange() {
    Random r = new Random(7);
    int checked = 0;
    for (int round = 0; round < 300; round++) {
      byte[] b = random(r, r.nextInt(40));
      byte c = ALPHABET[r.nextInt(ALPHABET.length)];
      for (int from = 0; from <= b.length; from++) {
        for (int to = from; to <= b.length; to++) {
          if (Bytes.indexOf(b, from, to, c) != firstIndex(b, from, to, c)
              || Bytes.lastIndexOf(b, from, to, c) != lastIndex(b, from, to, c)) {
            fail("search for %d in [%d, %d) of %s", c, from, to, Arrays.toString(b));
          }
          checked++;
        }
      }
    }
    assertThat(checked).as("ranges checked").isGreaterThan(10_000);
  }

  @Test
  void textSearchAndCompareAgreeWithALoopOnEveryRange() {
    Random r = new Random(11);
    int matched = 0;
    for (int round = 0; round < 300; round++) {
      byte[] b = random(r, r.nextInt(48));
      byte[] t = random(r, 1 + r.nextInt(r.nextBoolean() ? 3 : 12));
      if (b.length > t.length && r.nextBoolean()) {
        System.arraycopy(t, 0, b, r.nextInt(b.length - t.length), t.length);
      }
      for (int lo = 0; lo <= b.length; lo++) {
        for (int hi = lo; hi <= b.length; hi++) {
          if (LineBytes.lastIndexOf(b, lo, hi, t) != lastText(b, lo, hi, t)) {
            fail("search for %s in [%d, %d) of %s", Arrays.toString(t), lo, hi, Arrays.toString(b));
          }
          for (int at = lo - 1; at <= hi; at++) {
            if (LineBytes.matchesAt(b, at, lo, hi, t) != textAt(b, at, lo, hi, t)) {
              fail("%s at %d in [%d, %d) of %s", Arrays.toString(t), at, lo, hi, Arrays.toString(b));
            }
            matched += textAt(b, at, lo, hi, t) ? 1 : 0;
          }
        }
      }
    }
    assertThat(matched).as("places where the text stands").isGreaterThan(1_000);
  }

  private static int firstIndex(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndex(byte[] b, int from, int to, byte c) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean textAt(byte[] b, int at, int lo, int hi, byte[] t) {
    if (at < lo || at + t.length > hi) {
      return false;
    }
    for (int k = 0; k < t.length; k++) {
      if (b[at + k] != t[k]) {
        return false;
      }
    }
    return true;
  }

  private static int lastText(byte[] b, int lo, int hi, byte[] t) {
    for (int i = hi - t.length; i >= lo; i--) {
      if (textAt(b, i, lo, hi, t)) {
        return i;
      }
    }
    return -1;
  }
}
