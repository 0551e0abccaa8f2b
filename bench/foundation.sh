#!/usr/bin/env bash
# Foundation benchmarks (docs/benchmarks/foundation.md): builds the jar, then runs the benchmark driver,
# which starts the real jar in separate processes. Usage: bench/foundation.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" io.hestia.bench.FoundationBenchmark target/hestia.jar "${1:-5}"
