#!/usr/bin/env bash
# The plant loop at volume (issue 23): N confirmed MOs released by production-order-release, then E MES completion
# events imported by production-completion-import, against the Odoo simulator (own JVM, 5 ms per call).
# Usage: ops/bench/production.sh [MOs] [events] [simulator heap]   (quick: 200 1000; the issue's: 2000 10000)
exec "$(dirname "$0")/run-bench.sh" 1g dev.plantsync.bench.ProductionBench "${1:-200}" "${2:-1000}" "${3:-2g}"
