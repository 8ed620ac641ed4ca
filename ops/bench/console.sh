#!/usr/bin/env bash
# Console pages at volume: a server node seeded with N executions and B breaks in one inventory run (plus audit events,
# partner files, approvals); each page timed 20 times signed in. Prints median, p95 and max per page.
# Usage: ops/bench/console.sh [N] [B] [heap]   (defaults: 10000, 100000, 512m)
exec "$(dirname "$0")/run-bench.sh" "${3:-512m}" dev.plantsync.bench.ConsoleBench "${1:-10000}" "${2:-100000}"
