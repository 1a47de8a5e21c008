package org.abuseloop.detect;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Incident.Scope;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Service;
import org.abuseloop.detect.RawConfig.RawMatch;
import org.abuseloop.detect.RawConfig.RawScenario;
import org.abuseloop.detect.RawConfig.RawSettings;

/**
 * Turns YAML text into a validated {@link DetectionConfig}: Jackson binds the document (rejecting
 * unknown keys, duplicate keys and wrong types), then every value is checked and every problem is
 * collected with its YAML path. Not thread-safe: one reader per document.
 */
final class ConfigReader {

  static final int MAX_THRESHOLD = 10_000;
  static final int MAX_DISTINCT = 1_000;
  static final int MAX_CAPACITY = 1_000_000;
  static final int MAX_KEYS = 50_000_000;
  static final Duration MAX_DURATION = Duration.ofDays(30);

  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private final String origin;
  private final List<String> problems = new ArrayList<>();

  ConfigReader(String origin) {
    this.origin = origin;
  }

  DetectionConfig read(String yaml) {
    RawConfig raw = bind(yaml);
    if (raw == null) {
      throw new ConfigException(origin, problems.isEmpty() ? List.of("empty document: no scenarios") : problems);
    }
    Settings settings = settings(raw.settings());
    List<Scenario> scenarios = scenarios(raw.scenarios());
    if (!problems.isEmpty()) {
      throw new ConfigException(origin, problems);
    }
    return new DetectionConfig(settings, scenarios);
  }

  private RawConfig bind(String yaml) {
    if (yaml.isBlank()) {
      return null;
    }
    try {
      RawConfig raw = MAPPER.reader().withHandler(new UnknownKeys()).readValue(yaml, RawConfig.class);
      return problems.isEmpty() ? raw : null;
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? ""
          : " (known: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
      problems.add(path(e) + ": unknown key" + known);
    } catch (MismatchedInputException e) {
      problems.add(path(e) + ": expected " + expected(e.getTargetType()) + at(e.getLocation()));
    } catch (JsonMappingException e) {
      problems.add(path(e) + ": " + firstLine(e.getOriginalMessage()) + at(e.getLocation()));
    } catch (JacksonException e) {
      problems.add("not valid YAML: " + firstLine(e.getOriginalMessage()) + at(e.getLocation()));
    } catch (IOException e) {
      problems.add("not readable: " + e.getMessage());
    }
    return null;
  }

  /** Records every unknown key with its path and goes on, so one run reports them all. */
  private final class UnknownKeys extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
        JsonDeserializer<?> deserializer, Object beanOrClass, String name) throws IOException {
      JsonStreamContext object = p.getParsingContext();
      while (object != null && !(object.inObject() && name.equals(object.getCurrentName()))) {
        object = object.getParent();
      }
      problems.add((object == null ? name : path(object)) + ": unknown key" + at(p.currentLocation()));
      p.skipChildren();
      return true;
    }
  }

  /** The YAML path of a parsing context: {@code scenarios[2].match}. */
  private static String path(JsonStreamContext ctx) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.add("." + c.getCurrentName());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = parts.size() - 1; i >= 0; i--) {
      sb.append(parts.get(i));
    }
    return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
  }

  private Settings settings(RawSettings raw) {
    Settings d = Settings.defaults();
    if (raw == null) {
      return d;
    }
    int maxKeys = range("settings.maxKeys", raw.maxKeys(), d.maxKeys(), 1, MAX_KEYS);
    int evidence = range("settings.evidence", raw.evidence(), d.evidence(), 0, 1000);
    int targets = range("settings.targets", raw.targets(), d.targets(), 1, 1000);
    int v4 = raw.prefix() == null ? d.ipv4Prefix() : range("settings.prefix.ipv4", raw.prefix().ipv4(), d.ipv4Prefix(), 1, 32);
    int v6 = raw.prefix() == null ? d.ipv6Prefix() : range("settings.prefix.ipv6", raw.prefix().ipv6(), d.ipv6Prefix(), 1, 128);
    List<IpPrefix> allow = new ArrayList<>();
    List<String> texts = raw.allow() == null ? List.of() : raw.allow();
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      IpPrefix p = t == null ? null : IpPrefix.parse(t.strip());
      if (p == null) {
        problems.add("settings.allow[" + i + "]: not an address or CIDR: '" + t + "'");
      } else {
        allow.add(p);
      }
    }
    boolean privates = raw.includePrivate() != null && raw.includePrivate();
    boolean loopback = raw.includeLoopback() != null && raw.includeLoopback();
    return problems.isEmpty() ? new Settings(maxKeys, evidence, targets, v4, v6, allow, privates, loopback) : d;
  }

  private List<Scenario> scenarios(List<RawScenario> raws) {
    if (raws == null || raws.isEmpty()) {
      problems.add("scenarios: missing or empty");
      return List.of();
    }
    List<Scenario> result = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < raws.size(); i++) {
      String at = "scenarios[" + i + "]";
      RawScenario r = raws.get(i);
      if (r == null) {
        problems.add(at + ": empty scenario");
        continue;
      }
      Integer before = r.id() == null ? null : seen.putIfAbsent(r.id(), i);
      if (before != null) {
        problems.add(at + ".id: duplicate of scenarios[" + before + "] ('" + r.id() + "')");
      }
      Scenario s = new ScenarioCheck(at, r).scenario();
      if (s != null && (r.enabled() == null || r.enabled())) {
        result.add(s);
      }
    }
    return result;
  }

  /** Checks one scenario entry; adds its problems to the reader's list. */
  private final class ScenarioCheck {
    private final String at;
    private final RawScenario r;
    private final int problemsBefore = problems.size();

    ScenarioCheck(String at, RawScenario r) {
      this.at = at;
      this.r = r;
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
        capacity = required(".capacity", r.capacity(), 1, MAX_CAPACITY);
        leak = duration(".leak", r.leak());
        notFor(type, ".count", r.count());
        notFor(type, ".window", r.window());
        notFor(type, ".distinct", r.distinct());
      } else if (type != null) {
        count = required(".count", r.count(), 1, type == ScenarioType.THRESHOLD ? MAX_THRESHOLD : MAX_DISTINCT);
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
      int minSources = r.minSources() == null ? 1 : range(at + ".minSources", r.minSources(), 1, 1, MAX_DISTINCT);
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
          problems.add(path + ": unknown service '" + text + "' (one of " + ids(Service.values()) + ")");
        } else {
          services.add(s);
        }
      });
      Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
      list(m.kinds(), ".match.kinds", (path, text) -> {
        EventKind k = kind(text);
        if (k == null) {
          problems.add(path + ": unknown kind '" + text + "' (one of " + ids(EventKind.values()) + ")");
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
      return range(at + key, value, 0, min, max);
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
      } else if (d.compareTo(MAX_DURATION) > 0) {
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

    private void list(List<String> values, String key, java.util.function.BiConsumer<String, String> each) {
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

  private int range(String path, Integer value, int fallback, int min, int max) {
    if (value == null) {
      return fallback;
    }
    if (value < min) {
      problems.add(path + ": must be at least " + min);
    } else if (value > max) {
      problems.add(path + ": must be at most " + max);
    }
    return value;
  }

  /** Reads {@code AUTH_FAILURE}, {@code auth_failure} or {@code auth-failure}. */
  static EventKind kind(String text) {
    String n = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (EventKind k : EventKind.values()) {
      if (k.name().equals(n)) {
        return k;
      }
    }
    return null;
  }

  private static String ids(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .collect(Collectors.toCollection(TreeSet::new)).toString().replaceAll("[\\[\\]]", "");
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "(document)" : sb.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping of keys";
  }

  private static String at(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
