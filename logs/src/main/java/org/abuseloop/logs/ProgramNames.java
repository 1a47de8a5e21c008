package org.abuseloop.logs;

import java.nio.charset.StandardCharsets;
import org.abuseloop.core.Service;

/**
 * Maps syslog program names ({@code sshd}, {@code postfix/smtpd}, {@code /usr/sbin/kamailio}) to the
 * service that writes them. Stateless and thread-safe.
 */
final class ProgramNames {

  private static final Object[][] EXACT = {
    {"sshd", Service.SSHD}, {"sshd-session", Service.SSHD}, {"sshd-auth", Service.SSHD},
    {"dropbear", Service.DROPBEAR},
    {"exim", Service.EXIM}, {"exim4", Service.EXIM},
    {"dovecot", Service.DOVECOT}, {"dovecot-auth", Service.DOVECOT}, {"auth", Service.DOVECOT}, {"auth-worker", Service.DOVECOT},
    {"imap-login", Service.DOVECOT}, {"pop3-login", Service.DOVECOT}, {"submission-login", Service.DOVECOT},
    {"managesieve-login", Service.DOVECOT},
    {"postgrey", Service.POSTFIX},
    {"sendmail", Service.SENDMAIL}, {"sm-mta", Service.SENDMAIL}, {"sm-acceptingconnections", Service.SENDMAIL}, {"sm-msp-queue", Service.SENDMAIL},
    {"courieresmtpd", Service.COURIER}, {"courieresmtp", Service.COURIER}, {"courierpop3login", Service.COURIER},
    {"courierimaplogin", Service.COURIER}, {"courierpop3d", Service.COURIER}, {"courierimapd", Service.COURIER},
    {"imapd", Service.COURIER}, {"pop3d", Service.COURIER}, {"imapd-ssl", Service.COURIER}, {"pop3d-ssl", Service.COURIER},
    {"kamailio", Service.KAMAILIO}, {"openser", Service.KAMAILIO},
    {"asterisk", Service.ASTERISK},
    {"freeswitch", Service.FREESWITCH},
    {"kernel", Service.FIREWALL},
  };
  private static final byte[][] NAMES = new byte[EXACT.length][];

  /**
   * Programs that share the system log with our services and never write an attack line any parser
   * knows (job schedulers, systemd's daemons, the log daemon itself): their lines go to no parser,
   * rather than to every parser in turn as the lines of an unknown program do.
   */
  private static final byte[][] NOT_OURS = bytes(
      "CRON", "cron", "crond", "anacron", "atd",
      "systemd", "systemd-logind", "systemd-journald", "systemd-timesyncd", "systemd-resolved",
      "systemd-networkd", "systemd-udevd", "rsyslogd", "syslog-ng", "dbus-daemon", "polkitd",
      "chronyd", "ntpd", "dhclient", "snapd");

  static {
    for (int i = 0; i < EXACT.length; i++) {
      NAMES[i] = ((String) EXACT[i][0]).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static final byte[] POSTFIX = "postfix".getBytes(StandardCharsets.US_ASCII);

  private ProgramNames() {}

  /** The service for the program name in {@code [from, to)}, or null. */
  static Service serviceOf(byte[] b, int from, int to) {
    if (to <= from) {
      return null;
    }
    if (b[from] == '/') {
      int slash = from;
      for (int i = from; i < to; i++) {
        if (b[i] == '/') {
          slash = i;
        }
      }
      from = slash + 1;
    }
    if (startsWith(b, from, to, POSTFIX)) {
      return Service.POSTFIX;
    }
    int n = to - from;
    for (int i = 0; i < NAMES.length; i++) {
      // The length first, here: most names differ in it, and the comparison is then not called.
      if (NAMES[i].length == n && equals(b, from, to, NAMES[i])) {
        return (Service) EXACT[i][1];
      }
    }
    return null;
  }

  /** True when the program name in {@code [from, to)} is one of {@link #NOT_OURS} (exactly, without a path). */
  static boolean isNotOurs(byte[] b, int from, int to) {
    int n = to - from;
    for (byte[] name : NOT_OURS) {
      if (name.length == n && equals(b, from, to, name)) {
        return true;
      }
    }
    return false;
  }

  private static byte[][] bytes(String... names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }

  private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
    return to - from >= prefix.length && equals(b, from, from + prefix.length, prefix);
  }

  private static boolean equals(byte[] b, int from, int to, byte[] name) {
    if (to - from != name.length) {
      return false;
    }
    for (int i = 0; i < name.length; i++) {
      if (b[from + i] != name[i]) {
        return false;
      }
    }
    return true;
  }
}
