package org.abuseloop.intel;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.abuseloop.core.IpAddress;

/**
 * The registry's abuse contact for an address: the bootstrap names the registry, the cache is
 * asked first, then the registry over RDAP; answers are cached per registry and network range
 * (positive ones longer than negative ones), and a registry that answered 429 is left alone until
 * its Retry-After has passed. Thread-safe when its cache is.
 *
 * <p>The cached range is the answer's network narrowed to the asked address's /24 (IPv4) or /48
 * (IPv6) by default: a registry answers with the most specific network it has for the address
 * asked, and a wide allocation may hold narrower reassignments with their own abuse contacts that
 * only a query for an address inside them reveals.
 */
public final class RdapContacts {

  public static final Duration DEFAULT_TTL = Duration.ofDays(7);
  public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofHours(6);
  /** The longest a 429 keeps us away from a registry, whatever its Retry-After says. */
  static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private final RdapBootstrap bootstrap;
  private final RdapClient client;
  private final ContactCache cache;
  private final Clock clock;
  private final Duration ttl;
  private final Duration negativeTtl;
  private final int maxIpv4Prefix;
  private final int maxIpv6Prefix;
  private final String format;
  private final Map<URI, Instant> backoff = new ConcurrentHashMap<>();

  private RdapContacts(Builder b) {
    this.bootstrap = b.bootstrap;
    this.client = b.client;
    this.cache = b.cache;
    this.clock = b.clock;
    this.ttl = b.ttl;
    this.negativeTtl = b.negativeTtl;
    this.maxIpv4Prefix = b.maxIpv4Prefix;
    this.maxIpv6Prefix = b.maxIpv6Prefix;
    this.format = b.format;
  }

  public static Builder builder(RdapBootstrap bootstrap, RdapClient client) {
    return new Builder(bootstrap, client);
  }

  /** The registry's abuse contact for {@code source}; channel {@code none} with the reason when there is none. */
  public ContactAnswer find(IpAddress source) {
    URI registry = bootstrap.registryFor(source);
    if (registry == null) {
      return ContactAnswer.none(null, "no RDAP service in the bootstrap covers " + source);
    }
    String key = registry.toString();
    Instant now = clock.instant();
    Optional<CachedContact> cached = cached(key, source, now);
    if (cached.isPresent()) {
      return answer(cached.get(), " (cached " + cached.get().fetched() + ")");
    }
    Instant until = backoff.get(registry);
    if (until != null && now.isBefore(until)) {
      return ContactAnswer.none(key, registry + " answered 429 (rate limited): not asking it again before " + until);
    }
    try {
      return remember(key, source, now, client.query(registry, source));
    } catch (RdapException e) {
      return failure(key, registry, source, now, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ContactAnswer.none(key, "interrupted while asking " + registry + " about " + source);
    }
  }

  private Optional<CachedContact> cached(String key, IpAddress source, Instant now) {
    try {
      return cache.find(key, source, now);
    } catch (RuntimeException e) {
      // A cache that cannot be read costs a query, not the answer.
      return Optional.empty();
    }
  }

  private ContactAnswer remember(String key, IpAddress source, Instant now, RdapNetwork net) {
    IpAddress[] range = NetworkRange.clamp(net.first(), net.last(), source, source.isIPv4() ? maxIpv4Prefix : maxIpv6Prefix);
    String network = (net.handle() != null ? net.handle() : net.first() + " - " + net.last())
        + (net.name() != null ? " (" + net.name() + ")" : "");
    String reason = net.abuseEmail() != null
        ? "abuse contact" + (net.abuseEntity() == null ? "" : " " + net.abuseEntity()) + " of network " + network
            + " from " + net.answeredBy()
        : "the RDAP answer for network " + network + " names no abuse contact with an e-mail (" + net.answeredBy() + ")";
    Duration life = net.abuseEmail() != null ? ttl : negativeTtl;
    CachedContact entry = new CachedContact(key, range[0], range[1], net.abuseEmail(), reason,
        net.answeredBy().toString(), now, now.plus(life));
    return answer(entry, store(entry));
  }

  private ContactAnswer failure(String key, URI registry, IpAddress source, Instant now, RdapException e) {
    switch (e.kind()) {
      case NOT_FOUND -> {
        CachedContact entry = new CachedContact(key, source, source, null, e.getMessage(),
            e.url().toString(), now, now.plus(negativeTtl));
        return answer(entry, store(entry));
      }
      case RATE_LIMITED -> {
        Duration wait = e.retryAfter().compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : e.retryAfter();
        backoff.put(registry, now.plus(wait));
        return ContactAnswer.none(key, e.getMessage());
      }
      default -> {
        return ContactAnswer.none(key, e.getMessage());
      }
    }
  }

  private String store(CachedContact entry) {
    try {
      cache.put(entry);
      return "";
    } catch (RuntimeException e) {
      return " (not cached: " + e.getMessage() + ")";
    }
  }

  private ContactAnswer answer(CachedContact c, String suffix) {
    String answeredBy = c.answeredBy() == null ? c.registry() : c.answeredBy();
    return c.contact() == null
        ? ContactAnswer.none(answeredBy, c.reason() + suffix)
        : new ContactAnswer(ContactAnswer.RDAP, c.contact(), format, answeredBy, c.reason() + suffix);
  }

  /** Collects the settings of an RDAP lookup; each but the bootstrap and client has a default. Not thread-safe. */
  public static final class Builder {
    private final RdapBootstrap bootstrap;
    private final RdapClient client;
    private ContactCache cache = new MemoryContactCache(10_000);
    private Clock clock = Clock.systemUTC();
    private Duration ttl = DEFAULT_TTL;
    private Duration negativeTtl = DEFAULT_NEGATIVE_TTL;
    private int maxIpv4Prefix = 24;
    private int maxIpv6Prefix = 48;
    private String format = "text";

    private Builder(RdapBootstrap bootstrap, RdapClient client) {
      this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
      this.client = Objects.requireNonNull(client, "client");
    }

    /** Where answers are remembered (default: 10,000 entries in memory). */
    public Builder cache(ContactCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /** The clock of cache times (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long an answer with an abuse e-mail counts (default 7 days), and one without (default 6 hours). */
    public Builder ttl(Duration positive, Duration negative) {
      if (positive.isNegative() || positive.isZero() || negative.isNegative() || negative.isZero()) {
        throw new IllegalArgumentException("RDAP cache times must be positive, got " + positive + " and " + negative);
      }
      if (negative.compareTo(positive) > 0) {
        throw new IllegalArgumentException("a negative answer (" + negative + ") must not outlive a positive one (" + positive + ")");
      }
      this.ttl = positive;
      this.negativeTtl = negative;
      return this;
    }

    /** The widest range one cached answer covers, in prefix bits (default /24 and /48). */
    public Builder widestCachedRange(int ipv4, int ipv6) {
      if (ipv4 < 8 || ipv4 > 32 || ipv6 < 16 || ipv6 > 128) {
        throw new IllegalArgumentException("cached range limits must be /8../32 and /16../128, got /" + ipv4 + " and /" + ipv6);
      }
      this.maxIpv4Prefix = ipv4;
      this.maxIpv6Prefix = ipv6;
      return this;
    }

    /** The format id proposed for a registry's abuse mailbox (default {@code text}). */
    public Builder format(String format) {
      if (!ReportFormats.KNOWN.contains(format)) {
        throw new IllegalArgumentException("unknown format '" + format + "'");
      }
      this.format = format;
      return this;
    }

    public RdapContacts build() {
      return new RdapContacts(this);
    }
  }
}
