package org.abuseloop.core;

import java.util.Locale;

/** The programs whose logs abuseloop reads. */
public enum Service {
  ASTERISK, KAMAILIO, FREESWITCH, SSHD, DROPBEAR, POSTFIX, EXIM, DOVECOT, SENDMAIL, COURIER, FIREWALL;

  private static final Service[] VALUES = values();

  /** Made once: the breakdown and the JSON ask for it per port and per event. */
  private final String id = name().toLowerCase(Locale.ROOT);

  /** The lower-case id used on the command line and in JSON ({@code asterisk}, {@code sshd}). */
  public String id() {
    return id;
  }

  /** The service with this ordinal, from an array made once ({@code values()} copies its array per call). */
  public static Service ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }

  /** The service with this id, or null. */
  public static Service byId(String id) {
    for (Service s : VALUES) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    return null;
  }
}
