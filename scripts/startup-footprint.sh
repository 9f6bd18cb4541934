#!/usr/bin/env bash
# Start-up time and idle footprint of Redis and kevy, measured the same way, one server at a time,
# alternating run by run (scripts/startup-probe.py does one run):
#   first reply  ms from the exec to the first +PONG (a connect attempt every millisecond)
#   idle RSS     VmRSS after each of SF_IDLE_S seconds of idle, and the file-backed part of the
#                last one (program code and the AOT cache: pages the kernel can share and drop)
# Each run starts once the machine is idle; a run during which other processes used more than
# SF_MAX_OTHER_MS of CPU is repeated (up to 4 times), since on 2 cores a busy neighbour doubles
# a JVM's start-up. Prints a Markdown table of medians.
#
#   ./scripts/startup-footprint.sh <java>      (after make build, which makes the AOT cache)
#
# Environment: SF_RUNS (11), SF_IDLE_S ("3 10"), SF_MAX_OTHER_MS (50), SF_PORT (17579),
# SF_SERVERS ("redis kevy1 kevy2"; kevyN is N shards, kevyN-noaot the same with KEVY_AOT=off),
# SF_LAUNCHER (scripts/run-server.sh; another launcher measures other JVM flags), REDIS_SERVER.
set -euo pipefail
java=${1:?usage: startup-footprint.sh <java>}
cd "$(dirname "$0")/.."
runs=${SF_RUNS:-11}
idles=(${SF_IDLE_S:-3 10})
max_other=${SF_MAX_OTHER_MS:-50}
port=${SF_PORT:-17579}
servers=(${SF_SERVERS:-redis kevy1 kevy2})
launcher=${SF_LAUNCHER:-scripts/run-server.sh}
redis_server=${REDIS_SERVER:-redis-server}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

command_of() { # name: the command line that starts it on $port
  case $1 in
    redis) echo "$redis_server --port $port --bind 127.0.0.1 --save '' --appendonly no" ;;
    kevy*-noaot) local n=${1#kevy}; echo "env KEVY_AOT=off $launcher $java --port $port --shards ${n%-noaot}" ;;
    kevy*) echo "$launcher $java --port $port --shards ${1#kevy}" ;;
    *) echo "startup-footprint: unknown server $1" >&2; exit 2 ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
column() { cut -d' ' -f"$2" "$out/$1"; }

repeated=0
for ((r = 1; r <= runs; r++)); do
  for s in "${servers[@]}"; do
    eval "cmd=($(command_of "$s"))"
    for attempt in 1 2 3 4 5; do
      line=$(python3 scripts/startup-probe.py "$port" "$(IFS=,; echo "${idles[*]}")" "${cmd[@]}")
      (( $(cut -d' ' -f2 <<< "$line") <= max_other )) && break
      repeated=$((repeated + 1))
    done
    echo "$line" >> "$out/$s"
  done
done

header="| server | first reply, ms: median (min-max) of $runs |"
rule="|---|---|"
for i in "${idles[@]}"; do header+=" RSS after $i s idle, MiB |"; rule+="---|"; done
echo "$header of which file-backed, MiB |"
echo "$rule---|"
for s in "${servers[@]}"; do
  row="| $s | $(column "$s" 1 | median) ($(column "$s" 1 | sort -n | head -1)-$(column "$s" 1 | sort -n | tail -1)) |"
  f=3
  for i in "${idles[@]}"; do
    row+=" $(column "$s" $f | median | awk '{ printf "%.1f", $1 / 1024 }') |"
    f=$((f + 2))
  done
  row+=" $(column "$s" $((f - 1)) | median | awk '{ printf "%.1f", $1 / 1024 }') |"
  echo "$row"
done
echo
echo "Runs repeated because another process used more than $max_other ms of CPU during them: $repeated."
