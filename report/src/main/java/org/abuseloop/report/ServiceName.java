package org.abuseloop.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The attacked service as abuse desks name it ({@code ssh}, {@code sip}, {@code smtp}, {@code imap},
 * {@code firewall}), read from the scenario id or, for a scenario of the operator's own, from the
 * message family of the first log extract. Stateless and thread-safe.
 */
final class ServiceName {

  // Scenario id prefixes and family (service) ids, longest match first by listing order.
  private static final List<Map.Entry<String, String>> PREFIXES = List.of(
      Map.entry("sshd", "ssh"), Map.entry("dropbear", "ssh"), Map.entry("asterisk", "sip"),
      Map.entry("freeswitch", "sip"), Map.entry("kamailio", "sip"), Map.entry("opensips", "sip"),
      Map.entry("sip", "sip"), Map.entry("smtp", "smtp"), Map.entry("mail", "smtp"), Map.entry("postfix", "smtp"),
      Map.entry("exim", "smtp"), Map.entry("sendmail", "smtp"), Map.entry("imap", "imap"),
      Map.entry("dovecot", "imap"), Map.entry("courier", "imap"), Map.entry("port", "firewall"),
      Map.entry("firewall", "firewall"));

  private ServiceName() {}

  /** The service of the report, {@code other} when neither scenario nor evidence tells. */
  static String of(AbuseReport r) {
    String byScenario = lookup(r.scenario());
    if (byScenario != null) {
      return byScenario;
    }
    String byFamily = r.extracts().isEmpty() ? null : lookup(r.extracts().get(0).family());
    return byFamily == null ? "other" : byFamily;
  }

  /** True when the report's service is mail delivery (SMTP). */
  static boolean isMail(AbuseReport r) {
    return of(r).equals("smtp");
  }

  private static String lookup(String id) {
    String lower = id.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : PREFIXES) {
      if (lower.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }
}
