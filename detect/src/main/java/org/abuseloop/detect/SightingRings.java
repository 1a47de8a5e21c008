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
 * The last sightings of every tracked key, by key number: per key a ring of packed records in one
 * {@code long[]} (times, ports, flags, address bits) beside one {@code Object[]} (family, user, file),
 * rebuilt into {@link Sighting}s only when an incident opens. Not thread-safe.
 *
 * <p>Laid out by hand because no library keeps per-key rings of records as primitives: a ring of
 * {@code Sighting} objects kept each event's record, instant, origin and two addresses alive (five
 * objects per sighting, a few hundred thousand in a replay at the key cap), which every young
 * collection copied and every full one traced. A ring starts with two places and doubles up to its
 * cap, so a key seen once costs two records.
 */
final class SightingRings {

  /** The longs of one record. */
  private static final int WIDTH = 9;
  private static final int SECONDS = 0;
  /** The nanoseconds in the upper half, the offset's total seconds in the lower. */
  private static final int NANO_OFFSET = 1;
  /** The source port in the upper half, the target port in the lower. */
  private static final int PORTS = 2;
  private static final int FLAGS = 3;
  private static final int SOURCE_HIGH = 4;
  private static final int SOURCE_LOW = 5;
  private static final int TARGET_HIGH = 6;
  private static final int TARGET_LOW = 7;
  private static final int LINE = 8;
  /** The references of one record: its family, user and origin file. */
  private static final int REFS = 3;

  private static final long SOURCE_V4 = 1;
  private static final long HAS_TARGET = 2;
  private static final long TARGET_V4 = 4;
  private static final long HAS_OFFSET = 8;
  private static final long HAS_ORIGIN = 16;
  private static final int PROTOCOL_SHIFT = 8;
  private static final Protocol[] PROTOCOLS = Protocol.values();

  private final int cap;
  private long[][] records = new long[0][];
  private Object[][] refs = new Object[0][];
  /** Per key: the next place to write in the upper half, the records held in the lower. */
  private long[] cursor = new long[0];

  /** @param cap the sightings kept per key */
  SightingRings(int cap) {
    this.cap = cap;
  }

  /** Makes room for key numbers below {@code numbers}. */
  void ensure(int numbers) {
    if (numbers > cursor.length) {
      int n = Math.max(numbers, cursor.length * 2);
      records = Arrays.copyOf(records, n);
      refs = Arrays.copyOf(refs, n);
      cursor = Arrays.copyOf(cursor, n);
    }
  }

  /** Forgets the sightings of a key number (its number is free or reused). */
  void clear(int number) {
    records[number] = null;
    refs[number] = null;
    cursor[number] = 0;
  }

  void clearAll() {
    Arrays.fill(records, null);
    Arrays.fill(refs, null);
    Arrays.fill(cursor, 0);
  }

  /** Adds a sighting to the key's ring, dropping the oldest when the ring is full. */
  void add(int number, Sighting s) {
    long c = cursor[number];
    int next = (int) (c >>> 32);
    int size = (int) c;
    long[] r = records[number];
    Object[] o = refs[number];
    int length = r == null ? 0 : r.length / WIDTH;
    if (size == length && length < cap) {
      int grown = Math.min(cap, Math.max(2, length * 2));
      long[] nr = new long[grown * WIDTH];
      Object[] no = new Object[grown * REFS];
      for (int i = 0; i < size; i++) {
        int from = (next + i) % size;
        for (int k = 0; k < WIDTH; k++) {
          nr[i * WIDTH + k] = r[from * WIDTH + k];
        }
        for (int k = 0; k < REFS; k++) {
          no[i * REFS + k] = o[from * REFS + k];
        }
      }
      records[number] = r = nr;
      refs[number] = o = no;
      next = size;
      length = grown;
    }
    write(r, next * WIDTH, s);
    int at = next * REFS;
    o[at] = s.family();
    o[at + 1] = s.user();
    o[at + 2] = s.origin() == null ? null : s.origin().file();
    next = next + 1 == length ? 0 : next + 1;
    if (size < length) {
      size++;
    }
    cursor[number] = ((long) next << 32) | size;
  }

  private static void write(long[] r, int at, Sighting s) {
    Instant time = s.time();
    ZoneOffset offset = s.offset();
    IpAddress source = s.source();
    IpAddress target = s.target();
    Origin origin = s.origin();
    long flags = (source.isIPv4() ? SOURCE_V4 : 0) | (offset != null ? HAS_OFFSET : 0)
        | (origin != null ? HAS_ORIGIN : 0)
        | ((long) (s.protocol() == null ? 0 : s.protocol().ordinal() + 1) << PROTOCOL_SHIFT);
    r[at + SECONDS] = time.getEpochSecond();
    r[at + NANO_OFFSET] = ((long) time.getNano() << 32) | ((offset == null ? 0 : offset.getTotalSeconds()) & 0xFFFFFFFFL);
    r[at + PORTS] = ((long) s.sourcePort() << 32) | (s.port() & 0xFFFFFFFFL);
    r[at + SOURCE_HIGH] = source.high();
    r[at + SOURCE_LOW] = source.low();
    if (target != null) {
      flags |= HAS_TARGET | (target.isIPv4() ? TARGET_V4 : 0);
      r[at + TARGET_HIGH] = target.high();
      r[at + TARGET_LOW] = target.low();
    }
    r[at + FLAGS] = flags;
    r[at + LINE] = origin == null ? 0 : origin.line();
  }

  /** The key's last sightings, oldest first, rebuilt as records equal to those added. */
  List<Sighting> recent(int number) {
    long c = cursor[number];
    int next = (int) (c >>> 32);
    int size = (int) c;
    List<Sighting> out = new ArrayList<>(size);
    if (size == 0) {
      return out;
    }
    long[] r = records[number];
    Object[] o = refs[number];
    int length = r.length / WIDTH;
    int start = size < length ? 0 : next;
    for (int i = 0; i < size; i++) {
      int at = (start + i) % length;
      out.add(read(r, at * WIDTH, o, at * REFS));
    }
    return out;
  }

  private static Sighting read(long[] r, int at, Object[] o, int ref) {
    long flags = r[at + FLAGS];
    long nanoOffset = r[at + NANO_OFFSET];
    Instant time = Instant.ofEpochSecond(r[at + SECONDS], nanoOffset >>> 32);
    ZoneOffset offset = (flags & HAS_OFFSET) != 0 ? ZoneOffset.ofTotalSeconds((int) nanoOffset) : null;
    IpAddress source = address(r[at + SOURCE_HIGH], r[at + SOURCE_LOW], (flags & SOURCE_V4) != 0);
    IpAddress target = (flags & HAS_TARGET) == 0 ? null
        : address(r[at + TARGET_HIGH], r[at + TARGET_LOW], (flags & TARGET_V4) != 0);
    int protocol = (int) (flags >>> PROTOCOL_SHIFT) & 0xFF;
    long ports = r[at + PORTS];
    Origin origin = (flags & HAS_ORIGIN) == 0 ? null : new Origin((String) o[ref + 2], r[at + LINE], 0);
    return new Sighting(time, offset, (Family) o[ref], source, (int) (ports >>> 32), target, (int) ports,
        protocol == 0 ? null : PROTOCOLS[protocol - 1], (String) o[ref + 1], origin);
  }

  private static IpAddress address(long high, long low, boolean v4) {
    return v4 ? IpAddress.ofIPv4((int) low) : IpAddress.ofIPv6(high, low);
  }
}
