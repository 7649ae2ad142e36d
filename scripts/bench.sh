#!/bin/sh
# Benchmarks against peers (not part of the test gate):
#   decode     nisv_decode vs Capstone (detail on), ns per word, on the load/store
#              words of Debian's arm64 libc (and of libstdc++, libcrypto, libssl,
#              libsqlite3, zlib) and on a random mix of every encoding
#   emulate    nisv_handle_abort (ISV=0: fetch + 4-level walks + decode + device
#              + commit) vs Unicorn emulating the same instruction once, ns per
#              instruction, for LDR, LDP, STP Q, LD1 (4 regs), LDADD, CAS; and
#              nisv alone (Unicorn 2.0 runs no SVE) for SVE LD1B of 16, 64
#              and 256 bytes (VL 128, 512, 2048), ST1D at VL 512 and a
#              32-element LD1D gather (VL 2048)
#   exhaustive nisv_decode over all 2^32 words, words per second
#   memory     heap allocations on the trap path (must be 0), sizeof(nisv_vcpu),
#              .text of the freestanding aarch64 core at -Os
#   --instructions  instead of the timings: instructions per call (callgrind,
#              Ir of bench_counted / calls) of each emulate case, one row each;
#              a figure the machine's load does not move
#
#   scripts/bench.sh [--quick] [--no-exhaustive] [--repeat N] [--instructions]
#
# Builds a release tree in build-bench/ (BENCH_DIR to change it), installs
# libcapstone-dev and libunicorn-dev if missing, and fetches the arm64
# packages once into build-bench/corpus/ (dpkg --add-architecture arm64;
# apt-get download; dpkg-deb -x; objcopy the .text). Times are the thread's
# CPU time (NISV_BENCH_WALL=1: wall time); each figure is a median of
# repeated passes (nisv's fastest pass is printed beside it). The machine's
# load is printed with the figures: on a shared machine run it when quiet,
# and more than once.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BENCH_DIR:-$top/build-bench}
quick=0
exhaustive=1
repeat=21
instructions=0
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) quick=1; shift ;;
	--no-exhaustive) exhaustive=0; shift ;;
	--repeat) repeat=$2; shift 2 ;;
	--instructions) instructions=1; shift ;;
	*) echo "usage: $0 [--quick] [--no-exhaustive] [--repeat N] [--instructions]" >&2; exit 2 ;;
	esac
done

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
need=""
for p in libcapstone-dev libunicorn-dev valgrind binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu meson ninja-build pkg-config; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
	echo "bench: installing:$need"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

# ---- the decode corpus: .text of Debian's arm64 libraries -------------------
corpus=$build/corpus
libs="libc.so.6 libstdc++.so.6 libcrypto.so.3 libssl.so.3 libsqlite3.so.0 libz.so.1"
if [ ! -f "$corpus/done" ]; then
	mkdir -p "$corpus/debs" "$corpus/root"
	dpkg --print-foreign-architectures | grep -qx arm64 || {
		$sudo dpkg --add-architecture arm64
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	}
	pkgs="libc6:arm64 libstdc++6:arm64 libssl3:arm64 libsqlite3-0:arm64 zlib1g:arm64"
	# shellcheck disable=SC2086
	(cd "$corpus/debs" && apt-get download $pkgs >/dev/null 2>&1) || {
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		# shellcheck disable=SC2086
		(cd "$corpus/debs" && apt-get download $pkgs >/dev/null)
	}
	for d in "$corpus"/debs/*.deb; do
		dpkg-deb -x "$d" "$corpus/root"
	done
	for l in $libs; do
		f=$(find "$corpus/root" -name "$l" | head -1)
		[ -n "$f" ] || { echo "bench: $l not found in the arm64 packages" >&2; exit 1; }
		aarch64-linux-gnu-objcopy -O binary --only-section=.text "$f" "$corpus/$l.text"
	done
	ls "$corpus"/debs >"$corpus/done"
fi
echo "bench: decode corpus from $(tr '\n' ' ' <"$corpus/done")"

# ---- build (release) ---------------------------------------------------------
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$top" --buildtype=release -Dtests=false >"$build.setup.log" 2>&1 ||
		{ cat "$build.setup.log"; exit 1; }
fi
ninja -C "$build" bench/decode_bench bench/emulate_bench bench/exhaustive >"$build.build.log" 2>&1 ||
	{ tail -30 "$build.build.log"; echo "bench: is subdir('bench') in meson.build?" >&2; exit 1; }

if [ "$instructions" = 1 ]; then
	calls=2000
	out=$build/callgrind.out
	for row in "LDR" "LDP" "STP Q" "LD1 (4 regs)" "LD1 (4 regs, .16b)" "LDADD" "CAS" \
		"LD1B 16 B (VL 128)" "LD1B 64 B (VL 512)" "LD1B 256 B (VL 2048)" "ST1D (VL 512)" \
		"LD1D gather, 32 elements (VL 2048)" \
		"LDR emulate MMU off" "LDP emulate MMU off" "LDADD emulate MMU off"; do
		valgrind --tool=callgrind --toggle-collect='bench_counted*' --callgrind-out-file="$out" \
			"$build/bench/emulate_bench" --count "$calls" --only "$row" >"$out.log" 2>&1 ||
			{ cat "$out.log"; exit 1; }
		grep -q "^count $row: $calls calls, 0 not NISV_OK" "$out.log" || { cat "$out.log"; exit 1; }
		# bench_counted runs twice: one warm-up call, then $calls calls
		ir=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$out")
		awk -v r="$row" -v ir="$ir" -v n="$calls" \
			'BEGIN { printf "instructions %-24s %6.0f per call (callgrind Ir, %d calls)\n", r ":", ir / (n + 1), n }'
	done
	exit 0
fi

echo "bench: $(uptime)"
if [ "$quick" = 1 ]; then
	repeat=5
	iters=20000
else
	iters=200000
fi
set --
for l in $libs; do
	set -- "$@" "$corpus/$l.text"
done
"$build/bench/decode_bench" --repeat "$repeat" "$@"
"$build/bench/emulate_bench" --iters "$iters" --repeat "$repeat"
if [ "$exhaustive" = 1 ] && [ "$quick" = 0 ]; then
	"$build/bench/exhaustive" --threads "$(nproc)"
fi
fs=$("$top/scripts/check_freestanding.sh" "$build/freestanding" | sed -n 's/.*\.text \([0-9]*\) bytes.*/\1/p')
echo "memory: freestanding core (aarch64, -Os, -mgeneral-regs-only) .text ${fs:-?} bytes"
echo "bench: $(uptime)"
