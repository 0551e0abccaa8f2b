#!/usr/bin/env bash
# Automation service benchmarks (docs/benchmarks/automation.md). Usage:
#   bench/automation.sh validate    JMH: the validator on one thread over the corpus (structure + home + safety)
#   bench/automation.sh eval        corpus pass rate and mutant catch rate (eval automations)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-validate}"
shift || true
mvn -B -o -q package -DskipTests
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/test.classpath)"
case "$what" in
  validate) java -cp "$cp" io.hestia.bench.ValidatorBenchmark ;;
  eval) java -jar target/hestia.jar eval automations "$@" ;;
  *) echo "usage: bench/automation.sh validate|eval" >&2; exit 2 ;;
esac
