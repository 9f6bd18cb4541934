#!/usr/bin/env bash
# The proxy example's cost over Redis: proxy-compare.sh <java> [requests] [rounds]
# Starts redis-server and the proxy example (1 shard) in front of it on free ports, then runs the
# same redis-benchmark GET/SET load against Redis directly and through the proxy, alternating, at
# -P 1 and -P 16, and prints requests per second for each.
set -euo pipefail
java=$1; n=${2:-200000}; rounds=${3:-2}
command -v redis-server >/dev/null || { echo "proxy-compare: redis-server is not installed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rport=$(free_port); pport=$(free_port)
redis-server --port "$rport" --save '' --appendonly no --daemonize no >"$tmp/redis.log" 2>&1 &
until redis-cli -p "$rport" ping >/dev/null 2>&1; do sleep 0.1; done
./scripts/run-example.sh "$java" proxy --port "$pport" --shards 1 --upstream "127.0.0.1:$rport" >"$tmp/proxy.log" 2>&1 &
until grep -q ready "$tmp/proxy.log" 2>/dev/null; do sleep 0.1; done
rps() { # port pipeline -> "SET n GET n"
  redis-benchmark -p "$1" -t set,get -n "$n" -c 50 -r 100000 -P "$2" -q 2>/dev/null | tr '\r' '\n' \
    | awk '/^(SET|GET): [0-9.]+ requests/ { printf "%s %.0f  ", $1, $2 }'
}
for round in $(seq "$rounds"); do
  for p in 1 16; do
    echo "round $round -P $p   redis: $(rps "$rport" "$p")   proxy: $(rps "$pport" "$p")"
  done
done
