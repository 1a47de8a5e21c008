package org.abuseloop.cli;

import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.Incident;
import org.abuseloop.core.Tally;

/** Short descriptions of an incident's parts for people: its targets and its owner. Stateless. */
final class IncidentText {

  private IncidentText() {}

  /** E.g. {@code ports 5060 (120); users 100 (40), 101 (38), +12 more}. */
  static String targets(Incident i) {
    List<String> parts = new ArrayList<>();
    add(parts, "addresses", i.addresses());
    add(parts, "ports", i.ports());
    add(parts, "users", i.users());
    return String.join("; ", parts);
  }

  private static <T> void add(List<String> parts, String name, Tally<T> tally) {
    if (tally == null || tally.entries().isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder(name).append(' ');
    int shown = 0;
    for (Tally.Entry<T> e : tally.entries()) {
      if (shown == 5) {
        break;
      }
      sb.append(shown == 0 ? "" : ", ").append(e.value()).append(" (").append(e.count()).append(')');
      shown++;
    }
    int moreValues = tally.entries().size() - shown;
    if (moreValues > 0) {
      sb.append(", +").append(moreValues).append(" more");
    }
    if (tally.others() > 0) {
      sb.append(" (and ").append(tally.others()).append(" sightings of values not kept)");
    }
    parts.add(sb.toString());
  }
}
