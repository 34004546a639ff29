#!/bin/bash
# The CPU time (user+sys, ms) of the operator process that WorstCaseIT starts, every 200 ms until it exits, as
# "HH:MM:SS.mmm ms" lines in OUT. Start it just before the IT; plateaus mark the gaps between the shapes.
# Usage: bench/warm-up-cpu-sampler.sh OUT & mvn -B -o verify ... -Dit.test=WorstCaseIT ...
out=$1
pid=""
for i in $(seq 1 1500); do
  pid=$(pgrep -f "$(cd "$(dirname "$0")/.." && pwd)/target/appseg.jar operator" -n | head -1)
  [ -n "$pid" ] && grep -q "operator" /proc/$pid/cmdline 2>/dev/null && break
  pid=""; sleep 0.2
done
[ -z "$pid" ] && exit 1
tck=$(getconf CLK_TCK)
while [ -d /proc/$pid ]; do
  read -r -a f < /proc/$pid/stat 2>/dev/null || break
  echo "$(date -u +%H:%M:%S.%3N) $(( (f[13]+f[14]) * 1000 / tck ))" >> "$out"
  sleep 0.2
done
