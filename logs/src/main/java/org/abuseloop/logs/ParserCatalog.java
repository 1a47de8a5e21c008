package org.abuseloop.logs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;

/**
 * The service parsers abuseloop knows, and which syslog program names belong to which service.
 * Immutable after construction and thread-safe.
 */
public final class ParserCatalog {

  private final Map<Service, ServiceParser> byService = new EnumMap<>(Service.class);
  private final List<ServiceParser> all;

  public ParserCatalog(List<ServiceParser> parsers) {
    for (ServiceParser p : parsers) {
      if (byService.put(p.service(), p) != null) {
        throw new IllegalArgumentException("two parsers for " + p.service());
      }
    }
    this.all = List.copyOf(parsers);
  }

  /**
   * Every parser this build ships, found through {@link ServiceLoader} (listed in
   * {@code META-INF/services/org.abuseloop.logs.ServiceParser}), so this package does not depend on
   * the parser packages that depend on it.
   */
  public static ParserCatalog standard() {
    return Standard.CATALOG;
  }

  /** Loads the shipped parsers once, on first use. */
  private static final class Standard {
    static final ParserCatalog CATALOG = load();

    private static ParserCatalog load() {
      List<ServiceParser> parsers = new ArrayList<>();
      ServiceLoader.load(ServiceParser.class, ParserCatalog.class.getClassLoader()).forEach(parsers::add);
      return new ParserCatalog(parsers);
    }
  }

  /** The same parsers as one source uses them (see {@link ServiceParser#forSource()}); for one source only. */
  public ParserCatalog forSource() {
    List<ServiceParser> own = new ArrayList<>(all.size());
    for (ServiceParser p : all) {
      own.add(p.forSource());
    }
    return new ParserCatalog(own);
  }

  public ServiceParser parser(Service service) {
    return byService.get(service);
  }

  public List<ServiceParser> all() {
    return all;
  }

  /** Every family of every parser, in catalog order. */
  public List<Family> families() {
    List<Family> out = new ArrayList<>();
    for (ServiceParser p : all) {
      out.addAll(p.families());
    }
    return out;
  }

  /**
   * The parser for the program that wrote this syslog message: its service's, {@link #NOT_OURS} for a
   * program known to write nothing we parse (cron, systemd...), or null when the program is unknown
   * (then every parser may try the line).
   */
  ServiceParser forProgram(Message m) {
    Service s = ProgramNames.serviceOf(m.bytes(), m.programStart(), m.programEnd());
    if (s == null) {
      return ProgramNames.isNotOurs(m.bytes(), m.programStart(), m.programEnd()) ? NOT_OURS : null;
    }
    return byService.get(s);
  }

  /**
   * The parser of the lines of programs that are not ours: it recognises nothing. Never in
   * {@link #all()}; stateless and thread-safe.
   */
  static final ServiceParser NOT_OURS = new ServiceParser() {
    @Override
    public Service service() {
      return null;
    }

    @Override
    public List<Family> families() {
      return List.of();
    }

    @Override
    public Event parse(Message message) {
      return null;
    }
  };
}
