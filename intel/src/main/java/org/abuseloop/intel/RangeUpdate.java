package org.abuseloop.intel;

import java.nio.file.Path;

/**
 * The outcome of fetching one {@link RangeSource}: the file now in place and its prefix count, or
 * why the old file (if any) was kept. Immutable and thread-safe.
 *
 * @param source what was fetched
 * @param file where it is saved
 * @param entries entries in the new file, or -1 when the update failed
 * @param failure why it failed, or null
 */
public record RangeUpdate(RangeSource source, Path file, int entries, String failure) {

  public boolean succeeded() {
    return failure == null;
  }
}
