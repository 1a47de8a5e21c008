package org.abuseloop.intel;

import java.util.Set;

/**
 * The report format ids a channel or an override may name: the ones the report module writes,
 * plus {@code msrc-api} and {@code web-form} for channels that take no file. Stateless and thread-safe.
 */
final class ReportFormats {

  /** Every known id, with what it means. */
  static final Set<String> KNOWN = Set.of(
      "xarf",        // X-ARF v4 JSON
      "xarf-mail",   // X-ARF 0.2 MIME mail (the report command's id)
      "arf",         // RFC 5965
      "iodef",       // RFC 7970 XML
      "abuseipdb",   // AbuseIPDB v2 report / bulk CSV
      "aws-csv",     // AWS's CSV for many addresses
      "text",        // plain text for a person
      "msrc-api",    // Microsoft's Report Abuse API (JSON)
      "web-form");   // a person fills in the provider's form

  private ReportFormats() {}
}
