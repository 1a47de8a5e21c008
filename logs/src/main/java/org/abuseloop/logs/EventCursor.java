package org.abuseloop.logs;

import java.io.Closeable;
import java.io.IOException;
import org.abuseloop.core.Event;

/**
 * Events read one at a time from a source that is parsed as they are asked for. Implementations are
 * not thread-safe unless they say so; closing releases the source.
 */
public interface EventCursor extends Closeable {

  /** The next event, or null once the source has no more. */
  Event next() throws IOException;
}
