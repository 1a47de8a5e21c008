package org.abuseloop.analysis;

import org.abuseloop.core.IpAddress;

/** Finds the owner of an address; implementations must be thread-safe and fast (called per source). */
@FunctionalInterface
public interface OwnerLookup {

  /** The owner, never null ({@link SourceOwner#UNKNOWN} when not found). */
  SourceOwner ownerOf(IpAddress address);

  /** The lookup that knows no owner, for runs without range files. */
  OwnerLookup NONE = a -> SourceOwner.UNKNOWN;
}
