#!/usr/bin/env bash
# Whole-run benchmark of `abuseloop parse --format summary` against fail2ban-regex and SSHGuard's
# parser on generated logs (fixed seed), with `cat FILE > /dev/null` as the ceiling.
#
#   bench/run.sh            # 200k-line files and 2M-line files, every tool
#   QUICK=1 bench/run.sh    # 200k-line files only, fewer runs
#
# Needs: Java 17, Maven, hyperfine, fail2ban (fail2ban-regex), sshguard (sshg-parser), taskset
# (apt-get install -y hyperfine fail2ban sshguard). Results go to bench/out/ (gitignored): one
# hyperfine JSON per file and summary.tsv; the generated logs go to bench/data/ (gitignored).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
data=bench/data
out=bench/out
mkdir -p "$data" "$out"
quick="${QUICK:-0}"
runs=$([ "$quick" = 1 ] && echo 5 || echo 10)
slow_runs=3
sshg=/usr/libexec/sshguard/sshg-parser
bench_jar=bench/target/benchmarks.jar

for tool in hyperfine fail2ban-regex taskset java mvn; do
  command -v "$tool" >/dev/null || { echo "run.sh needs $tool (apt-get install -y hyperfine fail2ban sshguard)" >&2; exit 2; }
done
[ -x "$sshg" ] || { echo "run.sh needs $sshg (apt-get install -y sshguard)" >&2; exit 2; }

{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  lscpu | head -20
  java -version 2>&1
  echo "hyperfine: $(hyperfine --version)"
  echo "fail2ban: $(fail2ban-regex --version 2>&1 | head -1)"
  echo "sshguard: $(dpkg-query -W -f '${Version}' sshguard 2>/dev/null)"
  echo "load before: $(cat /proc/loadavg)"
} > "$out/machine.txt"

echo "== build (once)"
mvn -B -q -o -DskipTests -pl cli,bench -am package
# The launcher as a user runs it: C1 only and the parallel collector for batch commands, and the class
# archive it records next to the jar on its first run after a build (done here, before any timing).
abuseloop=(./abuseloop)
./abuseloop --version >/dev/null

echo "== generate (seed fixed in Generate.DEFAULT_SEED)"
generate() { # kind lines name (deterministic: kept when already generated, unless REGENERATE=1)
  if [ "${REGENERATE:-0}" = 1 ] || [ ! -s "$data/$3" ]; then
    java -cp "$bench_jar" org.abuseloop.bench.Generate "$1" "$2" "$data/$3"
  fi
}
generate asterisk 200000 asterisk-200k.log
generate sshd 200000 sshd-200k.log
generate firewall 200000 firewall-200k.log
if [ "$quick" != 1 ]; then
  generate asterisk 2000000 asterisk-2m.log
  generate sshd 2000000 sshd-2m.log
fi
(cd "$data" && sha256sum ./*.log) > "$out/sha256.txt"

rm -f "$out"/*--*.json

# hyperfine over the given commands for one file; one JSON per file and command group in $out.
measure() { # file runs name1 cmd1 [name2 cmd2 ...]
  local file="$1" n="$2"; shift 2
  local json args=()
  json="$out/$(basename "$file" .log)--$(echo "$1" | tr -c 'a-zA-Z0-9.\n-' '_').json"
  while [ $# -gt 0 ]; do args+=(-n "$1" "$2"); shift 2; done
  # -N: no intermediate shell; hyperfine sends each command's output to /dev/null.
  hyperfine -N --warmup 1 --runs "$n" --export-json "$json" --style basic "${args[@]}" >/dev/null
}

for f in "$data"/asterisk-200k.log "$data"/sshd-200k.log "$data"/firewall-200k.log; do
  echo "== $f"
  measure "$f" "$runs" \
    "cat > /dev/null" "cat $f" \
    "abuseloop 1 core" "taskset -c 0 ${abuseloop[*]} parse --format summary $f" \
    "abuseloop 2 cores" "${abuseloop[*]} parse --format summary $f"
done

echo "== fail2ban-regex and sshg-parser (same run)"
measure "$data/asterisk-200k.log" "$slow_runs" \
  "fail2ban-regex asterisk.conf" "fail2ban-regex $data/asterisk-200k.log /etc/fail2ban/filter.d/asterisk.conf"
measure "$data/sshd-200k.log" "$slow_runs" \
  "fail2ban-regex sshd.conf" "fail2ban-regex $data/sshd-200k.log /etc/fail2ban/filter.d/sshd.conf"
# sshg-parser reads stdin: hyperfine's shell does the redirection (its start-up is subtracted).
hyperfine --warmup 1 --runs "$runs" --export-json "$out/sshd-200k--sshg-parser.json" --style basic \
  -n "sshg-parser" "$sshg < $data/sshd-200k.log > /dev/null" >/dev/null

if [ "$quick" != 1 ]; then
  for f in "$data"/asterisk-2m.log "$data"/sshd-2m.log; do
    echo "== $f"
    measure "$f" 5 \
      "cat > /dev/null" "cat $f" \
      "abuseloop 1 core" "taskset -c 0 ${abuseloop[*]} parse --format summary $f" \
      "abuseloop 2 cores" "${abuseloop[*]} parse --format summary $f"
  done
fi

echo "== in-process (WholeRun: the same parse N times in one JVM; first run includes JIT warm-up)"
inproc="$out/inprocess.txt"
: > "$inproc"
for f in "$data"/asterisk-200k.log "$data"/sshd-200k.log "$data"/firewall-200k.log; do
  taskset -c 0 java -cp "$bench_jar" org.abuseloop.bench.WholeRun "$f" 20 | sed 's/^/1-core /' | tee -a "$inproc"
  java -cp "$bench_jar" org.abuseloop.bench.WholeRun "$f" 20 | sed 's/^/2-cores /' | tee -a "$inproc"
done
taskset -c 0 java -cp "$bench_jar" org.abuseloop.bench.WholeRun --scan "$data/asterisk-200k.log" 20 | sed 's/^/1-core /' | tee -a "$inproc"

echo "load after: $(cat /proc/loadavg)" >> "$out/machine.txt"
echo
cat "$out/machine.txt" | grep -E '^(date|nproc|Model name|load)'
echo
echo "== end to end (hyperfine; wall lines/s include JVM start-up; CPU = user + system time)"
python3 bench/summary.py "$out" "$data" | tee "$out/summary.tsv" | column -t -s $'\t'
echo
echo "results: $out/summary.tsv, $out/inprocess.txt, $out/*.json; file hashes: $out/sha256.txt"
