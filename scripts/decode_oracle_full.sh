#!/bin/sh
# Decode oracle over the WHOLE A64 loads-and-stores space (2^30 words):
# nisv_decode() against binutils objdump, word by word. Not part of CI: on a
# 2-core machine it takes about 95 minutes (it prints progress and an ETA).
#
#   scripts/decode_oracle_full.sh [BUILD_DIR] [oracle options...]
#
# BUILD_DIR (default: build) is a native meson build directory of this
# project; it is set up if missing and decode_dump is (re)built in it.
# Extra options go to tests/decode_oracle/objdump_oracle.py, e.g.
#   --start 0x20000000 --count 0x4000000   part of the space (ldst indices)
#   --jobs 2                               worker processes (default: cores)
#   --mismatch-log FILE                    every mismatch, not just examples
#
# The space is walked in chunks of 2^20 consecutive words; index i maps to
# the word with bits 24:0 = i<24:0>, bit 26 = i<25>, bits 31:28 = i<29:26>,
# bit 27 = 1, bit 25 = 0. It prints progress, then the same report and
# summary line as the CI test:
#   decode-oracle: N words, M memory, K mismatches, U objdump-only (listed)
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=build
case "${1-}" in
	-*|'') ;;
	*) build=$1; shift ;;
esac
case $build in
	/*) ;;
	*) build=$here/$build ;;
esac

if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$here"
fi
ninja -C "$build" tests/decode_oracle/decode_dump

exec python3 "$here/tests/decode_oracle/objdump_oracle.py" \
	--dump "$build/tests/decode_oracle/decode_dump" \
	--full --progress --show 40 "$@"
