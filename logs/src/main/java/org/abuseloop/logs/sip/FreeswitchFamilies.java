package org.abuseloop.logs.sip;

import static org.abuseloop.core.EventKind.ACL_REJECT;
import static org.abuseloop.core.EventKind.AUTH_FAILURE;
import static org.abuseloop.core.EventKind.UNKNOWN_USER;

import java.util.List;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;

/**
 * The FreeSWITCH message families abuseloop knows, all from mod_sofia (and the identical ACL line of
 * mod_event_socket). Constants only; immutable and thread-safe.
 */
public final class FreeswitchFamilies {

  /** {@code SIP auth failure (METHOD) on sofia profile 'P' for [USER@DOMAIN] from ip ADDR}: a wrong password. */
  public static final Family SIP_AUTH_FAILURE = family("freeswitch.sip.auth-failure", AUTH_FAILURE);
  /**
   * {@code SIP auth challenge (METHOD) on sofia profile ...}: a request without valid credentials was
   * challenged. Logged only with {@code log-auth-failures}; a phone's first REGISTER is challenged too,
   * so scenarios should count it with a higher threshold than a failure.
   */
  public static final Family SIP_AUTH_CHALLENGE = family("freeswitch.sip.auth-challenge", AUTH_FAILURE);
  /** {@code Can't find user [USER@DOMAIN] from ADDR}: registration for a user the directory lacks. */
  public static final Family SIP_UNKNOWN_USER = family("freeswitch.sip.unknown-user", UNKNOWN_USER);
  /** {@code IP ADDR Rejected by acl "NAME"} (not the DEBUG line that falls back to digest auth). */
  public static final Family ACL_REJECTED = family("freeswitch.acl.rejected", ACL_REJECT);
  /** {@code IP ADDR Rejected by register acl ["NAME"]}. */
  public static final Family REGISTER_ACL_REJECTED = family("freeswitch.acl.register-rejected", ACL_REJECT);

  /** Every family above, in declaration order. */
  public static final List<Family> ALL =
      List.of(SIP_AUTH_FAILURE, SIP_AUTH_CHALLENGE, SIP_UNKNOWN_USER, ACL_REJECTED, REGISTER_ACL_REJECTED);

  private FreeswitchFamilies() {}

  private static Family family(String id, EventKind kind) {
    return new Family(id, Service.FREESWITCH, kind);
  }
}
