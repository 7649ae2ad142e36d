#!/bin/sh
# The exported ABI of libnisv.so.0 against the checked-in baseline
# abi/libnisv.abi (abidiff, Debian's abigail-tools): every exported symbol
# and every type reachable from one, sizes and layouts included. Any
# difference fails; an intended addition (see include/nisv.h, "Version and
# ABI") is recorded with --update after review.
#
#   scripts/check_abi.sh BUILD_DIR            compare (exit 0: no change)
#   scripts/check_abi.sh --update BUILD_DIR   rewrite the baseline
#
# BUILD_DIR is an x86-64 build tree with debug info (the default buildtype).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
update=0
[ "${1:-}" = --update ] && { update=1; shift; }
build=${1:?usage: check_abi.sh [--update] BUILD_DIR}
lib=$(ls "$build"/libnisv.so.0.* 2>/dev/null | head -n 1)
[ -n "$lib" ] || { echo "abi: no libnisv.so.0.* in $build" >&2; exit 1; }
base=$top/abi/libnisv.abi
if [ "$update" = 1 ]; then
	abidw --headers-dir "$top/include" --no-corpus-path --drop-undefined-syms --out-file "$base" "$lib"
	echo "abi: baseline rewritten from $lib"
	exit 0
fi
if abidiff --headers-dir2 "$top/include" "$base" "$lib" >"$build/abidiff.txt" 2>&1; then
	echo "abi: $(grep -c "elf-symbol name=" "$base") exported symbols, no change against abi/libnisv.abi"
	exit 0
fi
cat "$build/abidiff.txt"
echo "abi: libnisv.so.0 differs from abi/libnisv.abi (an incompatible change needs a new soname)" >&2
exit 1
