#!/usr/bin/env bash
# EDI parse throughput: generated ~50 MB X12 810 and EDIFACT INVOIC files, parsed with a 256 MB heap.
# Usage: ops/bench/edi-parse.sh [megabytes]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx256m -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.plantsync.bench.EdiParseBench "${1:-50}"
