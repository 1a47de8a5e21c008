package org.abuseloop.firewall;

import org.abuseloop.core.Protocol;

/** A transport port the firewall can match: TCP, UDP or SCTP and a number. Immutable and thread-safe. */
public record Port(Protocol protocol, int number) {

  public Port {
    if (protocol != Protocol.TCP && protocol != Protocol.UDP && protocol != Protocol.SCTP) {
      throw new IllegalArgumentException("only tcp, udp and sctp ports can be matched, got " + protocol);
    }
    if (number < 1 || number > 65535) {
      throw new IllegalArgumentException("port out of range: " + number);
    }
  }

  /** A short name usable inside set and counter names, e.g. {@code udp_5060}. */
  String key() {
    return protocol.id() + "_" + number;
  }
}
