package org.abuseloop.bench.reaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.abuseloop.core.IpAddress;

/**
 * Measures the observer's own delay: adds elements through a long-lived {@code nft -i} of its own,
 * takes the time when nft confirmed each transaction (the reply to a marker command after it), and
 * compares it with the time the {@link SetObserver} stamped the element. Used by one thread.
 *
 * @param confirm {@code write} to nft's confirmation (the cost of one transaction through {@code nft -i})
 * @param lag nft's confirmation to the observer's stamp (negative: the observer saw it first)
 * @param total {@code write} to the observer's stamp: an upper bound of the observer's delay plus one transaction
 * @param missed probes the observer did not report within a second
 * @param minLagMs the smallest confirmation-to-observer time, negative when the observer was first
 */
record ObserverCheck(Quantiles confirm, Quantiles lag, Quantiles total, int missed, double minLagMs) {

  static final String TABLE = "ablprobe";

  /** Runs {@code probes} additions, 5 ms apart, and summarises the delays. */
  static ObserverCheck run(List<String> commandPrefix, SetObserver observer, int probes) throws IOException {
    List<String> argv = new ArrayList<>(commandPrefix);
    argv.addAll(List.of("nft", "-i"));
    Process nft = new ProcessBuilder(argv).redirectErrorStream(true).start();
    try (Writer in = new OutputStreamWriter(nft.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(nft.getInputStream(), StandardCharsets.UTF_8))) {
      send(in, out, "add table inet " + TABLE + "; add set inet " + TABLE + " s { type ipv4_addr; flags timeout; }");
      long[] confirm = new long[probes];
      long[] lag = new long[probes];
      long[] total = new long[probes];
      int seen = 0;
      long minLag = Long.MAX_VALUE;
      for (int i = 0; i < probes; i++) {
        IpAddress a = IpAddress.ofIPv4(0xC6336400 + (i % 250) + 1 + ((i / 250) << 8)); // 198.51.100.x, 198.51.101.x ...
        long t0 = System.nanoTime();
        send(in, out, "add element inet " + TABLE + " s { " + a + " timeout 1m }");
        long t1 = System.nanoTime();
        long t2 = observer.await(TABLE, a, t1 + TimeUnit.SECONDS.toNanos(1));
        if (t2 >= 0) {
          confirm[seen] = t1 - t0;
          lag[seen] = Math.max(0, t2 - t1);
          minLag = Math.min(minLag, t2 - t1);
          total[seen] = t2 - t0;
          seen++;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      send(in, out, "delete table inet " + TABLE);
      return new ObserverCheck(Quantiles.ofNanos(java.util.Arrays.copyOf(confirm, seen)),
          Quantiles.ofNanos(java.util.Arrays.copyOf(lag, seen)), Quantiles.ofNanos(java.util.Arrays.copyOf(total, seen)),
          probes - seen, seen == 0 ? Double.NaN : minLag / 1e6);
    } finally {
      nft.destroy();
    }
  }

  /**
   * Sends one line (one transaction) and a marker, then reads up to the marker's reply: nft -i with a
   * pipe prints nothing for a successful change, so the reply to {@code describe meta length} (which
   * touches no kernel state) says the line before it is done.
   */
  private static void send(Writer in, BufferedReader out, String line) throws IOException {
    in.write(line + "\ndescribe meta length\n");
    in.flush();
    for (String l = out.readLine(); l != null; l = out.readLine()) {
      if (l.startsWith("meta expression")) {
        return;
      }
      if (l.contains("Error")) {
        throw new IllegalStateException("nft -i: " + l);
      }
    }
    throw new IllegalStateException("nft -i ended");
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nft_i_confirmation", confirm.json());
    m.put("confirmation_to_observer", lag.json());
    m.put("min_confirmation_to_observer_ms", Quantiles.round(minLagMs));
    m.put("write_to_observer", total.json());
    m.put("missed", missed);
    return m;
  }
}
