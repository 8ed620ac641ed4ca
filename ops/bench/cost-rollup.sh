#!/usr/bin/env bash
# Cost roll-up: N products with 4N BOM lines 8 levels deep (every tenth product in stock), first roll-up then the same
# night again (must write nothing), with the Odoo simulator in a JVM of its own at 5 ms per call. Prints elapsed time,
# Odoo calls and PlantSync's peak heap. Usage: ops/bench/cost-rollup.sh [N] [heap] [simulator heap]
# (defaults: 50000, 512m, 4g)
exec "$(dirname "$0")/run-bench.sh" "${2:-512m}" dev.plantsync.bench.CostRollupBench "${1:-50000}" "${3:-4g}"
