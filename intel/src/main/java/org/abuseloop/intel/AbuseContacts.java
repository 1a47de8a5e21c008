package org.abuseloop.intel;

import java.io.IOException;
import java.util.Objects;
import org.abuseloop.core.IpAddress;

/**
 * Answers "where does a report about this source go": the operator's overrides first, then the
 * shipped provider table (by the caller's attribution, else by the source's AS number when an ASN
 * database is given), then the registry's abuse contact over RDAP (when configured).
 * Immutable and thread-safe when its RDAP part is (the shipped one is).
 *
 * <p>RDAP is never asked about private, loopback, documentation or otherwise reserved space
 * ({@link ReservedSpace}) unless {@link Builder#queryReservedSpace} says so (tests on loopback do).
 */
public final class AbuseContacts {

  private final ContactOverrides overrides;
  private final ProviderChannels channels;
  private final RdapContacts rdap;
  private final AsnDatabase asns;
  private final boolean queryReserved;

  private AbuseContacts(Builder b) {
    this.overrides = b.overrides;
    this.channels = b.channels;
    this.rdap = b.rdap;
    this.asns = b.asns;
    this.queryReserved = b.queryReserved;
  }

  /** The shipped provider table only: no overrides, no RDAP. */
  public static AbuseContacts standard() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Where a report about {@code source} goes, given the provider attribution found for it (an id
   * of the provider table such as {@code aws}, or null when none). Never null; a lookup that finds
   * nothing, or whose RDAP query fails, answers channel {@code none} with the reason.
   */
  public ContactAnswer find(IpAddress source, String providerIdOrNull) {
    return find(source, providerIdOrNull, null);
  }

  /** As {@link #find(IpAddress, String)}, with the attribution's range so region overrides apply. */
  public ContactAnswer find(IpAddress source, ProviderRange rangeOrNull) {
    return rangeOrNull == null ? find(source, null, null)
        : find(source, rangeOrNull.provider().id(), rangeOrNull.region());
  }

  /** As {@link #find(IpAddress, String)}, with the provider's region (null when unknown). */
  public ContactAnswer find(IpAddress source, String providerIdOrNull, String regionOrNull) {
    Objects.requireNonNull(source, "source");
    String providerId = providerIdOrNull;
    AutonomousSystem as = providerId == null ? autonomousSystem(source) : null;
    AbuseChannel byAsn = as == null ? null : channels.byAsn(as.number()).orElse(null);
    if (byAsn != null) {
      providerId = byAsn.provider();
    }
    ContactAnswer override = overrides.find(source, providerId, regionOrNull);
    if (override != null) {
      return override;
    }
    if (providerId != null) {
      AbuseChannel c = channels.find(providerId).orElse(null);
      if (c != null) {
        return new ContactAnswer(ContactAnswer.PROVIDER, c.contact(), c.preferredFormat(), ProviderChannels.RESOURCE,
            c.name() + (byAsn != null ? " (announces " + as.network() + " as AS" + as.number() + ")" : "")
                + " publishes its own abuse channel" + (c.confirmed() ? " (" + c.source() + ")" : " (unconfirmed)"));
      }
    }
    String reserved = ReservedSpace.describe(source);
    if (reserved != null && !queryReserved) {
      return ContactAnswer.none(null, source + " is " + reserved + ": no registry to ask, nobody to report to");
    }
    if (rdap == null) {
      return ContactAnswer.none(null, "no override or provider channel for " + source
          + (providerIdOrNull == null ? "" : " (provider " + providerIdOrNull + ")") + ", and RDAP lookups are off");
    }
    return rdap.find(source);
  }

  /** The source's autonomous system from the ASN database, or null (no database, no entry, unreadable). */
  private AutonomousSystem autonomousSystem(IpAddress source) {
    if (asns == null) {
      return null;
    }
    try {
      return asns.lookup(source);
    } catch (IOException | RuntimeException e) {
      // An unreadable entry costs the ASN attribution only; RDAP still answers.
      return null;
    }
  }

  /** The provider table this resolver reads. */
  public ProviderChannels channels() {
    return channels;
  }

  /** Collects the parts of a resolver; every part has a default. Not thread-safe. */
  public static final class Builder {
    private ContactOverrides overrides = ContactOverrides.none();
    private ProviderChannels channels;
    private RdapContacts rdap;
    private AsnDatabase asns;
    private boolean queryReserved;

    private Builder() {}

    /** The operator's overrides (default: none). */
    public Builder overrides(ContactOverrides overrides) {
      this.overrides = Objects.requireNonNull(overrides, "overrides");
      return this;
    }

    /** The provider table (default: the shipped one). */
    public Builder channels(ProviderChannels channels) {
      this.channels = Objects.requireNonNull(channels, "channels");
      return this;
    }

    /** The RDAP lookup (default: none, so sources no table knows answer {@code none}). */
    public Builder rdap(RdapContacts rdap) {
      this.rdap = rdap;
      return this;
    }

    /**
     * An ASN database that attributes sources no range file covers to the provider table's
     * {@code asns} (Hetzner, OVH, ...) when the caller gives no provider (default: none). The
     * caller keeps it open while the resolver is used and closes it.
     */
    public Builder asns(AsnDatabase asns) {
      this.asns = asns;
      return this;
    }

    /** Ask RDAP about reserved space too; only for tests against a loopback server. */
    public Builder queryReservedSpace(boolean query) {
      this.queryReserved = query;
      return this;
    }

    public AbuseContacts build() {
      if (channels == null) {
        channels = ProviderChannels.standard();
      }
      return new AbuseContacts(this);
    }
  }
}
