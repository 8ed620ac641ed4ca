#!/usr/bin/env bash
# Operator command start-up: median wall and CPU seconds of `jobs list`, `jobs show <id>` and `edi validate <small
# file>`, each a fresh JVM as an operator runs it, from the command to its exit.
# Usage: ops/bench/cli-startup.sh [runs]        (default 5; BENCH_LAUNCHER=... to time another launcher)
#   BENCH_LAUNCHER  the command that runs PlantSync (default: bin/plantsync, the shipped launcher; e.g.
#                   "java -XX:+UseParallelGC -jar target/plantsync.jar" for the bare jar)
#   PLANTSYNC_CACHE_DIR  the launcher's extracted jar and archive (default here: target/plantsync-cache; made by the
#                   first, unmeasured command)
#   PLANTSYNC_DB_URL / PLANTSYNC_DB_USER  the database; default: a database plantsync_cli_bench on 127.0.0.1:5432,
#                   created (and given one `demo` execution for `jobs show`) when missing
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
launcher="${BENCH_LAUNCHER:-bin/plantsync}"

if [[ ! -f target/plantsync.jar ]]; then
    ./mvnw -q -B package -DskipTests
fi
if [[ -z "${PLANTSYNC_DB_URL:-}" ]]; then
    psql -q -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname = 'plantsync_cli_bench'" \
        | grep -q 1 || psql -q -h 127.0.0.1 -U postgres -c "create database plantsync_cli_bench"
    export PLANTSYNC_DB_URL=jdbc:postgresql://127.0.0.1:5432/plantsync_cli_bench PLANTSYNC_DB_USER=postgres
fi
export PLANTSYNC_CONFIG_DIR="${PLANTSYNC_CONFIG_DIR:-$PWD}"
export PLANTSYNC_CACHE_DIR="${PLANTSYNC_CACHE_DIR:-$PWD/target/plantsync-cache}"

# One execution to show: the first commands also migrate a new database and make the launcher's archive (not
# measured).
executions() { PLANTSYNC_CDS=off $launcher jobs executions demo --limit 1 2>/dev/null | awk 'NR == 2 { print $1 }'; }
execution=$(executions)
if [[ -z "$execution" ]]; then
    PLANTSYNC_CDS=off $launcher run demo >/dev/null 2>&1 || true
    execution=$(executions)
fi
[[ -n "$execution" ]] || { echo "no demo execution to show in $PLANTSYNC_DB_URL" >&2; exit 1; }
$launcher jobs list >/dev/null 2>&1 # the launcher's archive, once, on a migrated database
edi_file=src/test/resources/edi/x12-810-004010-two-invoices.edi

times_file=$(mktemp)
trap 'rm -f "$times_file"' EXIT

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() {
    local name="$1"; shift
    local walls=() cpus=() code=0
    for ((i = 0; i < runs; i++)); do
        # %e wall, %U + %S CPU of the JVM and all it started
        /usr/bin/time -o "$times_file" -f '%e %U %S' $launcher "$@" >/dev/null 2>&1 || code=$?
        read -r wall user sys <"$times_file" || true
        walls+=("$wall")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
    done
    printf '%-28s %8s %8s %6s   wall: %s\n' "$name" "$(printf '%s\n' "${walls[@]}" | median)" \
        "$(printf '%s\n' "${cpus[@]}" | median)" "$code" "${walls[*]}"
}

echo "launcher: $launcher; $runs runs each; $(nproc) cores; database $PLANTSYNC_DB_URL"
printf '%-28s %8s %8s %6s\n' "COMMAND" "WALL s" "CPU s" "EXIT"
measure "jobs list" jobs list
measure "jobs show $execution" jobs show "$execution"
measure "edi validate (2 invoices)" edi validate "$edi_file"
