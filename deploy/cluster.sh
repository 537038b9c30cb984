#!/usr/bin/env bash
# `make cluster` / `make cluster-stop`: the production topology on this machine
# (docs/DEPLOY.md, "Several app servers"):
#
#   app server 1 (gunicorn :8201) ─┐                ┌─ PgBouncer :56432 ── PostgreSQL :5432 (primary)
#   app server 2 (gunicorn :8202) ─┼── writes ──────┘                          │ streaming
#                                  ├── anonymous reads ─── replica :55433 ◄────┘
#                                  ├── media ─── moto's S3 server :59000
#                                  └── cache ─── Redis :6379 (a prefix of this run's own)
#
#   deploy/cluster.sh start          start everything (a fresh database and replica)
#   deploy/cluster.sh stop [PART…]   stop what start started (PARTs: app1 app2 moto
#                                    pgbouncer replica; default all), by recorded PID
#   deploy/cluster.sh status         which parts run
#
# The local PostgreSQL must run (trust auth for postgres on 127.0.0.1). The only
# change made to it: a "host replication" line for 127.0.0.1 in pg_hba.conf and a
# configuration reload, so that pg_basebackup and the replica may connect. It is
# never stopped. Everything else lives in $CLUSTER_DIR; $CLUSTER_DIR/env holds
# the app servers' environment (the journey test reads it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=${CLUSTER_DIR:-/tmp/keuzewijzer-cluster}
VENV=${VENV:-$ROOT/.venv}
DB=${CLUSTER_DB:-kw_cluster}
PRIMARY_PORT=5432
REPLICA_PORT=${CLUSTER_REPLICA_PORT:-55433}
PGBOUNCER_PORT=${CLUSTER_PGBOUNCER_PORT:-56432}
S3_PORT=${CLUSTER_S3_PORT:-59000}
APP_PORTS=(${CLUSTER_APP_PORTS:-8201 8202})
APP_WORKERS=${CLUSTER_APP_WORKERS:-2}
REDIS_URL=${CLUSTER_REDIS_URL:-redis://127.0.0.1:6379/0}
BUCKET=keuzewijzer-media
# Outside $DIR: kept from one start to the next (see start_apps).
STATIC_ROOT=${CLUSTER_STATIC_ROOT:-/tmp/keuzewijzer-cluster-static}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
# PostgreSQL and PgBouncer refuse to run as root: as the postgres user then.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
say() { printf '[cluster %(%H:%M:%S)T] %s\n' -1 "$*"; }

wait_for() { # wait_for SECONDS LOG COMMAND…: until COMMAND succeeds; else LOG's end
  local limit=$1 log=$2; shift 2
  for _ in $(seq $((limit * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "cluster: gave up waiting for: $*" >&2
  if [ -f "$log" ]; then echo "cluster: the end of $log:" >&2; tail -20 "$log" >&2; fi
  return 1
}

pid_file() { # where a part records its PID
  case $1 in
    replica) echo "$DIR/replica/postmaster.pid" ;;
    pgbouncer) echo "$DIR/pgbouncer/pgbouncer.pid" ;;
    *) echo "$DIR/$1.pid" ;;
  esac
}

pid_of() { # the recorded PID of a part, if that process still runs and is the part's program
  local file pid program
  file=$(pid_file "$1")
  [ -f "$file" ] || return 1
  pid=$(head -1 "$file")
  case $1 in
    replica) program=postgres ;;
    pgbouncer) program=pgbouncer ;;
    moto) program=moto_server ;;
    *) program=gunicorn ;;
  esac
  # A PID file left by a process that died with the machine may name a PID that
  # the system has since given to another program: that one is not ours.
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$program" && echo "$pid"
}

forget_stale_pid_files() { # PgBouncer and gunicorn refuse to start beside a PID file naming a live PID
  local part
  for part in app1 app2 moto pgbouncer; do
    pid_of "$part" >/dev/null || rm -f "$(pid_file "$part")"
  done
}

start_primary_replication() {
  pg_isready -h 127.0.0.1 -p $PRIMARY_PORT -q || { echo "cluster: the local PostgreSQL on port $PRIMARY_PORT does not run" >&2; exit 1; }
  local hba
  hba=$(psql -h 127.0.0.1 -U postgres -Atc 'SHOW hba_file')
  if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    say "pg_hba.conf: allowing replication connections from 127.0.0.1"
    echo "host replication all 127.0.0.1/32 trust  # keuzewijzer make cluster" >>"$hba"
    psql -h 127.0.0.1 -U postgres -qAtc 'SELECT pg_reload_conf()' >/dev/null
  fi
}

start_database() {
  say "database $DB: created afresh, migrated"
  dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DB"
  createdb -h 127.0.0.1 -U postgres "$DB"
  # Commits of this session only need not wait for the disk: a fresh database.
  (set -a; . "$DIR/env"; DATABASE_URL=$PRIMARY_URL DATABASE_REPLICA_URL= PGBOUNCER=0 \
    PGOPTIONS="-c synchronous_commit=off" DATABASE_STATEMENT_TIMEOUT=0 \
    "$VENV/bin/python" manage.py migrate --noinput --verbosity 0)
}

start_replica() {
  say "replica: pg_basebackup of the primary, started on port $REPLICA_PORT"
  rm -rf "$DIR/replica"
  mkdir -m 700 "$DIR/replica"
  chown postgres: "$DIR/replica" 2>/dev/null || true
  as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p $PRIMARY_PORT -U postgres \
    -D "$DIR/replica" -R -X stream -c fast --no-sync
  # Debian keeps the configuration outside the data directory: the replica's own.
  as_postgres tee "$DIR/replica/postgresql.conf" >/dev/null <<EOF
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR/run'
hot_standby = on
# A standby needs at least the primary's max_connections.
max_connections = $(psql -h 127.0.0.1 -U postgres -Atc 'SHOW max_connections')
shared_buffers = 32MB
# A throwaway copy, rebuilt by every start: no need to wait for the disk.
fsync = off
EOF
  as_postgres tee "$DIR/replica/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
  as_postgres touch "$DIR/replica/pg_ident.conf"
  as_postgres "$PG_BIN/pg_ctl" -D "$DIR/replica" -l "$DIR/run/replica.log" -w -t 30 start >/dev/null
}

start_pgbouncer() {
  say "pgbouncer: transaction pooling on port $PGBOUNCER_PORT"
  mkdir -p "$DIR/pgbouncer"
  chown postgres: "$DIR/pgbouncer" 2>/dev/null || true
  cat >"$DIR/pgbouncer/pgbouncer.ini" <<EOF
[databases]
$DB = host=127.0.0.1 port=$PRIMARY_PORT dbname=$DB
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGBOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $DIR/pgbouncer/userlist.txt
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
; Django sends the statement timeout as a startup parameter (options), which
; PgBouncer cannot pass on: ignored here, set on the role in production.
ignore_startup_parameters = extra_float_digits,options
logfile = $DIR/pgbouncer/pgbouncer.log
pidfile = $DIR/pgbouncer/pgbouncer.pid
EOF
  echo '"postgres" ""' >"$DIR/pgbouncer/userlist.txt"
  as_postgres pgbouncer -d -q "$DIR/pgbouncer/pgbouncer.ini"
  wait_for 10 "$DIR/pgbouncer/pgbouncer.log" pg_isready -h 127.0.0.1 -p $PGBOUNCER_PORT -d "$DB" -U postgres
}

start_moto() {
  say "moto: S3 API on port $S3_PORT, bucket $BUCKET"
  "$VENV/bin/moto_server" -H 127.0.0.1 -p $S3_PORT >"$DIR/moto.log" 2>&1 &
  echo $! >"$DIR/moto.pid"
  wait_for 20 "$DIR/moto.log" curl -sf "http://127.0.0.1:$S3_PORT/moto-api/"
  curl -sf -X PUT "http://127.0.0.1:$S3_PORT/$BUCKET" >/dev/null
}

start_apps() {
  # Collected (and compressed: minutes on a busy machine) again only when a file
  # under static/ is newer than the last collection's manifest.
  local manifest=$STATIC_ROOT/staticfiles.json
  if [ ! -f "$manifest" ] || [ -n "$(find static -newer "$manifest" -print -quit)" ]; then
    (set -a; . "$DIR/env"; "$VENV/bin/python" manage.py collectstatic --noinput --verbosity 0)
  fi
  local n=0
  for port in "${APP_PORTS[@]}"; do
    n=$((n + 1))
    say "app$n: gunicorn, production settings, port $port"
    (set -a; . "$DIR/env"; exec "$VENV/bin/gunicorn" portal.wsgi:application \
      --bind "127.0.0.1:$port" --workers "$APP_WORKERS" --daemon \
      --pid "$DIR/app$n.pid" --access-logfile "$DIR/app$n-access.log" \
      --error-logfile "$DIR/app$n.log")
  done
  n=0
  for port in "${APP_PORTS[@]}"; do
    n=$((n + 1))
    wait_for 30 "$DIR/app$n.log" curl -sf "http://127.0.0.1:$port/healthz"
  done
}

write_env() {
  local secret
  secret=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
  cat >"$DIR/env" <<EOF
DJANGO_SETTINGS_MODULE=portal.settings.prod
SECRET_KEY=$secret
PRIMARY_URL=postgres://postgres@127.0.0.1:$PRIMARY_PORT/$DB
DATABASE_URL=postgres://postgres@127.0.0.1:$PGBOUNCER_PORT/$DB
PGBOUNCER=1
DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:$REPLICA_PORT/$DB
REDIS_URL=$REDIS_URL
CACHE_KEY_PREFIX=kw-cluster-$(date +%s)
AWS_STORAGE_BUCKET_NAME=$BUCKET
S3_ENDPOINT_URL=http://127.0.0.1:$S3_PORT
AWS_S3_REGION_NAME=us-east-1
AWS_DEFAULT_ACL=public-read
AWS_ACCESS_KEY_ID=cluster
AWS_SECRET_ACCESS_KEY=cluster
ALLOWED_HOSTS=127.0.0.1,localhost
SECURE_SSL_REDIRECT=0
STATIC_ROOT=$STATIC_ROOT
MEDIA_ROOT=$DIR/media
APP_URLS=$(printf 'http://127.0.0.1:%s,' "${APP_PORTS[@]}" | sed 's/,$//')
CLUSTER_SCRIPT=$ROOT/deploy/cluster.sh
EOF
}

start() {
  if [ -f "$DIR/env" ] && status >/dev/null; then
    echo "cluster: already running ($DIR); deploy/cluster.sh stop first" >&2
    exit 1
  fi
  local began=$SECONDS
  mkdir -p "$DIR/run" "$DIR/media"
  chmod 755 "$DIR"
  chown postgres: "$DIR/run" 2>/dev/null || true
  forget_stale_pid_files
  write_env
  start_primary_replication
  start_database
  start_replica
  start_pgbouncer
  start_moto
  start_apps
  say "running after $((SECONDS - began)) s: ${APP_PORTS[*]/#/http://127.0.0.1:}"
}

stop_part() {
  local part=$1 pid
  pid=$(pid_of "$part") || return 0
  case $part in
    replica) as_postgres "$PG_BIN/pg_ctl" -D "$DIR/replica" -m fast -w stop >/dev/null ;;
    *)
      kill -TERM "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      ;;
  esac
  say "$part stopped"
}

stop() {
  local parts=("$@")
  if [ ${#parts[@]} = 0 ]; then
    local n=${#APP_PORTS[@]}
    parts=()
    for i in $(seq "$n"); do parts+=("app$i"); done
    parts+=(moto pgbouncer replica)
  fi
  for part in "${parts[@]}"; do stop_part "$part"; done
  # The replica's copy of the whole local cluster (gigabytes on a machine with
  # benchmark databases): made afresh by every start.
  if [ $# = 0 ] && [ -d "$DIR/replica" ] && ! pid_of replica >/dev/null; then
    rm -rf "$DIR/replica"
  fi
}

status() {
  local running=0
  for part in app1 app2 moto pgbouncer replica; do
    if pid=$(pid_of "$part"); then echo "$part: running (pid $pid)"; running=1
    else echo "$part: stopped"; fi
  done
  [ $running = 1 ]
}

case ${1:-} in
  start) start ;;
  stop) shift; stop "$@" ;;
  status) status ;;
  *) echo "usage: $0 start | stop [app1 app2 moto pgbouncer replica] | status" >&2; exit 2 ;;
esac
