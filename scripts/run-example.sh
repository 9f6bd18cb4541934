#!/usr/bin/env bash
# Starts an example service from the module path: run-example.sh <java> <name> [flags...]
# Names: line, http, kv-binary, proxy. Every example takes --port, --bind and --shards;
# proxy also takes --upstream HOST:PORT (default 127.0.0.1:6379).
# Native access is granted to dev.kevy.sys only, the one module that makes FFM downcalls.
set -euo pipefail
java=$1; name=$2; shift 2
case "$name" in
  line) main=dev.kevy.examples.line.LineExample ;;
  http) main=dev.kevy.examples.http.HttpExample ;;
  kv-binary) main=dev.kevy.examples.kv.KvBinaryExample ;;
  proxy) main=dev.kevy.examples.proxy.ProxyExample ;;
  *) echo "make example: unknown NAME '$name' (line, http, kv-binary or proxy)" >&2; exit 2 ;;
esac
exec "$java" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC \
  -p examples/target/kevy-examples-0.1.0-SNAPSHOT.jar:examples/target/lib \
  -m "dev.kevy.examples/$main" "$@"
