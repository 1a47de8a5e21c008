package org.abuseloop.report;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
    contactProblem(contact).ifPresent(p -> {
      throw new IllegalArgumentException("contact " + p);
    });
    domainProblem(domain).ifPresent(p -> {
      throw new IllegalArgumentException("domain " + p);
    });
    destinations = List.copyOf(destinations);
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(redaction, "redaction");
  }

  /**
   * What is wrong with {@code contact} as the reporter's address, e.g. {@code "must be one e-mail address,
   * not 'x'"}; empty when it is one address whose domain is a host name. Lets a caller name its own field.
   */
  public static Optional<String> contactProblem(String contact) {
    if (contact == null || contact.isBlank()) {
      return Optional.of("must not be blank");
    }
    int at = contact.indexOf('@');
    if (at <= 0 || at != contact.lastIndexOf('@') || at == contact.length() - 1 || contact.contains(" ")) {
      return Optional.of("must be one e-mail address, not '" + contact + "'");
    }
    String host = contact.substring(at + 1);
    return isHostName(host) ? Optional.empty()
        : Optional.of("must be an address whose domain is a host name such as example.org, not '" + host + "'");
  }

  /** What is wrong with {@code domain} as the reporter's domain; empty when it is a host name. */
  public static Optional<String> domainProblem(String domain) {
    if (domain == null || domain.isBlank()) {
      return Optional.of("must not be blank");
    }
    return isHostName(domain) ? Optional.empty()
        : Optional.of("must be a host name such as example.org, not '" + domain + "'");
  }

  // Dot-separated labels of letters, digits and inner hyphens, 1 to 63 characters each (RFC 1123), at
  // least two of them: X-ARF checks the domain against the JSON Schema "hostname" format.
  private static boolean isHostName(String name) {
    String[] labels = name.split("\\.", -1);
    if (labels.length < 2 || name.length() > 253) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
          || !label.chars().allMatch(c -> c == '-' || (c < 128 && Character.isLetterOrDigit(c)))) {
        return false;
      }
    }
    return true;
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value.strip();
  }
}
