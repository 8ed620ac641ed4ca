#!/usr/bin/env bash
# Inventory reconciliation end to end: N quants in the Odoo simulator (5 ms per call) against an N-line snapshot on the
# embedded SFTP server (1% breaks), then the floor (COPY both sides, one SQL join) in the same run.
# Usage: ops/bench/inventory-reconciliation.sh [N] [heap] [simulator heap] [rounds]  (defaults: 100000, 512m, 6g, 3; the
# simulator runs in a JVM of its own, so the heap is PlantSync's alone)
exec "$(dirname "$0")/run-bench.sh" "${2:-512m}" dev.plantsync.bench.InventoryReconciliationBench "${1:-100000}" "${3:-6g}" "${4:-3}"
