#!/usr/bin/env bash
# appseg audit of 1,000,000 Hubble flow lines against the 20-tier bench app, JVM start included, with
# three launchers. Writes the flow file once (target/bench/flows-1m.json, about 1 GB, python3 bench/flows.py).
# Needs target/appseg.jar (mvn -B -q package -DskipTests) and GNU time. Usage: bench/flows.sh [RUNS]
# BASELINE=<jar> (e.g. the jar of an earlier commit) runs it too, in the same loop, for ratios taken at one load.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
flows=target/bench/flows-1m.json
mkdir -p target/bench
[ -f "$flows" ] || python3 bench/flows.py 1000000 >"$flows"
args=(audit --flows "$flows" -f bench/inputs/twenty-tier-base.yaml)
# target/appseg: the launcher (C1, SerialGC, the class-data archive mvn package wrote beside the jar).
launchers=("java -jar target/appseg.jar" "java -XX:TieredStopAtLevel=1 -jar target/appseg.jar" "target/appseg")
[ -z "${BASELINE:-}" ] || launchers+=("java -jar $BASELINE")
uptime
for launcher in "${launchers[@]}"; do
  read -r -a cmd <<<"$launcher"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS: $launcher" "${cmd[@]}" "${args[@]}" >/dev/null 2>target/bench/flows-err.txt || true
    tail -1 target/bench/flows-err.txt
  done
done
uptime
