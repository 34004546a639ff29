#!/usr/bin/env bash
# The operator's start-up warm-up (io.appseg.operator.WarmUp): what N tiers and flows per shape cost, and what
# they take off the first worst-case CIDRS plan + self-check + judgement, each N in a fresh JVM with the chart's
# flags and memory limit; N=0 is the baseline of the same run. Needs target/appseg.jar
# (mvn -B -o -q -DskipTests package). Usage: bench/warm-up.sh [N...]   (default: 0 3 10 20)
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/warm-up-bench
mkdir -p "$out"
javac -cp target/appseg.jar -d "$out" bench/warm-up/WarmUpSweep.java
flags=$(sed -n 's/^javaToolOptions: //p' helm/appseg-operator/values.yaml)
limit=$(sed -n '/^resources:/,/^[^ ]/s/^ *memory: *\([0-9]*\)Mi/\1/p' helm/appseg-operator/values.yaml | tail -1)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${@:-0 3 10 20}"; do
  for m in $n; do
    # shellcheck disable=SC2086
    java -XX:MaxRAM="${limit}m" $flags -cp "$out:target/appseg.jar" WarmUpSweep "$m" 2>/dev/null | tail -1
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
