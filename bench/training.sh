#!/usr/bin/env bash
# Training service benchmarks (docs/benchmarks/training.md). Usage:
#   bench/training.sh inference                         JMH: ONNX Runtime scoring, one item and 1,000
#   bench/training.sh train [homes] [synergy] [runs]     whole training runs (data, training, export), wall time
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-inference}"
shift || true
mvn -B -q ${MVN_OFFLINE:-} package -DskipTests
mvn -B -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/test.classpath)"
case "$what" in
  inference) java -cp "$cp" io.hestia.bench.InferenceBenchmark ;;
  train) java -Xmx1g -cp "$cp" io.hestia.bench.TrainingBenchmark "${1:-1000}" "${2:-150}" "${3:-3}" ;;
  *) echo "usage: bench/training.sh inference|train" >&2; exit 2 ;;
esac
