#!/bin/sh
# All 2^32 words through nisv_decode under UndefinedBehaviorSanitizer (clang,
# -fno-sanitize-recover: the first UB aborts with its report), checking every
# answer (bench/exhaustive.c --check: status agrees with op, fields in range,
# the same answer twice). Not part of the test gate: about an hour of CPU.
#
#   scripts/exhaustive_decode.sh [--asan] [--threads N] [--start W --count N]
#
# --asan adds AddressSanitizer (slower). Prints:
#   exhaustive: 4294967296 words in S s (W words/s ...), M memory instructions, F check failures
# and exits non-zero on UB or a failed check.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${EXHAUSTIVE_DIR:-$top/build-exhaustive}
san=undefined
threads=$(nproc)
args=""
while [ $# -gt 0 ]; do
	case "$1" in
	--asan) san=address,undefined; shift ;;
	--threads) threads=$2; shift 2 ;;
	--start | --count) args="$args $1 $2"; shift 2 ;;
	*) echo "usage: $0 [--asan] [--threads N] [--start W --count N]" >&2; exit 2 ;;
	esac
done
mkdir -p "$out"
python3 "$top/src/gen_decode_table.py" "$top/src/a64_ldst.decode" "$out/decode_table.c"
# shellcheck disable=SC2086
clang -std=c11 -O2 -g -fsanitize=$san -fno-sanitize-recover=all -Wall -Wextra -Werror \
	-I"$top/include" -I"$top/src" "$top"/src/*.c "$out/decode_table.c" "$top/bench/exhaustive.c" \
	-lpthread -o "$out/exhaustive-$(echo $san | tr , -)"
echo "exhaustive-decode: $(uptime)"
# shellcheck disable=SC2086
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$out/exhaustive-$(echo $san | tr , -)" --check --threads "$threads" $args
