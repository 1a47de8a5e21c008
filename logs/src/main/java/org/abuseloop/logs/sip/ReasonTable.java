package org.abuseloop.logs.sip;

import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.Family;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * A fixed list of texts a service writes in one place (a failure reason, an event name) and the
 * family each stands for. Immutable after construction and thread-safe.
 */
final class ReasonTable {

  private static final Needle AFTER = Needle.of(" after ");
  private static final Needle TRIES_IN = Needle.of(" tries in ");
  private static final Needle MS = Needle.of(" ms");

  private final List<Needle> texts = new ArrayList<>();
  private final List<Family> families = new ArrayList<>();

  ReasonTable add(String text, Family family) {
    texts.add(Needle.of(text));
    families.add(family);
    return this;
  }

  /** The family whose text is exactly {@code [from, to)}, or null. */
  Family exact(Message m, int from, int to) {
    for (int i = 0; i < texts.size(); i++) {
      if (SipText.equals(m, from, to, texts.get(i))) {
        return families.get(i);
      }
    }
    return null;
  }

  /**
   * The family whose text is {@code [from, to)}, or is followed there by PJSIP's count of tries
   * ({@code No matching endpoint found after 5 tries in 2.500 ms}), or null.
   */
  Family exactOrCounted(Message m, int from, int to) {
    for (int i = 0; i < texts.size(); i++) {
      Needle t = texts.get(i);
      if (SipText.equals(m, from, to, t) || (m.matchesAt(from, t) && isTryCount(m, from + t.length(), to))) {
        return families.get(i);
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
