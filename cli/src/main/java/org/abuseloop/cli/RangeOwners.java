package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.abuseloop.analysis.OwnerLookup;
import org.abuseloop.analysis.SourceOwner;
import org.abuseloop.core.IpAddress;
import org.abuseloop.intel.ProviderRange;
import org.abuseloop.intel.RangeDirectory;
import org.abuseloop.intel.RangeTable;

/**
 * The analysis' owner lookup backed by the providers' published ranges: {@code --ranges DIR} when
 * given, else the state directory's {@code ranges/} when it has files, else no attribution.
 * Immutable and thread-safe.
 */
final class RangeOwners implements OwnerLookup {

  private final RangeTable table;

  private RangeOwners(RangeTable table) {
    this.table = table;
  }

  /** Loads the ranges to use; a folder given explicitly must exist and load cleanly. */
  static RangeOwners load(Path explicit, Path state) throws IOException {
    if (explicit != null) {
      return new RangeOwners(RangeDirectory.load(explicit));
    }
    Path fallback = StateDirectory.ranges(StateDirectory.resolve(state));
    if (Files.isDirectory(fallback)) {
      try (var files = Files.list(fallback)) {
        if (files.findAny().isPresent()) {
          return new RangeOwners(RangeDirectory.load(fallback));
        }
      }
    }
    return new RangeOwners(RangeTable.empty());
  }

  RangeTable table() {
    return table;
  }

  /** The matching published range, or null. */
  ProviderRange rangeOf(IpAddress address) {
    return table.lookup(address);
  }

  /** The owner as the detector keys campaigns: {@code "aws eu-west-1"}, the provider alone, or null. */
  String ownerName(IpAddress address) {
    ProviderRange r = table.lookup(address);
    if (r == null) {
      return null;
    }
    return r.region() == null ? r.provider().id() : r.provider().id() + " " + r.region();
  }

  @Override
  public SourceOwner ownerOf(IpAddress address) {
    ProviderRange r = table.lookup(address);
    return r == null ? SourceOwner.UNKNOWN : new SourceOwner(r.provider().id(), r.region());
  }
}
