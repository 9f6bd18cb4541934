#!/usr/bin/env bash
# Starts the server from the module path: run-server.sh <java> [server flags...]
# Native access is granted to dev.kevy.sys only, the one module that makes FFM downcalls.
# The serial collector is the smallest: the shard threads allocate nothing while serving, so the
# collector only ever sees start-up garbage.
set -euo pipefail
java=$1; shift
exec "$java" --enable-native-access=dev.kevy.sys -XX:+UseSerialGC \
  -p server/target/kevy-server-0.1.0-SNAPSHOT.jar:server/target/lib \
  -m dev.kevy.server/dev.kevy.server.Main "$@"
