#!/usr/bin/env bash
# Throwaway database servers for the tests, for CI and for a developer's machine alike.
#
#   eval "$(.ci/postgres.sh start DIR)"   start PostgreSQL 15 (and PGlite with pgvector when npm can
#                                         install it) under DIR and print the exports the tests read:
#                                         NEWSBOT_TEST_DATABASE_URL, NEWSBOT_TEST_PGVECTOR_URL
#   .ci/postgres.sh stop DIR              stop both and remove DIR
#
# PostgreSQL: Debian's postgresql-15 (installed with apt-get when missing and running as root).
# initdb and postgres refuse to run as root, so as root they run as the postgres user. The server
# listens on a free loopback port with its socket inside DIR, trust authentication: it is a
# test server, never a deployment. Debian 12 has no pgvector package, so the pgvector tests run
# against PGlite (PostgreSQL compiled to WASM, with pgvector) served over the wire protocol by
# .ci/pglite/server.mjs, installed from the npm registry at the versions pinned in
# .ci/pglite/package.json. Either half that cannot be set up is reported on stderr and left out: the
# tests needing it skip.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pgbin=/usr/lib/postgresql/15/bin

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

# as_pg runs a command as the postgres user when we are root (the server refuses root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local dir="$1/pg" port
  if [ ! -x "$pgbin/initdb" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing postgresql-15" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null) >&2 ||
      true
  fi
  if [ ! -x "$pgbin/initdb" ]; then
    echo "postgresql-15 is not installed: the PostgreSQL tests will skip" >&2
    return 0
  fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$1" "$dir"
  as_pg "$pgbin/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$1/initdb.log" 2>&1 ||
    { echo "initdb failed (see $1/initdb.log): the PostgreSQL tests will skip" >&2; return 0; }
  port=$(free_port)
  as_pg "$pgbin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2 ||
    { echo "postgres did not start (see $dir/server.log): the PostgreSQL tests will skip" >&2; return 0; }
  echo "$port" >"$1/pg.port"
  echo "export NEWSBOT_TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
}

start_pglite() {
  local dir="$1/pglite" port
  if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    echo "node/npm not found: the pgvector tests will skip" >&2
    return 0
  fi
  mkdir -p "$dir"
  cp "$here/pglite/package.json" "$here/pglite/server.mjs" "$dir/"
  if ! (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >"$1/npm.log" 2>&1); then
    echo "npm install of PGlite failed (see $1/npm.log): the pgvector tests will skip" >&2
    return 0
  fi
  port=$(free_port)
  # Fully detached from our stdout, which the caller reads to its end.
  (cd "$dir" && PGLITE_PORT="$port" exec node server.mjs) >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$1/pglite.pid"
  # The server prints "ready" once it listens.
  for _ in $(seq 1 300); do
    if grep -q '^ready' "$dir/server.log" 2>/dev/null; then
      echo "export NEWSBOT_TEST_PGVECTOR_URL='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
      return 0
    fi
    kill -0 "$(cat "$1/pglite.pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "PGlite did not start (see $dir/server.log): the pgvector tests will skip" >&2
}

stop_all() {
  local dir="$1"
  [ -d "$dir" ] || return 0
  if [ -f "$dir/pglite.pid" ]; then kill "$(cat "$dir/pglite.pid")" 2>/dev/null || true; fi
  if [ -f "$dir/pg/PG_VERSION" ]; then as_pg "$pgbin/pg_ctl" -D "$dir/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
start)
  [ -n "${2:-}" ] || { echo "usage: $0 start DIR" >&2; exit 2; }
  mkdir -p "$2"
  start_postgres "$2"
  if [ "${NEWSBOT_NO_PGLITE:-}" = "" ]; then start_pglite "$2"; fi
  ;;
stop)
  [ -n "${2:-}" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
  stop_all "$2"
  ;;
*)
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
  ;;
esac
