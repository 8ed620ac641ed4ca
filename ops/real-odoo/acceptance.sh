#!/usr/bin/env bash
# The real-Odoo acceptance suite (docs/real-odoo-acceptance.md) against the servers of this machine: Odoo 18 on :8069
# (database odoo18) and Odoo 19 on :8070 (database odoo19), API keys in /var/lib/odoo/odoo1X.key. Runs only the
# acceptance ITs (unit tests and the default *IT run skipped). Variables already set win; a version whose key file
# is missing is left out (its classes are skipped with a message).
#   ops/real-odoo/acceptance.sh                      both versions, every job
#   ops/real-odoo/acceptance.sh 19 'Invoice*'        one version, some classes (-Dit.test, AcceptanceIT appended)
#   ops/real-odoo/acceptance.sh 18,19 'Production*'  versions also comma-separated
set -euo pipefail
cd "$(dirname "$0")/../.."

versions="${1:-18 19}"
versions="${versions//,/ }"                                             # "18,19" as "18 19"
classes="${2:-*}"
[[ "$classes" == *AcceptanceIT ]] || classes="${classes}AcceptanceIT"   # never the unit tests of the same name

setup() { # version port
  local v=$1 port=$2
  if [[ " $versions " != *" $v "* ]]; then
    unset "PLANTSYNC_IT_ODOO${v}_URL"; return
  fi
  local key="/var/lib/odoo/odoo${v}.key"
  if [[ -z "$(printenv "PLANTSYNC_IT_ODOO${v}_API_KEY_FILE" || true)" && -z "$(printenv "PLANTSYNC_IT_ODOO${v}_API_KEY" || true)" ]]; then
    if [[ ! -r "$key" ]]; then echo "Odoo $v: no readable $key, its classes will be skipped" >&2; return; fi
    export "PLANTSYNC_IT_ODOO${v}_API_KEY_FILE=$key"
  fi
  export "PLANTSYNC_IT_ODOO${v}_URL=$(printenv "PLANTSYNC_IT_ODOO${v}_URL" || echo "http://127.0.0.1:$port")"
  export "PLANTSYNC_IT_ODOO${v}_DATABASE=$(printenv "PLANTSYNC_IT_ODOO${v}_DATABASE" || echo "odoo$v")"
}
setup 18 8069
setup 19 8070

exec ./mvnw -B verify -Preal-odoo \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dplantsync.it.default.skip=true \
  -Dit.test="$classes" -Dfailsafe.failIfNoSpecifiedTests=false
