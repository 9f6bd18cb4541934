#!/usr/bin/env bash
# BGSAVE with large values, kevy (one shard) beside redis-server: PING round trips, one a
# millisecond over 4 s with a BGSAVE started 1 s in, as "p99.9/max" ms, after a SAVE that warms
# kevy's snapshot path. The values are hex, so neither server compresses them much.
# Usage: scripts/snapshot-large-values.sh <java> [keys, default 400] [value bytes, default 1048576]
set -euo pipefail
cd "$(dirname "$0")/.."
java=$1
keys=${2:-400}
value_bytes=${3:-1048576}
port=7485
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

python3 scripts/set-stream.py "$keys" "$value_bytes" big --same-value > "$work/load.resp"

latency() { python3 scripts/ping-latency.py "$port" "$1"; } # "p99.9/max" in ms
source scripts/servers.sh

printf '%-8s %20s\n' server bgsave_p999/max_ms
for server in redis kevy; do
  rm -rf "${work:?}/$server" && mkdir -p "$work/$server"
  start_server $server "$java" $port "$work/$server"
  redis-cli -p $port --pipe < "$work/load.resp" > /dev/null
  redis-cli -p $port save > /dev/null
  latency 2 > /dev/null # warm-up of the PING path
  latency 4 > "$work/ping" &
  pinger=$!
  sleep 1
  redis-cli -p $port bgsave > /dev/null
  wait $pinger
  printf '%-8s %20s\n' $server "$(cat "$work/ping")"
  kill $server_pid; wait $server_pid 2>/dev/null || true
done
