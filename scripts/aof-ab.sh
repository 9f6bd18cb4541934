#!/usr/bin/env bash
# Two kevy builds and redis-server, alternated round by round, SET with the append-only log
# (everysec) and without: requests/s and each server process's CPU time per request (JIT
# included), to tell a change to the log's cost from this VM's noise.
# Usage: scripts/aof-ab.sh <java> <before: a checkout, built> <after: a checkout, built> [rounds, default 3]
#   AB_LOAD (default "-c 50 -P 16"), AB_REQUESTS (default 3000000), AB_WARMUP (default 1000000:
#   SETs each fresh kevy serves first).
# A checkout is built with: mvn -pl server -am package -DskipTests (in it).
set -euo pipefail
java=$1
before=$2
after=$3
rounds=${4:-3}
load=${AB_LOAD:--c 50 -P 16}
requests=${AB_REQUESTS:-3000000}
warmup=${AB_WARMUP:-1000000}
port=7498
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
ticks() { cut -d' ' -f14,15 "/proc/$1/stat" | tr ' ' '+' | bc; }

echo "SET $load, $requests requests a round after $warmup of warm-up (kevy); $(date -u +%F)"
echo "round fsync server req/s cpu-ns/req"
for ((r = 1; r <= rounds; r++)); do
  for mode in everysec off; do
    for who in redis before after; do
      dir="$work/$who-$mode-$r"
      mkdir -p "$dir"
      aof=(--appendonly yes --appendfsync "$mode")
      [[ $mode == off ]] && aof=(--appendonly no)
      if [[ $who == redis ]]; then
        redis-server --port $port --bind 127.0.0.1 --save '' "${aof[@]}" --dir "$dir" > "$dir.log" 2>&1 &
      else
        root=$after
        [[ $who == before ]] && root=$before
        "$java" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC \
          -p "$root/server/target/kevy-server-0.1.0-SNAPSHOT.jar:$root/server/target/lib" \
          -m dev.kevy.server/dev.kevy.server.Main --bind 127.0.0.1 --port $port --shards 1 --dir "$dir" \
          "${aof[@]}" > "$dir.log" 2>&1 &
      fi
      pid=$!
      until redis-cli -p $port ping > /dev/null 2>&1; do sleep 0.05; done
      # shellcheck disable=SC2086 # the load is several flags
      if [[ $who != redis ]]; then # in three runs: see aof-compare.sh
        for _ in 1 2 3; do
          redis-benchmark -p $port -t set -n $((warmup / 3)) -r 100000 $load -q > /dev/null 2>&1
        done
      fi
      t0=$(ticks $pid)
      # shellcheck disable=SC2086
      rps=$(redis-benchmark -p $port -t set -n "$requests" -r 100000 $load --csv | tail -1 | cut -d, -f2 | tr -d '"')
      t1=$(ticks $pid)
      echo "$r $mode $who $rps $(( (t1 - t0) * 1000000000 / $(getconf CLK_TCK) / requests ))"
      kill $pid
      wait $pid 2>/dev/null || true
      rm -rf "$dir"
    done
  done
done
