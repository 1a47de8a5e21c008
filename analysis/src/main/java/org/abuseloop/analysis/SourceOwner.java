package org.abuseloop.analysis;

/**
 * Who holds an address, as attribution tells it: a provider id ({@code aws}, {@code gcp} ...) and
 * its region, both null when the address is in no published range.
 */
public record SourceOwner(String provider, String region) {

  public static final SourceOwner UNKNOWN = new SourceOwner(null, null);
}
