package org.abuseloop.store;

import java.time.Instant;
import org.abuseloop.core.IpPrefix;

/**
 * One change made to the firewall by hand, as {@link FirewallChanges} keeps it for a running
 * {@code watch}: a ban, an unban (of the target and every ban inside it), a rebuild of the whole
 * table, or its removal. Immutable and thread-safe.
 *
 * @param id the change's number, growing with each change
 * @param kind what was done
 * @param target the address or prefix banned or unbanned; null for a rebuild or a removal
 * @param at when it was done
 */
public record FirewallChange(long id, Kind kind, IpPrefix target, Instant at) {

  /** What a change did; {@link #id()} is the name kept in the store. */
  public enum Kind {
    BAN("ban"), UNBAN("unban"), REBUILD("rebuild"),
    /** The table was deleted by hand ({@code firewall remove}): watch applies no ban until a rebuild (migration V8). */
    REMOVE("remove");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown firewall change kind '" + id + "'");
    }
  }
}
