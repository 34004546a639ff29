#!/usr/bin/env bash
# The converge benchmark of issue 13 (bench/converge.md): starts the real control plane of the IT tier
# (Kubernetes 1.37.2 from ~/.cache/appseg, hack/setup-kube-apiserver.sh builds it when missing), measures the
# bare-client floor and the operator (target/appseg.jar as a child process) on the same generated apps, and prints
# the ratios, CPU seconds per process, requests by verb, memory. Not a test; takes 3-6 minutes on 2 cores.
# The operator JVM gets the chart's flags (helm/appseg-operator/values.yaml: javaToolOptions) and -XX:MaxRAM set to
# the chart's memory limit, which is what a container-aware JVM sees in the pod.
# Usage: hack/bench-converge.sh [-Dbench.apps=500] [-Dbench.moreApps=750] [-Dbench.threads=N]
#        [-Dbench.jvmFlags="..."]   (more in ConvergeBench's javadoc)
set -euo pipefail
cd "$(dirname "$0")/.."
bash hack/setup-kube-apiserver.sh >/dev/null
mvn -B -o -q package -DskipTests -Dspotless.check.skip=true
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
values=helm/appseg-operator/values.yaml
limit=$(sed -n '/^resources:/,/^[a-z]/{/^  limits:/,/^  [a-z]/{s/^    memory: *\([0-9]*\)Mi$/\1/p}}' "$values")
opts=$(sed -n 's/^javaToolOptions: *//p' "$values")
exec java -Dbasedir="$PWD" "-Dbench.jvmFlags=-XX:MaxRAM=${limit}m $opts" "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.appseg.it.bench.ConvergeBench
