#!/usr/bin/env bash
# Automation service benchmarks (docs/benchmarks/automation.md). Usage:
#   bench/automation.sh deploy [count] [runs]     the real jar in front of the HA simulator: deploy round trips
#   bench/automation.sh eval                      the validator on the ha-automations-mit corpus and its mutants
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-deploy}"
shift || true
mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/test.classpath)"
case "$what" in
  deploy) java -cp "$cp" io.hestia.bench.DeployBenchmark target/hestia.jar "${1:-300}" "${2:-3}" ;;
  eval) java -jar target/hestia.jar eval automations "$@" ;;
  *) echo "usage: bench/automation.sh deploy|eval" >&2; exit 2 ;;
esac
