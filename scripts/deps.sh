#!/bin/sh
# Install the Debian packages the build, tests and demo need, and any named
# as arguments (e.g. scripts/deps.sh afl++). Safe to rerun: only missing
# packages are installed. Uses sudo when not root.
set -eu
pkgs="build-essential python3 meson ninja-build pkg-config clang llvm llvm-19 llvm-22 \
gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user libclang-rt-14-dev abigail-tools $*"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "installing:$missing"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
