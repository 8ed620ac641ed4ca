#!/usr/bin/env bash
# EDI parse throughput: generated ~50 MB X12 810 and EDIFACT INVOIC files, parsed with a 256 MB heap.
# Usage: ops/bench/edi-parse.sh [megabytes]
exec "$(dirname "$0")/run-bench.sh" 256m dev.plantsync.bench.EdiParseBench "${1:-50}"
