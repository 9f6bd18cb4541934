#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer: JAVA_HOME when it qualifies, else the newest JDK found in
# the usual folders. Prints nothing and exits 1 when there is none.
set -u
MIN=25

major_of() { # $1 = JDK home; prints its feature version, or nothing
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java.specification.version = \([0-9][0-9]*\).*/\1/p')
  fi
  echo "$v"
}

if [ -n "${JAVA_HOME:-}" ]; then
  v=$(major_of "$JAVA_HOME")
  if [ -n "$v" ] && [ "$v" -ge "$MIN" ]; then echo "$JAVA_HOME"; exit 0; fi
fi

best="" best_v=0
for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
            "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.asdf/installs/java/*; do
  [ -d "$home" ] || continue
  v=$(major_of "$home")
  if [ -n "$v" ] && [ "$v" -ge "$MIN" ] && [ "$v" -gt "$best_v" ]; then best=$home best_v=$v; fi
done
if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  v=$(major_of "$home")
  if [ -n "$v" ] && [ "$v" -ge "$MIN" ]; then best=$home; fi
fi
[ -n "$best" ] || exit 1
echo "$best"
