package org.abuseloop.cli;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpAddress;
import org.abuseloop.report.Redaction;
import org.abuseloop.report.ReportContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options {@code report} and {@code report bulk} share to say who reports and what was attacked: the
 * reporter's organisation, contact and domain (required by every report built, checked when one is, since
 * {@code report} without {@code --preview} or {@code --queue} needs none) and the attacked addresses. A picocli
 * mixin; not thread-safe (picocli fills it once per run).
 */
final class ReporterOptions {

  @Option(names = "--reporter-org", paramLabel = "ORG", description = "your organisation, as the abuse desk sees it")
  String org;

  @Option(names = "--reporter-contact", paramLabel = "MAIL", description = "the address where the desk can answer")
  String contact;

  @Option(names = "--reporter-domain", paramLabel = "DOMAIN", description = "your domain")
  String domain;

  @Option(names = "--destination", paramLabel = "ADDR",
      description = "the attacked address, when the logs do not name it (repeatable)")
  List<String> destinations = new ArrayList<>();

  /**
   * The context the reports are built in, the options checked: a missing or malformed one is a usage error of
   * {@code command} naming the option.
   */
  ReportContext context(CommandSpec command, ZoneId zone, Redaction redaction) {
    check(command, "--reporter-org", org == null || org.isBlank() ? "is required" : null);
    check(command, "--reporter-contact", contact == null ? "is required"
        : ReportContext.contactProblem(contact).orElse(null));
    check(command, "--reporter-domain", domain == null ? "is required"
        : ReportContext.domainProblem(domain).orElse(null));
    List<IpAddress> targets = new ArrayList<>();
    for (String d : destinations) {
      IpAddress a = IpAddress.parse(d);
      check(command, "--destination", a == null ? "must be an IP address, not '" + d + "'" : null);
      targets.add(a);
    }
    return new ReportContext(org.strip(), contact, domain, targets, zone, redaction);
  }

  private static void check(CommandSpec command, String option, String problem) {
    if (problem != null) {
      throw new ParameterException(command.commandLine(), option + " " + problem);
    }
  }
}
