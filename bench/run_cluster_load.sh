#!/usr/bin/env bash
# Load across the running cluster (`make cluster`): USERS anonymous visitors
# (default 50), half on each app server, for DURATION (default 60s), after the
# real DUO catalogue and the demo data are loaded into the cluster's database.
#   make cluster && bash bench/run_cluster_load.sh; make cluster-stop
# Results: bench/results/cluster_load_app{1,2}_stats.csv (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-50}
DURATION=${DURATION:-60s}
DIR=${CLUSTER_DIR:-/tmp/keuzewijzer-cluster}
mkdir -p bench/results
set -a
. "$DIR/env"
set +a
# Loading writes on the primary directly, as a release job would.
primary() { DATABASE_URL=$PRIMARY_URL PGBOUNCER=0 DATABASE_REPLICA_URL= "$@"; }
if [ "$(primary .venv/bin/python manage.py shell --verbosity 0 -c 'from programmes.models import Programme; print(Programme.objects.count() > 100)')" != True ]; then
  primary .venv/bin/python manage.py import_opendata
  primary .venv/bin/python manage.py load_demo
fi
primary env PYTHONPATH=. .venv/bin/python bench/load_urls.py bench/results/load_urls.json
redis-cli -u "${REDIS_URL}" --scan --pattern "*${CACHE_KEY_PREFIX}*" | xargs -r redis-cli -u "${REDIS_URL}" del >/dev/null  # a cold page cache

IFS=, read -r -a apps <<<"$APP_URLS"
pids=()
n=0
for app in "${apps[@]}"; do
  n=$((n + 1))
  LOAD_URLS=bench/results/load_urls.json .venv/bin/locust -f bench/locustfile.py \
    --headless --users $((USERS / ${#apps[@]})) --spawn-rate 5 --run-time "$DURATION" \
    --host "$app" --csv "bench/results/cluster_load_app$n" --only-summary \
    --exit-code-on-error 1 >"bench/results/cluster_load_app$n.log" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for i in $(seq "$n"); do
  echo "== app server $i (${apps[$((i - 1))]}) =="
  .venv/bin/python bench/load_report.py "bench/results/cluster_load_app${i}_stats.csv"
done
exit "$status"
