#!/usr/bin/env bash
# Runs the jcstress suite: stress.sh <java> <mode> <test-regexp>
# A FORBIDDEN outcome makes jcstress exit 1, and so this script. So does a regexp matching nothing:
# a stress run that proved nothing must not look green.
set -euo pipefail
java=$1 mode=$2 tests=$3
jar=stress-tests/target/jcstress.jar
out=stress-tests/target/jcstress-$mode
[ -f "$jar" ] || { echo "stress: $jar is missing; build it with 'make stress'" >&2; exit 1; }

# jcstress loads JNA (for CPU affinity) in its harness and its forked VMs: grant it native access
# so JDK 25 prints no warning. The code under test needs none.
access=--enable-native-access=ALL-UNNAMED
count=$("$java" $access -jar "$jar" -l -t "$tests" 2>/dev/null | grep -c '^ *dev\.kevy\.' || true)
if [ "$count" -eq 0 ]; then
  echo "stress: no jcstress test matches '$tests'" >&2
  exit 1
fi
echo "stress: $count jcstress test(s) matching '$tests', mode $mode"
mkdir -p "$out"
"$java" $access -jar "$jar" -m "$mode" -t "$tests" -r "$out" -sc false -jvmArgsPrepend "$access"
