package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A firewall log whose breakdown is known by construction, with an AWS-format range file: on day 1
 * cloud address 198.51.100.7 sweeps TCP 1080 over 40 targets and 203.0.113.9 hits 20 of them; on day
 * 2 203.0.113.50 knocks on SSH 40 times; one cron line is not an event.
 */
record SweepLog(Path log, Path ranges) {

  static SweepLog writeInto(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add(deny("Mar  1 10:%02d:%02d", i / 60, i % 60, "198.51.100.7", "192.0.2." + (i + 1), 1080));
    }
    for (int i = 0; i < 20; i++) {
      lines.add(deny("Mar  1 11:%02d:%02d", 0, i, "203.0.113.9", "192.0.2." + (i + 1), 1080));
    }
    for (int i = 0; i < 40; i++) {
      lines.add(deny("Mar  2 09:%02d:%02d", 0, i, "203.0.113.50", "192.0.2.1", 22));
    }
    lines.add("Mar  2 09:30:00 fw CRON[1]: (root) CMD (run-parts /etc/cron.hourly)");
    Path log = Files.write(dir.resolve("kern.log"), lines);
    Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2024-03-05T00:00:00Z")));
    Path ranges = Files.createDirectories(dir.resolve("ranges"));
    Files.writeString(ranges.resolve("ip-ranges.json"), """
        {"syncToken": "1", "createDate": "2024-01-01-00-00-00",
         "prefixes": [{"ip_prefix": "198.51.100.0/24", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"}],
         "ipv6_prefixes": []}
        """);
    return new SweepLog(log, ranges);
  }

  private static String deny(String time, int a, int b, String src, String dst, int dport) {
    return String.format(Locale.ROOT, time, a, b) + " fw kernel: [12345.678] [UFW BLOCK] IN=eth0 OUT= MAC=00:00 SRC=" + src + " DST=" + dst
        + " LEN=60 TOS=0x00 PREC=0x00 TTL=50 ID=1 DF PROTO=TCP SPT=40000 DPT=" + dport + " WINDOW=1024 RES=0x00 SYN URGP=0";
  }
}
