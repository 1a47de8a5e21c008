package org.abuseloop.logs.ssh;

import java.util.List;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;

/** The message families of the dropbear SSH server. Constants only; immutable and thread-safe. */
public final class DropbearFamilies {

  /** {@code Bad password attempt for 'X' from ADDR:PORT}, also {@code Bad PAM password attempt}. */
  public static final Family BAD_PASSWORD = family("dropbear.bad-password", EventKind.AUTH_FAILURE);
  /** {@code Login attempt for nonexistent user[ 'X'] from ADDR:PORT}. */
  public static final Family UNKNOWN_USER = family("dropbear.unknown-user", EventKind.UNKNOWN_USER);
  /** {@code Exit before auth from <ADDR:PORT>: ... Max auth tries reached}. */
  public static final Family MAX_TRIES = family("dropbear.max-tries", EventKind.AUTH_FAILURE);
  /** Any other {@code Exit before auth}: the client left before logging in. */
  public static final Family EXIT_BEFORE_AUTH = family("dropbear.exit-before-auth", EventKind.SCANNER);

  static final List<Family> ALL = List.of(BAD_PASSWORD, UNKNOWN_USER, MAX_TRIES, EXIT_BEFORE_AUTH);

  private DropbearFamilies() {}

  private static Family family(String id, EventKind kind) {
    return new Family(id, Service.DROPBEAR, kind);
  }
}
