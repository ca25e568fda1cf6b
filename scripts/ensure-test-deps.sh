#!/usr/bin/env bash
# Installs the system packages the test suite needs, only when they are missing:
#   - Chromium (Debian's `chromium` package, /usr/bin/chromium) for end-to-end tests
#   - PostgreSQL 15 server binaries (/usr/lib/postgresql/15/bin) for the postgres test project
#   - xmllint (Debian's libxml2-utils) to validate the census XML against the DfE's schema
# Quiet when everything is already present. Safe to run with no stdin (CI).
set -euo pipefail

CHROMIUM_BIN="${CHROMIUM_PATH:-/usr/bin/chromium}"
PG_BIN_DIR="/usr/lib/postgresql/15/bin"

packages=()

if [[ ! -x "$CHROMIUM_BIN" ]]; then
  # fonts-liberation is only a Recommends of chromium; we install without
  # recommends, so add it explicitly to get legible text in screenshots.
  packages+=(chromium fonts-liberation)
fi

if [[ ! -x "$PG_BIN_DIR/postgres" || ! -x "$PG_BIN_DIR/initdb" || ! -x "$PG_BIN_DIR/pg_ctl" ]]; then
  # postgresql-15 pulls in postgresql-client-15 (psql, pg_isready).
  packages+=(postgresql-15)
fi

if ! command -v xmllint >/dev/null 2>&1; then
  # libxml2's xmllint checks the census XML against the DfE's schema in tests.
  packages+=(libxml2-utils)
fi

if [[ ${#packages[@]} -eq 0 ]]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: missing ${packages[*]} and apt-get is not available; install them manually" >&2
  exit 1
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    echo "ensure-test-deps: missing ${packages[*]}; run as root or install them manually" >&2
    exit 1
  fi
fi

echo "ensure-test-deps: installing ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${packages[@]}" </dev/null

if [[ ! -x "$CHROMIUM_BIN" ]]; then
  echo "ensure-test-deps: $CHROMIUM_BIN still missing after install" >&2
  exit 1
fi
if [[ ! -x "$PG_BIN_DIR/postgres" ]]; then
  echo "ensure-test-deps: $PG_BIN_DIR/postgres still missing after install" >&2
  exit 1
fi
if ! command -v xmllint >/dev/null 2>&1; then
  echo "ensure-test-deps: xmllint still missing after install" >&2
  exit 1
fi
echo "ensure-test-deps: done"
