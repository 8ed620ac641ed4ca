#!/usr/bin/env bash
# Odoo connector benchmark against the simulator with 5 ms latency per call:
# 10,000 creates one per call vs batches of 500, and a paged read of 200,000 records.
# Usage: ops/bench/odoo-connector.sh [creates] [reads] [JSON2|JSONRPC|XMLRPC]
exec "$(dirname "$0")/run-bench.sh" 1g dev.plantsync.bench.OdooConnectorBench "${1:-10000}" "${2:-200000}" "${3:-JSON2}"
