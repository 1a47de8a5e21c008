#!/usr/bin/env bash
# Start-up and cold parse on one core: `./abuseloop --version` and `parse --format summary` of the
# generated 200k-line files, as a user runs them (the launcher, its class archive, C1 only), with a
# bare JVM (`java -cp DIR Hello`) as the floor, and for each file the issue's "bare Java loop" in a
# fresh JVM (`java -cp bench/target/benchmarks.jar org.abuseloop.bench.WholeRun --scan FILE 1`: read
# the file in 1 MiB blocks, look for one pattern in each line) as the floor of a whole run. With BASE=path/to/old/abuseloop.jar the same commands
# also run on that jar with the flags the launcher gave before session 3 (`java -XX:TieredStopAtLevel=1
# -XX:+UseParallelGC -jar BASE`), interleaved by hyperfine in the same minute.
#
#   bench/startup.sh                                   # needs bench/data (bench/run.sh makes it)
#   BASE=/tmp/base.jar RUNS=10 DATA=/elsewhere/bench/data bench/startup.sh
#
# Needs hyperfine and taskset. Results: bench/out/startup-*.json and a table on stdout.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
runs="${RUNS:-10}"
data="${DATA:-bench/data}"   # where the generated logs are
out=bench/out
mkdir -p "$out"
./abuseloop --version >/dev/null   # builds the jar and records the class archive when needed
bench_jar=bench/target/benchmarks.jar
[ -s "$bench_jar" ] || mvn -B -q -o -DskipTests -pl bench -am package

hello="$(mktemp -d)"
trap 'rm -rf "$hello"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' > "$hello/Hello.java"
javac -d "$hello" "$hello/Hello.java"

echo "load before: $(cat /proc/loadavg)"
measure() { # name args...
  local name="$1"; shift
  local cmds=(-n "after" "taskset -c 0 ./abuseloop $*")
  if [ -n "${BASE:-}" ]; then
    local flags=""
    case "$1" in parse) flags="-XX:TieredStopAtLevel=1 -XX:+UseParallelGC" ;; esac
    cmds+=(-n "before" "taskset -c 0 java $flags -jar $BASE $*")
  fi
  hyperfine -N -w 2 -r "$runs" --style basic --export-json "$out/startup-$name.json" "${cmds[@]}" \
    | grep -E '^Benchmark|Time \(mean|Range'
}
hyperfine -N -w 2 -r "$runs" --style basic -n "bare JVM" "taskset -c 0 java -cp $hello Hello" | grep -E 'Time \(mean|Range'
measure version --version
for f in asterisk sshd firewall; do
  [ -s "$data/$f-200k.log" ] || { echo "$data/$f-200k.log missing: run bench/run.sh (or QUICK=1 bench/run.sh) first" >&2; exit 2; }
  measure "$f" parse --format summary "$data/$f-200k.log"
  hyperfine -N -w 2 -r "$runs" --style basic --export-json "$out/startup-$f-scan.json" \
    -n "bare loop" "taskset -c 0 java -cp $bench_jar org.abuseloop.bench.WholeRun --scan $data/$f-200k.log 1" \
    | grep -E '^Benchmark|Time \(mean|Range'
done
echo "load after: $(cat /proc/loadavg)"
