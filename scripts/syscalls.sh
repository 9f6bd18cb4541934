#!/usr/bin/env bash
# Counts the syscalls a server makes per request: syscalls.sh <java> [requests] [pipeline] [shards] [engines]
# Starts kevy (once per I/O engine in [engines], default "epoll io_uring") and Redis on free ports,
# warms each up, then runs redis-benchmark GET+SET under `strace -c -f` attached to the server and
# prints calls per request for read, write, writev, epoll_wait, epoll_ctl, io_uring_enter,
# sched_yield (an idle shard's yields) and futex (the JVM's own threads: not in the total).
# Counts, unlike times, are not disturbed by strace.
set -euo pipefail
java=$1; n=${2:-100000}; pipeline=${3:-1}; shards=${4:-1}; engines=${5:-epoll io_uring}
command -v strace >/dev/null || { echo "syscalls: strace is not installed" >&2; exit 2; }
command -v redis-benchmark >/dev/null || { echo "syscalls: redis-benchmark is not installed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [[ -n ${KEEP:-} ]] || rm -rf "$tmp"' EXIT


measure() { # name pid port
  local name=$1 pid=$2 port=$3
  redis-benchmark -p "$port" -t set,get -c 50 -n 50000 -r 100000 -P "$pipeline" -q >/dev/null 2>&1
  strace -c -f -o "$tmp/$name.txt" -p "$pid" 2>/dev/null &
  local st=$!
  sleep 1
  redis-benchmark -p "$port" -t set,get -c 50 -n "$n" -r 100000 -P "$pipeline" -q >/dev/null 2>&1
  kill -INT "$st"; wait "$st" 2>/dev/null || true
  awk -v n=$((2 * n)) -v name="$name" '
    $NF ~ /^(read|write|writev|readv|epoll_wait|epoll_ctl|epoll_pwait|io_uring_enter|sched_yield|getpeername|futex)$/ { c[$NF] = $4 } # the calls column; an errors column may follow it
    END { printf "%-14s", name; split("read write writev epoll_wait epoll_pwait epoll_ctl io_uring_enter sched_yield futex", k, " ");
          t = 0; for (i = 1; i <= 9; i++) { v = c[k[i]] + 0; if (k[i] != "futex") t += v; printf "  %s=%.3f", k[i], v / n }
          printf "  total=%.3f per request\n", t / n }' "$tmp/$name.txt"
}

for engine in $engines; do
  kport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$java" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC -p server/target/kevy-server-0.1.0-SNAPSHOT.jar:server/target/lib \
    -m dev.kevy.server/dev.kevy.server.Main --port "$kport" --shards "$shards" --io-engine "$engine" >"$tmp/kevy.out" 2>&1 &
  kpid=$!
  until grep -q ready "$tmp/kevy.out" 2>/dev/null; do kill -0 $kpid || { cat "$tmp/kevy.out"; exit 1; }; sleep 0.1; done
  measure "kevy-$engine" "$kpid" "$kport"
  kill $kpid; wait $kpid 2>/dev/null || true
done

rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$rport" --save '' --appendonly no --daemonize no >"$tmp/redis.out" 2>&1 &
rpid=$!
until redis-cli -p "$rport" ping >/dev/null 2>&1; do sleep 0.1; done
measure redis "$rpid" "$rport"
echo "($((2 * n)) requests: redis-benchmark -t set,get -c 50 -n $n -r 100000 -P $pipeline; kevy shards=$shards)"
