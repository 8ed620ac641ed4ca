#!/usr/bin/env bash
# The plant loop at volume (issue 23): N confirmed MOs released by production-order-release, then E MES completion
# events imported by production-completion-import, against the Odoo simulator (own JVM, 5 ms per call).
# Usage: ops/bench/production.sh [MOs] [events] [simulator heap]   (quick: 200 1000; the issue's: 2000 10000)
#
# Against a real Odoo (a shared one: the run creates a manufacturing operation type of WH, two component lots with
# stock and N MOs of 10 Drawers, all stamped PB<epoch s>; it cancels its own orders left open, archives its type and
# deletes nothing). BENCH_JVM_OPTS=-Dbench.odooPid=PID also reports Odoo's CPU per job.
# Usage: ops/bench/production.sh --odoo URL DATABASE LOGIN API_KEY_FILE [MOs, default 50] [events, default 5 x MOs]
#   e.g. ops/bench/production.sh --odoo http://127.0.0.1:8070 odoo19 admin /var/lib/odoo/odoo19.key 50 250
if [ "${1:-}" = "--odoo" ]; then
    exec "$(dirname "$0")/run-bench.sh" "${BENCH_HEAP:-1g}" dev.plantsync.bench.ProductionBench "$@"
fi
exec "$(dirname "$0")/run-bench.sh" 1g dev.plantsync.bench.ProductionBench "${1:-200}" "${2:-1000}" "${3:-2g}"
