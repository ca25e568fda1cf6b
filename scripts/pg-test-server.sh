#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests.
#
#   scripts/pg-test-server.sh start   # idempotent; prints the connection URL as its last stdout line
#   scripts/pg-test-server.sh stop    # stops the server and deletes its data
#   scripts/pg-test-server.sh url     # prints the connection URL
#   scripts/pg-test-server.sh status  # exit 0 if running
#
# Environment:
#   WA_TEST_PG_PORT  TCP port (default 54329); the server listens on 127.0.0.1 only
#   WA_TEST_PG_DIR   working folder (default /tmp/wa-pg-$PORT): data dir, unix socket, log
#
# Everything lives in the working folder, owned by the `postgres` user (when run
# as root) or by the current user (otherwise). The cluster is tuned for speed,
# not durability: fsync, synchronous_commit and full_page_writes are off.
# Only progress messages go to stderr, so `URL=$(scripts/pg-test-server.sh start)` works.
set -euo pipefail

PORT="${WA_TEST_PG_PORT:-54329}"
BASE="${WA_TEST_PG_DIR:-/tmp/wa-pg-$PORT}"
DATA="$BASE/data"
LOG="$BASE/postgres.log"
MARKER="$BASE/.wa-pg-test-cluster"
LOCK="/tmp/wa-pg-$PORT.lock"
DB_NAME="workforce_test"
PG_BIN="${WA_TEST_PG_BIN:-/usr/lib/postgresql/15/bin}"
URL="postgres://postgres@127.0.0.1:$PORT/$DB_NAME"

log() { echo "pg-test-server: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

usage() {
  echo "usage: $0 start|stop|url|status" >&2
  exit 2
}

[[ "$PORT" =~ ^[0-9]+$ ]] || die "WA_TEST_PG_PORT must be a number (got '$PORT')"
case "$BASE" in
  /*) ;;
  *) die "WA_TEST_PG_DIR must be an absolute path (got '$BASE')" ;;
esac
[[ "$BASE" != "/" ]] || die "refusing to use / as WA_TEST_PG_DIR"

# The postgres user cannot necessarily read the caller's working directory;
# psql/pg_ctl complain if they cannot chdir back, so work from /.
cd /

# --- run as the cluster owner ---------------------------------------------
if [[ "$(id -u)" -eq 0 ]]; then
  OWNER="postgres"
  as_owner() { runuser -u postgres -- "$@"; }
else
  OWNER="$(id -un)"
  as_owner() { "$@"; }
fi

ensure_owner_user() {
  [[ "$OWNER" == "postgres" ]] || return 0
  if ! id -u postgres >/dev/null 2>&1; then
    log "creating system user postgres"
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

check_binaries() {
  local b
  for b in initdb pg_ctl postgres pg_isready psql; do
    [[ -x "$PG_BIN/$b" ]] || die "$PG_BIN/$b not found; run scripts/ensure-test-deps.sh"
  done
}

# --- state helpers ----------------------------------------------------------

# Prints the postmaster PID of our cluster if it is alive and really postgres.
postmaster_pid() {
  local pidfile="$DATA/postmaster.pid" pid comm state
  [[ -f "$pidfile" ]] || return 1
  pid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -d "/proc/$pid" ]] || return 1
  # A killed postmaster can linger as a zombie when nothing reaps it (containers
  # whose PID 1 is not an init): that is not a running server.
  state="$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != "Z" && "$state" != "X" ]] || return 1
  comm="$(cat "/proc/$pid/comm" 2>/dev/null || true)"
  # Debian's postgres reports itself as "postgres" (older kernels may show "postmaster").
  [[ "$comm" == postgres* || "$comm" == postmaster* ]] || return 1
  echo "$pid"
}

is_running() {
  postmaster_pid >/dev/null
}

is_ready() {
  "$PG_BIN/pg_isready" -q -h "$BASE" -p "$PORT" -d postgres -U postgres >/dev/null 2>&1
}

port_in_use() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 2 >/dev/null 2>&1 && return 0
  # Not a postgres answering, but maybe something else holds the port.
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") >/dev/null 2>&1
}

# Deletes the working folder, but only if it is one of ours (or empty).
wipe_base() {
  [[ -e "$BASE" ]] || return 0
  if [[ -f "$MARKER" ]] || [[ -z "$(ls -A "$BASE" 2>/dev/null)" ]]; then
    rm -rf -- "$BASE"
  else
    die "$BASE exists but was not created by this script; remove it yourself or set WA_TEST_PG_DIR"
  fi
}

ensure_database() {
  local exists
  exists="$(as_owner "$PG_BIN/psql" -X -q -h "$BASE" -p "$PORT" -U postgres -d postgres -tAc \
    "select 1 from pg_database where datname = '$DB_NAME'")"
  if [[ "$exists" != "1" ]]; then
    as_owner "$PG_BIN/psql" -X -q -h "$BASE" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "create database $DB_NAME" >/dev/null
  fi
}

show_log_tail() {
  if [[ -f "$LOG" ]]; then
    log "last lines of $LOG:"
    tail -n 30 "$LOG" >&2 || true
  fi
}

# --- commands -----------------------------------------------------------------

init_cluster() {
  log "initialising cluster in $DATA"
  mkdir -p "$BASE"
  touch "$MARKER"
  chown -R "$OWNER:" "$BASE" 2>/dev/null || chown -R "$OWNER" "$BASE"
  chmod 700 "$BASE"

  if ! as_owner "$PG_BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >"$BASE/initdb.log" 2>&1; then
    cat "$BASE/initdb.log" >&2
    die "initdb failed"
  fi

  cat >>"$DATA/postgresql.conf" <<CONF

# --- throwaway test cluster (scripts/pg-test-server.sh) ---
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$BASE'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
log_timezone = 'UTC'
CONF

  cat >"$DATA/pg_hba.conf" <<HBA
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 trust
host    all       all   127.0.0.1/32  trust
HBA
  chown "$OWNER" "$DATA/postgresql.conf" "$DATA/pg_hba.conf"
}

cmd_start() {
  check_binaries
  ensure_owner_user

  if is_running; then
    if ! is_ready; then
      log "server is starting; waiting"
      local i
      for i in $(seq 1 60); do
        is_ready && break
        sleep 0.5
      done
      is_ready || die "server process $(postmaster_pid || true) is alive but not accepting connections; run '$0 stop'"
    fi
    log "already running on 127.0.0.1:$PORT"
    ensure_database
    echo "$URL"
    return 0
  fi

  if port_in_use; then
    die "port $PORT on 127.0.0.1 is in use by another process; set WA_TEST_PG_PORT to a free port"
  fi

  # Anything left in the working folder is stale (crashed run, half-done initdb,
  # left-over pid or socket lock file): it is a throwaway cluster, so start over.
  if [[ -e "$BASE" ]]; then
    log "removing stale $BASE"
    wipe_base
  fi

  init_cluster

  log "starting PostgreSQL on 127.0.0.1:$PORT"
  if ! as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null 2>&1 9>&-; then
    show_log_tail
    die "pg_ctl start failed"
  fi
  # pg_ctl -w already waits; double-check the TCP listener the tests will use.
  local i
  for i in $(seq 1 60); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1 && break
    sleep 0.5
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1 || {
    show_log_tail
    die "server did not become ready on 127.0.0.1:$PORT"
  }

  ensure_database
  log "ready"
  echo "$URL"
}

cmd_stop() {
  if is_running; then
    log "stopping PostgreSQL on port $PORT"
    if ! as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 9>&-; then
      log "fast shutdown failed; trying immediate"
      as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 9>&- || true
    fi
    local pid
    if pid="$(postmaster_pid)"; then
      log "killing postmaster $pid"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
  fi
  if [[ -e "$BASE" ]]; then
    wipe_base
  fi
  log "stopped"
}

cmd_status() {
  if is_running && is_ready; then
    echo "running: $URL"
  else
    echo "not running"
    return 3
  fi
}

[[ $# -eq 1 ]] || usage

case "$1" in
  start | stop)
    # Serialise concurrent start/stop calls for the same port. fd 9 must not
    # leak into the postmaster (it would hold the lock forever): pg_ctl runs with 9>&-.
    exec 9>"$LOCK"
    flock -w 120 9 || die "timed out waiting for lock $LOCK"
    "cmd_$1"
    ;;
  url) echo "$URL" ;;
  status) cmd_status ;;
  *) usage ;;
esac
