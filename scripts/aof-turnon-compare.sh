#!/usr/bin/env bash
# CONFIG SET appendonly yes on a loaded server, kevy (one shard) beside redis-server, same keys:
#   - turn-on: seconds from the command until INFO says the log's first base is written
#     (aof_rewrite_in_progress:0 and aof_rewrite_scheduled:0)
#   - the base's bytes
#   - PING round trips, one a millisecond, over 4 s that start 1 s before the command: the 99.9th
#     percentile and the longest (Redis forks for its base; kevy's shard writes its part in slices)
# Usage: scripts/aof-turnon-compare.sh <java> [keys, default 1000000] [value bytes, default 100]
set -euo pipefail
cd "$(dirname "$0")/.."
java=$1
keys=${2:-1000000}
value_bytes=${3:-100}
redis_port=7483
kevy_port=7484
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/redis" "$work/kevy"

python3 scripts/set-stream.py "$keys" "$value_bytes" key > "$work/load.resp"

latency() { python3 scripts/ping-latency.py "$1" "$2"; } # "p99.9/max" in ms
source scripts/servers.sh

printf '%-8s %10s %12s %18s\n' server turnon_s base_bytes ping_p999/max_ms
for server in redis kevy; do
  port=$([[ $server == redis ]] && echo $redis_port || echo $kevy_port)
  start_server $server "$java" $port "$work/$server"
  redis-cli -p $port --pipe < "$work/load.resp" > /dev/null
  latency $port 2 > /dev/null # warm-up of the PING path
  latency $port 4 > "$work/ping" &
  pinger=$!
  sleep 1
  t0=$(date +%s.%N)
  [[ $(redis-cli -p $port config set appendonly yes) == OK ]]
  until redis-cli -p $port info persistence | tr -d '\r' | grep -q '^aof_rewrite_in_progress:0' \
      && redis-cli -p $port info persistence | tr -d '\r' | grep -q '^aof_rewrite_scheduled:0'; do
    sleep 0.005
  done
  turnon=$(echo "$(date +%s.%N) - $t0" | bc)
  wait $pinger
  base=$(find "$work/$server" -name '*.base.rdb' -exec stat -c %s {} \; | head -1)
  printf '%-8s %10.2f %12s %18s\n' $server "$turnon" "$base" "$(cat "$work/ping")"
  kill $server_pid; wait $server_pid 2>/dev/null || true
done
