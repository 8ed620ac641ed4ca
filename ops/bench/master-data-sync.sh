#!/usr/bin/env bash
# Master-data sync: N products and N/5 BOMs from a PLM drop, first load then the same records again (must change nothing), with
# the Odoo simulator in a JVM of its own at 5 ms per call. Prints records/s, Odoo calls per 1,000 records, peak heap.
# Usage: ops/bench/master-data-sync.sh [N] [heap] [simulator heap]   (defaults: 100000, 512m, 4g)
#
# Against a real Odoo: N products (default 5000) loaded by the job between two bare batched `load`s of the same records
# (other codes), the job's time over theirs; then a no-change re-run and the products it wrote (by write_date, must be 0).
# It creates 3 x N products with codes C20-<time>-... in that database and deletes nothing.
# Usage: ops/bench/master-data-sync.sh --odoo URL DATABASE LOGIN API_KEY_FILE [N] [stability interval, default PT5S]
#   e.g. ops/bench/master-data-sync.sh --odoo http://127.0.0.1:8070 odoo19 admin /var/lib/odoo/odoo19.key 5000
if [ "${1:-}" = "--odoo" ]; then
    exec "$(dirname "$0")/run-bench.sh" "${BENCH_HEAP:-512m}" dev.plantsync.bench.MasterDataSyncBench "$@"
fi
exec "$(dirname "$0")/run-bench.sh" "${2:-512m}" dev.plantsync.bench.MasterDataSyncBench "${1:-100000}" "${3:-4g}"
