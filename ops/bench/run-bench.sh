#!/usr/bin/env bash
# Shared by the benchmark scripts: compile, resolve the test classpath, run a benchmark class with the given heap.
# Usage: ops/bench/run-bench.sh HEAP MAIN_CLASS [args...]
set -euo pipefail
cd "$(dirname "$0")/../.."
heap="$1"; main="$2"; shift 2
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# ParallelGC: the throughput collector suits batch work (see README).
exec java ${BENCH_JVM_OPTS:-} -Xmx"$heap" -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$main" "$@"
