#!/usr/bin/env bash
# The append-only log, kevy beside redis-server with the same settings on the same machine:
# SET throughput and latency (redis-benchmark) with appendfsync always, everysec and no, and
# with no log at all; rounds alternate between the servers and the medians are printed.
# Usage: scripts/aof-compare.sh <java> [rounds, default 3] [requests per round, default 200000]
#   AOF_SHARDS (default 1): kevy's shards; AOF_LOADS (default "-c 50 -P 1;-c 200 -P 1;-c 50 -P 16");
#   AOF_WARMUP (default 1000000): requests each fresh kevy serves, in three runs, before its round
#   is measured (its JIT still compiles for over a million requests after start; Redis needs none).
set -euo pipefail
cd "$(dirname "$0")/.."
java=$1
rounds=${2:-3}
requests=${3:-200000}
shards=${AOF_SHARDS:-1}
warmup=${AOF_WARMUP:-1000000}
IFS=';' read -r -a loads <<< "${AOF_LOADS:--c 50 -P 1;-c 200 -P 1;-c 50 -P 16}"
redis_port=7491
kevy_port=7492
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

start() { # $1 = redis|kevy, $2 = always|everysec|no|off
  local dir="$work/$1-$2"
  rm -rf "$dir" && mkdir -p "$dir"
  local aof=(--appendonly yes --appendfsync "$2")
  [[ $2 == off ]] && aof=(--appendonly no)
  if [[ $1 == redis ]]; then
    redis-server --port $redis_port --bind 127.0.0.1 --save '' "${aof[@]}" --dir "$dir" > "$dir.log" 2>&1 &
    port=$redis_port
  else
    "$java" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC \
      -p server/target/kevy-server-0.1.0-SNAPSHOT.jar:server/target/lib \
      -m dev.kevy.server/dev.kevy.server.Main --bind 127.0.0.1 --port $kevy_port --shards "$shards" \
      --dir "$dir" "${aof[@]}" > "$dir.log" 2>&1 &
    port=$kevy_port
  fi
  pid=$!
  until redis-cli -p $port ping > /dev/null 2>&1; do sleep 0.05; done
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
# printf, not print: awk prints the mean of two large numbers as 1.43051e+06, which bc refuses
median() { sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "SET, $requests requests per round (x P/2 with a pipeline P), $rounds rounds, medians; kevy $shards shard(s); $(date -u +%F)"
printf '%-14s %-8s %12s %9s %9s %12s %9s %9s %7s\n' load fsync "Redis req/s" "p50 ms" "p99 ms" "kevy req/s" "p50 ms" \
  "p99 ms" ratio
for load in "${loads[@]}"; do
  for fsync in always everysec no off; do
    for server in redis kevy; do : > "$work/$server.csv"; done
    pipeline=$(sed -n 's/.*-P \([0-9]*\).*/\1/p' <<< "$load")
    n=$((requests * (${pipeline:-1} > 1 ? ${pipeline:-1} / 2 : 1))) # a deep pipeline runs longer rounds
    for ((r = 0; r < rounds; r++)); do
      for server in redis kevy; do
        start $server "$fsync"
        # kevy's JIT compiles in its first million requests or so: a warm-up (Redis needs none) in
        # three runs, since the first close of the clients' connections makes C2 recompile the
        # loop's code for branches it had not seen (docs/BENCHMARKS.md "Warming up"), then the round
        if [[ $server == kevy ]]; then
          for _ in 1 2 3; do
            redis-benchmark -p $port -t set -n $((warmup / 3)) -r 100000 $load --csv > /dev/null 2>&1
          done
        fi
        redis-benchmark -p $port -t set -n "$n" -r 100000 $load --csv | tail -1 | tr -d '"' \
          >> "$work/$server.csv"
        stop
      done
    done
    col() { cut -d, -f"$2" "$work/$1.csv" | median; }
    rr=$(col redis 2); kr=$(col kevy 2)
    printf '%-14s %-8s %12.0f %9s %9s %12.0f %9s %9s %6.2fx\n' "$load" "$fsync" "$rr" "$(col redis 5)" "$(col redis 7)" \
      "$kr" "$(col kevy 5)" "$(col kevy 7)" "$(echo "$kr / $rr" | bc -l)"
  done
done
