#!/bin/sh
# Copy what dynamically linked aarch64 programs need at run time into a
# root directory (an initramfs tree): the program interpreter (PT_INTERP,
# at its own path) and every shared library they need, resolved
# recursively (DT_NEEDED), into ROOTDIR/lib.
#   scripts/e2e/runtime-libs.sh ROOTDIR BINARY...
# Libraries are looked up in $RUNTIME_LIBS_PATH (space-separated, default
# /usr/aarch64-linux-gnu/lib /usr/lib/aarch64-linux-gnu /lib/aarch64-linux-gnu).
# Static binaries need nothing. Fails if a library is not found.
set -eu
root=${1:?usage: runtime-libs.sh ROOTDIR BINARY...}
shift
readelf=${CROSS_READELF:-aarch64-linux-gnu-readelf}
path=${RUNTIME_LIBS_PATH:-/usr/aarch64-linux-gnu/lib /usr/lib/aarch64-linux-gnu /lib/aarch64-linux-gnu}
mkdir -p "$root/lib"

needed() { LC_ALL=C "$readelf" -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
interp() { LC_ALL=C "$readelf" -l "$1" | sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p'; }
find_lib() {
	for d in $path; do
		[ -e "$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}

queue=""
for bin in "$@"; do
	[ -f "$bin" ] || { echo "runtime-libs.sh: no such file: $bin" >&2; exit 1; }
	i=$(interp "$bin")
	if [ -n "$i" ]; then
		src=$(find_lib "$(basename "$i")") || { echo "runtime-libs.sh: interpreter $i not found" >&2; exit 1; }
		mkdir -p "$root$(dirname "$i")"
		cp -L "$src" "$root$i"
	fi
	queue="$queue $(needed "$bin" | tr '\n' ' ')"
done
done_libs=" "
while [ -n "$(echo "$queue" | tr -d ' ')" ]; do
	next=""
	for lib in $queue; do
		case "$done_libs" in *" $lib "*) continue ;; esac
		done_libs="$done_libs$lib "
		src=$(find_lib "$lib") || { echo "runtime-libs.sh: $lib not found in: $path" >&2; exit 1; }
		cp -L "$src" "$root/lib/$lib"
		next="$next $(needed "$src" | tr '\n' ' ')"
	done
	queue=$next
done
