#!/usr/bin/env bash
# Server CPU per request, user and kernel, for kevy on each I/O engine and for Redis, measured the
# same way in one run: cpu-per-request.sh <java> [requests] [pipeline] [rounds] [engines]
#
# Each server runs alone (one shard for kevy), is warmed up, then redis-benchmark -t set,get -c 50
# -r 100000 -P <pipeline> sends 2 x <requests> requests while the server's utime and stime
# (/proc/<pid>/stat, in clock ticks) are read before and after. Rounds alternate the servers
# (kevy-epoll kevy-io_uring redis, kevy-epoll ...) so that drift hits all alike; the figure printed
# per server is the median over rounds. Unlike syscalls.sh this runs without strace, so the times
# are the servers' own. The load generator shares the machine: compare the servers with each
# other, not with a machine where the client runs elsewhere.
set -euo pipefail
java=$1; n=${2:-200000}; pipeline=${3:-1}; rounds=${4:-3}; engines=${5:-epoll io_uring}
command -v redis-benchmark >/dev/null || { echo "cpu-per-request: redis-benchmark is not installed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
hz=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ticks() { awk '{ print $14, $15 }' "/proc/$1/stat"; } # utime stime

start() { # name -> sets spid, sport
  sport=$(free_port)
  case $1 in
    redis) redis-server --port "$sport" --save '' --appendonly no --daemonize no >"$tmp/$1.out" 2>&1 & spid=$! ;;
    kevy-*) "$java" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC \
              -p server/target/kevy-server-0.1.0-SNAPSHOT.jar:server/target/lib -m dev.kevy.server/dev.kevy.server.Main \
              --port "$sport" --shards 1 --io-engine "${1#kevy-}" >"$tmp/$1.out" 2>&1 & spid=$! ;;
  esac
  until redis-cli -p "$sport" ping >/dev/null 2>&1; do kill -0 $spid || { cat "$tmp/$1.out"; exit 1; }; sleep 0.1; done
}

servers=(); for e in $engines; do servers+=("kevy-$e"); done; servers+=(redis)
declare -A results
for r in $(seq "$rounds"); do
  for s in "${servers[@]}"; do
    start "$s"
    redis-benchmark -p "$sport" -t set,get -c 50 -n "$n" -r 100000 -P "$pipeline" -q >/dev/null 2>&1 # warm-up
    read -r u0 k0 < <(ticks "$spid")
    redis-benchmark -p "$sport" -t set,get -c 50 -n "$n" -r 100000 -P "$pipeline" -q >/dev/null 2>&1
    read -r u1 k1 < <(ticks "$spid")
    kill "$spid"; wait "$spid" 2>/dev/null || true
    # microseconds of CPU per request: user, kernel
    results[$s]+="$(awk -v u=$((u1 - u0)) -v k=$((k1 - k0)) -v hz="$hz" -v req=$((2 * n)) \
        'BEGIN { printf "%.3f,%.3f ", u * 1e6 / hz / req, k * 1e6 / hz / req }')"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
redis_total=""
for s in redis "${servers[@]}"; do
  [[ $s == redis && -n $redis_total ]] && continue
  user=$(echo "${results[$s]}" | tr ' ' '\n' | cut -d, -f1 | tr '\n' ' ' | median)
  kern=$(echo "${results[$s]}" | tr ' ' '\n' | cut -d, -f2 | tr '\n' ' ' | median)
  total=$(awk -v u="$user" -v k="$kern" 'BEGIN { printf "%.3f", u + k }')
  [[ $s == redis ]] && redis_total=$total
  printf '%-14s user %6.3f us  kernel %6.3f us  total %6.3f us per request  (%.2fx Redis)\n' \
    "$s" "$user" "$kern" "$total" "$(awk -v t="$total" -v r="$redis_total" 'BEGIN { print (r > 0 ? t / r : 0) }')"
done
echo "(median of $rounds rounds; $((2 * n)) requests each: redis-benchmark -t set,get -c 50 -n $n -r 100000 -P $pipeline; kevy --shards 1; clock ticks of ${hz} Hz)"
