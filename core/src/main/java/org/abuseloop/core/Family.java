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

  /*
   * equals and hashCode by hand, with the record's meaning (all components): the generated ones are
   * bootstrapped through method handles on first use, which costs a cold run (a 200,000-line parse
   * counts events per family) milliseconds of start-up and stays slow under the C1 compiler.
   */
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof Family f && id.equals(f.id) && service == f.service && kind == f.kind;
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id;
  }
}
