#!/usr/bin/env bash
# Query service benchmarks (docs/benchmarks/query.md). Usage:
#   bench/query.sh parser                              JMH: the parser alone over a 1,000-entity home
#   bench/query.sh http [seconds] [clients] [runs]     the real jar over HTTP, concurrent clients
#   bench/query.sh eval                                HA's intent sentences (eval intents)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-http}"
shift || true
mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/test.classpath)"
case "$what" in
  parser) java -cp "$cp" io.hestia.bench.ParserBenchmark ;;
  http) java -cp "$cp" io.hestia.bench.QueryBenchmark target/hestia.jar "${1:-20}" "${2:-16}" "${3:-3}" ;;
  eval) java -jar target/hestia.jar eval intents --markdown target/intent-eval.md ;;
  *) echo "usage: bench/query.sh parser|http|eval" >&2; exit 2 ;;
esac
