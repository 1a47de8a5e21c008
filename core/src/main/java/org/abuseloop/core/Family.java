package org.abuseloop.core;

import java.util.Objects;

/**
 * One kind of message a service writes, with a stable id such as {@code asterisk.pjsip.no-endpoint}.
 * Parsers declare their families as constants; the id is what JSON output, scenarios and tests name.
 */
public record Family(String id, Service service, EventKind kind) {

  public Family {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(kind, "kind");
    if (!id.startsWith(service.id() + ".")) {
      throw new IllegalArgumentException("family id '" + id + "' must start with '" + service.id() + ".'");
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
