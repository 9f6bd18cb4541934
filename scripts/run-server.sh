#!/usr/bin/env bash
# Starts the server from the module path: run-server.sh <java> [server flags...]
# Native access is granted to dev.kevy.sys only, the one module that makes FFM downcalls.
set -euo pipefail
java=$1; shift
mp=server/target/kevy-server-0.1.0-SNAPSHOT.jar:server/target/lib
if ! unzip -l server/target/kevy-server-0.1.0-SNAPSHOT.jar 2>/dev/null | grep -q 'dev/kevy/server/Main.class'; then
  echo "kevy: the server is not built yet (it arrives with the runtime-io issue);"
  echo "      'make run' will then start it with:"
  echo "      $java --enable-native-access=dev.kevy.sys -p $mp -m dev.kevy.server/dev.kevy.server.Main $*"
  exit 0
fi
exec "$java" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC -p "$mp" -m dev.kevy.server/dev.kevy.server.Main "$@"
