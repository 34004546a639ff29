#!/usr/bin/env bash
# Regenerates the CRD from the Java types (src/main/java/io/appseg/api) and refreshes the committed copy in crds/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B process-classes
cp target/classes/META-INF/fabric8/appsegmentations.appseg.io-v1.yml crds/
echo "crds/appsegmentations.appseg.io-v1.yml refreshed"
