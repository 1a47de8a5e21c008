package org.abuseloop.detect;

import java.util.List;
import java.util.Set;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;

/**
 * Which events a scenario counts: by service, by kind and by family id (exact, or a prefix ending in
 * {@code .*}). Every non-empty list must match; an empty list matches everything. Immutable and
 * thread-safe.
 */
public record EventFilter(Set<Service> services, Set<EventKind> kinds, List<String> families) {

  public EventFilter {
    services = Set.copyOf(services);
    kinds = Set.copyOf(kinds);
    families = List.copyOf(families);
    if (services.isEmpty() && kinds.isEmpty() && families.isEmpty()) {
      throw new IllegalArgumentException("a filter must name services, kinds or families");
    }
  }

  /** A filter on services and kinds. */
  public static EventFilter of(Set<Service> services, Set<EventKind> kinds) {
    return new EventFilter(services, kinds, List.of());
  }

  /** True when events of this family count. */
  public boolean matches(Family family) {
    return (services.isEmpty() || services.contains(family.service()))
        && (kinds.isEmpty() || kinds.contains(family.kind()))
        && (families.isEmpty() || matchesFamily(family.id()));
  }

  private boolean matchesFamily(String id) {
    for (String f : families) {
      if (f.endsWith(".*") ? id.startsWith(f.substring(0, f.length() - 1)) : id.equals(f)) {
        return true;
      }
    }
    return false;
  }
}
