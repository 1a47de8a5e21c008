package org.abuseloop.core;

/** What an attack line says happened, independent of the service that wrote it. */
public enum EventKind {
  /** A wrong password or failed challenge for an account that exists (or may exist). */
  AUTH_FAILURE,
  /** A login or registration for an account or peer the service does not have. */
  UNKNOWN_USER,
  /** A request refused by an access control list or a "not allowed" rule. */
  ACL_REJECT,
  /** A call to an extension or number that does not exist: dial-plan probing, toll fraud. */
  UNKNOWN_EXTENSION,
  /** A request that identifies itself as a scanner (user agent, protocol probe, pre-auth abuse). */
  SCANNER,
  /** A connection the firewall refused. */
  CONNECTION_DENIED,
  /** Mail refused as spam, from a blocklisted host, to an unknown or relay-denied recipient. */
  SPAM_REJECT,
  /** A protocol violation or malformed request that only an attack tool sends. */
  PROTOCOL_ABUSE,
  /** The service or a module throttled the source (rate limit, pike, too many connections). */
  RATE_LIMITED
}
