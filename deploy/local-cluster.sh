#!/usr/bin/env bash
# A production-mode cluster on this machine: PostgreSQL (Debian packages) and 3 silos on 127.0.0.1.
#   deploy/local-cluster.sh start    build, start PostgreSQL, silos 1..3 (HTTP 7071..7073) and a
#                                    standalone gateway (HTTP 7080, an Orleans client of the silos)
#   deploy/local-cluster.sh stop     stop the gateway, the silos and PostgreSQL
#   deploy/local-cluster.sh status   which processes run, and where their logs are
# Every silo and the gateway serve the whole HTTP API; the admin token is in .cluster/admin-token.
# Env: UA_SILOS (3), UA_SHARDS (16), UA_PG_PORT (55433), UA_CLUSTER_DIR (./.cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
cmd=${1:-start}
silos=${UA_SILOS:-3}
shards=${UA_SHARDS:-16}
pg_port=${UA_PG_PORT:-55433}
dir=$(realpath -m "${UA_CLUSTER_DIR:-.cluster}")
mkdir -p "$dir/logs"

stop_silos() {
  for pidfile in "$dir"/silo-*.pid "$dir"/gateway.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; fi
    rm -f "$pidfile"
  done
}

case "$cmd" in
  start)
    pg=$(deploy/postgres.sh start "$dir/pgdata" "$pg_port" | tail -n 1)
    [ -s "$dir/admin-token" ] || { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | sed 's/^/ua_admin_/' > "$dir/admin-token"; chmod 600 "$dir/admin-token"; }
    echo "== building (Release)"
    dotnet build src/Silo -c Release -v quiet -nologo >/dev/null
    dotnet build src/Gateway -c Release -v quiet -nologo >/dev/null
    stop_silos
    for i in $(seq 1 "$silos"); do
      UA_STORAGE=Postgres UA_PG="$pg" UA_ADMIN_TOKEN="$(cat "$dir/admin-token")" UA_SHARDS="$shards" \
      UA_HTTP_URL="http://127.0.0.1:$((7070 + i))" UA_SILO_PORT=$((11110 + i)) UA_GATEWAY_PORT=$((30000 + i)) \
        nohup dotnet src/Silo/bin/Release/net10.0/UserAnalytics.Silo.dll >"$dir/logs/silo-$i.log" 2>&1 &
      echo $! > "$dir/silo-$i.pid"
    done
    for i in $(seq 1 "$silos"); do
      for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$((7070 + i))/health" >/dev/null && break
        kill -0 "$(cat "$dir/silo-$i.pid")" 2>/dev/null || { echo "silo $i exited; see $dir/logs/silo-$i.log" >&2; tail -n 20 "$dir/logs/silo-$i.log" >&2; exit 1; }
        sleep 0.5
      done
      echo "silo $i: http://127.0.0.1:$((7070 + i))  (log $dir/logs/silo-$i.log)"
    done
    UA_STORAGE=Postgres UA_PG="$pg" UA_ADMIN_TOKEN="$(cat "$dir/admin-token")" UA_HTTP_URL="http://127.0.0.1:7080" \
      nohup dotnet src/Gateway/bin/Release/net10.0/UserAnalytics.Gateway.dll >"$dir/logs/gateway.log" 2>&1 &
    echo $! > "$dir/gateway.pid"
    for _ in $(seq 1 120); do
      curl -sf "http://127.0.0.1:7080/health" >/dev/null && break
      kill -0 "$(cat "$dir/gateway.pid")" 2>/dev/null || { echo "the gateway exited; see $dir/logs/gateway.log" >&2; tail -n 20 "$dir/logs/gateway.log" >&2; exit 1; }
      sleep 0.5
    done
    echo "gateway: http://127.0.0.1:7080  (log $dir/logs/gateway.log)"
    echo "PostgreSQL: $pg"
    echo "Admin token: $(cat "$dir/admin-token")   (T=\$(cat $dir/admin-token))"
    ;;
  stop)
    stop_silos
    deploy/postgres.sh stop "$dir/pgdata" || true
    ;;
  status)
    for pidfile in "$dir"/silo-*.pid "$dir"/gateway.pid; do
      [ -f "$pidfile" ] || continue
      name=$(basename "$pidfile" .pid)
      if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "$name running (log $dir/logs/$name.log)"; else echo "$name stopped"; fi
    done
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
