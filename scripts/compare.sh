#!/usr/bin/env bash
# Side-by-side throughput and latency: Redis, a Netty baseline, and kevy with 1 shard (on its default
# engine, io_uring where the kernel allows it, and on epoll) and N shards, driven by the same loads in
# alternation (redis netty kevy1 kevy1e kevyN, redis netty ...) so that drift
# of the machine during the comparison hits every server alike. Medians, ratios (ours / Redis,
# ours / Netty) and a list of every figure where kevy loses go to stdout and into a section of
# docs/BENCHMARKS.md between <!-- compare:begin --> and <!-- compare:end -->.
#
#   ./scripts/compare.sh <java>        (what `make compare` runs, after building everything)
#
# Loads (each server, each round): closed loop at pipeline 1 and 16; open loop (fixed rate,
# latency from intended send times) at 25%, 50% and 75% of Redis's measured pipeline-1 peak;
# redis-benchmark -t set,get -c 50 -n 200000 -r 100000 at -P 1 and -P 16.
# Servers not under test are frozen (SIGSTOP) so they cannot take CPU from the one being measured.
# JVM servers log GC (-Xlog:gc); the cycles and pauses during each run are counted (kevy: expect 0).
#
# Environment knobs:
#   COMPARE_PROFILE        quick (default, a few minutes) | thorough (longer runs, more rounds)
#   COMPARE_DOC            Markdown file to update (docs/BENCHMARKS.md); point it elsewhere to try
#   COMPARE_OUT            raw results: CSV, .hgrm, SVG plots, logs (bench/target/compare)
#   COMPARE_ROUNDS         alternation rounds per load (quick 2, thorough 5)
#   COMPARE_DURATION_S     measured seconds per run (quick 3, thorough 15)
#   COMPARE_WARMUP_S       unrecorded warm-up seconds per run (quick 1, thorough 5)
#   COMPARE_CONNECTIONS    client connections (50)
#   COMPARE_GET_RATIO      fraction of GETs, the rest SETs (0.9)
#   COMPARE_KEYS           key space (100000, all prefilled)
#   COMPARE_VALUE_SIZE     value bytes (64)
#   COMPARE_SHARDS         kevy's N (default: the cores given to servers)
#   COMPARE_NETTY_THREADS  Netty event-loop threads (default: the cores given to servers)
#   COMPARE_SERVERS        subset and order of "redis netty kevy1 kevy1e kevyN" (all five; kevy1e is
#                          kevy 1 shard with --io-engine epoll)
#   COMPARE_REDIS_BENCHMARK  1 runs redis-benchmark too (default), 0 skips it
#   COMPARE_PIN            auto (pin with taskset when nproc >= 4) | yes | no
#   COMPARE_FREEZE         1 freezes idle servers during other servers' runs (default), 0 leaves them
#   COMPARE_BASE_PORT      first of five loopback ports (16379)
#   COMPARE_KEVY_ARGS      extra kevy flags, e.g. "--spin-limit 0 --park-timeout-ms 1"
#   REDIS_SERVER, REDIS_BENCHMARK   binaries (default: redis-server, redis-benchmark on PATH)
set -euo pipefail

java=${1:?usage: compare.sh <java>}
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
kevy_jar=server/target/kevy-server-0.1.0-SNAPSHOT.jar
kevy_mp=$kevy_jar:server/target/lib

die() { echo "compare: $*" >&2; exit 2; }
[[ -f $jar ]] || die "$jar is missing: build with 'mvn -pl bench -am install -DskipTests' (make compare does)"

profile=${COMPARE_PROFILE:-quick}
case $profile in
  quick)    d_rounds=2 d_dur=3  d_warm=1 ;;
  thorough) d_rounds=5 d_dur=15 d_warm=5 ;;
  *) die "COMPARE_PROFILE must be quick or thorough, not '$profile'" ;;
esac
rounds=${COMPARE_ROUNDS:-$d_rounds}
dur=${COMPARE_DURATION_S:-$d_dur}
warm=${COMPARE_WARMUP_S:-$d_warm}
conns=${COMPARE_CONNECTIONS:-50}
get_ratio=${COMPARE_GET_RATIO:-0.9}
keys=${COMPARE_KEYS:-100000}
value_size=${COMPARE_VALUE_SIZE:-64}
servers=(${COMPARE_SERVERS:-redis netty kevy1 kevy1e kevyN})
use_rb=${COMPARE_REDIS_BENCHMARK:-1}
freeze=${COMPARE_FREEZE:-1}
base_port=${COMPARE_BASE_PORT:-16379}
redis_server=${REDIS_SERVER:-redis-server}
redis_benchmark=${REDIS_BENCHMARK:-redis-benchmark}
doc=${COMPARE_DOC:-docs/BENCHMARKS.md}
out=${COMPARE_OUT:-bench/target/compare}

rm -rf "$out"
mkdir -p "$out/hgrm" "$out/logs" "$out/plots"
results=$out/results.csv rbcsv=$out/rb.csv gccsv=$out/gc.csv
echo "server,pipeline,round,test,rps,p50_ms,p99_ms" > "$rbcsv"
echo "server,load,round,cycles,pause_ms" > "$gccsv"

# ---- machine and core placement -------------------------------------------------------------
ncpu=$(nproc)
model=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
kernel=$(uname -sr)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
pin=${COMPARE_PIN:-auto}
if [[ $pin == auto ]]; then
  if (( ncpu >= 4 )) && command -v taskset >/dev/null; then pin=yes; else pin=no; fi
fi
if [[ $pin == yes ]]; then
  half=$((ncpu / 2))
  srv_cpus="0-$((half - 1))" cli_cpus="$half-$((ncpu - 1))"
  srv=(taskset -c "$srv_cpus") cli=(taskset -c "$cli_cpus")
  server_cores=$half gen_threads=$(( ncpu - half < 4 ? ncpu - half : 4 ))
  placement="servers pinned to cores $srv_cpus, load generator and redis-benchmark to cores $cli_cpus (taskset)"
else
  srv=() cli=()
  server_cores=$ncpu gen_threads=1
  placement="co-located: servers, load generator and redis-benchmark share all $ncpu cores (no pinning below 4 cores); each run's generator CPU is in results.csv (gen_cpu_pct)"
fi
shards=${COMPARE_SHARDS:-$server_cores}
netty_threads=${COMPARE_NETTY_THREADS:-$server_cores}
gen=("$java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms256m -Xmx256m -cp "$jar" dev.kevy.bench.load.LoadGenerator)

declare -A port pid name cmdline missing prefilled gclog
i=0
for s in redis netty kevy1 kevy1e kevyN; do port[$s]=$((base_port + i)); i=$((i + 1)); done
name[redis]="Redis" name[netty]="Netty baseline" name[kevy1]="kevy 1 shard" name[kevy1e]="kevy 1 shard, epoll"
name[kevyN]="kevy $shards shards"

# ---- server lifecycle ---------------------------------------------------------------------
ping_port() { # PING over a raw socket; true on +PONG
  local fd reply=""
  # The braces scope the 2>/dev/null: on a bare exec it would silence the whole script.
  { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  { printf '*1\r\n$4\r\nPING\r\n' >&"$fd"; } 2>/dev/null || { exec {fd}>&-; return 1; }
  IFS= read -r -t 2 reply <&"$fd" || true
  exec {fd}>&-
  [[ $reply == "+PONG"* ]]
}

cleanup() {
  local x
  for x in "${!pid[@]}"; do kill -CONT "${pid[$x]}" 2>/dev/null || true; kill "${pid[$x]}" 2>/dev/null || true; done
  for x in "${!pid[@]}"; do wait "${pid[$x]}" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
  local s=$1 p=${port[$1]} log=$out/logs/server-$1.log
  local -a cmd
  if ping_port "$p"; then die "port $p already answers PING; set COMPARE_BASE_PORT to a free range"; fi
  case $s in
    redis)
      command -v "$redis_server" >/dev/null || { missing[$s]="$redis_server not found"; return; }
      cmd=("$redis_server" --port "$p" --bind 127.0.0.1 --save '' --appendonly no) ;;
    netty)
      gclog[$s]=$out/logs/gc-$s.log
      cmd=("$java" --enable-native-access=ALL-UNNAMED "-Xlog:gc:file=${gclog[$s]}" -cp "$jar"
           dev.kevy.bench.netty.NettyRedisServer --port "$p" --threads "$netty_threads") ;;
    kevy1|kevy1e|kevyN)
      [[ -f $kevy_jar ]] || { missing[$s]="$kevy_jar is not built"; return; }
      local n=1; [[ $s == kevyN ]] && n=$shards
      local -a engine=(); [[ $s == kevy1e ]] && engine=(--io-engine epoll)
      gclog[$s]=$out/logs/gc-$s.log
      cmd=("$java" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC "-Xlog:gc:file=${gclog[$s]}"
           -p "$kevy_mp" -m dev.kevy.server/dev.kevy.server.Main --bind 127.0.0.1 --port "$p" --shards "$n"
           "${engine[@]+"${engine[@]}"}" ${COMPARE_KEVY_ARGS:-}) ;;
    *) die "unknown server '$s' in COMPARE_SERVERS (use redis netty kevy1 kevy1e kevyN)" ;;
  esac
  cmdline[$s]=$(printf '%q ' "${srv[@]+"${srv[@]}"}" "${cmd[@]}") # quoted, so it can be pasted back
  "${srv[@]+"${srv[@]}"}" "${cmd[@]}" > "$log" 2>&1 &
  pid[$s]=$!
  local deadline=$((SECONDS + 30))
  until ping_port "$p"; do
    if ! kill -0 "${pid[$s]}" 2>/dev/null; then
      missing[$s]="did not start: $(grep -m1 -v '^\s*$' "$log" || echo 'no output') (see $log)"
      unset "pid[$s]"; return
    fi
    (( SECONDS < deadline )) || { missing[$s]="no PING reply within 30 s (see $log)"; return; }
    sleep 0.1 # poll the observable condition: the port answers PING
  done
}

focus() { # let only server $1 run
  [[ $freeze == 1 ]] || return 0
  local x
  for x in "${!pid[@]}"; do
    if [[ $x == "$1" ]]; then kill -CONT "${pid[$x]}" 2>/dev/null || true; else kill -STOP "${pid[$x]}" 2>/dev/null || true; fi
  done
}

alive() { # true when server $1 can be measured; marks it missing when it has died
  [[ -z ${missing[$1]+x} ]] || return 1
  if ! kill -0 "${pid[$1]}" 2>/dev/null; then missing[$1]="exited during the comparison (see $out/logs/server-$1.log)"; return 1; fi
}

gc_mark() { [[ -n ${gclog[$1]:-} && -f ${gclog[$1]} ]] && wc -l < "${gclog[$1]}" || echo 0; }
gc_record() { # server load round lines-before: appends GC cycles and pause ms since the mark
  [[ -n ${gclog[$1]:-} && -f ${gclog[$1]} ]] || return 0
  tail -n +"$(( $4 + 1 ))" "${gclog[$1]}" | awk -v s="$1" -v l="$2" -v r="$3" '
    match($0, /GC\([0-9]+\)/) { id[substr($0, RSTART, RLENGTH)] = 1 }
    / Pause / && $NF ~ /ms$/ { v = $NF; sub(/ms$/, "", v); t += v }
    END { n = 0; for (k in id) n++; printf "%s,%s,%s,%d,%.3f\n", s, l, r, n, t }' >> "$gccsv"
}

# ---- one run ------------------------------------------------------------------------------
run_load() { # server load round [generator flags...]
  local s=$1 load=$2 round=$3; shift 3
  alive "$s" || return 0
  focus "$s"
  local fill=off mark log=$out/logs/load-$s-$load-$round.txt
  [[ -n ${prefilled[$s]:-} ]] || fill=on
  prefilled[$s]=1
  mark=$(gc_mark "$s")
  if ! "${cli[@]+"${cli[@]}"}" "${gen[@]}" --port "${port[$s]}" --connections "$conns" --threads "$gen_threads" \
      --duration-s "$dur" --warmup-s "$warm" --get-ratio "$get_ratio" --keys "$keys" --value-size "$value_size" \
      --prefill "$fill" --label "$s|$load|$round" --csv "$results" --hgrm "$out/hgrm/$s-$load-$round.hgrm" \
      "$@" > "$log" 2>&1; then
    echo "  $s $load round $round: the generator reported a problem (see $log)" >&2
  fi
  gc_record "$s" "$load" "$round" "$mark"
  printf '  %-6s %-7s round %d: %s\n' "$s" "$load" "$round" "$(sed -n 's/^  throughput  //p; s/^  latency us  /| us /p' "$log" | tr '\n' ' ')"
}

run_rb() { # server pipeline round
  local s=$1 p=$2 round=$3 mark
  alive "$s" || return 0
  focus "$s"
  mark=$(gc_mark "$s")
  "${cli[@]+"${cli[@]}"}" "$redis_benchmark" -h 127.0.0.1 -p "${port[$s]}" -t set,get -c 50 -n 200000 -r 100000 \
      -P "$p" --csv 2> "$out/logs/rb-$s-P$p-$round.err" | tr -d '"' |
    awk -F, -v s="$s" -v p="$p" -v r="$round" '$1 == "SET" || $1 == "GET" { print s "," p "," r "," $1 "," $2 "," $5 "," $7 }' >> "$rbcsv"
  gc_record "$s" "rb-P$p" "$round" "$mark"
  printf '  %-6s rb -P %-2s round %d: %s\n' "$s" "$p" "$round" "$(grep "^$s,$p,$round," "$rbcsv" | cut -d, -f4,5 | tr '\n' ' ')"
}

median_of() { # server load column-name: median over rounds from results.csv
  awk -F, -v s="$1" -v l="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) col = i; next }
    index($2, s "|" l "|") == 1 { print $col }' "$results" | sort -g |
    awk '{ a[NR] = $1 } END { if (NR == 0) exit; print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# ---- the comparison ------------------------------------------------------------------------
echo "compare: $profile profile, $rounds rounds, ${dur}s measured + ${warm}s warm-up per run"
echo "compare: machine $ncpu cores, $model, $kernel; load average $load_start"
echo "compare: $placement"
for s in "${servers[@]}"; do
  start_server "$s"
  if [[ -n ${missing[$s]+x} ]]; then echo "compare: ${s}: not available (${missing[$s]})"; else echo "compare: $s ready on port ${port[$s]}"; fi
done
focus none

echo "compare: closed loop, pipeline 1 and 16"
for ((r = 1; r <= rounds; r++)); do
  for load in p1 p16; do
    depth=${load#p}
    for s in "${servers[@]}"; do run_load "$s" "$load" "$r" --pipeline "$depth" --rate 0; done
  done
done

peak=$(median_of redis p1 throughput_rps || true) peak_from="Redis"
if [[ -z $peak ]]; then # no Redis: take the fastest server's peak, and say so in the report
  peak_from=""
  for s in "${servers[@]}"; do
    m=$(median_of "$s" p1 throughput_rps || true)
    [[ -n $m ]] || continue
    if [[ -z $peak ]] || awk -v a="$m" -v b="$peak" 'BEGIN { exit !(a > b) }'; then peak=$m peak_from=${name[$s]}; fi
  done
fi
[[ -n $peak ]] || die "no server completed a pipeline-1 run; nothing to compare (see $out/logs)"
echo "compare: open loop at 25/50/75% of the pipeline-1 peak of $peak_from ($(printf '%.0f' "$peak") req/s)"
for ((r = 1; r <= rounds; r++)); do
  for pct in 25 50 75; do
    rate=$(awk -v p="$peak" -v q="$pct" 'BEGIN { printf "%.0f", p * q / 100 }')
    for s in "${servers[@]}"; do run_load "$s" "open$pct" "$r" --pipeline 1 --rate "$rate"; done
  done
done

if [[ $use_rb == 1 ]] && command -v "$redis_benchmark" >/dev/null; then
  echo "compare: redis-benchmark -t set,get -c 50 -n 200000 -r 100000 at -P 1 and -P 16"
  for ((r = 1; r <= rounds; r++)); do
    for p in 1 16; do
      for s in "${servers[@]}"; do run_rb "$s" "$p" "$r"; done
    done
  done
fi
focus none
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# One plot per load: every server's run from the middle round (a plot cannot show a median).
mid=$(( (rounds + 1) / 2 ))
for load in p1 p16 open25 open50 open75; do
  inputs=()
  for s in "${servers[@]}"; do
    f=$out/hgrm/$s-$load-$mid.hgrm
    [[ -f $f ]] && inputs+=("${name[$s]}=$f")
  done
  (( ${#inputs[@]} )) && "$java" -cp "$jar" dev.kevy.bench.load.PercentilePlot --out "$out/plots/$load.svg" \
      --title "$load, round $mid: latency by percentile" --unit us --log-y "${inputs[@]}" || true
done

# ---- report --------------------------------------------------------------------------------
table_args=(--results "$results" --rb "$rbcsv" --gc "$gccsv")
for s in "${servers[@]}"; do
  table_args+=(--name "$s=${name[$s]}")
  [[ -n ${missing[$s]+x} ]] && table_args+=(--missing "$s=${missing[$s]}")
done
block=$(mktemp)
{
  echo "<!-- compare:begin -->"
  echo "## Side-by-side: Redis, Netty baseline, kevy"
  echo
  echo "Generated by \`scripts/compare.sh\` ($profile profile) on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "- Machine: $ncpu cores, $model, $kernel; load average $load_start at start, $load_end at end."
  echo "- Placement: $placement."
  echo "- Method: $rounds rounds; in each round every load runs against each server in turn (${servers[*]}),"
  echo "  so drift of the machine hits all alike. Each run: ${warm} s warm-up, then ${dur} s measured. Servers"
  echo "  not under test are $( [[ $freeze == 1 ]] && echo 'frozen with SIGSTOP' || echo 'left running idle')."
  echo "  Tables give medians over rounds. Open-loop rates are 25/50/75% of $peak_from's pipeline-1 peak"
  echo "  ($(printf '%.0f' "$peak") req/s); open-loop latency counts from each request's intended send time."
  echo "- Workload: $conns connections, GET ratio $get_ratio, $keys keys (prefilled), $value_size-byte values, uniform keys."
  echo "- Load generator: \`${cli[*]+${cli[*]} }${gen[*]} --port PORT --connections $conns --threads $gen_threads"
  echo "  --duration-s $dur --warmup-s $warm --get-ratio $get_ratio --keys $keys --value-size $value_size --pipeline 1|16 --rate 0|R\`"
  [[ $use_rb == 1 ]] && echo "- redis-benchmark: \`${cli[*]+${cli[*]} }$redis_benchmark -h 127.0.0.1 -p PORT -t set,get -c 50 -n 200000 -r 100000 -P 1|16 --csv\`"
  for s in "${servers[@]}"; do
    if [[ -n ${missing[$s]+x} ]]; then
      echo "- ${name[$s]}: not available (${missing[$s]})."
    else
      echo "- ${name[$s]}: \`${cmdline[$s]}\`"
    fi
  done
  echo
  "$java" -cp "$jar" dev.kevy.bench.load.CompareTable "${table_args[@]}"
  echo "Raw results (CSV, .hgrm percentile files, SVG plots, logs) were in \`$out/\` on the machine that ran it."
  echo "<!-- compare:end -->"
} > "$block"

cat "$block"
mkdir -p "$(dirname "$doc")"
if [[ -f $doc ]] && grep -q '<!-- compare:begin -->' "$doc" && grep -q '<!-- compare:end -->' "$doc"; then
  awk -v f="$block" '
    /<!-- compare:begin -->/ { while ((getline line < f) > 0) print line; skip = 1; next }
    /<!-- compare:end -->/ { skip = 0; next }
    !skip { print }' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
elif [[ -f $doc ]]; then
  { echo; cat "$block"; } >> "$doc"
else
  { echo "# Benchmarks"; echo; cat "$block"; } > "$doc"
fi
rm -f "$block"
echo "compare: wrote the comparison into $doc; raw results in $out/"
