#!/usr/bin/env bash
# Odoo connector benchmark against the simulator with 5 ms latency per call:
# 10,000 creates one per call vs batches of 500, and a paged read of 200,000 records.
# Usage: ops/bench/odoo-connector.sh [creates] [reads] [JSON2|JSONRPC|XMLRPC]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.plantsync.bench.OdooConnectorBench "${1:-10000}" "${2:-200000}" "${3:-JSON2}"
