#!/usr/bin/env bash
# A private PostgreSQL server on 127.0.0.1 for development, tests and benchmarks.
#   deploy/postgres.sh start [DIR] [PORT]   install (Debian packages) if needed, init DIR, start, create role and database
#   deploy/postgres.sh stop  [DIR]
#   deploy/postgres.sh url   [DIR] [PORT]   print the Npgsql connection string
# Defaults: DIR=./.pgdata, PORT=55432. Role/database/password: useranalytics (override with UA_PG_PASSWORD).
set -euo pipefail
cmd=${1:-start}
dir=$(realpath -m "${2:-.pgdata}")
port=${3:-55432}
password=${UA_PG_PASSWORD:-useranalytics}

bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  echo "$found"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

install() {
  if [ -z "$(bin)" ]; then
    echo "Installing PostgreSQL from Debian packages..." >&2
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  fi
}

url() {
  echo "Host=127.0.0.1;Port=$port;Username=useranalytics;Password=$password;Database=useranalytics"
}

case "$cmd" in
  start)
    install
    pg=$(bin)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_postgres "$pg/initdb -D '$dir' -U postgres -A trust --locale=C.UTF-8 -E UTF8" >/dev/null
    fi
    if ! as_postgres "$pg/pg_ctl -D '$dir' status" >/dev/null 2>&1; then
      # Tuned as a DBA would for an analytics box of this size; JIT off (it costs more than it saves on these queries);
      # room for several silos' connection pools (each silo: up to 16 for the event log plus Orleans' few).
      as_postgres "$pg/pg_ctl -D '$dir' -l '$dir/server.log' -w -o \"-k '$dir' -p $port -c listen_addresses=127.0.0.1 -c shared_buffers=2GB -c work_mem=256MB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c jit=off -c max_parallel_workers_per_gather=2 -c max_connections=300\" start" >/dev/null
    fi
    as_postgres "$pg/psql -h '$dir' -p $port -U postgres -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'useranalytics') THEN
    CREATE ROLE useranalytics LOGIN PASSWORD '$password' CREATEDB;
  ELSE
    ALTER ROLE useranalytics PASSWORD '$password' CREATEDB;
  END IF;
END \$\$;
SELECT 'CREATE DATABASE useranalytics OWNER useranalytics' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'useranalytics')\gexec
SQL
    # Password logins over TCP on loopback.
    if ! grep -q "host all all 127.0.0.1/32 scram-sha-256" "$dir/pg_hba.conf"; then
      echo "host all all 127.0.0.1/32 scram-sha-256" >> "$dir/pg_hba.conf"
      as_postgres "$pg/pg_ctl -D '$dir' reload" >/dev/null
    fi
    echo "PostgreSQL is running on 127.0.0.1:$port (data in $dir)." >&2
    url
    ;;
  stop)
    pg=$(bin)
    as_postgres "$pg/pg_ctl -D '$dir' -m fast stop" >/dev/null && echo "stopped" >&2
    ;;
  url)
    url
    ;;
  *)
    echo "usage: $0 start|stop|url [DIR] [PORT]" >&2
    exit 2
    ;;
esac
