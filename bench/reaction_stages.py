#!/usr/bin/env python3
"""Where abuseloop watch's reaction time goes, from a JDK Flight Recorder file of a running watch.

    JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/watch.jfr" TOOLS=abuseloop QUICK=1 bash bench/reaction.sh
    python3 bench/reaction_stages.py /tmp/watch.jfr [--prefix 198.18.] [--last N]

Reads the org.abuseloop.Reaction events (one per ban: line read -> batch handed on -> taken by the
decision thread -> ban sent to the firewall -> kernel confirmed) and org.abuseloop.NftScript events
(one per nft -i script), and prints p50/p90/p99/max of each stage in milliseconds. --prefix keeps the
bans whose target starts with it (198.18. : the benchmark's single attackers; 11. : its burst; watch's
start-up warm-up bans 198.19.x.7 and 2001:db8:...); --last N keeps the last N bans and nft scripts.
"""
import json
import subprocess
import sys


def quantiles(values):
    v = sorted(values)
    if not v:
        return "-"
    pick = lambda q: v[min(len(v) - 1, int(q * len(v)))]
    return " / ".join(f"{x / 1e6:7.3f}" for x in (pick(0.5), pick(0.9), pick(0.99), v[-1]))


def events(path, name):
    out = subprocess.run(["jfr", "print", "--json", "--events", name, path], check=True, capture_output=True, text=True).stdout
    return [e["values"] for e in json.loads(out)["recording"]["events"]]


def nanos(value):
    # jfr print --json writes a @Timespan as an ISO-8601 duration ("PT0.000123S") or a number of nanoseconds
    if isinstance(value, (int, float)):
        return value
    text = value.removeprefix("PT").removesuffix("S")
    return float(text) * 1e9 if text else 0


def main():
    path = sys.argv[1]
    last = int(sys.argv[sys.argv.index("--last") + 1]) if "--last" in sys.argv else None
    prefix = sys.argv[sys.argv.index("--prefix") + 1] if "--prefix" in sys.argv else ""
    bans = [b for b in events(path, "org.abuseloop.Reaction") if b["target"].startswith(prefix)]
    bans = bans[-last:] if last else bans
    print(f"{len(bans)} bans; milliseconds p50 / p90 / p99 / max")
    for stage in ("parse", "queue", "decide", "firewall", "total"):
        print(f"  {stage:9s} {quantiles([nanos(b[stage]) for b in bans])}")
    scripts = events(path, "org.abuseloop.NftScript")
    scripts = scripts[-last:] if last else scripts
    print(f"{len(scripts)} nft -i scripts, write to answer: {quantiles([nanos(s['duration']) for s in scripts])}")


if __name__ == "__main__":
    main()
