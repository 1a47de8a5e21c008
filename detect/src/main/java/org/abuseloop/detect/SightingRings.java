package org.abuseloop.detect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;

/**
 * The last sightings of every tracked key, by key number: per key a ring of packed records in one
 * {@code long[]} (times, ports, flags, address bits, family and file as numbers), with the users beside
 * them in an {@code Object[]} made only once a sighting has a user; rebuilt into {@link Sighting}s
 * only when an incident opens. Not thread-safe.
 *
 * <p>Laid out by hand because no library keeps per-key rings of records as primitives: a ring of
 * {@code Sighting} objects kept each event's record, instant, origin and two addresses alive (five
 * objects per sighting, a few hundred thousand in a replay at the key cap), which every young
 * collection copied and every full one traced. A ring starts with two places and doubles up to its
 * cap, so a key seen once costs two records.
 */
final class SightingRings {

  /** The ring's header: the next place to write in the upper half, the records held in the lower. */
  private static final int CURSOR = 0;
  /** The serial of the last event added, so an event counted under several rules is added once. */
  private static final int LAST_EVENT = 1;
  private static final int HEADER = 2;
  /** The longs of one record. */
  private static final int WIDTH = 9;
  private static final int SECONDS = 0;
  /** The nanoseconds in the upper half, the offset's total seconds in the lower. */
  private static final int NANO_OFFSET = 1;
  /** The source port in the upper half, the target port in the lower. */
  private static final int PORTS = 2;
  /** Flags and protocol in the lower half, the family's number in the upper. */
  private static final int FLAGS = 3;
  private static final int SOURCE_HIGH = 4;
  private static final int SOURCE_LOW = 5;
  private static final int TARGET_HIGH = 6;
  private static final int TARGET_LOW = 7;
  /** The origin's line, then (separately) its file's number. */
  private static final int LINE = 8;

  private static final long SOURCE_V4 = 1;
  private static final long HAS_TARGET = 2;
  private static final long TARGET_V4 = 4;
  private static final long HAS_OFFSET = 8;
  private static final long HAS_ORIGIN = 16;
  private static final int PROTOCOL_SHIFT = 8;
  private static final Protocol[] PROTOCOLS = Protocol.values();

  private final int cap;
  /** Per key: the header, then the records. */
  private long[][] records = new long[0][];
  /** Per key: the origin files' numbers of the records, by place in the ring. */
  private int[][] files = new int[0][];
  /** Per key: the users of the records, by place in the ring; null while none had a user. */
  private String[][] users = new String[0][];
  /**
   * The families and the files seen, each numbered: parsers declare their families as constants and a
   * detector reads a few files, so both stay small.
   */
  private final Numbering families = new Numbering();
  private final Numbering fileNames = new Numbering();

  /** @param cap the sightings kept per key */
  SightingRings(int cap) {
    this.cap = cap;
  }

  /** Makes room for key numbers below {@code keys}. */
  void ensure(int keys) {
    if (keys > records.length) {
      int n = Math.max(keys, records.length * 2);
      records = Arrays.copyOf(records, n);
      files = Arrays.copyOf(files, n);
      users = Arrays.copyOf(users, n);
    }
  }

  /** Forgets the sightings of a key number (its number is free or reused). */
  void clear(int key) {
    records[key] = null;
    files[key] = null;
    users[key] = null;
  }

  void clearAll() {
    Arrays.fill(records, null);
    Arrays.fill(files, null);
    Arrays.fill(users, null);
  }

  /**
   * Adds the sighting of event {@code serial} to the key's ring, dropping the oldest when the ring is
   * full; nothing when that event was added already (it counts under several rules).
   */
  void add(int key, long serial, Sighting s) {
    long[] r = records[key];
    if (r == null) {
      r = records[key] = new long[HEADER + 2 * WIDTH];
      files[key] = new int[2];
    } else if (r[LAST_EVENT] == serial) {
      return;
    }
    r[LAST_EVENT] = serial;
    long c = r[CURSOR];
    int next = (int) (c >>> 32);
    int size = (int) c;
    int length = (r.length - HEADER) / WIDTH;
    if (size == length && length < cap) {
      r = grow(key, next, size);
      next = size;
      length = (r.length - HEADER) / WIDTH;
    }
    write(r, HEADER + next * WIDTH, s);
    files[key][next] = fileNames.number(s.origin() == null ? null : s.origin().file());
    String user = s.user();
    String[] u = users[key];
    if (user != null && u == null) {
      u = users[key] = new String[length];
    }
    if (u != null) {
      u[next] = user;
    }
    next = next + 1 == length ? 0 : next + 1;
    if (size < length) {
      size++;
    }
    r[CURSOR] = ((long) next << 32) | size;
  }

  /** Doubles a full ring (up to the cap), its records oldest first from place 0. */
  private long[] grow(int key, int next, int size) {
    long[] r = records[key];
    int[] f = files[key];
    String[] u = users[key];
    int grown = Math.min(cap, size * 2);
    long[] nr = new long[HEADER + grown * WIDTH];
    int[] nf = new int[grown];
    String[] nu = u == null ? null : new String[grown];
    nr[LAST_EVENT] = r[LAST_EVENT];
    for (int i = 0; i < size; i++) {
      int from = (next + i) % size;
      for (int k = 0; k < WIDTH; k++) {
        nr[HEADER + i * WIDTH + k] = r[HEADER + from * WIDTH + k];
      }
      nf[i] = f[from];
      if (u != null) {
        nu[i] = u[from];
      }
    }
    records[key] = nr;
    files[key] = nf;
    users[key] = nu;
    return nr;
  }

  private void write(long[] r, int at, Sighting s) {
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
    r[at + FLAGS] = flags | ((long) families.number(s.family()) << 32);
    r[at + LINE] = origin == null ? 0 : origin.line();
  }


  /** The key's last sightings, oldest first, rebuilt as records equal to those added. */
  List<Sighting> recent(int key) {
    long[] r = records[key];
    if (r == null) {
      return new ArrayList<>(0);
    }
    long c = r[CURSOR];
    int next = (int) (c >>> 32);
    int size = (int) c;
    List<Sighting> out = new ArrayList<>(size);
    int length = (r.length - HEADER) / WIDTH;
    int start = size < length ? 0 : next;
    String[] u = users[key];
    for (int i = 0; i < size; i++) {
      int at = (start + i) % length;
      out.add(read(r, HEADER + at * WIDTH, (String) fileNames.valueOf(files[key][at]), u == null ? null : u[at]));
    }
    return out;
  }

  private Sighting read(long[] r, int at, String file, String user) {
    long flags = r[at + FLAGS];
    long nanoOffset = r[at + NANO_OFFSET];
    Instant time = Instant.ofEpochSecond(r[at + SECONDS], nanoOffset >>> 32);
    ZoneOffset offset = (flags & HAS_OFFSET) != 0 ? ZoneOffset.ofTotalSeconds((int) nanoOffset) : null;
    IpAddress source = address(r[at + SOURCE_HIGH], r[at + SOURCE_LOW], (flags & SOURCE_V4) != 0);
    IpAddress target = (flags & HAS_TARGET) == 0 ? null
        : address(r[at + TARGET_HIGH], r[at + TARGET_LOW], (flags & TARGET_V4) != 0);
    int protocol = (int) (flags >>> PROTOCOL_SHIFT) & 0xFF;
    long ports = r[at + PORTS];
    Origin origin = (flags & HAS_ORIGIN) == 0 ? null : new Origin(file, r[at + LINE], 0);
    Family family = (Family) families.valueOf((int) (flags >>> 32));
    return new Sighting(time, offset, family, source, (int) (ports >>> 32), target, (int) ports,
        protocol == 0 ? null : PROTOCOLS[protocol - 1], user, origin);
  }

  private static IpAddress address(long high, long low, boolean v4) {
    return v4 ? IpAddress.ofIPv4((int) low) : IpAddress.ofIPv6(high, low);
  }

  /**
   * Values numbered in order of first sight, equal values sharing a number, null as -1; the last value
   * is remembered by identity (events of one file and family come in runs). Not thread-safe.
   */
  private static final class Numbering {
    private final Map<Object, Integer> numbers = new HashMap<>();
    private final List<Object> values = new ArrayList<>();
    private Object last;
    private int lastNumber = -1;

    int number(Object value) {
      if (value == last) {
        return lastNumber;
      }
      int n = -1;
      if (value != null) {
        Integer known = numbers.get(value);
        if (known == null) {
          known = values.size();
          numbers.put(value, known);
          values.add(value);
        }
        n = known;
      }
      last = value;
      lastNumber = n;
      return n;
    }

    Object valueOf(int number) {
      return number < 0 ? null : values.get(number);
    }
  }
}
