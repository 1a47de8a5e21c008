package org.abuseloop.detect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;

/**
 * The last sightings of every tracked key, by key number: each key's ring is its run of {@code cap}
 * places in one array of {@link Packed} sightings (one object of primitives per event, shared by every
 * key the event counts under), its cursor kept by the caller in the key's row; sightings are rebuilt into
 * {@link Sighting}s only when an incident opens. Not thread-safe.
 *
 * <p>Laid out by hand because no library keeps per-key rings in one flat array: a ring object (or
 * array) per key is one more dependent read per counted event, and a ring of {@code Sighting} records
 * kept each event's record, instant, origin and two addresses alive (five objects per sighting, a few
 * hundred thousand in a replay at the key cap), which young collections copied and full ones traced;
 * a packed sighting is one object whose only references are its family, user and file name, which are
 * shared. The price is {@code cap} references per key number, used or not (6.4 MB at 100,000 keys).
 */
final class SightingRings {

  private final int cap;
  /** Key {@code k}'s ring is places {@code k * cap} to {@code k * cap + cap - 1}. */
  private Packed[] rings = new Packed[0];

  /** @param cap the sightings kept per key (at most 65,535) */
  SightingRings(int cap) {
    if (cap < 1 || cap > 0xFFFF) {
      throw new IllegalArgumentException("sightings per key: " + cap);
    }
    this.cap = cap;
  }

  /** Makes room for key numbers below {@code keys}. */
  void ensure(int keys) {
    if ((long) keys * cap > rings.length) {
      int n = Math.max(keys, rings.length / cap * 2);
      rings = Arrays.copyOf(rings, n * cap);
    }
  }

  /** Forgets the sightings of a key number (its number is free or reused; its cursor starts at 0). */
  void clear(int key) {
    Arrays.fill(rings, key * cap, key * cap + cap, null);
  }

  void clearAll() {
    Arrays.fill(rings, null);
  }

  /**
   * Adds a sighting to the key's ring, dropping the oldest when the ring is full; nothing when it is
   * the sighting added last (an event counts under several rules of one key). The key's cursor (0
   * for an empty ring) is kept by the caller, beside the key's other hot state: this returns the new one.
   */
  int add(int key, int cursor, Packed s) {
    int next = cursor >>> 16;
    int size = cursor & 0xFFFF;
    int base = key * cap;
    if (size > 0 && rings[base + (next == 0 ? cap - 1 : next - 1)] == s) {
      return cursor;
    }
    rings[base + next] = s;
    next = next + 1 == cap ? 0 : next + 1;
    if (size < cap) {
      size++;
    }
    return (next << 16) | size;
  }

  /** The key's last sightings, oldest first, rebuilt as records equal to those added; {@code cursor} as {@link #add} left it. */
  List<Sighting> recent(int key, int cursor) {
    int next = cursor >>> 16;
    int size = cursor & 0xFFFF;
    List<Sighting> out = new ArrayList<>(size);
    int start = size < cap ? 0 : next;
    for (int i = 0; i < size; i++) {
      out.add(rings[key * cap + (start + i) % cap].unpack());
    }
    return out;
  }

  /**
   * A sighting as a key's ring keeps it: time, offset, ports, protocol and both addresses as
   * primitives, so the event's instant, origin and address objects need not outlive it. Immutable.
   */
  static final class Packed {
    private static final int SOURCE_V4 = 1;
    private static final int HAS_TARGET = 2;
    private static final int TARGET_V4 = 4;
    private static final int HAS_OFFSET = 8;
    private static final int HAS_ORIGIN = 16;
    private static final int PROTOCOL_SHIFT = 8;

    private final long seconds;
    private final int nanos;
    private final int offsetSeconds;
    private final long sourceHigh;
    private final long sourceLow;
    private final long targetHigh;
    private final long targetLow;
    private final int sourcePort;
    private final int port;
    /** The flags above, and the protocol's ordinal + 1 (0 for none) from {@link #PROTOCOL_SHIFT}. */
    private final int flags;
    private final long line;
    private final Family family;
    private final String user;
    private final String file;

    /** The longs and the references {@link #store} writes per sighting. */
    static final int LONGS = 9;
    static final int REFS = 3;

    /**
     * Writes the packed form of {@code s} (the fields this class keeps) into {@code longs} from
     * {@code at} and {@code refs} from {@code refAt}, without making the object: for tables that keep
     * sightings in flat arrays (an object kept for minutes is copied by every young collection).
     */
    static void store(Sighting s, long[] longs, int at, Object[] refs, int refAt) {
      Instant time = s.time();
      ZoneOffset offset = s.offset();
      IpAddress source = s.source();
      IpAddress target = s.target();
      Origin origin = s.origin();
      longs[at] = time.getEpochSecond();
      longs[at + 1] = ((long) time.getNano() << 32) | ((offset == null ? 0 : offset.getTotalSeconds()) & 0xFFFFFFFFL);
      longs[at + 2] = source.high();
      longs[at + 3] = source.low();
      longs[at + 4] = target == null ? 0 : target.high();
      longs[at + 5] = target == null ? 0 : target.low();
      longs[at + 6] = ((long) s.sourcePort() << 32) | (s.port() & 0xFFFFFFFFL);
      longs[at + 7] = flags(s);
      longs[at + 8] = origin == null ? 0 : origin.line();
      refs[refAt] = s.family();
      refs[refAt + 1] = s.user();
      refs[refAt + 2] = origin == null ? null : origin.file();
    }

    /** The sighting {@link #store} wrote there. */
    Packed(long[] longs, int at, Object[] refs, int refAt) {
      seconds = longs[at];
      nanos = (int) (longs[at + 1] >>> 32);
      offsetSeconds = (int) longs[at + 1];
      sourceHigh = longs[at + 2];
      sourceLow = longs[at + 3];
      targetHigh = longs[at + 4];
      targetLow = longs[at + 5];
      sourcePort = (int) (longs[at + 6] >>> 32);
      port = (int) longs[at + 6];
      flags = (int) longs[at + 7];
      line = longs[at + 8];
      family = (Family) refs[refAt];
      user = (String) refs[refAt + 1];
      file = (String) refs[refAt + 2];
    }

    private static int flags(Sighting s) {
      IpAddress target = s.target();
      return (s.source().isIPv4() ? SOURCE_V4 : 0) | (s.offset() != null ? HAS_OFFSET : 0)
          | (s.origin() != null ? HAS_ORIGIN : 0)
          | (target == null ? 0 : HAS_TARGET | (target.isIPv4() ? TARGET_V4 : 0))
          | ((s.protocol() == null ? 0 : s.protocol().ordinal() + 1) << PROTOCOL_SHIFT);
    }

    Packed(Sighting s) {
      Instant time = s.time();
      ZoneOffset offset = s.offset();
      IpAddress source = s.source();
      IpAddress target = s.target();
      Origin origin = s.origin();
      seconds = time.getEpochSecond();
      nanos = time.getNano();
      offsetSeconds = offset == null ? 0 : offset.getTotalSeconds();
      sourceHigh = source.high();
      sourceLow = source.low();
      targetHigh = target == null ? 0 : target.high();
      targetLow = target == null ? 0 : target.low();
      sourcePort = s.sourcePort();
      port = s.port();
      flags = flags(s);
      line = origin == null ? 0 : origin.line();
      family = s.family();
      user = s.user();
      file = origin == null ? null : origin.file();
    }

    /** The sighting this was packed from (equal fields; the origin's byte offset, unused by evidence, is 0). */
    Sighting unpack() {
      Instant time = Instant.ofEpochSecond(seconds, nanos);
      ZoneOffset offset = (flags & HAS_OFFSET) != 0 ? ZoneOffset.ofTotalSeconds(offsetSeconds) : null;
      IpAddress source = address(sourceHigh, sourceLow, (flags & SOURCE_V4) != 0);
      IpAddress target = (flags & HAS_TARGET) == 0 ? null : address(targetHigh, targetLow, (flags & TARGET_V4) != 0);
      int protocol = (flags >>> PROTOCOL_SHIFT) & 0xFF;
      Origin origin = (flags & HAS_ORIGIN) == 0 ? null : new Origin(file, line, 0);
      return new Sighting(time, offset, family, source, sourcePort, target, port,
          protocol == 0 ? null : Protocol.ofOrdinal(protocol - 1), user, origin);
    }

    private static IpAddress address(long high, long low, boolean v4) {
      return v4 ? IpAddress.ofIPv4((int) low) : IpAddress.ofIPv6(high, low);
    }
  }
}
