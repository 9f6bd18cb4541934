#!/usr/bin/env bash
# Issue 14's targets, Redis and kevy (one shard) in the same run:
#   1. pipelined SET and GET: redis-benchmark -t set, then -t get, -P 16 -c 50 over KC_KEYS random
#      keys, the servers in alternation for KC_ROUNDS rounds after one unrecorded warm-up run against
#      kevy (its JIT): requests per second, and the server process's CPU time (user + system, from
#      /proc) per request, and the generator's. On two cores the load generator takes one, so the
#      server's figure is its own cost: what a core serves when no generator shares the machine;
#   2. memory per key: KC_MEM_KEYS keys "key:N" with 16-byte values loaded with redis-cli --pipe
#      into fresh servers; used_memory and the growth of VmRSS, bytes per key.
#
#   ./scripts/keyspace-compare.sh <java>    (after mvn -pl server -am install -DskipTests)
#
# Environment: KC_KEYS ("100000 1000000"), KC_REQUESTS (3000000), KC_ROUNDS (3), KC_MEM_KEYS
# (1000000), KC_REDIS_PORT (7300), KC_KEVY_PORT (7301). The load generator shares the machine's
# cores with the server under test; the other server idles meanwhile.
set -euo pipefail
java=${1:?usage: keyspace-compare.sh <java>}
cd "$(dirname "$0")/.."
keys_list=${KC_KEYS:-100000 1000000}
requests=${KC_REQUESTS:-3000000}
rounds=${KC_ROUNDS:-3}
mem_keys=${KC_MEM_KEYS:-1000000}
redis_port=${KC_REDIS_PORT:-7300}
kevy_port=${KC_KEVY_PORT:-7301}
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

source scripts/servers.sh
start() { start_servers "$java" "$redis_port" "$kevy_port"; pids=("$redis_pid" "$kevy_pid"); }

stop() { stop_servers; }


bench() { # port keys pid -> per test: requests per second, the server's and the generator's CPU time per request
  local tick_ns=$((1000000000 / $(getconf CLK_TCK))) t before rps out gen
  for t in set get; do
    before=$(cpu_ticks "$3")
    out=$(mktemp)
    # the generator's own user + system time, from bash's time (TIMEFORMAT %3U %3S, seconds)
    gen=$( { TIMEFORMAT='%3U %3S'; time redis-benchmark -p "$1" -t "$t" -P 16 -c 50 -n "$requests" -r "$2" -q \
      > "$out" 2>/dev/null; } 2>&1 )
    rps=$(tr '\r' '\n' < "$out" | awk '/requests per second/ {v = $2} END {print v}')
    rm -f "$out"
    printf '%s %s rps %s ns CPU/req (generator %s ns)  ' "${t^^}" "$rps" \
      $(( ($(cpu_ticks "$3") - before) * tick_ns / requests )) \
      "$(echo "$gen" | awk -v n="$requests" '{printf "%d", ($1 + $2) * 1e9 / n}')"
  done
}

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -r), $(redis-server --version | awk '{print $3}')"
for keys in $keys_list; do
  start
  bench "$kevy_port" "$keys" "$kevy_pid" > /dev/null # warm-up, not recorded
  for round in $(seq 1 "$rounds"); do
    echo "P16 keys=$keys round=$round redis $(bench "$redis_port" "$keys" "$redis_pid")"
    echo "P16 keys=$keys round=$round kevy  $(bench "$kevy_port" "$keys" "$kevy_pid")"
  done
  stop
done

start
load=$(mktemp)
seq 1 "$mem_keys" | awk '{k = "key:" $1; printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$16\r\n0123456789abcdef\r\n", length(k), k}' > "$load"
for server in redis kevy; do
  if [[ $server == redis ]]; then port=$redis_port; pid=$redis_pid; else port=$kevy_port; pid=$kevy_pid; fi
  before=$(rss_kib "$pid")
  redis-cli -p "$port" --pipe < "$load" > /dev/null
  used=$(redis-cli -p "$port" info memory | tr -d '\r' | awk -F: '/^used_memory:/ {print $2}')
  grown=$(( ($(rss_kib "$pid") - before) * 1024 ))
  echo "memory $server: $(redis-cli -p "$port" dbsize) keys, used_memory $used ($((used / mem_keys)) B/key), RSS growth $grown ($((grown / mem_keys)) B/key)"
done
rm -f "$load"
stop
