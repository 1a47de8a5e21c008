package org.abuseloop.report;

/**
 * The X-ARF v4 category and type a report is filed under. Immutable and thread-safe (an enum); only
 * the types abuseloop's scenarios produce are listed.
 */
public enum XarfType {
  /** Password guessing and account enumeration against a login (SSH, SIP, SMTP AUTH, IMAP). */
  LOGIN_ATTACK("connection", "login_attack"),
  /** Connections refused on many ports of a host, or on one port across many hosts. */
  PORT_SCAN("connection", "port_scan"),
  /** Probing that is neither: SIP scanners, dial plan probing, rejected mail and recipients. */
  RECONNAISSANCE("connection", "reconnaissance");

  private final String category;
  private final String type;

  XarfType(String category, String type) {
    this.category = category;
    this.type = type;
  }

  /** The X-ARF category, e.g. {@code connection}. */
  public String category() {
    return category;
  }

  /** The X-ARF type within the category, e.g. {@code login_attack}. */
  public String type() {
    return type;
  }
}
