#!/usr/bin/env bash
# Regenerates native-bindings/src/main/generated with the pinned jextract (`make bindings`).
#
# One jextract run per header set: every jextract/<os>/<name>.args file becomes the header class
# <name> (plus the structs it includes) in dev.kevy.sys.<os>. The per-architecture Linux part
# (struct epoll_event, which glibc packs on x86_64 only, and O_DIRECTORY) comes from
# jextract/linux-arch/arch_h.args into dev.kevy.sys.linux.<arch> for the host's architecture;
# jextract has no cross-target switch, so run this once on an x86_64 and once on an aarch64 host
# (or container) to refresh both. The ABI test then proves every committed package against the
# system headers of both architectures.
set -euo pipefail

# The pinned jextract: the output layout of the committed files is this build's.
JEXTRACT_MAJOR=22
JEXTRACT_BUILD="22-jextract+6-47"
JEXTRACT_BASE="https://download.java.net/java/early_access/jextract/22/6"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../src/main/generated"
stamp='// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.'

os="$(uname -s)"
case "$(uname -m)" in
  x86_64|amd64) arch=x86_64; dl_arch=x64 ;;
  aarch64|arm64) arch=aarch64; dl_arch=aarch64 ;;
  *) echo "regenerate: unsupported architecture $(uname -m)" >&2; exit 2 ;;
esac
case "$os" in
  Linux) dl_os=linux ;;
  Darwin) dl_os=macos ;;
  *) echo "regenerate: unsupported OS $os (bindings exist for Linux and macOS)" >&2; exit 2 ;;
esac

install_hint() {
  cat >&2 <<EOF
regenerate: $1
Install jextract $JEXTRACT_BUILD and put its bin/ on PATH:
  curl -LO $JEXTRACT_BASE/openjdk-${JEXTRACT_BUILD}_${dl_os}-${dl_arch}_bin.tar.gz
  tar xzf openjdk-${JEXTRACT_BUILD}_${dl_os}-${dl_arch}_bin.tar.gz
  export PATH="\$PWD/jextract-$JEXTRACT_MAJOR/bin:\$PATH"
(other builds: https://jdk.java.net/jextract/). The committed bindings stay valid until then.
EOF
  exit 1
}

command -v jextract >/dev/null 2>&1 || install_hint "jextract is not on PATH."
version="$(jextract --version 2>&1 | head -n 1)"
case "$version" in
  *"jextract $JEXTRACT_MAJOR"*) ;;
  *) install_hint "found '$version', but the bindings are pinned to jextract $JEXTRACT_MAJOR." ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# gen <package> <args file> <shim>: one jextract run; its files replace the package's old ones.
gen() {
  local pkg="$1" args="$2" shim="$3" name dest rel
  name="$(basename "$args" .args)"
  rm -rf "$work/out" && mkdir -p "$work/out"
  grep -v '^#' "$args" > "$work/$name.args"
  jextract --output "$work/out" --target-package "$pkg" --header-class-name "$name" \
    "@$work/$name.args" "$shim"
  while IFS= read -r -d '' f; do
    rel="${f#"$work/out/"}"
    dest="$out/$rel"
    mkdir -p "$(dirname "$dest")"
    { echo "$stamp"
      echo "// Source: native-bindings/jextract/$(basename "$shim") with jextract/${args#"$here/"} (jextract $JEXTRACT_MAJOR output layout)."
      echo
      cat "$f"; } > "$dest"
  done < <(find "$work/out" -name '*.java' -print0)
}

# clear_package <package dir>: drop the package's generated files (not its subpackages).
clear_package() { find "$out/$1" -maxdepth 1 -name '*.java' -delete 2>/dev/null || true; }

case "$os" in
  Linux)
    clear_package dev/kevy/sys/linux
    for args in "$here"/linux/*.args; do gen dev.kevy.sys.linux "$args" "$here/linux.h"; done
    clear_package "dev/kevy/sys/linux/$arch"
    gen "dev.kevy.sys.linux.$arch" "$here/linux-arch/arch_h.args" "$here/linux.h"
    other=$([ "$arch" = x86_64 ] && echo aarch64 || echo x86_64)
    echo "regenerate: refreshed dev.kevy.sys.linux and dev.kevy.sys.linux.$arch;" \
         "run this on an $other host to refresh dev.kevy.sys.linux.$other."
    ;;
  Darwin)
    clear_package dev/kevy/sys/macos
    for args in "$here"/macos/*.args; do gen dev.kevy.sys.macos "$args" "$here/macos.h"; done
    echo "regenerate: refreshed dev.kevy.sys.macos."
    ;;
esac
echo "regenerate: now run the ABI test: mvn -pl native-bindings -am install -Dtest=AbiProofTest"
