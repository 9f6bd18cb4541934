#!/usr/bin/env bash
# Runs the jcstress suite: stress.sh <java> <mode> <test-regexp>
# A FORBIDDEN outcome makes jcstress exit 1, and so this script. So does a regexp matching nothing:
# a stress run that proved nothing must not look green. After jcstress, BrokenVariantCheck fails the
# run if a selected test has no report (jcstress skips a test with more actors than CPUs) or if a
# broken variant (a test declaring an ACCEPTABLE_INTERESTING outcome, such as a protocol with its
# fence removed) did not show its bug even once: jcstress alone would pass it either way.
set -euo pipefail
java=$1 mode=$2 tests=$3
jar=stress-tests/target/jcstress.jar
out=stress-tests/target/jcstress-$mode
[ -f "$jar" ] || { echo "stress: $jar is missing; build it with 'make stress'" >&2; exit 1; }

# jcstress loads JNA (for CPU affinity) in its harness and its forked VMs: grant it native access
# so JDK 25 prints no warning. The code under test needs none.
access=--enable-native-access=ALL-UNNAMED
selected=$("$java" $access -jar "$jar" -l -t "$tests" 2>/dev/null | sed -n 's/^ *\(dev\.kevy\.[A-Za-z0-9_.$]*\).*/\1/p')
count=$(printf '%s\n' "$selected" | grep -c . || true)
if [ "$count" -eq 0 ]; then
  echo "stress: no jcstress test matches '$tests'" >&2
  exit 1
fi
echo "stress: $count jcstress test(s) matching '$tests', mode $mode"
# A fresh report directory: a stale page from an earlier run must not stand in for this one.
rm -rf "$out"
mkdir -p "$out"
"$java" $access -jar "$jar" -m "$mode" -t "$tests" -r "$out" -sc false -jvmArgsPrepend "$access"
# shellcheck disable=SC2086 # one argument per test name
"$java" -cp "$jar" dev.kevy.stress.check.BrokenVariantCheck "$out" $selected
