#!/bin/sh
# Decode oracle over a WHOLE encoding space: nisv_decode() against binutils
# objdump, word by word. Not part of CI.
#
#   scripts/decode_oracle_full.sh [BUILD_DIR] [--sve] [oracle options...]
#
# Without --sve: the A64 loads-and-stores space (2^30 words; about 95
# minutes on 2 cores). With --sve: the SVE and SME memory spaces instead
# (4 + 2 blocks of 2^25 words, see SPACES in objdump_oracle.py; about
# 28 minutes on one core). It prints progress and an ETA.
#
# BUILD_DIR (default: build) is a native meson build directory of this
# project; it is set up if missing and decode_dump is (re)built in it.
# Extra options go to tests/decode_oracle/objdump_oracle.py, e.g.
#   --space sve                            just the SVE memory space (2^27)
#   --start 0x20000000 --count 0x4000000   part of the space (indices)
#   --jobs 2                               worker processes (default: cores)
#   --mismatch-log FILE                    every mismatch, not just examples
#
# The space is walked in chunks of 2^20 consecutive words. Loads and
# stores: index i maps to the word with bits 24:0 = i<24:0>, bit 26 =
# i<25>, bits 31:28 = i<29:26>, bit 27 = 1, bit 25 = 0. SVE/SME: index i
# is word i<24:0> in block i >> 25 of: 100 0010, 101 0010, 110 0010,
# 111 0010 (bits 31:25; the four "SVE Memory" groups), 111 0000 ("SME
# Memory"), 101 0000 (SME2 multi-vector memory, shared with the SME
# integer outer products). It prints the same report and summary line as
# the CI test:
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
space=ldst
if [ "${1-}" = --sve ]; then
	space=sve,sme
	shift
fi

if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$here"
fi
ninja -C "$build" tests/decode_oracle/decode_dump

exec python3 "$here/tests/decode_oracle/objdump_oracle.py" \
	--dump "$build/tests/decode_oracle/decode_dump" \
	--full --space "$space" --progress --show 40 "$@"
