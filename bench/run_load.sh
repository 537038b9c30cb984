#!/usr/bin/env bash
# Load test: gunicorn + PostgreSQL + Redis on loopback, 50 anonymous visitors for 60 s.
#   bash bench/run_load.sh            (USERS=50 DURATION=60s PORT=8150 PAGE_CACHE=off)
# Uses its own database (kw_load) filled with the DUO import and the demo data,
# starts `make serve-prod` on PORT, runs locust headless, prints p50/p95 per page
# and stops the server. Results: bench/results/load_*.csv (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-50}
DURATION=${DURATION:-60s}
PORT=${PORT:-8150}
DB_URL=${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kw_load}
REDIS=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/5}
# PAGE_CACHE=off: no Redis, so no page cache: every request renders from PostgreSQL.
if [ "${PAGE_CACHE:-on}" = off ]; then REDIS=""; fi
OPENDATA_DIR=${OPENDATA_DIR:-data}
mkdir -p bench/results

.venv/bin/python -m pip install --quiet -e ".[dev,bench]"
export DJANGO_SETTINGS_MODULE=portal.settings.prod DATABASE_URL="$DB_URL" \
  REDIS_URL="$REDIS" SECRET_KEY="load-test-$(date +%s)-$RANDOM$RANDOM$RANDOM$RANDOM" \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 OPENDATA_DIR

createdb -h 127.0.0.1 -U postgres "${DB_URL##*/}" 2>/dev/null || true
.venv/bin/python manage.py migrate --noinput --verbosity 0
if [ "$(.venv/bin/python manage.py shell --verbosity 0 -c 'from programmes.models import Programme; print(Programme.objects.exists())')" != "True" ]; then
  .venv/bin/python manage.py import_opendata
  .venv/bin/python manage.py load_demo
fi
PYTHONPATH=. .venv/bin/python bench/load_urls.py bench/results/load_urls.json

# Job control gives the server its own process group, so the trap stops all of it.
set -m
make serve-prod PROD_PORT="$PORT" PROD_DATABASE_URL="$DB_URL" PROD_REDIS_URL="$REDIS" \
  > bench/results/load_server.log 2>&1 &
SERVER=$!
set +m
trap 'kill -- -"$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 1
done
if [ -n "$REDIS" ]; then redis-cli -u "$REDIS" flushdb >/dev/null; fi  # a cold page cache

LOAD_URLS=bench/results/load_urls.json .venv/bin/locust -f bench/locustfile.py \
  --headless --users "$USERS" --spawn-rate 10 --run-time "$DURATION" \
  --host "http://127.0.0.1:$PORT" --csv bench/results/load --only-summary \
  --exit-code-on-error 1
.venv/bin/python bench/load_report.py bench/results/load_stats.csv
