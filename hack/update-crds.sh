#!/usr/bin/env bash
# Regenerates the CRD from the Java types (src/main/java/io/appseg/api) and refreshes the committed copy in crds/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B process-classes
cp target/classes/META-INF/fabric8/appsegmentations.appseg.io-v1.yml crds/
# The Helm chart cannot read files outside itself, so it carries a copy (ChartMatchesConfigTest keeps it equal).
cp crds/appsegmentations.appseg.io-v1.yml helm/appseg-operator/files/
echo "crds/ and helm/appseg-operator/files/ refreshed"
