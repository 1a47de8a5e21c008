package org.abuseloop.core;

import java.util.Locale;

/** The programs whose logs abuseloop reads. */
public enum Service {
  ASTERISK, KAMAILIO, FREESWITCH, SSHD, DROPBEAR, POSTFIX, EXIM, DOVECOT, SENDMAIL, COURIER, FIREWALL;

  /** The lower-case id used on the command line and in JSON ({@code asterisk}, {@code sshd}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The service with this id, or null. */
  public static Service byId(String id) {
    for (Service s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }
}
