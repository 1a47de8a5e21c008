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
   * The family whose text is {@code [from, to)}, or starts it followed by {@code tail} (as in
   * {@code No matching endpoint found after 5 tries in 2.500 ms}), or null.
   */
  Family exactOrFollowedBy(Message m, int from, int to, Needle tail) {
    for (int i = 0; i < texts.size(); i++) {
      Needle t = texts.get(i);
      if (SipText.equals(m, from, to, t)
          || (m.matchesAt(from, t) && from + t.length() < to && m.matchesAt(from + t.length(), tail))) {
        return families.get(i);
      }
    }
    return null;
  }
}
