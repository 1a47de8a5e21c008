package org.abuseloop.detect;

import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Tally;

/**
 * One address field of an open incident (the targets, or an aggregate's sources) as the incident counts
 * it: the current run of equal addresses, handed to the field's tally when another address comes or the
 * tally is built; once the tally is full, a copy of its filter of listed hashes counts an address it
 * does not list in "others" without reading the tally. Not thread-safe: part of one {@link OpenIncident}.
 */
final class AddressRun {

  private final TallyBuilder<IpAddress> tally;
  private IpAddress value;
  private long run;
  /** Once the tally is full: its filter of listed hashes, and the "others" counted here. */
  private boolean full;
  private long listedLow;
  private long listedHigh;
  private long others;

  AddressRun(int limit) {
    this.tally = new TallyBuilder<>(limit);
  }

  /** The tally itself, for values counted in bulk (a slot's exact set when the incident opens). */
  TallyBuilder<IpAddress> tally() {
    return tally;
  }

  /** Counts one event's address. */
  void see(IpAddress a) {
    if (a != value && !a.equals(value)) {
      countRun();
      value = a;
    }
    run++;
  }

  /** The tally with everything counted so far, the current run included. */
  Tally<IpAddress> build() {
    countRun();
    tally.addOthers(others);
    others = 0;
    return tally.build();
  }

  private void countRun() {
    if (run == 0) {
      return;
    }
    if (full && !TallyBuilder.mayList(listedLow, listedHigh, TallyBuilder.hashOf(value))) {
      others += run;
    } else if (!tally.addAddress(value, run) && !full) {
      full = true;
      listedLow = tally.listedLow();
      listedHigh = tally.listedHigh();
    }
    run = 0;
  }
}
