#!/usr/bin/env bash
# Whole-command timings, JVM start included: appseg test with 1000 expectations on the samples, and appseg diff
# of two versions of a 20-tier app, each with three launchers. Prints the median wall and CPU seconds of RUNS
# runs (default 10). Needs target/appseg.jar (mvn -B -q package -DskipTests) and GNU time (/usr/bin/time).
# Usage: bench/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
jar=target/appseg.jar
archive=target/appseg-cds.jsa
test_args=(test -f bench/inputs/samples-1000.yaml -f samples/)
diff_args=(diff --base bench/inputs/twenty-tier-base.yaml --head bench/inputs/twenty-tier-head.yaml)

# A class-data archive of the classes one run loads (Java 13+ AppCDS), made once.
[ -f "$archive" ] || java -XX:ArchiveClassesAtExit="$archive" -jar "$jar" "${test_args[@]}" >/dev/null 2>&1

launchers=("java -jar $jar"
  "java -XX:TieredStopAtLevel=1 -Xshare:auto -jar $jar"
  "java -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$archive -jar $jar")

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

measure() { # label, command...
  local label=$1 times
  shift
  times=$(mktemp)
  "$@" >/dev/null 2>&1 || [ $? -eq 3 ] # one warm-up run (file cache); exit 3 is a failed expectation, not an error
  for _ in $(seq "$runs"); do
    /usr/bin/time -a -o "$times" -f "%e %U %S" "$@" >/dev/null 2>&1 || true
  done
  printf '%-8s wall %5.2f s  cpu %5.2f s  %s\n' "$label" "$(awk '{print $1}' "$times" | median)" \
    "$(awk '{print $2 + $3}' "$times" | median)" "$*"
  rm -f "$times"
}

for launcher in "${launchers[@]}"; do
  read -r -a cmd <<<"$launcher"
  measure test "${cmd[@]}" "${test_args[@]}"
  measure diff "${cmd[@]}" "${diff_args[@]}"
  measure version "${cmd[@]}" --version
done
