#!/usr/bin/env bash
# Inventory reconciliation end to end: N quants in the Odoo simulator (5 ms per call) against an N-line snapshot on the
# embedded SFTP server (1% breaks), then the floor (COPY both sides, one SQL join) in the same run.
# Usage: ops/bench/inventory-reconciliation.sh [N] [heap]   (defaults: 100000, 2g; the simulator shares the heap)
exec "$(dirname "$0")/run-bench.sh" "${2:-2g}" dev.plantsync.bench.InventoryReconciliationBench "${1:-100000}"
