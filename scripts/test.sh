#!/usr/bin/env bash
# The whole test run: system dependencies, install, assets, lint, type check, tests on PGlite,
# the same tests on PostgreSQL 15, and browser tests. Fails fast; exits non-zero on any failure.
# Works non-interactively (CI=true, no stdin). Run from anywhere: bash scripts/test.sh
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
exec </dev/null

START_TIME=$SECONDS
CURRENT_STEP=""
PG_STARTED_HERE=0

step() {
  CURRENT_STEP="$1: $2"
  echo
  echo "==> [$1] $2"
}

stop_pg() {
  if [[ "$PG_STARTED_HERE" -eq 1 ]]; then
    PG_STARTED_HERE=0
    bash "$ROOT/scripts/pg-test-server.sh" stop || true
  fi
}

on_exit() {
  local rc=$?
  stop_pg
  local elapsed=$((SECONDS - START_TIME))
  echo
  if [[ $rc -eq 0 ]]; then
    echo "==> test.sh: all steps passed in ${elapsed}s"
  else
    echo "==> test.sh: FAILED at step ${CURRENT_STEP:-?} (exit $rc) after ${elapsed}s" >&2
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step a "System dependencies (chromium, PostgreSQL 15)"
bash scripts/ensure-test-deps.sh

step b "Node dependencies"
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm install --no-audit --no-fund
else
  echo "node_modules is up to date with package-lock.json; skipping npm install"
fi

step c "Build assets"
npx tsx scripts/build-assets.ts

step d "Lint and format check (biome)"
npx biome check .

step e "Type check (tsc)"
npx tsc --noEmit -p .

step f "Unit, route and integration tests on PGlite"
npx vitest run --project pglite

step g "The same tests on PostgreSQL 15"
if bash scripts/pg-test-server.sh status >/dev/null 2>&1; then
  echo "reusing the PostgreSQL test server that is already running (left running afterwards)"
else
  PG_STARTED_HERE=1
fi
PG_URL="$(bash scripts/pg-test-server.sh start | tail -n 1)"
[[ "$PG_URL" == postgres://* ]] || {
  echo "pg-test-server.sh start did not print a URL (got '$PG_URL')" >&2
  exit 1
}
echo "TEST_DATABASE_URL=$PG_URL"
TEST_DATABASE_URL="$PG_URL" npx vitest run --project postgres
stop_pg

step h "End-to-end tests in Chromium"
npx vitest run --project e2e

CURRENT_STEP=""
