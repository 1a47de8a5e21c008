package org.abuseloop.detect;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.IpPrefix;
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

  /** The mapper, built on first use: {@link #check} alone (the bundled defaults) never starts Jackson. */
  private static final class Mapper {
    static final YAMLMapper INSTANCE = YAMLMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
  }

  private final String origin;
  private final List<String> problems = new ArrayList<>();

  ConfigReader(String origin) {
    this.origin = origin;
  }

  DetectionConfig read(String yaml) {
    return check(bind(yaml));
  }

  /** Validates an already bound document (null: it could not be bound, the problems say why). */
  DetectionConfig check(RawConfig raw) {
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
      RawConfig raw = Mapper.INSTANCE.reader().withHandler(new UnknownKeys()).readValue(yaml, RawConfig.class);
      return problems.isEmpty() ? raw : null;
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? ""
          : " (known: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
      problems.add(path(e) + ": unknown key" + known);
    } catch (MismatchedInputException e) {
      problems.add(path(e) + ": expected " + expected(e.getTargetType()) + YamlPosition.at(e.getLocation()));
    } catch (JsonMappingException e) {
      problems.add(path(e) + ": " + firstLine(e.getOriginalMessage()) + YamlPosition.at(e.getLocation()));
    } catch (JacksonException e) {
      problems.add("not valid YAML: " + firstLine(e.getOriginalMessage()) + YamlPosition.at(e.getLocation()));
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
      problems.add((object == null ? name : YamlPosition.path(object)) + ": unknown key" + YamlPosition.at(p.currentLocation()));
      p.skipChildren();
      return true;
    }
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
      Scenario s = new ScenarioCheck(problems, at, r).scenario();
      if (s != null && (r.enabled() == null || r.enabled())) {
        result.add(s);
      }
    }
    return result;
  }

  private int range(String path, Integer value, int fallback, int min, int max) {
    return range(problems, path, value, fallback, min, max);
  }

  /** The value, or {@code fallback} when missing; adds a problem when it is out of range. */
  static int range(List<String> problems, String path, Integer value, int fallback, int min, int max) {
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

  static String ids(Enum<?>[] values) {
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

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
