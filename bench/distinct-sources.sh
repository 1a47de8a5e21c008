#!/usr/bin/env bash
# The memory must of issue 3: 1,000,000 distinct attacking addresses analysed under a 256 MB heap.
# Writes OUT (default bench/data/distinct-1m.log): one UFW BLOCK line per address of 11.0.0.0/12 taken
# in order, spread evenly over one day, each to TCP 1080 of one of 250 targets in 192.0.2.0/24 (every
# address is a new key, seen once; only the /24 campaigns fire, 3,907 of them), then runs
#   JAVA_OPTS=-Xmx256m ./abuseloop analyze --format json --zone UTC OUT
# under /usr/bin/time on one core. With the default arguments the file is the one docs/benchmarks.md's
# "1,000,000 distinct sources" rows were measured on (md5 6d93daf08e9b11a3fb5c765af618a279).
#   bash bench/distinct-sources.sh [LINES] [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
lines="${1:-1000000}"
out="${2:-bench/data/distinct-1m.log}"
mkdir -p "$(dirname "$out")"
awk -v n="$lines" 'BEGIN {
  for (i = 0; i < n; i++) {
    s = int(i * 86400 / n)
    printf "Nov 22 %02d:%02d:%02d fw kernel: [%d.000000] [UFW BLOCK] IN=eth0 OUT= MAC=00:00:00:00:00:00:00:00:00:00:00:00:08:00 SRC=11.%d.%d.%d DST=192.0.2.%d LEN=40 TOS=0x00 PREC=0x00 TTL=240 ID=%d PROTO=TCP SPT=%d DPT=1080 WINDOW=1024 RES=0x00 SYN URGP=0\n",
      int(s / 3600), int(s / 60) % 60, s % 60, s, int(i / 65536), int(i / 256) % 256, i % 256, (i * 7) % 250 + 1,
      i % 65536, 40000 + i % 20000
  }
}' > "$out"
echo "wrote $out ($lines lines)" >&2
JAVA_OPTS=-Xmx256m /usr/bin/time -f "analyze: %e s wall, %U s user, max RSS %M KB" taskset -c 0 \
  ./abuseloop analyze --format json --zone UTC "$out" > "$out.analyze.json"
echo "JSON: $out.analyze.json" >&2
