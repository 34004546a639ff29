#!/usr/bin/env bash
# Regenerates the CRD (and its JSON Schema for editors) from the Java types (src/main/java/io/appseg/api) and
# refreshes the committed copies in crds/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B process-classes
cp target/classes/META-INF/fabric8/appsegmentations.appseg.io-v1.yml crds/
# The JSON Schema for editors (yaml-language-server), generated from the CRD by the build (io.appseg.api.EditorSchema).
cp target/classes/META-INF/fabric8/appsegmentations.appseg.io-v1.schema.json crds/
# The Helm chart cannot read files outside itself, so it carries a copy (ChartMatchesConfigTest keeps it equal).
cp crds/appsegmentations.appseg.io-v1.yml helm/appseg-operator/files/
echo "crds/ and helm/appseg-operator/files/ refreshed"
