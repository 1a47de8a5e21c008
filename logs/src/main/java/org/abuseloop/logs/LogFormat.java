package org.abuseloop.logs;

import org.abuseloop.core.Service;

/**
 * How one file is framed and which service writes it: the envelope its lines mostly use, and the
 * service, or null when each line is dispatched by its syslog program name.
 */
public record LogFormat(Envelope envelope, Service service) {

  @Override
  public String toString() {
    return envelope.name() + (service == null ? " (by program)" : " (" + service.id() + ")");
  }
}
