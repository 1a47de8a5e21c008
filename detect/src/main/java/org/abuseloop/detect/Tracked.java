package org.abuseloop.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.abuseloop.core.Incident.Scope;

/**
 * Everything kept for one key: a slot per scenario that counted it, its last sightings, when it was
 * last seen and until when its state matters. Not thread-safe.
 */
final class Tracked {

  final Key key;
  final Sightings recent;
  private Slot[] slots = new Slot[1];
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
    this.recent = new Sightings(sightingCap);
  }

  /** Adds a sighting once, however many scenarios count it. */
  void see(Sighting s) {
    if (s != lastSighting) {
      lastSighting = s;
      recent.add(s);
    }
  }

  Slot slot(Rule rule) {
    Slot f = first;
    if (f != null && f.rule == rule) {
      return f;
    }
    for (int i = 1; i < slotCount; i++) {
      if (slots[i].rule == rule) {
        return slots[i];
      }
    }
    if (slotCount == slots.length) {
      slots = Arrays.copyOf(slots, slotCount * 2);
    }
    Slot s = new Slot(rule, key.scope() != Scope.ADDRESS, listed);
    if (slotCount == 0) {
      first = s;
    }
    slots[slotCount++] = s;
    return s;
  }

  /** How close this key is to firing: the largest progress of its scenarios, 0 to 1. */
  double progress() {
    double p = 0;
    for (int i = 0; i < slotCount; i++) {
      p = Math.max(p, slots[i].progress());
    }
    return p;
  }

  boolean hasOpenIncident() {
    for (int i = 0; i < slotCount; i++) {
      if (slots[i].incident != null) {
        return true;
      }
    }
    return false;
  }

  /** The open incidents of this key, for closing them when it is evicted. */
  List<OpenIncident> openIncidents() {
    List<OpenIncident> out = new ArrayList<>(1);
    for (int i = 0; i < slotCount; i++) {
      if (slots[i].incident != null) {
        out.add(slots[i].incident);
      }
    }
    return out;
  }
}
