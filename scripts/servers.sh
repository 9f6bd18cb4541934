# Sourced by the comparison scripts: a redis-server and a one-shard kevy side by side, on
# loopback, without persistence, and the CPU time a process has used.
#
#   start_servers <java> <redis port> <kevy port>   sets redis_pid and kevy_pid; exits 2 if either
#                                                  does not answer PING within 20 s
#   stop_servers                                   stops both and waits for them
#   start_server redis|kevy <java> <port> <dir>    one of them, persisting into <dir> (its log
#                                                  there too), sets server_pid; waits for PING
#   cpu_ticks <pid>                                user + system time, in clock ticks

start_servers() {
  redis-server --port "$2" --bind 127.0.0.1 --save '' --appendonly no > /dev/null 2>&1 &
  redis_pid=$!
  "$1" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC -Xms16m \
    -p server/target/kevy-server-0.1.0-SNAPSHOT.jar:server/target/lib \
    -m dev.kevy.server/dev.kevy.server.Main --bind 127.0.0.1 --port "$3" --shards 1 > /dev/null 2>&1 &
  kevy_pid=$!
  for _ in $(seq 1 100); do
    redis-cli -p "$2" ping > /dev/null 2>&1 && redis-cli -p "$3" ping > /dev/null 2>&1 && return
    sleep 0.2
  done
  echo "$(basename "$0"): the servers did not start" >&2
  exit 2
}

stop_servers() {
  kill "$redis_pid" "$kevy_pid" 2>/dev/null || true
  wait "$redis_pid" "$kevy_pid" 2>/dev/null || true
}

cpu_ticks() { cut -d' ' -f14,15 "/proc/$1/stat" | tr ' ' '+' | bc; }

start_server() {
  if [[ $1 == redis ]]; then
    redis-server --port "$3" --bind 127.0.0.1 --save '' --appendonly no --dir "$4" > "$4/server.log" 2>&1 &
  else
    "$2" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC -Xms16m \
      -p server/target/kevy-server-0.1.0-SNAPSHOT.jar:server/target/lib \
      -m dev.kevy.server/dev.kevy.server.Main --bind 127.0.0.1 --port "$3" --shards 1 --dir "$4" \
      > "$4/server.log" 2>&1 &
  fi
  server_pid=$!
  until redis-cli -p "$3" ping > /dev/null 2>&1; do sleep 0.05; done
}
