#!/usr/bin/env bash
# Training service benchmarks (docs/benchmarks/training.md). Usage:
#   bench/training.sh inference     JMH: ONNX Runtime scoring of a 30-feature binary model, one item and 1,000
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-inference}"
shift || true
mvn -B -q ${MVN_OFFLINE:-} package -DskipTests
mvn -B -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/test.classpath)"
case "$what" in
  inference) java -cp "$cp" io.hestia.bench.InferenceBenchmark ;;
  *) echo "usage: bench/training.sh inference" >&2; exit 2 ;;
esac
