#!/usr/bin/env bash
# Issue 10's probes as a side-by-side benchmark: Redis, kevy with one shard and kevy with two,
# one server at a time, alternating round by round, printing a Markdown table per probe.
#
#   ./scripts/reliability-compare.sh <java>   (after: mvn -q install -DskipTests)
#
# Probes, per server and round:
#   atomic  AtomicFairness: 20 clients for REL_ATOMIC_S seconds, half looping MSETNX a<r> b<r>, half
#           sending pipelines of 20 RENAMENX tok:<r> tok:<r>, one looping PING: commands/s, round
#           trips per client (least/median, per kind), slowest round trip
#   ttl     redis-benchmark -P 16 -c 4 -r 100000000 -n REL_TTL_N set key:__rand_int__ v px 100:
#           SETs/s, the largest DBSIZE sampled every 0.25 s during the load, DBSIZE 1 s after it
#   mass    about REL_MASS_N keys (random names, so a few repeat) set with one common PXAT
#           (redis-benchmark -P 64), then the seconds from that instant until DBSIZE is 0
# Environment: REL_ROUNDS (2), REL_ATOMIC_S (8), REL_TTL_N (3000000), REL_MASS_N (5000000),
# REL_MASS_MARGIN_S (30: the common expiry is this far after the load starts), REL_BASE_PORT (18379),
# REL_SERVERS ("redis kevy1 kevy2"), REL_PROBES ("atomic ttl mass"), REDIS_SERVER, REDIS_CLI,
# REDIS_BENCHMARK.
set -euo pipefail
java=${1:?usage: reliability-compare.sh <java>}
cd "$(dirname "$0")/.."
rounds=${REL_ROUNDS:-2}
atomic_s=${REL_ATOMIC_S:-8}
ttl_n=${REL_TTL_N:-3000000}
mass_n=${REL_MASS_N:-5000000}
mass_margin_s=${REL_MASS_MARGIN_S:-30}
base_port=${REL_BASE_PORT:-18379}
servers=(${REL_SERVERS:-redis kevy1 kevy2})
probes=(${REL_PROBES:-atomic ttl mass})
redis_server=${REDIS_SERVER:-redis-server}
cli=${REDIS_CLI:-redis-cli}
rb=${REDIS_BENCHMARK:-redis-benchmark}
jar=bench/target/benchmarks.jar
[[ -f $jar && -f server/target/kevy-server-0.1.0-SNAPSHOT.jar ]] || {
  echo "reliability-compare: build first (mvn -q install -DskipTests)" >&2; exit 2; }
pid=
out=$(mktemp -d)
cleanup() { [[ -n $pid ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$out"; }
trap cleanup EXIT

start() { # name port
  case $1 in
    redis) "$redis_server" --port "$2" --bind 127.0.0.1 --save '' --appendonly no >"$out/$1.log" 2>&1 & pid=$! ;;
    kevy*) ./scripts/run-server.sh "$java" --port "$2" --shards "${1#kevy}" >"$out/$1.log" 2>&1 & pid=$! ;;
  esac
  for _ in $(seq 1 200); do "$cli" -p "$2" ping >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "reliability-compare: $1 did not start (see its log)" >&2; cat "$out/$1.log" >&2; exit 1
}
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; }
dbsize() { "$cli" -p "$1" dbsize; }

probe_atomic() { # name port round
  local line; line=$("$java" -cp "$jar" dev.kevy.bench.atomic.AtomicFairness --port "$2" --seconds "$atomic_s")
  echo "| $1 | $3 | ${line// / | } |" >> "$out/atomic.md"
}

probe_ttl() { # name port round
  "$rb" -p "$2" -P 16 -c 4 -r 100000000 -n "$ttl_n" -q set key:__rand_int__ v px 100 >"$out/rb.txt" 2>&1 &
  local bpid=$! max=0 d
  while kill -0 "$bpid" 2>/dev/null; do
    d=$(dbsize "$2"); (( d > max )) && max=$d; sleep 0.25
  done
  wait "$bpid" || true
  local rps; rps=$(tr '\r' '\n' < "$out/rb.txt" | grep -o '[0-9.]* requests per second' | tail -1 | cut -d' ' -f1)
  sleep 1
  echo "| $1 | $3 | ${rps:-?} | $max | $(dbsize "$2") |" >> "$out/ttl.md"
}

probe_mass() { # name port round
  local at=$(( $(date +%s%3N) + mass_margin_s * 1000 ))  # after the load, which must finish first
  "$rb" -p "$2" -P 64 -c 4 -r 100000000 -n "$mass_n" -q set mass:__rand_int__ v pxat "$at" >/dev/null 2>&1
  local loaded; loaded=$(dbsize "$2")
  local now; now=$(date +%s%3N)
  (( now < at )) || { echo "reliability-compare: loading outlasted REL_MASS_MARGIN_S" >&2; exit 1; }
  sleep "$(awk -v ms=$(( at - now )) 'BEGIN { printf "%.3f", ms / 1000 }')"
  local t0; t0=$(date +%s%3N)
  while (( $(dbsize "$2") > 0 )); do
    (( $(date +%s%3N) - t0 > 120000 )) && break
    sleep 0.05
  done
  local t1; t1=$(date +%s%3N)
  echo "| $1 | $3 | $loaded | $(awk -v ms=$(( t1 - t0 )) 'BEGIN { printf "%.2f", ms / 1000 }') | $(dbsize "$2") |" >> "$out/mass.md"
}

echo "| server | round | commands/s | MSETNX round trips least/median | RENAMENX round trips least/median | fairness | slowest atomic ms | slowest PING ms | PINGs |" > "$out/atomic.md"
echo "|---|---|---|---|---|---|---|---|---|" >> "$out/atomic.md"
echo "| server | round | SETs/s | largest DBSIZE during load | DBSIZE 1 s after |" > "$out/ttl.md"
echo "|---|---|---|---|---|" >> "$out/ttl.md"
echo "| server | round | keys loaded | seconds from their expiry to DBSIZE 0 | DBSIZE at the end |" > "$out/mass.md"
echo "|---|---|---|---|---|" >> "$out/mass.md"

for probe in "${probes[@]}"; do
  for round in $(seq 1 "$rounds"); do
    i=0
    for s in "${servers[@]}"; do
      start "$s" $(( base_port + i )); "probe_$probe" "$s" $(( base_port + i )) "$round"; stop
      i=$(( i + 1 ))
    done
  done
done
sed -i -E 's/commands_per_s=|msetnx_round_trips_min\/median=|renamenx_round_trips_min\/median=|fairness=|worst_atomic_ms=|worst_ping_ms=|pings=//g' "$out/atomic.md"
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -sr); $(date -u +%Y-%m-%d)"
echo; echo "### Cross-shard atomic commands"; cat "$out/atomic.md"
echo; echo "### Sustained short-TTL writes"; cat "$out/ttl.md"
echo; echo "### Mass expiry"; cat "$out/mass.md"
