#!/usr/bin/env bash
# Runs the JMH suite: bench.sh <java> <quick|thorough> [benchmark regexp and extra JMH flags...]
# -prof gc is always on, so every result carries gc.alloc.rate.norm (bytes per operation).
set -euo pipefail
java=$1 profile=$2; shift 2
jar=bench/target/benchmarks.jar
case "$profile" in
  quick)    opts=(-f 1 -wi 3 -w 1s -i 5 -r 1s) ;;
  thorough) opts=(-f 3 -wi 5 -w 2s -i 10 -r 2s) ;;
  *) echo "bench: BENCH_PROFILE must be quick or thorough, not '$profile'" >&2; exit 2 ;;
esac
mkdir -p bench/target
"$java" -jar "$jar" "${opts[@]}" -prof gc -rf json -rff bench/target/jmh-result.json "$@"
