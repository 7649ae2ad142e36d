#!/bin/sh
# Fuzz the whole trap path (tests/fuzz/fuzz_trap.c) with libFuzzer, under
# AddressSanitizer and UndefinedBehaviorSanitizer (clang, libclang-rt-14-dev).
#
#   scripts/fuzz.sh [--time SECONDS] [--jobs N] [--dir DIR] [--afl] [-- libFuzzer options]
#
#   --time S   stop after S seconds (default 60: the bounded run of the test
#              command); a campaign: --time 3600 (or more) --jobs 2
#   --jobs N   N fuzzing processes sharing one corpus (default 1)
#   --dir DIR  build and work directory (default build-fuzz); the growing
#              corpus is DIR/corpus, crashes go to DIR/artifacts/
#   --afl      build DIR/fuzz_trap_afl with afl-clang-fast (AFL++: Debian
#              package afl++, installed if missing) instead, and run
#              afl-fuzz for --time seconds
#   --replay   only build and replay the seed corpus (and DIR/corpus)
#   --keep-going  go on after a crash (libFuzzer -fork=N -ignore_crashes=1):
#              every crash is saved in DIR/artifacts/; for long campaigns
#
# Starts from the checked-in seeds (tests/fuzz/corpus; regenerate them with
# tests/fuzz/gen_seeds.py). Prints, and exits non-zero on a crash:
#   fuzz: N execs in S s (E/s), cov C, ft F, corpus K, crashes X
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
time_s=60
jobs=1
dir=$top/build-fuzz
mode=libfuzzer
while [ $# -gt 0 ]; do
	case "$1" in
	--time) time_s=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--dir) dir=$2; shift 2 ;;
	--afl) mode=afl; shift ;;
	--replay) mode=replay; shift ;;
	--keep-going) mode=fork; shift ;;
	--) shift; break ;;
	*) echo "usage: $0 [--time S] [--jobs N] [--dir DIR] [--afl|--replay] [-- libFuzzer options]" >&2; exit 2 ;;
	esac
done
"$top/scripts/deps.sh" # clang and its libFuzzer/sanitizer runtimes
case $dir in /*) ;; *) dir=$PWD/$dir ;; esac
mkdir -p "$dir/corpus" "$dir/artifacts"
seeds=$top/tests/fuzz/corpus
python3 "$top/src/gen_decode_table.py" "$top/src/a64_ldst.decode" "$dir/decode_table.c"
srcs="$(echo "$top"/src/*.c) $dir/decode_table.c $top/tests/fuzz/world.c $top/tests/fuzz/fuzz_trap.c"
cflags="-std=c11 -g -O1 -fno-omit-frame-pointer -Wall -Wextra -Werror -I$top/include -I$top/src"
san="-fsanitize=address,undefined -fno-sanitize-recover=all"

if [ "$mode" = afl ]; then
	command -v afl-clang-fast >/dev/null || "$top/scripts/deps.sh" afl++
	# shellcheck disable=SC2086
	AFL_USE_ASAN=1 AFL_USE_UBSAN=1 afl-clang-fast $cflags $srcs "$top/tests/fuzz/standalone.c" -o "$dir/fuzz_trap_afl"
	AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 timeout "$time_s" afl-fuzz -i "$seeds" -o "$dir/afl" -- "$dir/fuzz_trap_afl" || true
	crashes=$(find "$dir/afl" -path '*crashes/id*' 2>/dev/null | wc -l)
	echo "fuzz: afl++ ${time_s} s, crashes $crashes (see $dir/afl)"
	[ "$crashes" = 0 ]
	exit
fi

# shellcheck disable=SC2086
clang $cflags $san $srcs "$top/tests/fuzz/standalone.c" -o "$dir/fuzz_replay"
"$dir/fuzz_replay" "$seeds"
[ "$mode" = replay ] && exit 0

# shellcheck disable=SC2086
clang $cflags $san -fsanitize=fuzzer $srcs -o "$dir/fuzz_trap"
log=$dir/fuzz.log
start=$(date +%s)
touch "$dir/.run-start" # crashes of this run only: the directory may hold earlier ones
set +e
if [ "$mode" = fork ]; then
	"$dir/fuzz_trap" -max_total_time="$time_s" -timeout=10 -rss_limit_mb=2048 -use_value_profile=1 \
		-artifact_prefix="$dir/artifacts/" -print_final_stats=1 -fork="$jobs" -ignore_crashes=1 \
		-ignore_timeouts=1 -ignore_ooms=1 "$@" "$dir/corpus" "$seeds" >"$log" 2>&1
elif [ "$jobs" -gt 1 ]; then # the workers write fuzz-N.log in the current directory: run in $dir
	(cd "$dir" && "$dir/fuzz_trap" -max_total_time="$time_s" -timeout=10 -rss_limit_mb=2048 -use_value_profile=1 \
		-artifact_prefix="$dir/artifacts/" -print_final_stats=1 -jobs="$jobs" -workers="$jobs" \
		"$@" "$dir/corpus" "$seeds") >"$log" 2>&1
else
	"$dir/fuzz_trap" -max_total_time="$time_s" -timeout=10 -rss_limit_mb=2048 -use_value_profile=1 \
		-artifact_prefix="$dir/artifacts/" -print_final_stats=1 \
		"$@" "$dir/corpus" "$seeds" >"$log" 2>&1
fi
rc=$?
set -e
end=$(date +%s)
# with -jobs the workers log to $dir/fuzz-N.log
cat "$dir"/fuzz-*.log >>"$log" 2>/dev/null || true
execs=$(awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}' "$log")
last=$(grep -E '^#[0-9]+' "$log" | tail -1)
if [ "$mode" = fork ]; then # "#N: cov: C ft: F corp: K exec/s: E oom/timeout/crash: a/b/c time: Ts"
	execs=$(echo "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
fi
cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
crashes=$(find "$dir/artifacts" -type f -newer "$dir/.run-start" \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
corpus=$(find "$dir/corpus" -type f | wc -l)
secs=$((end - start))
echo "fuzz: $execs execs in $secs s ($((execs / (secs > 0 ? secs : 1)))/s), cov ${cov:-?}, ft ${ft:-?}, corpus $corpus, crashes $crashes"
if [ "$rc" != 0 ] || [ "$crashes" != 0 ]; then
	grep -E "ERROR|nisv fuzz|SUMMARY|runtime error" "$log" | head -20
	exit 1
fi
