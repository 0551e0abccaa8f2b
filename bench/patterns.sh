#!/usr/bin/env bash
# Pattern analysis benchmark (docs/benchmarks/patterns.md): full analyses over 30 days of synthetic homes from
# about 100,000 to 5,000,000 events, in one JVM with a bounded heap. Usage: bench/patterns.sh [runs] [devices,...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
java -Xmx${HEAP:-1g} -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  io.hestia.bench.PatternBenchmark "${1:-3}" "${2:-10,50,100,120,200,500}"
