#!/usr/bin/env bash
# RDB snapshots, kevy (one shard) beside redis-server, same keys, same machine:
#   - SAVE: seconds to write the file, and its bytes per key
#   - load: seconds from the process start until every key answers (DBSIZE == N)
#   - stall: PING round trips while a BGSAVE runs against the same without one, one PING a
#     millisecond: the 99.9th percentile (the issue's measure) and the longest, after a 2 s warm-up
#     of the same client (kevy's JIT compiles the PING path in its first second)
# Usage: scripts/snapshot-compare.sh <java> [keys, default 1000000] [value bytes, default 100]
set -euo pipefail
cd "$(dirname "$0")/.."
java=$1
keys=${2:-1000000}
value_bytes=${3:-100}
redis_port=7481
kevy_port=7482
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/redis" "$work/kevy"

python3 scripts/set-stream.py "$keys" "$value_bytes" key > "$work/load.resp"

start_redis() {
  redis-server --port $redis_port --bind 127.0.0.1 --save '' --appendonly no --dir "$work/redis" > "$work/redis.log" 2>&1 &
  redis_pid=$!
}
start_kevy() {
  "$java" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC -Xms16m \
    -p server/target/kevy-server-0.1.0-SNAPSHOT.jar:server/target/lib \
    -m dev.kevy.server/dev.kevy.server.Main --bind 127.0.0.1 --port $kevy_port --shards 1 --dir "$work/kevy" \
    > "$work/kevy.log" 2>&1 &
  kevy_pid=$!
}
# Seconds from now until the server on port $1 answers DBSIZE with $2.
await_keys() {
  local t0=$(date +%s.%N)
  until [[ $(redis-cli -p "$1" dbsize 2>/dev/null) == "$2" ]]; do sleep 0.01; done
  echo "$(date +%s.%N) - $t0" | bc
}
timed() { local t0=$(date +%s.%N); "$@" > /dev/null; echo "$(date +%s.%N) - $t0" | bc; }
# PING round trips over $2 seconds, one a millisecond: "p99.9/max" in milliseconds.
latency() { python3 scripts/ping-latency.py "$1" "$2"; }
stop() { # kevy has no SHUTDOWN: SIGTERM, which with no save rule writes nothing
  kill "$2"; wait "$2" 2>/dev/null || true
}

printf '%-8s %10s %12s %10s %16s %16s\n' server save_s bytes/key load_s idle_p999/max bgsave_p999/max
for server in redis kevy; do
  if [[ $server == redis ]]; then port=$redis_port; start_redis; else port=$kevy_port; start_kevy; fi
  until redis-cli -p $port ping > /dev/null 2>&1; do sleep 0.05; done
  redis-cli -p $port --pipe < "$work/load.resp" > /dev/null
  save_s=$(timed redis-cli -p $port save)
  size=$(stat -c %s "$work/$server/dump.rdb")
  latency $port 2 > /dev/null # warm-up
  idle=$(latency $port 3)
  ( sleep 1; redis-cli -p $port bgsave > /dev/null ) &
  during=$(latency $port 4)
  wait $!
  until redis-cli -p $port info persistence | grep -q 'rdb_bgsave_in_progress:0'; do sleep 0.05; done
  stop $port "$(eval echo \$${server}_pid)"
  t0=$(date +%s.%N)
  if [[ $server == redis ]]; then start_redis; else start_kevy; fi
  until redis-cli -p $port ping 2>/dev/null | grep -q PONG; do sleep 0.01; done
  await_keys $port "$keys" > /dev/null
  load_s=$(echo "$(date +%s.%N) - $t0" | bc)
  stop $port "$(eval echo \$${server}_pid)"
  printf '%-8s %10.2f %12.1f %10.2f %16s %16s\n' $server "$save_s" "$(echo "$size / $keys" | bc -l)" "$load_s" "$idle" "$during"
done
