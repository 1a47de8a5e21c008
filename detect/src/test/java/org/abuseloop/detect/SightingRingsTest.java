package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;
import org.junit.jupiter.api.Test;

/**
 * The rings of packed sightings: a sighting read back equals the one added (every field, nulls, IPv6,
 * nanoseconds, offsets), the ring keeps the last N in order as it grows and wraps, and keys are apart.
 */
class SightingRingsTest {

  private static Sighting sighting(int i) {
    boolean v6 = i % 3 == 0;
    IpAddress source = v6 ? IpAddress.ofIPv6(0x20010DB800000000L + i, -i) : IpAddress.ofIPv4(0xC6336400 + i);
    IpAddress target = i % 4 == 0 ? null : i % 2 == 0 ? IpAddress.of("2001:db8::1") : IpAddress.ofIPv4(0xCB007100 + i);
    ZoneOffset offset = i % 5 == 0 ? null : ZoneOffset.ofTotalSeconds((i % 7 - 3) * 1800);
    Protocol protocol = i % 6 == 0 ? null : Protocol.values()[i % Protocol.values().length];
    Origin origin = i % 8 == 0 ? null : new Origin(i % 2 == 0 ? "a.log" : "b.log", 1_000_000_000L + i, 0);
    String user = i % 3 == 1 ? null : "user" + i;
    return new Sighting(Instant.ofEpochSecond(1_700_000_000L - i * 1000L, (i * 7919) % 1_000_000_000),
        offset, i % 2 == 0 ? Events.FW_DROP : Events.SSH_FAILED, source, i % 65536, target, 65535 - i % 65536,
        protocol, user, origin);
  }

  @Test
  void aSightingReadBackEqualsTheOneAddedInEveryField() {
    SightingRings rings = new SightingRings(64);
    rings.ensure(1);
    List<Sighting> added = new ArrayList<>();
    int cursor = 0;
    for (int i = 0; i < 50; i++) {
      added.add(sighting(i));
      SightingRings.Packed packed = new SightingRings.Packed(sighting(i));
      cursor = rings.add(0, cursor, packed);
      // An event counted under a second rule of the same key is kept once.
      cursor = rings.add(0, cursor, packed);
    }
    List<Sighting> back = rings.recent(0, cursor);
    assertThat(back).hasSize(50);
    for (int i = 0; i < 50; i++) {
      Sighting a = added.get(i);
      Sighting b = back.get(i);
      assertThat(b).usingRecursiveComparison().ignoringFields("origin").isEqualTo(a);
      assertThat(b.origin() == null).isEqualTo(a.origin() == null);
      if (a.offset() != null && a.protocol() != null) {
        assertThat(b.evidence()).isEqualTo(a.evidence());
      }
    }
  }

  @Test
  void aSightingStoredInFlatArraysReadsBackAsItsPackedForm() {
    long[] longs = new long[3 + 60 * SightingRings.Packed.LONGS];
    Object[] refs = new Object[2 + 60 * SightingRings.Packed.REFS];
    for (int i = 0; i < 60; i++) {
      SightingRings.Packed.store(sighting(i), longs, 3 + i * SightingRings.Packed.LONGS, refs,
          2 + i * SightingRings.Packed.REFS);
    }
    for (int i = 0; i < 60; i++) {
      Sighting stored = new SightingRings.Packed(longs, 3 + i * SightingRings.Packed.LONGS, refs,
          2 + i * SightingRings.Packed.REFS).unpack();
      assertThat(stored).isEqualTo(new SightingRings.Packed(sighting(i)).unpack());
      assertThat(stored.time()).isEqualTo(sighting(i).time());
      assertThat(stored.port()).isEqualTo(sighting(i).port());
    }
  }

  @Test
  void eachKeyKeepsItsLastSightingsInOrderThroughGrowthAndWrapping() {
    SightingRings rings = new SightingRings(16);
    rings.ensure(3);
    // The cursors, which the key table keeps in each key's row.
    int[] cursor = new int[3];
    for (int i = 0; i < 40; i++) {
      cursor[i % 2] = rings.add(i % 2, cursor[i % 2], new SightingRings.Packed(sighting(i)));
      List<Sighting> recent = rings.recent(i % 2, cursor[i % 2]);
      int seen = i / 2 + 1;
      assertThat(recent).hasSize(Math.min(16, seen));
      assertThat(recent.get(recent.size() - 1).time()).isEqualTo(sighting(i).time());
      assertThat(recent.get(0).time()).isEqualTo(sighting(i - 2 * (Math.min(16, seen) - 1)).time());
    }
    assertThat(rings.recent(2, cursor[2])).isEmpty();
    rings.clear(1);
    cursor[1] = 0;
    assertThat(rings.recent(1, cursor[1])).isEmpty();
    assertThat(rings.recent(0, cursor[0])).hasSize(16);
    rings.ensure(1000);
    List<Sighting> kept = rings.recent(0, cursor[0]);
    assertThat(kept).hasSize(16);
    assertThat(kept.get(15).time()).isEqualTo(sighting(38).time());
    cursor[2] = rings.add(2, cursor[2], new SightingRings.Packed(sighting(99)));
    assertThat(rings.recent(2, cursor[2])).hasSize(1);
    rings.clearAll();
    assertThat(rings.recent(0, 0)).isEmpty();
  }
}
