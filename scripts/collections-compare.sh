#!/usr/bin/env bash
# Issue 15's targets, Redis and kevy (one shard) in the same run, the servers in alternation:
#   1. list and sorted-set commands pipelined: redis-benchmark -t lpush, lpop, zadd, zpopmin (each a
#      run of its own, in that order, so the pops find what the pushes left), -P 16 -c 50, members
#      drawn from CC_KEYS random values: requests per second, and the server process's CPU time
#      (user + system, from /proc) per request, and the generator's;
#   2. ZPOPMIN on a large set: `bigzset` filled once with CC_BIG_FILL ZADDs of random scores and
#      members (about as many members; the fill's own rate is reported as ZADD-LARGE), then popped
#      CC_BIG_POPS at a time per round (-P 16 -c 50), so that every pop takes a member, unlike
#      `-t zpopmin` above, whose set empties after CC_KEYS pops and which then pops an absent key;
#      then CC_BIG_RANGES of `ZRANGEBYSCORE bigzset <random> +inf LIMIT 0 100` (-P 16 -c 50);
#   3. PUBLISH fan-out: CC_SUBSCRIBERS connections subscribed to one channel (SubscriberDrain, one
#      thread draining them all), one publisher (redis-benchmark -c 1 -P 16 PUBLISH) sending
#      CC_PUBLISHES messages of CC_PAYLOAD bytes: publishes per second, the server's CPU time per
#      delivered message, and whether every subscriber received every message.
# On two cores the generators share the machine with the server under test (the other server idles
# meanwhile); the CPU time per request or per message is the server's own cost.
#
#   ./scripts/collections-compare.sh <java>    (after mvn -pl server,bench -am install -DskipTests)
#
# Environment: CC_REQUESTS (2000000), CC_KEYS (100000), CC_ROUNDS (3), CC_BIG_FILL (3000000),
# CC_BIG_POPS (500000), CC_BIG_RANGES (100000), CC_SUBSCRIBERS (100), CC_PUBLISHES (200000), CC_PAYLOAD (32),
# CC_REDIS_PORT (7310), CC_KEVY_PORT (7311).
set -euo pipefail
java=${1:?usage: collections-compare.sh <java>}
cd "$(dirname "$0")/.."
requests=${CC_REQUESTS:-2000000}
keys=${CC_KEYS:-100000}
rounds=${CC_ROUNDS:-3}
big_fill=${CC_BIG_FILL:-3000000}
big_pops=${CC_BIG_POPS:-500000}
big_ranges=${CC_BIG_RANGES:-100000}
subscribers=${CC_SUBSCRIBERS:-100}
publishes=${CC_PUBLISHES:-200000}
payload=${CC_PAYLOAD:-32}
redis_port=${CC_REDIS_PORT:-7310}
kevy_port=${CC_KEVY_PORT:-7311}
jar=bench/target/benchmarks.jar
[[ -f $jar ]] || { echo "collections-compare: $jar is missing (mvn -pl bench -am install -DskipTests)" >&2; exit 2; }
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

source scripts/servers.sh
start() { start_servers "$java" "$redis_port" "$kevy_port"; pids=("$redis_pid" "$kevy_pid"); }

tick_ns=$((1000000000 / $(getconf CLK_TCK)))

bench() { # port pid -> per test: requests per second, the server's and the generator's CPU time per request
  local t before rps out gen
  for t in lpush lpop zadd zpopmin; do
    before=$(cpu_ticks "$2")
    out=$(mktemp)
    gen=$( { TIMEFORMAT='%3U %3S'; time redis-benchmark -p "$1" -t "$t" -P 16 -c 50 -n "$requests" -r "$keys" -q \
      > "$out" 2>/dev/null; } 2>&1 )
    rps=$(tr '\r' '\n' < "$out" | awk '/requests per second/ {v = $2} END {print v}')
    rm -f "$out"
    printf '%s %s rps %s ns CPU/req (generator %s ns)  ' "${t^^}" "$rps" \
      $(( ($(cpu_ticks "$2") - before) * tick_ns / requests )) \
      "$(echo "$gen" | awk -v n="$requests" '{printf "%d", ($1 + $2) * 1e9 / n}')"
  done
}

measured() { # label port pid n redis-benchmark-arguments... -> requests per second and server CPU per request
  local label=$1 port=$2 pid=$3 n=$4 before rps out
  shift 4
  before=$(cpu_ticks "$pid")
  out=$(mktemp)
  redis-benchmark -p "$port" -P 16 -c 50 -n "$n" -q "$@" > "$out" 2>/dev/null
  rps=$(tr '\r' '\n' < "$out" | awk '/requests per second/ {for (i = 2; i <= NF; i++) if ($i == "requests") v = $(i - 1)} END {print v}')
  rm -f "$out"
  printf '%s %s rps %s ns CPU/req  ' "$label" "$rps" $(( ($(cpu_ticks "$pid") - before) * tick_ns / n ))
}

fanout() { # port pid -> publishes per second, server CPU per delivered message, what the subscribers saw
  local drain_out before rps out drained
  drain_out=$(mktemp)
  "$java" -XX:+UseSerialGC -cp "$jar" dev.kevy.bench.load.SubscriberDrain "$1" "$subscribers" fanout "$payload" \
    "$publishes" 10 > "$drain_out" &
  local drain_pid=$!
  for _ in $(seq 1 200); do grep -q ready "$drain_out" && break; sleep 0.05; done
  before=$(cpu_ticks "$2")
  out=$(mktemp)
  redis-benchmark -p "$1" -c 1 -P 16 -n "$publishes" -q PUBLISH fanout "$(head -c "$payload" /dev/zero | tr '\0' x)" \
    > "$out" 2>/dev/null
  rps=$(tr '\r' '\n' < "$out" | awk '/requests per second/ {for (i = 2; i <= NF; i++) if ($i == "requests") v = $(i - 1)} END {print v}')
  rm -f "$out"
  wait "$drain_pid" || true
  drained=$(grep -v ready "$drain_out" | tr '\n' ' ')
  rm -f "$drain_out"
  printf 'PUBLISH %s rps %s ns CPU/delivered message (%s)' "$rps" \
    $(( ($(cpu_ticks "$2") - before) * tick_ns / (publishes * subscribers) )) "$drained"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -r), $(redis-server --version | awk '{print $3}')"
start
fanout "$kevy_port" "$kevy_pid" > /dev/null # warm-up, not recorded: the fan-out first, so that the
bench "$kevy_port" "$kevy_pid" > /dev/null  # JIT's last recompilations follow the commands measured
bench "$kevy_port" "$kevy_pid" > /dev/null  # next; twice, as each run's fresh connections take new branches
for round in $(seq 1 "$rounds"); do
  echo "P16 round=$round redis $(bench "$redis_port" "$redis_pid")"
  echo "P16 round=$round kevy  $(bench "$kevy_port" "$kevy_pid")"
done
if (( big_pops * (rounds + 1) > big_fill * 9 / 10 )); then
  echo "collections-compare: CC_BIG_FILL=$big_fill leaves too few members for $((rounds + 1)) x CC_BIG_POPS=$big_pops" >&2
  exit 2
fi
echo "large set redis $(measured ZADD-LARGE "$redis_port" "$redis_pid" "$big_fill" -r 1000000000 ZADD bigzset __rand_int__ m:__rand_int__)"
echo "large set kevy  $(measured ZADD-LARGE "$kevy_port" "$kevy_pid" "$big_fill" -r 1000000000 ZADD bigzset __rand_int__ m:__rand_int__)"
measured warm-up "$kevy_port" "$kevy_pid" "$big_pops" ZPOPMIN bigzset > /dev/null # both sets the same size after
measured warm-up "$redis_port" "$redis_pid" "$big_pops" ZPOPMIN bigzset > /dev/null
for round in $(seq 1 "$rounds"); do
  echo "large set round=$round redis $(measured ZPOPMIN-LARGE "$redis_port" "$redis_pid" "$big_pops" ZPOPMIN bigzset)"
  echo "large set round=$round kevy  $(measured ZPOPMIN-LARGE "$kevy_port" "$kevy_pid" "$big_pops" ZPOPMIN bigzset)"
done
measured warm-up "$kevy_port" "$kevy_pid" "$((big_ranges / 4))" -r 1000000000 ZRANGEBYSCORE bigzset __rand_int__ +inf LIMIT 0 100 > /dev/null
for round in $(seq 1 "$rounds"); do # a time window or a leaderboard page: a descent, then 100 members
  echo "large set round=$round redis $(measured ZRANGEBYSCORE-LARGE "$redis_port" "$redis_pid" "$big_ranges" -r 1000000000 ZRANGEBYSCORE bigzset __rand_int__ +inf LIMIT 0 100)"
  echo "large set round=$round kevy  $(measured ZRANGEBYSCORE-LARGE "$kevy_port" "$kevy_pid" "$big_ranges" -r 1000000000 ZRANGEBYSCORE bigzset __rand_int__ +inf LIMIT 0 100)"
done
echo "large set left: redis $(redis-cli -p "$redis_port" zcard bigzset), kevy $(redis-cli -p "$kevy_port" zcard bigzset)"
for round in $(seq 1 "$rounds"); do
  echo "fan-out x$subscribers round=$round redis $(fanout "$redis_port" "$redis_pid")"
  echo "fan-out x$subscribers round=$round kevy  $(fanout "$kevy_port" "$kevy_pid")"
done
