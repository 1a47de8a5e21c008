package org.abuseloop.logs.sip;

import java.util.Arrays;
import org.abuseloop.core.Family;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * A fixed list of texts a service writes in one place (a failure reason, an event name) and the
 * family each stands for. Immutable after construction (the builder calls all come from static
 * initialisers) and thread-safe.
 */
final class ReasonTable {

  private static final Needle AFTER = Needle.of(" after ");
  private static final Needle TRIES_IN = Needle.of(" tries in ");
  private static final Needle MS = Needle.of(" ms");

  private byte[][] texts = new byte[0][];
  private Needle[] needles = new Needle[0];
  private Family[] families = new Family[0];

  ReasonTable add(String text, Family family) {
    int n = texts.length;
    texts = Arrays.copyOf(texts, n + 1);
    needles = Arrays.copyOf(needles, n + 1);
    families = Arrays.copyOf(families, n + 1);
    texts[n] = LineBytes.ascii(text);
    needles[n] = Needle.of(text);
    families[n] = family;
    return this;
  }

  /** The family whose text is exactly {@code [from, to)}, or null. */
  Family exact(Message m, int from, int to) {
    if (from < m.start() || to > m.end()) {
      return null;
    }
    int entry = exactEntry(m.bytes(), from, to);
    return entry < 0 ? null : families[entry];
  }

  /** The entry whose text is exactly {@code [from, to)} (a range of the message), or -1. */
  private int exactEntry(byte[] b, int from, int to) {
    int n = to - from;
    byte[][] t = texts;
    for (int i = 0; i < t.length; i++) {
      if (t[i].length == n && LineBytes.matchesAt(b, from, from, to, t[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The entry whose text ends the range {@code [from, to)} of the message right after
   * {@code separator}, the separator starting at or after {@code from}; -1 when none does. When the
   * texts cannot contain the separator's first byte, that separator is the last one before {@code to}.
   */
  int endingWith(byte[] b, int from, int to, byte[] separator) {
    byte[][] t = texts;
    if (to <= from) {
      return -1;
    }
    byte last = b[to - 1];
    for (int i = 0; i < t.length; i++) {
      byte[] text = t[i];
      int at = to - text.length;
      if (text[text.length - 1] == last && LineBytes.matchesAt(b, at, from, to, text)
          && LineBytes.matchesAt(b, at - separator.length, from, at, separator)) {
        return i;
      }
    }
    return -1;
  }

  Family family(int entry) {
    return families[entry];
  }

  int length(int entry) {
    return texts[entry].length;
  }

  /**
   * The family whose text is {@code [from, to)}, or is followed there by PJSIP's count of tries
   * ({@code No matching endpoint found after 5 tries in 2.500 ms}), or null.
   */
  Family exactOrCounted(Message m, int from, int to) {
    for (int i = 0; i < needles.length; i++) {
      Needle t = needles[i];
      if (SipText.equals(m, from, to, t) || (m.matchesAt(from, t) && isTryCount(m, from + t.length(), to))) {
        return families[i];
      }
    }
    return null;
  }

  /** True when {@code [from, to)} is exactly {@code " after N tries in T.TTT ms"}. */
  private static boolean isTryCount(Message m, int from, int to) {
    if (!m.matchesAt(from, AFTER)) {
      return false;
    }
    int count = from + AFTER.length();
    int countEnd = m.digitsEnd(count);
    if (countEnd == count || !m.matchesAt(countEnd, TRIES_IN)) {
      return false;
    }
    int ms = countEnd + TRIES_IN.length();
    int msEnd = m.digitsEnd(ms);
    if (msEnd < to && m.byteAt(msEnd) == '.') {
      msEnd = m.digitsEnd(msEnd + 1);
    }
    return msEnd > ms && SipText.equals(m, msEnd, to, MS);
  }
}
