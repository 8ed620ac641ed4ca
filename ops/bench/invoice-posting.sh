#!/usr/bin/env bash
# Supplier invoice job end to end: 1,000 invoices x 5 lines from the embedded SFTP server into the Odoo simulator
# (5 ms latency per call), against the local PostgreSQL (or embedded). Usage: ops/bench/invoice-posting.sh [invoices]
exec "$(dirname "$0")/run-bench.sh" 1g dev.plantsync.bench.InvoicePostingBench "${1:-1000}"
