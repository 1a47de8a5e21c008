package org.abuseloop.logs;

import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;

/**
 * The fields of an event a parser has found so far, turned into an {@link Event} by {@link #build()}.
 * Short-lived and confined to the parsing thread.
 */
public final class EventDraft {

  private final Message message;
  private final Family family;
  private IpAddress source;
  private String sourceHost;
  private int sourcePort;
  private IpAddress target;
  private int targetPort;
  private Protocol protocol = Protocol.UNKNOWN;
  private String user;

  EventDraft(Message message, Family family) {
    this.message = message;
    this.family = family;
  }

  public EventDraft source(IpAddress address) {
    this.source = address;
    return this;
  }

  /** A source the service wrote as a host name (sshd with UseDNS); kept only when it is not an address. */
  public EventDraft sourceHost(String host) {
    this.sourceHost = host;
    return this;
  }

  public EventDraft sourcePort(int port) {
    this.sourcePort = port;
    return this;
  }

  public EventDraft target(IpAddress address) {
    this.target = address;
    return this;
  }

  public EventDraft targetPort(int port) {
    this.targetPort = port;
    return this;
  }

  public EventDraft protocol(Protocol protocol) {
    this.protocol = protocol;
    return this;
  }

  public EventDraft user(String user) {
    this.user = user;
    return this;
  }

  /** The event, or null when no source was found (a parser then reports the line as not recognised). */
  public Event build() {
    if (source == null && (sourceHost == null || sourceHost.isEmpty())) {
      return null;
    }
    return new Event(message.time(), message.offset(), source, source == null ? sourceHost : null,
        sourcePort, target, targetPort, protocol, family, user, message.origin());
  }
}
