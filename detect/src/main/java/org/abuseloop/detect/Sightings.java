package org.abuseloop.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A key's last few sightings, oldest first when read: a ring that starts with two slots and doubles up
 * to its cap, so a key seen once costs one slot. Not thread-safe.
 */
final class Sightings {

  private Sighting[] ring = new Sighting[2];
  private final int cap;
  private int next;
  private int size;

  Sightings(int cap) {
    this.cap = cap;
  }

  void add(Sighting s) {
    if (size == ring.length && ring.length < cap) {
      Sighting[] grown = new Sighting[Math.min(cap, ring.length * 2)];
      for (int i = 0; i < size; i++) {
        grown[i] = ring[(next + i) % size];
      }
      ring = grown;
      next = size;
    }
    ring[next] = s;
    next = next + 1 == ring.length ? 0 : next + 1;
    if (size < ring.length) {
      size++;
    }
  }

  /** The sightings kept, oldest first. */
  List<Sighting> list() {
    List<Sighting> out = new ArrayList<>(size);
    int start = size < ring.length ? 0 : next;
    for (int i = 0; i < size; i++) {
      out.add(ring[(start + i) % ring.length]);
    }
    return out;
  }
}
