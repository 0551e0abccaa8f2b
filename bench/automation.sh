#!/usr/bin/env bash
# Automation service benchmarks (docs/benchmarks/automation.md). Usage:
#   bench/automation.sh validate                  JMH: the validator on one thread over the corpus (structure + home + safety)
#   bench/automation.sh deploy [count] [runs]     the real jar in front of the HA simulator: deploy round trips
#   bench/automation.sh eval [--corpus DIR]       corpus pass rate and mutant catch rate (eval automations)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-validate}"
shift || true
mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/test.classpath)"
case "$what" in
  validate) java -cp "$cp" io.hestia.bench.ValidatorBenchmark ;;
  deploy) java -cp "$cp" io.hestia.bench.DeployBenchmark target/hestia.jar "${1:-300}" "${2:-3}" ;;
  eval) java -jar target/hestia.jar eval automations "$@" ;;
  *) echo "usage: bench/automation.sh validate|deploy|eval" >&2; exit 2 ;;
esac
