package org.abuseloop.logs.ssh;

import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;

/**
 * What one sshd line says about its connection before the connection's memory is consulted: its role,
 * the family it would report, and the client, port, user and target it names. Short-lived and
 * confined to the parsing thread.
 */
final class Finding {

  /** How a line bears on its connection. */
  enum Role {
    /** An attack line that names its client: always an event. */
    ATTACK,
    /** An attack line without the client (older sshd): an event once the connection's client is known. */
    HOSTLESS,
    /** {@code Connection from ADDR port P on ADDR port P}: a new connection, no event. */
    NEW_CONNECTION,
    /** A line that names the client but reports nothing by itself (a valid user's rejected key). */
    LEARN,
    /** The end of a connection: an event when before authentication or when a hostless failure waits. */
    SESSION_END,
    /** {@code Accepted ... for X}: an event only when the connection failed for other users first. */
    LOGIN,
    /** A PAM module's failure: an event only when the connection has tried more than one user. */
    PAM
  }

  final Role role;
  final Family family;
  Source source;
  int port;
  String user;
  IpAddress target;
  int targetPort;
  boolean preauth;

  Finding(Role role, Family family) {
    this.role = role;
    this.family = family;
  }

  Finding client(Source source, int port) {
    this.source = source;
    this.port = port;
    return this;
  }

  Finding user(String user) {
    this.user = user;
    return this;
  }

  Finding preauth(boolean preauth) {
    this.preauth = preauth;
    return this;
  }
}
