#!/usr/bin/env bash
# Resident memory (VmRSS) of Redis and kevy, same run, same probes, one server at a time:
#   idle; peak (VmHWM) while storing one 512 MiB value; holding it; after DEL of it; holding 5M
#   small keys; after FLUSHALL;
#   under 200 clients that each declared a 512 MiB bulk and sent 8 MiB of it. Figures in MiB.
# Memory given back is read after a settle delay: large values and FLUSHALL are unmapped at once,
# but small-block pages and pool slabs are trimmed every 5 s once unused for a whole trim
# interval, so 5 to 10 s after the load drops (the default settle, 11 s, covers it).
#
#   ./scripts/memory-compare.sh <java>      (after mvn -pl server -am package -DskipTests)
#
# Environment: MEM_KEYS (5000000), MEM_LARGE (536870912), MEM_STALLED (200), MEM_STALL_SENT
# (8388608), MEM_SHARDS (2), MEM_SETTLE_S (11), MEM_REDIS_PORT (17379), MEM_KEVY_PORT (17380),
# REDIS_SERVER, REDIS_CLI.
set -euo pipefail
java=${1:?usage: memory-compare.sh <java>}
cd "$(dirname "$0")/.."
keys=${MEM_KEYS:-5000000}
large=${MEM_LARGE:-536870912}
stalled=${MEM_STALLED:-200}
sent=${MEM_STALL_SENT:-8388608}
shards=${MEM_SHARDS:-2}
settle=${MEM_SETTLE_S:-11}
redis_port=${MEM_REDIS_PORT:-17379}
kevy_port=${MEM_KEVY_PORT:-17380}
redis_server=${REDIS_SERVER:-redis-server}
cli=${REDIS_CLI:-redis-cli}
probe=scripts/memory-probe.py
work=$(mktemp -d)
server_pid=

cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# the peak resident set since the process started
hwm_mib() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

wait_ready() {
  local port=$1
  for _ in $(seq 1 200); do
    if "$cli" -p "$port" ping >/dev/null 2>&1; then return 0; fi
    sleep 0.05
  done
  echo "memory-compare: server on $port did not answer" >&2; exit 1
}

# measure NAME PORT: runs every probe against the server whose pid is $server_pid
measure() {
  local name=$1 port=$2 pid=$server_pid
  wait_ready "$port"
  sleep "$settle"
  local idle; idle=$(rss_mib "$pid")
  python3 "$probe" "$port" set-large big "$large"
  local holding; holding=$(rss_mib "$pid")
  local peak; peak=$(hwm_mib "$pid")
  "$cli" -p "$port" del big >/dev/null
  sleep "$settle"
  local deleted; deleted=$(rss_mib "$pid")
  python3 "$probe" "$port" load "$keys"
  local loaded; loaded=$(rss_mib "$pid")
  "$cli" -p "$port" flushall >/dev/null
  sleep "$settle"
  local flushed; flushed=$(rss_mib "$pid")
  rm -f "$work/ready"
  mkfifo "$work/hold" 2>/dev/null || true
  python3 "$probe" "$port" stall "$stalled" "$large" "$sent" "$work/ready" < "$work/hold" &
  local stall_pid=$!
  exec 9>"$work/hold"
  while [[ ! -f $work/ready ]]; do sleep 0.1; done
  sleep "$settle"
  local stalls; stalls=$(rss_mib "$pid")
  exec 9>&-
  wait "$stall_pid" || true
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$idle" "$peak" "$holding" "$deleted" "$loaded" "$flushed" "$stalls"
}

echo "| server | idle | peak while storing $((large >> 20)) MiB | holding it | after DEL | $keys keys | after FLUSHALL | $stalled stalled clients x $((sent >> 20)) MiB |"
echo "|---|---|---|---|---|---|---|---|"

"$redis_server" --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
  --logfile "$work/redis.log" &
server_pid=$!
measure "Redis $("$redis_server" --version | sed 's/.*v=\([^ ]*\).*/\1/')" "$redis_port"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=

scripts/run-server.sh "$java" --port "$kevy_port" --shards "$shards" > "$work/kevy.log" 2>&1 &
server_pid=$!
measure "kevy ($shards shards)" "$kevy_port"
