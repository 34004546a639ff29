#!/usr/bin/env bash
# The converge benchmark of issue 13 (bench/converge.md): starts the real control plane of the IT tier
# (Kubernetes 1.37.2 from ~/.cache/appseg, hack/setup-kube-apiserver.sh builds it when missing), measures the
# bare-client floor and the operator (target/appseg.jar as a child process) on the same generated apps, and prints
# the ratios, CPU seconds per process, requests by verb, memory, then times the CLI's start (render, explain).
# Not a test; takes 5-15 minutes on 2 cores, depending on what else runs.
# The operator JVM gets the chart's flags (helm/appseg-operator/values.yaml: javaToolOptions, mallocArenaMax) and -XX:MaxRAM set to
# the chart's memory limit, which is what a container-aware JVM sees in the pod.
# Usage: hack/bench-converge.sh [-Dbench.apps=500] [-Dbench.moreApps=750] [-Dbench.threads=N]
#        [-Dbench.jvmFlags="..."] [-Dbench.jar=an-earlier-build.jar]   (more in ConvergeBench's javadoc)
set -euo pipefail
cd "$(dirname "$0")/.."
bash hack/setup-kube-apiserver.sh >/dev/null
mvn -B -o -q package -DskipTests -Dspotless.check.skip=true
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
values=helm/appseg-operator/values.yaml
limit=$(sed -n '/^resources:/,/^[a-z]/{/^  limits:/,/^  [a-z]/{s/^    memory: *\([0-9]*\)Mi$/\1/p}}' "$values")
opts=$(sed -n 's/^javaToolOptions: *//p' "$values")
# The chart's MALLOC_ARENA_MAX reaches the operator child through the environment.
MALLOC_ARENA_MAX=$(sed -n 's/^mallocArenaMax: *//p' "$values")
export MALLOC_ARENA_MAX
java -Dbasedir="$PWD" "-Dbench.jvmFlags=-XX:MaxRAM=${limit}m $opts" "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.appseg.it.bench.ConvergeBench

# CLI start (issue 13 item 6): median wall of 5 runs (after one warm-up), plain java -jar against the package's flags
# (target/appseg.jvm.options: C1 only and the class-data archive target/appseg.jsa).
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
cli() { # label, java arguments...
  local label=$1 times
  shift
  times=$(mktemp)
  java "$@" >/dev/null 2>&1
  for _ in 1 2 3 4 5; do /usr/bin/time -a -o "$times" -f "%e" java "$@" >/dev/null 2>&1; done
  printf 'cli %-8s wall %5.2f s  java %s\n' "$label" "$(median <"$times")" "$*"
  rm -f "$times"
}
render=(render -f samples/01-three-tier.yaml)
explain=(explain -f samples/01-three-tier.yaml -f bench/inputs/three-tier-pods.yaml --from production/api
  --to production/db --port 5432)
for launcher in "-jar target/appseg.jar" "@target/appseg.jvm.options -jar target/appseg.jar"; do
  read -r -a jvm <<<"$launcher"
  cli render "${jvm[@]}" "${render[@]}"
  cli explain "${jvm[@]}" "${explain[@]}"
done
printf 'load average at end %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
