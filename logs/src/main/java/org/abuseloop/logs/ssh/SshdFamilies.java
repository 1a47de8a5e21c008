package org.abuseloop.logs.ssh;

import java.util.List;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;

/**
 * The message families of OpenSSH's sshd (also as sshd-session and sshd-auth), each with its stable
 * id and kind. Constants only; immutable and thread-safe.
 */
public final class SshdFamilies {

  /** {@code Failed password for [invalid user ]X from ADDR port P ssh2}. */
  public static final Family FAILED_PASSWORD = family("sshd.failed-password", EventKind.AUTH_FAILURE);
  /** {@code Failed keyboard-interactive[/pam] for ...}. */
  public static final Family FAILED_KEYBOARD_INTERACTIVE = family("sshd.failed-keyboard-interactive", EventKind.AUTH_FAILURE);
  /** {@code Failed publickey for invalid user ...}; a valid user's rejected keys are routine and give none. */
  public static final Family FAILED_PUBLICKEY = family("sshd.failed-publickey", EventKind.AUTH_FAILURE);
  /** {@code Failed none|hostbased|unknown|gssapi-with-mic ... for ...}. */
  public static final Family FAILED_OTHER = family("sshd.failed-other", EventKind.AUTH_FAILURE);
  /** {@code Invalid user X from ADDR}, {@code Illegal user}, PAM's {@code User not known ... for illegal user}. */
  public static final Family INVALID_USER = family("sshd.invalid-user", EventKind.UNKNOWN_USER);
  /** {@code User X from ADDR not allowed because ...} (AllowUsers, DenyGroups, a locked account ...). */
  public static final Family NOT_ALLOWED = family("sshd.not-allowed", EventKind.ACL_REJECT);
  /** {@code ROOT LOGIN REFUSED FROM ADDR}. */
  public static final Family ROOT_REFUSED = family("sshd.root-refused", EventKind.ACL_REJECT);
  /** TCP wrappers: {@code refused connect from NAME (ADDR)}. */
  public static final Family REFUSED_CONNECT = family("sshd.refused-connect", EventKind.ACL_REJECT);
  /** {@code error: PAM: Authentication failure for X from HOST}. */
  public static final Family PAM_FAILURE = family("sshd.pam-failure", EventKind.AUTH_FAILURE);
  /**
   * {@code pam_unix(sshd:auth): authentication failure; ... rhost=ADDR user=X}, counted only when the
   * connection tries a second user: for one user sshd's own {@code Failed password} line counts it.
   */
  public static final Family PAM_MODULE_FAILURE = family("sshd.pam-module-failure", EventKind.AUTH_FAILURE);
  /** {@code maximum authentication attempts exceeded}, {@code Disconnecting: Too many authentication failures}. */
  public static final Family MAX_ATTEMPTS = family("sshd.max-attempts", EventKind.AUTH_FAILURE);
  /** {@code Accepted ... for X} on a connection that failed for other users first. */
  public static final Family LOGIN_AFTER_FAILURES = family("sshd.login-after-failures", EventKind.AUTH_FAILURE);
  /** {@code Disconnecting invalid user X ADDR port P: Change of username or service not allowed}. */
  public static final Family CHANGE_OF_USER = family("sshd.change-of-user", EventKind.PROTOCOL_ABUSE);
  /** {@code Received disconnect from ADDR port P:3: ...: Auth fail}: the client reports its own failure. */
  public static final Family CLIENT_AUTH_FAIL = family("sshd.client-auth-fail", EventKind.AUTH_FAILURE);
  /** A connection that ends before authentication: {@code Connection closed|reset by ... [preauth]} and the like. */
  public static final Family PREAUTH_DISCONNECT = family("sshd.preauth-disconnect", EventKind.SCANNER);
  /** {@code Did not receive identification string from ADDR}. */
  public static final Family NO_IDENTIFICATION = family("sshd.no-identification", EventKind.SCANNER);
  /** A client that does not speak SSH: bad protocol version, {@code kex_exchange_identification}, banner errors. */
  public static final Family BAD_BANNER = family("sshd.bad-banner", EventKind.SCANNER);
  /** {@code Unable to negotiate with ADDR port P: no matching ... found}: an old or scanning client. */
  public static final Family KEX_FAILED = family("sshd.kex-failed", EventKind.SCANNER);
  /** {@code ssh_dispatch_run_fatal: ... message authentication code incorrect}, corrupted or obfuscated packets. */
  public static final Family CORRUPT_PACKET = family("sshd.corrupt-packet", EventKind.PROTOCOL_ABUSE);
  /** {@code Timeout before authentication for ADDR}. */
  public static final Family LOGIN_TIMEOUT = family("sshd.login-timeout", EventKind.SCANNER);
  /** OpenSSH 9.8 PerSourcePenalties: {@code drop connection #N from [ADDR]:P on [ADDR]:P penalty: ...}. */
  public static final Family PENALTY = family("sshd.penalty", EventKind.RATE_LIMITED);

  static final List<Family> ALL = List.of(FAILED_PASSWORD, FAILED_KEYBOARD_INTERACTIVE, FAILED_PUBLICKEY,
      FAILED_OTHER, INVALID_USER, NOT_ALLOWED, ROOT_REFUSED, REFUSED_CONNECT, PAM_FAILURE, PAM_MODULE_FAILURE,
      MAX_ATTEMPTS, LOGIN_AFTER_FAILURES, CHANGE_OF_USER, CLIENT_AUTH_FAIL, PREAUTH_DISCONNECT, NO_IDENTIFICATION,
      BAD_BANNER, KEX_FAILED, CORRUPT_PACKET, LOGIN_TIMEOUT, PENALTY);

  private SshdFamilies() {}

  private static Family family(String id, EventKind kind) {
    return new Family(id, Service.SSHD, kind);
  }
}
