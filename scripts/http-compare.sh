#!/usr/bin/env bash
# HTTP/1.1 side by side: kevy's `http` example against a Netty baseline (epoll, netty-codec-http,
# dev.kevy.bench.netty.NettyHttpServer), the same two TechEmpower routes and the same thread count,
# driven by wrk. One server runs at a time, alternating A B A B, so drift of the machine hits both.
# Per run: requests/s, latency p50/p99/p99.9 as wrk observed it (scripts/http-compare.lua undoes
# wrk's coordinated-omission correction, which corrupts pipelined runs), server CPU per request (utime+stime of the server
# process over the measured run, from /proc/PID/stat, divided by the requests wrk counted), and GC
# cycles during the measured run (-Xlog:gc, given to the JVM through JAVA_TOOL_OPTIONS). Medians
# over rounds and kevy/Netty ratios go to stdout and into docs/BENCHMARKS.md between
# <!-- compare-http:begin --> and <!-- compare-http:end -->.
#
#   ./scripts/http-compare.sh <java>        (what `make compare-http` runs, after building everything)
#
# Loads (each server, each round): GET /plaintext and GET /json, each without pipelining and with
# HTTP_PIPELINE requests per write; every measured run follows an unrecorded warm-up run of the same
# load (the JIT). wrk: -t HTTP_WRK_THREADS -c HTTP_CONNECTIONS, TechEmpower's request headers.
#
# Environment knobs:
#   HTTP_ROUNDS          alternation rounds (2)
#   HTTP_DURATION_S      measured seconds per run (10)
#   HTTP_WARMUP_S        warm-up seconds before each measured run (5)
#   HTTP_CONNECTIONS     wrk connections (64)
#   HTTP_PIPELINE        requests per write in the pipelined runs (16)
#   HTTP_THREADS         server threads: kevy shards, Netty event-loop threads (1: on 2 cores the
#                        second is the client's)
#   HTTP_WRK_THREADS     wrk threads (1)
#   HTTP_ROUTES          subset of "plaintext json" (both)
#   HTTP_BASE_PORT       first port tried for the servers; the first free one from it is used (18080)
#   HTTP_OUT             raw results: CSV, wrk and server logs, GC logs (bench/target/http-compare)
#   HTTP_COMPARE_DOC     Markdown file to update (docs/BENCHMARKS.md); "none" only prints (for trials)
#   KEVY_HTTP_CMD        server A's command; {java}, {port}, {threads} are filled in (default below)
#   HTTP_A_NAME          server A's name in the report (kevy)
#   NETTY_HTTP_CMD       server B's command, same placeholders (default below)
set -euo pipefail

java=${1:?usage: http-compare.sh <java>}
cd "$(dirname "$0")/.."

die() { echo "http-compare: $*" >&2; exit 2; }
command -v wrk >/dev/null || die "wrk is not installed: apt-get install wrk (or run scripts/install-deps.sh)"

jar=bench/target/benchmarks.jar
kevy_jar=examples/target/kevy-examples-0.1.0-SNAPSHOT.jar
default_kevy_cmd="{java} --enable-native-access=dev.kevy.sys -XX:+UseSerialGC -p $kevy_jar:examples/target/lib -m dev.kevy.examples/dev.kevy.examples.http.HttpExample --bind 127.0.0.1 --port {port} --shards {threads}"
# What a Java team runs a Netty service with: G1 (named, so the machine's ergonomics cannot pick
# another), a fixed 1 GiB heap, every io.netty.* property at its default.
default_netty_cmd="{java} --enable-native-access=ALL-UNNAMED -XX:+UseG1GC -Xms1g -Xmx1g -cp $jar dev.kevy.bench.netty.NettyHttpServer --bind 127.0.0.1 --port {port} --threads {threads}"
kevy_template=${KEVY_HTTP_CMD:-$default_kevy_cmd}
netty_template=${NETTY_HTTP_CMD:-$default_netty_cmd}
[[ -n ${NETTY_HTTP_CMD:-} || -f $jar ]] || die "$jar is missing: build with 'mvn -q install -DskipTests' (make compare-http does)"
[[ -n ${KEVY_HTTP_CMD:-} || -f $kevy_jar ]] || die "$kevy_jar is missing: kevy's http example is not built (make compare-http builds it; KEVY_HTTP_CMD runs another server as A)"

rounds=${HTTP_ROUNDS:-2}
dur=${HTTP_DURATION_S:-10}
warm=${HTTP_WARMUP_S:-5}
conns=${HTTP_CONNECTIONS:-64}
depth=${HTTP_PIPELINE:-16}
threads=${HTTP_THREADS:-1}
wrk_threads=${HTTP_WRK_THREADS:-1}
routes=(${HTTP_ROUTES:-plaintext json})
base_port=${HTTP_BASE_PORT:-18080}
out=${HTTP_OUT:-bench/target/http-compare}
doc=${HTTP_COMPARE_DOC:-docs/BENCHMARKS.md}
a_name=${HTTP_A_NAME:-kevy}
lua=scripts/http-compare.lua
tck=$(getconf CLK_TCK)
for r in "${routes[@]}"; do [[ $r == plaintext || $r == json ]] || die "HTTP_ROUTES takes plaintext and json, not '$r'"; done

rm -rf "$out"
mkdir -p "$out/logs"
results=$out/results.csv
echo "server,load,round,requests,duration_s,rps,p50_us,p99_us,p999_us,max_us,errors,bytes_per_resp,server_cpu_pct,cpu_us_per_req,gc_cycles,gc_pause_ms,wrk_cpu_pct,softirq_cpu_pct,other_cpu_pct" > "$results"

declare -A name template body
servers=(a b)
name[a]=$a_name name[b]=netty
template[a]=$kevy_template template[b]=$netty_template
body[plaintext]='Hello, World!' body[json]='{"message":"Hello, World!"}'
loads=()
for r in "${routes[@]}"; do loads+=("$r-p1"); (( depth > 1 )) && loads+=("$r-p$depth"); done
# TechEmpower's wrk headers (its plaintext Accept for both routes, as its pipelined runs use).
wrk_headers=(-H 'Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7'
             -H 'Connection: keep-alive')

# ---- machine ------------------------------------------------------------------------------
ncpu=$(nproc)
model=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
kernel=$(uname -sr)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# The busiest processes now: another build or benchmark would take the cores from this one.
hogs=$(ps -eo pcpu=,pid=,comm= --sort=-pcpu | awk -v me=$$ '$2 != me && $3 != "ps" && $1 >= 10 { printf "%s%s (pid %s, %s%%)", sep, $3, $2, $1; sep = ", " }')

# ---- server lifecycle ---------------------------------------------------------------------
pid= gclog=
cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open() { # true when something accepts on 127.0.0.1:$1
  local fd
  { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  exec {fd}>&-
}

free_port() { # the first port from $1 on that nothing listens on
  local p=$1
  while port_open "$p"; do p=$((p + 1)); done
  echo "$p"
}

http_get() { # port path: the whole response (CR removed) to one GET with Connection: close
  local fd line
  { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  { printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&"$fd"; } 2>/dev/null || { exec {fd}>&-; return 1; }
  while IFS= read -r -t 2 line || [[ -n $line ]]; do printf '%s\n' "${line%$'\r'}"; line=; done <&"$fd"
  exec {fd}>&-
}

declare -A cmdline port
start_server() { # server round: starts it, waits until /plaintext answers 200, checks both routes
  local s=$1 round=$2 log=$out/logs/server-$1-$2.log t resp deadline
  local -a cmd
  port[$s]=$(free_port "$base_port")
  t=${template[$s]//\{java\}/$java}
  t=${t//\{port\}/${port[$s]}}
  t=${t//\{threads\}/$threads}
  eval "cmd=($t)"
  cmdline[$s]=${template[$s]//\{java\}/$java}
  gclog=$out/logs/gc-$s-$round.log
  # JAVA_TOOL_OPTIONS reaches the JVM whatever the command looks like.
  JAVA_TOOL_OPTIONS="-Xlog:gc:file=$gclog" "${cmd[@]}" > "$log" 2>&1 &
  pid=$!
  deadline=$((SECONDS + 30))
  until resp=$(http_get "${port[$s]}" /plaintext) && [[ $resp == "HTTP/1.1 200"* ]]; do
    kill -0 "$pid" 2>/dev/null || die "${name[$s]} did not start: $(grep -m1 -v -e '^\s*$' -e JAVA_TOOL_OPTIONS "$log" || echo 'no output') (see $log)"
    (( SECONDS < deadline )) || die "${name[$s]}: no HTTP 200 from GET /plaintext on port ${port[$s]} within 30 s (see $log)"
    sleep 0.1 # poll the observable condition: the route answers
  done
  for r in "${routes[@]}"; do
    resp=$(http_get "${port[$s]}" "/$r") || true
    printf '%s\n' "$resp" > "$out/logs/response-$s-$r.txt"
    [[ $resp == "HTTP/1.1 200"* && $(tail -n 1 <<< "$resp") == "${body[$r]}" ]] ||
      die "${name[$s]}: GET /$r did not answer 200 with ${body[$r]} (see $out/logs/response-$s-$r.txt)"
  done
}

stop_server() {
  [[ -n $pid ]] || return 0
  kill "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
}

# ---- one run ------------------------------------------------------------------------------
proc_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; } # utime + stime, all threads
# Every core: time busy outside irq/softirq (user nice system steal), and time in irq + softirq.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $9 " " $7 + $8 }' /proc/stat; }
gc_lines() { [[ -f $gclog ]] && wc -l < "$gclog" || echo 0; }

wrk_run() { # server load seconds log: one wrk run; prints wrk's CPU seconds (user + sys)
  local s=$1 load=$2 secs=$3 log=$4 route=${2%-p*} d=${2##*-p} TIMEFORMAT='%3U %3S'
  { time HTTP_COMPARE_CONNECTIONS=$conns wrk -t "$wrk_threads" -c "$conns" -d "${secs}s" --timeout 8s "${wrk_headers[@]}" -s "$lua" \
      "http://127.0.0.1:${port[$s]}/$route" -- "$d" > "$log" 2>&1; } 2> "$log.time" || true # no result: measure() says so
  awk '{ print $1 + $2 }' "$log.time"
}

measure() { # server load round
  local s=$1 load=$2 round=$3 log=$out/logs/wrk-$1-$2-$3.txt
  local cpu0 busy0 irq0 gc0 cpu1 busy1 irq1 wrk_cpu res
  wrk_run "$s" "$load" "$warm" "$out/logs/warmup-$s-$load-$round.txt" > /dev/null
  gc0=$(gc_lines) cpu0=$(proc_ticks "$pid")
  read -r busy0 irq0 < <(busy_ticks)
  wrk_cpu=$(wrk_run "$s" "$load" "$dur" "$log")
  cpu1=$(proc_ticks "$pid")
  read -r busy1 irq1 < <(busy_ticks)
  kill -0 "$pid" 2>/dev/null || die "${name[$s]} exited during $load (see $out/logs/server-$s-$round.log)"
  res=$(grep -m1 '^wrk-result ' "$log") || die "wrk printed no result for ${name[$s]} $load (see $log)"
  tail -n +"$((gc0 + 1))" "$gclog" 2>/dev/null | awk '
      match($0, /GC\([0-9]+\)/) { id[substr($0, RSTART, RLENGTH)] = 1 }
      / Pause / && $NF ~ /ms$/ { v = $NF; sub(/ms$/, "", v); t += v }
      END { n = 0; for (k in id) n++; printf "%d %.3f\n", n, t }' > "$log.gc"
  awk -v s="$s" -v l="$load" -v r="$round" -v tck="$tck" -v c="$((cpu1 - cpu0))" -v b="$((busy1 - busy0))" -v q="$((irq1 - irq0))" \
      -v w="$wrk_cpu" -v gc="$(cat "$log.gc")" -v line="$res" 'BEGIN {
    n = split(line, kv, /[ =]/); for (i = 2; i < n; i += 2) v[kv[i]] = kv[i + 1]
    split(gc, g, " ")
    secs = v["duration_us"] / 1e6; req = v["requests"]
    err = v["connect_errors"] + v["read_errors"] + v["write_errors"] + v["status_errors"] + v["timeouts"]
    srv = c / tck; other = b / tck - srv - w; if (other < 0) other = 0
    lat = v["latency"] == "observed" # else the Lua script could not read the histogram: no figures
    printf "%s,%s,%d,%d,%.3f,%.0f,%s,%s,%s,%s,%d,%.1f,%.1f,%.3f,%d,%.3f,%.1f,%.1f,%.1f\n", s, l, r, req, secs, req / secs,
      lat ? v["p50_us"] : "", lat ? v["p99_us"] : "", lat ? v["p999_us"] : "", lat ? v["max_us"] : "", err, req ? v["bytes"] / req : 0,
      100 * srv / secs, req ? 1e6 * srv / req : 0, g[1], g[2], 100 * w / secs, 100 * q / tck / secs, 100 * other / secs }' >> "$results"
  tail -n 1 "$results" | awk -F, -v n="${name[$s]}" '{ printf "  %-8s %-14s round %d: %9s req/s  p50 %6s us  p99 %6s us  p99.9 %6s us  CPU %6s us/req  GC %s  errors %s  (server %s%%, wrk %s%%, softirq %s%%, other %s%% of a core)\n",
      n, $2, $3, $6, $7, $8, $9, $14, $15, $11, $13, $17, $18, $19 }'
}

# ---- the comparison ------------------------------------------------------------------------
wrk_flags="wrk -t $wrk_threads -c $conns -d ${dur}s --timeout 8s -H 'Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7' -H 'Connection: keep-alive' -s $lua http://127.0.0.1:PORT/ROUTE -- 1|$depth"
echo "http-compare: $rounds rounds of ${name[a]} then ${name[b]}, ${dur}s measured after ${warm}s warm-up per load; $threads server thread(s), $conns connections"
echo "http-compare: machine $ncpu cores, $model, $kernel; load average $load_start"
[[ -z $hogs ]] || echo "http-compare: warning: busy processes at start (they share the cores with this run): $hogs"
for ((round = 1; round <= rounds; round++)); do
  for s in "${servers[@]}"; do
    start_server "$s" "$round"
    echo "http-compare: round $round, ${name[$s]} on port ${port[$s]} (pid $pid)"
    for load in "${loads[@]}"; do measure "$s" "$load" "$round"; done
    stop_server
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report --------------------------------------------------------------------------------
median() { # server load column: median over rounds
  awk -F, -v s="$1" -v l="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) col = i; next }
    $1 == s && $2 == l && $col != "" { print $col }' "$results" | sort -g |
    awk '{ a[NR] = $1 } END { if (NR == 0) { print "-"; exit } print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
total() { awk -F, -v s="$1" -v l="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) col = i; next }
    $1 == s && $2 == l { t += $col } END { print t + 0 }' "$results"; }
ratio() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf f, a / b }'; }
fmt() { awk -v x="$1" -v f="$2" 'BEGIN { if (x == "-") print "-"; else printf f, x }'; }
describe() { # load: words
  local route=${1%-p*} d=${1##*-p}
  if (( d == 1 )); then echo "GET /$route, no pipelining"; else echo "GET /$route, pipeline $d"; fi
}

disturbed=$(awk -F, 'NR > 1 && $19 > 15 { n++ } END { print n + 0 }' "$results")
runs=$(( $(wc -l < "$results") - 1 ))
block=$(mktemp)
trap 'cleanup; rm -f "$block"' EXIT
{
  A=${name[a]} B=${name[b]}
  echo "<!-- compare-http:begin -->"
  echo "Generated by \`scripts/http-compare.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  if [[ -n ${KEVY_HTTP_CMD:-} ]]; then
    echo "**A is not kevy's http example here:** KEVY_HTTP_CMD named another server (below), so these"
    echo "figures compare that server with Netty, not kevy."
    echo
  fi
  echo "- Machine: $ncpu cores, $model, $kernel; load average $load_start at start, $load_end at end."
  [[ -z $hogs ]] || echo "- Busy processes at start (they shared the cores): $hogs."
  (( disturbed == 0 )) || echo "- **Disturbed:** $disturbed of $runs measured runs saw more than 15% of a core used by other processes (column \"other\")."
  echo "- Method: $rounds rounds of $A then $B, one server running at a time; $threads server thread(s) each."
  echo "  Per load: ${warm} s warm-up (not recorded), then ${dur} s measured. Tables give medians over rounds."
  echo "- wrk $(wrk --version 2>&1 | head -1 | awk '{ print $2 }'): \`$wrk_flags\`; $wrk_threads wrk thread(s), nothing pinned."
  echo "  Latency is what wrk observed: per request, or with pipelining per batch of $depth (its write to its"
  echo "  last response); scripts/http-compare.lua undoes wrk 4.1's coordinated-omission correction,"
  echo "  which with pipelining invents about $((depth - 1)) samples per batch (see that file)."
  echo "- CPU per request: the server process's utime+stime over the measured run (/proc/PID/stat, all"
  echo "  threads: I/O, JIT, GC) / requests. GC: cycles in -Xlog:gc during the measured run."
  echo "- $A: \`${cmdline[a]}\`"
  echo "- $B: \`${cmdline[b]}\`"
  echo
  echo "| load | server | requests/s | p50 us | p99 us | p99.9 us | CPU us/req | GC cycles (all rounds) | errors | bytes/resp | wrk CPU % | softirq CPU % | other CPU % |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for load in "${loads[@]}"; do
    for s in "${servers[@]}"; do
      echo "| $(describe "$load") | ${name[$s]} | $(fmt "$(median "$s" "$load" rps)" %.0f) | $(fmt "$(median "$s" "$load" p50_us)" %.0f) | $(fmt "$(median "$s" "$load" p99_us)" %.0f) | $(fmt "$(median "$s" "$load" p999_us)" %.0f) | $(fmt "$(median "$s" "$load" cpu_us_per_req)" %.2f) | $(total "$s" "$load" gc_cycles) | $(total "$s" "$load" errors) | $(fmt "$(median "$s" "$load" bytes_per_resp)" %.0f) | $(fmt "$(median "$s" "$load" wrk_cpu_pct)" %.1f) | $(fmt "$(median "$s" "$load" softirq_cpu_pct)" %.1f) | $(fmt "$(median "$s" "$load" other_cpu_pct)" %.1f) |"
    done
  done
  echo
  echo "Ratios $A / $B (goal: requests/s >= 1.3, CPU per request <= 0.7, and 0 GC cycles for $A):"
  echo
  echo "| load | requests/s | p50 | p99 | p99.9 | CPU per request | $A GC cycles | goal |"
  echo "|---|---|---|---|---|---|---|---|"
  for load in "${loads[@]}"; do
    rps=$(ratio "$(median a "$load" rps)" "$(median b "$load" rps)")
    cpu=$(ratio "$(median a "$load" cpu_us_per_req)" "$(median b "$load" cpu_us_per_req)")
    gc=$(total a "$load" gc_cycles)
    goal=$(awk -v r="$rps" -v c="$cpu" -v g="$gc" 'BEGIN {
      if (r == "-" || c == "-") { print "-"; exit }
      m = ""; if (r + 0 < 1.3) m = m " throughput"; if (c + 0 > 0.7) m = m " CPU"; if (g + 0 > 0) m = m " GC"
      print m == "" ? "met" : "missed:" m }')
    echo "| $(describe "$load") | ${rps}x | $(ratio "$(median a "$load" p50_us)" "$(median b "$load" p50_us)")x | $(ratio "$(median a "$load" p99_us)" "$(median b "$load" p99_us)")x | $(ratio "$(median a "$load" p999_us)" "$(median b "$load" p999_us)")x | ${cpu}x | $gc | $goal |"
  done
  echo
  echo "CPU columns are in % of one core over the measured run. \"softirq\" is the kernel's interrupt"
  echo "work (loopback TCP delivery, mostly), charged to neither process; \"other\" is the rest of the"
  echo "machine's busy time, the server's and wrk's taken out: other processes, a disturbance."
  echo "Raw results (CSV, wrk, server and GC logs) were in \`$out/\` on the machine that ran it."
  echo "<!-- compare-http:end -->"
} > "$block"

cat "$block"
(( disturbed == 0 )) || echo "http-compare: warning: $disturbed run(s) saw more than 15% of a core used by neither server nor wrk (see other_cpu_pct in $results)" >&2
if [[ $doc != none ]]; then
  mkdir -p "$(dirname "$doc")"
  if [[ -f $doc ]] && grep -q '<!-- compare-http:begin -->' "$doc" && grep -q '<!-- compare-http:end -->' "$doc"; then
    awk -v f="$block" '
      /<!-- compare-http:begin -->/ { while ((getline line < f) > 0) print line; skip = 1; next }
      /<!-- compare-http:end -->/ { skip = 0; next }
      !skip { print }' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
  else
    { echo; echo "## HTTP: kevy http example vs Netty"; echo; cat "$block"; } >> "$doc"
  fi
  echo "http-compare: wrote the comparison into $doc; raw results in $out/"
fi
