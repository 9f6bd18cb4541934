#!/usr/bin/env bash
# Starts the server from the module path: run-server.sh <java> [server flags...]
# Run it from the repository root: the paths below are relative, and the AOT cache records them
# as given.
#
# Environment:
#   KEVY_AOT=off           start without the AOT cache even when there is one
#   KEVY_AOT_OUTPUT=<file> training run: write an AOT cache to <file> at exit (scripts/aot-train.sh)
#
# The JVM flags are chosen for start-up time and idle footprint; docs/BENCHMARKS.md ("Start-up and
# footprint") has the figures and what else was tried. The data lives off-heap, so the Java heap
# holds little more than the objects that describe shards and connections. Nothing here limits the
# JIT: the hot paths still reach C2.
set -euo pipefail
java=$1; shift
jar=server/target/kevy-server-0.1.0-SNAPSHOT.jar
lib=server/target/lib
aot=server/target/kevy.aot

flags=(
  # Native access for the one module that makes FFM downcalls, and for no other.
  --enable-native-access=dev.kevy.sys
  # The serial collector is the smallest: the shard threads allocate nothing while serving, so it
  # only ever sees start-up garbage and the few objects of new connections.
  -XX:+UseSerialGC
  # A small first heap. The young generation is a third of the heap, and start-up allocates some
  # 20 MB of short-lived objects (FFM linking spins classes), so every page of a large young
  # generation ends up resident: the default (1/64 of RAM) left 28 MB of it behind. 16 MB costs
  # four young collections of a few ms during start-up; the heap still grows on demand up to the
  # default maximum (a quarter of RAM), so nothing runs out of heap earlier than before.
  -Xms16m
  # Give freed C-heap memory back to the OS every second (glibc malloc_trim). The JIT compilers
  # use 15-20 MB of arenas while start-up code is hot and free them a few seconds later, but
  # glibc keeps freed memory by default: idle RSS is 15 MB lower with this.
  -XX:TrimNativeHeapInterval=1000
)

# The AOT cache if it is usable; otherwise say why in one line (the JVM would say it in four, or
# not at all) and start without it. An empty file records a failed training run.
use_aot() {
  [[ ${KEVY_AOT:-on} != off && -s $aot ]] || return 1
  local f made_by this
  made_by=$(cat "$aot.java" 2>/dev/null || true)
  this=$(readlink -f "$(command -v "$java")")
  if [[ $made_by != "$this" ]]; then
    echo "kevy: $aot was made by another JDK (${made_by:-unknown}), starting without it (make build remakes it)" >&2
    return 1
  fi
  for f in "$jar" "$lib"/*.jar "${this%/bin/java}/lib/modules" "$0"; do
    if [[ $f -nt $aot ]]; then
      echo "kevy: $aot is older than $f, starting without it (make build remakes it)" >&2
      return 1
    fi
  done
}

if [[ -n ${KEVY_AOT_OUTPUT:-} ]]; then
  # JEP 514: one training run records which classes load and link; at exit a child JVM assembles
  # the cache from that record. Without the method profiles JEP 515 would add: with them the JIT
  # compiled the hot paths early, from the training run's profile rather than the real load's,
  # and pipelined SET throughput stayed a third lower (redis-benchmark -P 16); they saved about
  # 50 ms of start-up. (A diagnostic flag, needed only here: if a JDK drops it, training fails and
  # make run starts without a cache.)
  flags+=(-XX:AOTCacheOutput="$KEVY_AOT_OUTPUT" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining)
elif use_aot; then
  # JEP 483: classes come from the cache already loaded and linked.
  flags+=(-XX:AOTCache="$aot")
fi

exec "$java" "${flags[@]}" -p "$jar:$lib" -m dev.kevy.server/dev.kevy.server.Main "$@"
