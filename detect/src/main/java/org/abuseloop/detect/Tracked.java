package org.abuseloop.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.abuseloop.core.Incident.Scope;

/**
 * Everything kept for one key: a slot per scenario that counted it, its last sightings, when it was
 * last seen and until when its state matters. Not thread-safe.
 *
 * <p>The last sightings are a ring held here rather than in an object of its own (one pointer less to
 * follow per event): it starts with two places and doubles up to its cap, so a key seen once costs two.
 */
final class Tracked {

  final Key key;
  private Sighting[] ring = new Sighting[2];
  private final int sightingCap;
  private int ringNext;
  private int ringSize;
  /** The slots after the first, allocated when a second scenario counts this key. */
  private Slot[] slots;
  /** The first slot, read without going through the array: most keys count under one scenario. */
  private Slot first;
  private int slotCount;
  long expiresAt = Long.MIN_VALUE;
  Sighting lastSighting;
  /** The key table's number for this key. */
  int number;

  private final int listed;

  Tracked(Key key, int sightingCap, int listed) {
    this.key = key;
    this.listed = listed;
    this.sightingCap = sightingCap;
  }

  /** Adds a sighting once, however many scenarios count it. */
  void see(Sighting s) {
    if (s != lastSighting) {
      lastSighting = s;
      remember(s);
    }
  }

  private void remember(Sighting s) {
    if (ringSize == ring.length && ring.length < sightingCap) {
      Sighting[] grown = new Sighting[Math.min(sightingCap, ring.length * 2)];
      for (int i = 0; i < ringSize; i++) {
        grown[i] = ring[(ringNext + i) % ringSize];
      }
      ring = grown;
      ringNext = ringSize;
    }
    ring[ringNext] = s;
    ringNext = ringNext + 1 == ring.length ? 0 : ringNext + 1;
    if (ringSize < ring.length) {
      ringSize++;
    }
  }

  /** The last sightings kept, oldest first. */
  List<Sighting> recent() {
    List<Sighting> out = new ArrayList<>(ringSize);
    int start = ringSize < ring.length ? 0 : ringNext;
    for (int i = 0; i < ringSize; i++) {
      out.add(ring[(start + i) % ring.length]);
    }
    return out;
  }

  Slot slot(Rule rule) {
    Slot f = first;
    if (f != null && f.rule == rule) {
      return f;
    }
    for (int i = 1; i < slotCount; i++) {
      if (slotAt(i).rule == rule) {
        return slots[i];
      }
    }
    Slot s = new Slot(rule, key.scope() != Scope.ADDRESS, listed);
    if (slotCount == 0) {
      first = s;
    } else {
      if (slots == null) {
        slots = new Slot[2];
      } else if (slotCount == slots.length) {
        slots = Arrays.copyOf(slots, slotCount * 2);
      }
      slots[slotCount] = s;
    }
    slotCount++;
    return s;
  }

  private Slot slotAt(int i) {
    return i == 0 ? first : slots[i];
  }

  /** How close this key is to firing: the largest progress of its scenarios, 0 to 1. */
  double progress() {
    double p = 0;
    for (int i = 0; i < slotCount; i++) {
      p = Math.max(p, slotAt(i).progress());
    }
    return p;
  }

  boolean hasOpenIncident() {
    for (int i = 0; i < slotCount; i++) {
      if (slotAt(i).incident != null) {
        return true;
      }
    }
    return false;
  }

  /** The open incidents of this key, for closing them when it is evicted. */
  List<OpenIncident> openIncidents() {
    List<OpenIncident> out = new ArrayList<>(1);
    for (int i = 0; i < slotCount; i++) {
      if (slotAt(i).incident != null) {
        out.add(slotAt(i).incident);
      }
    }
    return out;
  }
}
