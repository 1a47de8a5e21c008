package org.abuseloop.logs.source;

import java.net.InetSocketAddress;

/**
 * A {@link LogSource} that receives on a network socket, bound when it is made. Same threading as
 * {@link LogSource}; {@link #localAddress()} is thread-safe.
 */
public interface ListeningSource extends LogSource {

  /** The address and port actually bound (the port chosen by the system when 0 was asked for). */
  InetSocketAddress localAddress();
}
