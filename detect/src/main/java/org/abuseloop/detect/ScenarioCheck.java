package org.abuseloop.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Incident.Scope;
import org.abuseloop.core.Service;
import org.abuseloop.detect.RawConfig.RawMatch;
import org.abuseloop.detect.RawConfig.RawScenario;

/**
 * Checks one entry of {@code scenarios:} and builds its {@link Scenario}, adding every problem with
 * its YAML path to the reader's list. Not thread-safe: one check per entry.
 */
final class ScenarioCheck {

  private final List<String> problems;
  private final String at;
  private final RawScenario r;
  private final int problemsBefore;

  ScenarioCheck(List<String> problems, String at, RawScenario r) {
    this.problems = problems;
    this.at = at;
    this.r = r;
    this.problemsBefore = problems.size();
  }

  Scenario scenario() {
    String id = id();
    ScenarioType type = type();
    EventFilter match = match();
    Set<Scope> groupBy = groupBy();
    int count = 0;
    int capacity = 0;
    Duration window = null;
    Duration leak = null;
    DistinctField distinct = null;
    if (type == ScenarioType.LEAKY) {
      capacity = required(".capacity", r.capacity(), 1, ConfigReader.MAX_CAPACITY);
      leak = duration(".leak", r.leak());
      notFor(type, ".count", r.count());
      notFor(type, ".window", r.window());
      notFor(type, ".distinct", r.distinct());
    } else if (type != null) {
      count = required(".count", r.count(), 1, type == ScenarioType.THRESHOLD ? ConfigReader.MAX_THRESHOLD : ConfigReader.MAX_DISTINCT);
      window = duration(".window", r.window());
      notFor(type, ".capacity", r.capacity());
      notFor(type, ".leak", r.leak());
      if (type == ScenarioType.DISTINCT) {
        distinct = distinct();
      } else {
        notFor(type, ".distinct", r.distinct());
      }
    }
    boolean perPort = r.perTargetPort() != null && r.perTargetPort();
    if (perPort && distinct != DistinctField.TARGET_ADDRESS) {
      problems.add(at + ".perTargetPort: only for a distinct target-address scenario");
    }
    int minSources = r.minSources() == null ? 1 : ConfigReader.range(problems, at + ".minSources", r.minSources(), 1, 1, ConfigReader.MAX_DISTINCT);
    if (minSources > 1 && groupBy != null && groupBy.equals(EnumSet.of(Scope.ADDRESS))) {
      problems.add(at + ".minSources: needs groupBy prefix or owner (an address is one source)");
    }
    if (problems.size() > problemsBefore) {
      return null;
    }
    return new Scenario(id, r.description() == null ? "" : r.description().strip(), type, match, count,
        window, capacity, leak, distinct, perPort, groupBy, minSources);
  }

  private String id() {
    String id = r.id();
    if (id == null || id.isBlank()) {
      problems.add(at + ".id: missing");
    } else if (!id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
      problems.add(at + ".id: '" + id + "' must be lower case letters, digits, '.', '_' or '-' (at most 64)");
    }
    return id;
  }

  private ScenarioType type() {
    String names = Arrays.stream(ScenarioType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    if (r.type() == null) {
      problems.add(at + ".type: missing (one of " + names + ")");
      return null;
    }
    for (ScenarioType t : ScenarioType.values()) {
      if (t.name().equalsIgnoreCase(r.type().strip())) {
        return t;
      }
    }
    problems.add(at + ".type: unknown type '" + r.type() + "' (one of " + names + ")");
    return null;
  }

  private EventFilter match() {
    RawMatch m = r.match();
    if (m == null) {
      problems.add(at + ".match: missing (services, kinds and/or families)");
      return null;
    }
    Set<Service> services = EnumSet.noneOf(Service.class);
    list(m.services(), ".match.services", (path, text) -> {
      Service s = Service.byId(text.strip().toLowerCase(Locale.ROOT));
      if (s == null) {
        problems.add(path + ": unknown service '" + text + "' (one of " + ConfigReader.ids(Service.values()) + ")");
      } else {
        services.add(s);
      }
    });
    Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    list(m.kinds(), ".match.kinds", (path, text) -> {
      EventKind k = ConfigReader.kind(text);
      if (k == null) {
        problems.add(path + ": unknown kind '" + text + "' (one of " + ConfigReader.ids(EventKind.values()) + ")");
      } else {
        kinds.add(k);
      }
    });
    List<String> families = new ArrayList<>();
    list(m.families(), ".match.families", (path, text) -> {
      if (!text.matches("[a-z0-9][a-z0-9_.-]*(\\.\\*)?")) {
        problems.add(path + ": '" + text + "' is not a family id or a prefix ending in '.*'");
      } else {
        families.add(text);
      }
    });
    if (services.isEmpty() && kinds.isEmpty() && families.isEmpty()) {
      if (nothingListed(m)) {
        problems.add(at + ".match: must name services, kinds or families");
      }
      return null;
    }
    return new EventFilter(services, kinds, families);
  }

  private boolean nothingListed(RawMatch m) {
    return (m.services() == null || m.services().isEmpty()) && (m.kinds() == null || m.kinds().isEmpty())
        && (m.families() == null || m.families().isEmpty());
  }

  private Set<Scope> groupBy() {
    if (r.groupBy() == null) {
      return EnumSet.of(Scope.ADDRESS);
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    list(r.groupBy(), ".groupBy", (path, text) -> {
      Scope s = null;
      for (Scope c : Scope.values()) {
        if (c.name().equalsIgnoreCase(text.strip())) {
          s = c;
        }
      }
      if (s == null) {
        problems.add(path + ": unknown scope '" + text + "' (one of address, prefix, owner)");
      } else {
        scopes.add(s);
      }
    });
    if (scopes.isEmpty()) {
      if (r.groupBy().isEmpty()) {
        problems.add(at + ".groupBy: must name at least one of address, prefix, owner");
      }
      return null;
    }
    return scopes;
  }

  private DistinctField distinct() {
    String names = Arrays.stream(DistinctField.values()).map(DistinctField::id).collect(Collectors.joining(", "));
    if (r.distinct() == null) {
      problems.add(at + ".distinct: missing (one of " + names + ")");
      return null;
    }
    DistinctField f = DistinctField.byId(r.distinct().strip());
    if (f == null) {
      problems.add(at + ".distinct: unknown field '" + r.distinct() + "' (one of " + names + ")");
    }
    return f;
  }

  private int required(String key, Integer value, int min, int max) {
    if (value == null) {
      problems.add(at + key + ": missing");
      return 0;
    }
    return ConfigReader.range(problems, at + key, value, 0, min, max);
  }

  private Duration duration(String key, String text) {
    if (text == null) {
      problems.add(at + key + ": missing (e.g. 30s, 10m, 1h)");
      return null;
    }
    Duration d = DurationText.parse(text);
    if (d == null) {
      problems.add(at + key + ": '" + text + "' is not a duration (e.g. 500ms, 30s, 10m, 1h, 2d)");
    } else if (d.isNegative() || d.isZero()) {
      problems.add(at + key + ": must be positive");
    } else if (d.compareTo(ConfigReader.MAX_DURATION) > 0) {
      problems.add(at + key + ": at most 30d");
    } else if (d.toMillis() == 0) {
      problems.add(at + key + ": below the resolution of one millisecond");
    }
    return d;
  }

  private void notFor(ScenarioType type, String key, Object value) {
    if (value != null) {
      problems.add(at + key + ": not a key of a " + type.name().toLowerCase(Locale.ROOT) + " scenario");
    }
  }

  private void list(List<String> values, String key, BiConsumer<String, String> each) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String path = at + key + "[" + i + "]";
      if (values.get(i) == null || values.get(i).isBlank()) {
        problems.add(path + ": empty");
      } else {
        each.accept(path, values.get(i));
      }
    }
  }
}
