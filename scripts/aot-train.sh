#!/usr/bin/env bash
# Makes the AOT cache that scripts/run-server.sh starts from: aot-train.sh <java> <cache file>
#
# One training run (JEP 514): the server starts through run-server.sh, so with exactly the flags it
# will run with, on a free port; a tiny client sends a little of every kind of command; SIGTERM
# stops it, and at exit the JVM hands what it recorded (loaded classes, linked call sites, method
# profiles) to a child JVM that writes the cache. About 5 s on 2 cores. The JVM's own output goes
# to <cache file>.log; on failure this prints one line and exits 1, and no cache is left behind.
set -euo pipefail
java=${1:?usage: aot-train.sh <java> <cache file>}
out=${2:?usage: aot-train.sh <java> <cache file>}
cd "$(dirname "$0")/.."
log=$out.log
pid=
rm -f "$out" "$log"
# Which java the cache is for: run-server.sh uses the cache only with this one, and the Makefile
# remakes it when another JDK is chosen.
readlink -f "$(command -v "$java")" > "$out.java"

fail() {
  [[ -n $pid ]] && { kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  rm -f "$out"
  echo "kevy: no AOT cache, $1 (see $log); make run starts without it" >&2
  exit 1
}

# RESP arrays, as real clients send them: resp ARG... prints one command
resp() {
  printf '*%d\r\n' $#
  local a
  for a in "$@"; do printf '$%d\r\n%s\r\n' ${#a} "$a"; done
}

# Every command family once (replies, errors and expiry included), then a pipelined loop of the
# commonest ones over keys on both shards, so the profiles see the hot path, then an ECHO to
# know every reply is in.
traffic() {
  resp HELLO 2; resp PING; resp ECHO hi; resp SELECT 0; resp CLIENT SETNAME trainer
  resp CONFIG GET save; resp CONFIG GET appendonly; resp COMMAND COUNT; resp TIME
  resp SET s v; resp GET s; resp SET t v EX 100; resp SET u v PX 100000 NX; resp SETNX s w
  resp SETEX e 100 v; resp PSETEX p 100000 v; resp GETSET s w; resp GETEX s PX 100000
  resp GETDEL p; resp APPEND s tail; resp STRLEN s; resp GETRANGE s 0 2; resp SETRANGE s 1 xy
  resp INCR n; resp DECR n; resp INCRBY n 7; resp DECRBY n 3; resp INCRBYFLOAT f 1.5
  resp MSET a 1 b 2 c 3 d 4; resp MGET a b c d; resp MSETNX x 1 y 2
  resp EXISTS a b; resp TYPE a; resp TOUCH a b; resp EXPIRE a 100; resp PEXPIRE b 100000
  resp EXPIREAT c 4102444800; resp PEXPIREAT d 4102444800000; resp TTL a; resp PTTL b
  resp EXPIRETIME c; resp PEXPIRETIME d; resp PERSIST a; resp RENAME a a2; resp RENAMENX b b2
  resp KEYS '*'; resp SCAN 0 COUNT 100; resp RANDOMKEY; resp DBSIZE; resp DEL c d
  resp UNLINK x y; resp INFO; resp CLIENT LIST; resp SLOWLOG GET 1; resp NOSUCHCOMMAND
  resp GET; resp INCR s
  local i
  for ((i = 0; i < 2000; i++)); do
    resp SET "key:$i" "value-$i"; resp GET "key:$i"; resp INCR "counter:$((i % 16))"
  done
  resp FLUSHALL; resp ECHO trained
}

KEVY_AOT_OUTPUT=$out ./scripts/run-server.sh "$java" --bind 127.0.0.1 --port 0 --shards 2 >"$log" 2>&1 &
pid=$!
port=
for _ in $(seq 1 400); do
  port=$(sed -n 's/^kevy ready on [^:]*:\([0-9]*\) .*/\1/p' "$log")
  [[ -n $port ]] && break
  kill -0 "$pid" 2>/dev/null || fail "the training server did not start"
  sleep 0.05
done
[[ -n $port ]] || fail "the training server did not become ready in 20 s"

exec 3<>"/dev/tcp/127.0.0.1/$port" || fail "cannot connect to the training server"
traffic >&3
trained=
while IFS= read -r -t 30 line <&3; do
  [[ $line == trained* ]] && { trained=1; break; }
done
exec 3<&-
[[ -n $trained ]] || fail "the training server did not answer every command"

kill -TERM "$pid"
# The child JVM that writes the cache runs before the server process exits.
for _ in $(seq 1 1200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && fail "the training server did not exit in 60 s"
wait "$pid" || fail "the training server exited with status $?"
pid=
[[ -s $out ]] || fail "the JVM wrote no AOT cache"
