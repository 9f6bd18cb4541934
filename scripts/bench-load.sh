#!/usr/bin/env bash
# Runs the latency load generator or one of its companions from bench/target/benchmarks.jar:
#
#   bench-load.sh <java> [flags...]              the load generator (--help lists its flags)
#   bench-load.sh <java> null-server [flags...]  the do-nothing RESP server that measures the generator
#   bench-load.sh <java> netty [flags...]        the Netty baseline server
#   bench-load.sh <java> plot [flags...]         percentile plot (SVG) from .hgrm files
#   bench-load.sh <java> table [flags...]        Markdown tables from compare.sh's raw results
#
# Example: make bench-load ARGS="--port 6379 --rate 20000 --duration-s 30 --hgrm /tmp/redis.hgrm"
# Native access is granted to the class path: Netty loads its epoll library, and the generator's
# open-loop sender lowers its timer slack with one prctl call.
set -euo pipefail
java=${1:?usage: bench-load.sh <java> [load|null-server|netty|plot|table] [flags...]}
shift
jar=bench/target/benchmarks.jar
if [[ ! -f $jar ]]; then
  echo "bench-load: $jar is missing; build it with 'make bench-load' (or mvn -pl bench -am install -DskipTests)" >&2
  exit 2
fi
cls=dev.kevy.bench.load.LoadGenerator
# The tools get a small fixed heap and the serial collector; the Netty baseline keeps the JVM's
# defaults, as the team writing it first would.
opts=(-XX:+UseSerialGC -Xms256m -Xmx256m)
case "${1:-}" in
  load)        shift ;;
  null-server) cls=dev.kevy.bench.load.NullServer; shift ;;
  netty)       cls=dev.kevy.bench.netty.NettyRedisServer; opts=(); shift ;;
  plot)        cls=dev.kevy.bench.load.PercentilePlot; shift ;;
  table)       cls=dev.kevy.bench.load.CompareTable; shift ;;
esac
exec "$java" --enable-native-access=ALL-UNNAMED ${opts[@]+"${opts[@]}"} -cp "$jar" "$cls" "$@"
