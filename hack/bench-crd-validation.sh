#!/usr/bin/env bash
# The API server's cost of validating AppSegmentation writes (bench/crd-validation.md): starts the real control
# plane of the IT tier (Kubernetes 1.37.2 from ~/.cache/appseg; hack/setup-kube-apiserver.sh builds it when
# missing) and, for each CRD file given (default: the committed crds/ one) and each of its variants without a
# group of CEL rules, times creates, metadata patches, status patches and status applies of the worst-case
# specs and status applies of an ordinary app: wall at the client and kube-apiserver CPU per request.
# Not a test; takes 10-20 minutes on 2 cores.
# Usage: hack/bench-crd-validation.sh [-Dbench.crds=a.yml,b.yml] [-Dbench.floor=false] [-Dbench.bisect=CIDR,PORT,...]
#        [-Dbench.shapes=CIDRS,MESH,SELECTORS] [-Dbench.creates=2] [-Dbench.writes=3] [-Dbench.ordinaryWrites=300]
# e.g. before/after in one run: git show main:crds/appsegmentations.appseg.io-v1.yml >target/before.yml, then
#      -Dbench.crds=target/before.yml,crds/appsegmentations.appseg.io-v1.yml
set -euo pipefail
cd "$(dirname "$0")/.."
bash hack/setup-kube-apiserver.sh >/dev/null
mvn -B -o -q test-compile -Dspotless.check.skip=true
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dbasedir="$PWD" "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.appseg.it.bench.CrdValidationBench
