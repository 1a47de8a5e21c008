package org.abuseloop.report;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.abuseloop.core.IpAddress;

/**
 * Who reports and how: the reporter's organisation, contact address and domain, the destination
 * addresses to name when the logs name none, the zone the logs were written in, and what to redact.
 * Immutable and thread-safe; every field is checked when the context is built, so a bad setting fails
 * at start-up rather than in the first report.
 *
 * @param organisation the reporter's organisation, as the abuse desk should see it
 * @param contact the e-mail address where the abuse desk can answer
 * @param domain the reporter's domain (for the desk to verify the sender)
 * @param destinations the attacked addresses to name when the incident names none (e.g. the host's
 *     public address: a firewall logs it, an sshd does not)
 * @param zone the zone the logs were written in, for the local time when an incident has no evidence
 * @param redaction the operator's own host and user names to hide in what is sent
 */
public record ReportContext(
    String organisation, String contact, String domain, List<IpAddress> destinations, ZoneId zone,
    Redaction redaction) {

  public ReportContext {
    organisation = requireText(organisation, "organisation");
    contact = requireText(contact, "contact");
    domain = requireText(domain, "domain");
    int at = contact.indexOf('@');
    if (at <= 0 || at != contact.lastIndexOf('@') || at == contact.length() - 1 || contact.contains(" ")) {
      throw new IllegalArgumentException("contact must be one e-mail address, not '" + contact + "'");
    }
    if (!domain.contains(".") || domain.contains(" ") || domain.contains("@")) {
      throw new IllegalArgumentException("domain must be a host name such as example.org, not '" + domain + "'");
    }
    destinations = List.copyOf(destinations);
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(redaction, "redaction");
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value.strip();
  }
}
