#!/usr/bin/env bash
# Supplier invoice job end to end: 1,000 invoices x 5 lines from the embedded SFTP server into the Odoo simulator
# (5 ms latency per call), against the local PostgreSQL (or embedded). Usage: ops/bench/invoice-posting.sh [invoices]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.plantsync.bench.InvoicePostingBench "${1:-1000}"
