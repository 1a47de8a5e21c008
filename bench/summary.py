#!/usr/bin/env python3
"""Prints the table of bench/run.sh from hyperfine's JSON files: wall time, CPU time, lines/s.

Usage: bench/summary.py OUT_DIR DATA_DIR. Each JSON is named FILE--COMMAND.json after the log it
measured; lines are counted from DATA_DIR/FILE.log. lines/s (wall) = lines / mean wall time;
lines per CPU second = lines / (mean user + mean system time), which stays meaningful when other
processes share the machine (a one-core run's CPU time is what it needs of one core).
"""
import glob
import json
import os
import sys

out, data = sys.argv[1], sys.argv[2]
rows = []
for path in sorted(glob.glob(os.path.join(out, "*--*.json"))):
    log = os.path.basename(path).split("--")[0]
    with open(os.path.join(data, log + ".log"), "rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    for r in json.load(open(path))["results"]:
        cpu = r["user"] + r["system"]
        rows.append((log, lines, r["command"], r["mean"], r["stddev"] or 0.0, cpu, len(r["times"]),
                     lines / r["mean"], lines / cpu if cpu > 0 else float("nan")))
print("file\tlines\tcommand\truns\tmean_wall_s\tstddev_s\tcpu_s\tlines_per_s_wall\tlines_per_cpu_s")
for log, lines, cmd, mean, sd, cpu, n, lps, lpc in rows:
    print(f"{log}\t{lines}\t{cmd}\t{n}\t{mean:.3f}\t{sd:.3f}\t{cpu:.3f}\t{lps:,.0f}\t{lpc:,.0f}")
