package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BytesTest {

  /** Bytes that are common in log lines, and bytes at the edges of the sign bit, for the pair searches. */
  private static final byte[] PAIR_ALPHABET = {' ', '\'', 'f', 0, (byte) 0x80, (byte) 0xFF, (byte) 0x7F, (byte) 0x01};

  private static int naiveIndexOf(byte[] a, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int naiveCount(byte[] a, int from, int to, byte b) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += a[i] == b ? 1 : 0;
    }
    return n;
  }

  @Test
  void findsAndCountsLikeAByteLoopOverEveryAlignmentAndByteValue() {
    SplittableRandom r = new SplittableRandom(1);
    for (int round = 0; round < 2_000; round++) {
      byte[] a = new byte[r.nextInt(1, 80)];
      // Few distinct values, including 0x00, 0x80, 0xFF and the sought byte next to others.
      byte[] alphabet = {'\n', '\r', 0, (byte) 0x80, (byte) 0xFF, (byte) 0x0B, (byte) 0x09, 'x'};
      for (int i = 0; i < a.length; i++) {
        a[i] = alphabet[r.nextInt(alphabet.length)];
      }
      int from = r.nextInt(a.length);
      int to = r.nextInt(from, a.length + 1);
      byte b = alphabet[r.nextInt(alphabet.length)];
      assertThat(Bytes.indexOf(a, from, to, b)).as("indexOf round %d", round).isEqualTo(naiveIndexOf(a, from, to, b));
      assertThat(Bytes.count(a, from, to, b)).as("count round %d", round).isEqualTo(naiveCount(a, from, to, b));
    }
  }

  @Test
  void findsPairsLikeAByteLoop() {
    SplittableRandom r = new SplittableRandom(4);
    byte[] alphabet = PAIR_ALPHABET;
    for (int round = 0; round < 5_000; round++) {
      byte[] a = randomBytes(r, 2, 90);
      int from = r.nextInt(a.length - 1);
      int to = r.nextInt(from, a.length);
      byte b0 = alphabet[r.nextInt(alphabet.length)];
      byte b1 = alphabet[r.nextInt(alphabet.length)];
      int expected = -1;
      for (int i = from; i < to && expected < 0; i++) {
        if (a[i] == b0 && a[i + 1] == b1) {
          expected = i;
        }
      }
      assertThat(Bytes.indexOfPair(a, from, to, b0, b1, Bytes.broadcast(b0), Bytes.broadcast(b1)))
          .as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void needlesCompareAWordAtATimeLikeArraysEqualsUpToTheArraysEnd() {
    SplittableRandom r = new SplittableRandom(6);
    for (int round = 0; round < 5_000; round++) {
      byte[] n = new byte[r.nextInt(1, 30)];
      for (int i = 0; i < n.length; i++) {
        n[i] = (byte) ('a' + r.nextInt(2));
      }
      byte[] a = new byte[n.length + r.nextInt(0, 10)];
      int at = r.nextInt(0, a.length - n.length + 1);
      System.arraycopy(n, 0, a, at, n.length);
      if (r.nextBoolean()) {
        a[at + r.nextInt(n.length)] ^= 1;
      }
      Needle needle = Needle.of(new String(n, java.nio.charset.StandardCharsets.ISO_8859_1));
      assertThat(needle.matches(a, at)).as("round %d", round).isEqualTo(java.util.Arrays.equals(a, at, at + n.length, n, 0, n.length));
      if (n.length >= 8) {
        assertThat(Bytes.equals8(a, at, n)).isEqualTo(java.util.Arrays.equals(a, at, at + n.length, n, 0, n.length));
      }
    }
  }

  @Test
  void findsTheLastByteAndPairLikeABackwardByteLoop() {
    SplittableRandom r = new SplittableRandom(8);
    byte[] alphabet = PAIR_ALPHABET;
    for (int round = 0; round < 5_000; round++) {
      byte[] a = randomBytes(r, 2, 90);
      int from = r.nextInt(a.length - 1);
      int to = r.nextInt(from, a.length);
      byte b0 = alphabet[r.nextInt(alphabet.length)];
      byte b1 = alphabet[r.nextInt(alphabet.length)];
      int expectedPair = -1;
      int expectedByte = -1;
      for (int i = to - 1; i >= from && (expectedPair < 0 || expectedByte < 0); i--) {
        if (expectedPair < 0 && a[i] == b0 && a[i + 1] == b1) {
          expectedPair = i;
        }
        if (expectedByte < 0 && a[i] == b0) {
          expectedByte = i;
        }
      }
      assertThat(Bytes.lastIndexOfPair(a, from, to, b0, b1, Bytes.broadcast(b0), Bytes.broadcast(b1)))
          .as("pair round %d", round).isEqualTo(expectedPair);
      assertThat(Bytes.lastIndexOf(a, from, to, b0)).as("byte round %d", round).isEqualTo(expectedByte);
    }
  }

  @Test
  void numbersTheLowestAndHighestFlaggedBytesOfAWord() {
    for (int k = 0; k < 8; k++) {
      long lowest = 0x80L << (8 * k);
      assertThat(Bytes.lowestFlagged(lowest)).isEqualTo(k);
      // Flags above the lowest do not change the answer.
      assertThat(Bytes.lowestFlagged(lowest | 0x8000000000000000L)).isEqualTo(k);
      assertThat(Bytes.lowestFlagged(lowest | (lowest << 8))).isEqualTo(k);
      // And flags below the highest do not change the highest.
      assertThat(Bytes.highestFlagged(lowest)).isEqualTo(k);
      assertThat(Bytes.highestFlagged(lowest | 0x80L)).isEqualTo(k);
      assertThat(Bytes.highestFlagged(lowest | (lowest >>> 8))).isEqualTo(k);
    }
  }

  @Test
  void returnsMinusOneOnAnEmptyRange() {
    byte[] a = "\n\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(Bytes.indexOf(a, 2, 2, (byte) '\n')).isEqualTo(-1);
    assertThat(Bytes.count(a, 1, 1, (byte) '\n')).isZero();
  }

  private static byte[] randomBytes(SplittableRandom r, int minLength, int maxLength) {
    byte[] a = new byte[r.nextInt(minLength, maxLength)];
    for (int i = 0; i < a.length; i++) {
      a[i] = PAIR_ALPHABET[r.nextInt(PAIR_ALPHABET.length)];
    }
    return a;
  }
}
