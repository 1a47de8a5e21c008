package org.abuseloop.detect;

/** What a {@link ScenarioType#DISTINCT} scenario counts the distinct values of. Immutable and thread-safe. */
public enum DistinctField {
  /** The user, account or extension tried: enumeration of accounts or of a dial plan. */
  USER("user"),
  /** The target port: a scan of many ports of one host. */
  TARGET_PORT("target-port"),
  /** The target address: a sweep of a network (usually per target port). */
  TARGET_ADDRESS("target-address");

  private final String id;

  DistinctField(String id) {
    this.id = id;
  }

  /** The name used in YAML. */
  public String id() {
    return id;
  }

  /** The field with this YAML name, or null. */
  static DistinctField byId(String id) {
    for (DistinctField f : values()) {
      if (f.id.equals(id)) {
        return f;
      }
    }
    return null;
  }
}
