#!/usr/bin/env bash
# Master-data sync: N products and N/5 BOMs from a PLM drop, first load then the same records again (must change nothing), with
# the Odoo simulator in a JVM of its own at 5 ms per call. Prints records/s, Odoo calls per 1,000 records, peak heap.
# Usage: ops/bench/master-data-sync.sh [N] [heap] [simulator heap]   (defaults: 100000, 512m, 4g)
exec "$(dirname "$0")/run-bench.sh" "${2:-512m}" dev.plantsync.bench.MasterDataSyncBench "${1:-100000}" "${3:-4g}"
