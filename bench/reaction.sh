#!/usr/bin/env bash
# Reaction-time and burst benchmark (issue 4, "Speed"): abuseloop watch, fail2ban and a shell
# stand-in each follow an sshd log in a network namespace of their own making; a `nft monitor` child
# reports when each attacker reaches the kernel set. Prints a summary table; JSON in bench/out/reaction.json.
#
#   sudo bench/reaction.sh                 # everything (about 10 minutes, fail2ban's burst is most of it)
#   QUICK=1 sudo bench/reaction.sh         # 500-attacker burst, fail2ban capped at 60 s, 20k firewall bans
#   TOOLS=standin,fail2ban bench/reaction.sh
#
# Needs: root, Java 17, Maven, nft (nftables), iproute2, fail2ban (apt-get install -y nftables fail2ban
# python3-pyinotify). abuseloop is run as ABUSELOOP (default: the ./abuseloop launcher) and
# only when it has the `watch` subcommand.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
out=bench/out
mkdir -p "$out"

[ "$(id -u)" = 0 ] || { echo "reaction.sh must run as root (network namespace, nftables)" >&2; exit 2; }
for tool in java mvn nft ip fail2ban-server fail2ban-client; do
  command -v "$tool" >/dev/null || { echo "reaction.sh needs $tool (apt-get install -y nftables fail2ban python3-pyinotify)" >&2; exit 2; }
done

echo "== build (once)"
mvn -B -q -o -DskipTests -pl cli,bench -am package

# The launcher users run (it execs java -jar cli/target/abuseloop.jar watch ...); ABUSELOOP overrides it.
abuseloop="${ABUSELOOP:-$home/abuseloop}"
if ! $abuseloop watch --help >/dev/null 2>&1; then
  echo "note: '$abuseloop' has no watch subcommand yet: abuseloop is left out of this run" >&2
  abuseloop=""
fi

ns="abl-reaction-$$-$RANDOM"
# The Java program deletes the namespace itself; this is for a kill -9 or a JVM that never started.
trap 'ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true; ip netns del "$ns" 2>/dev/null || true' EXIT

quick=()
if [ "${QUICK:-0}" = 1 ]; then
  quick=(--singles 50 --burst 500 --f2b-cap 60 --fw 20000)
fi

java -cp bench/target/benchmarks.jar org.abuseloop.bench.reaction.ReactionRun \
  --ns "$ns" --out "$out" --abuseloop "$abuseloop" --tools "${TOOLS:-standin,abuseloop,fail2ban}" "${quick[@]}" \
  | tee "$out/reaction.txt"
