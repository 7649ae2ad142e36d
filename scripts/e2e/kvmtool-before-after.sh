#!/bin/sh
# Before and after: every case of the L2 programs (tests/kvmtool-linux)
# under kvmtool as released and under kvmtool with nisv, in one nested boot
# (scripts/e2e/kvmtool.sh --run-file). Prints a Markdown table, one row per
# case and lkvm: lkvm's exit status, the program's, and for the patched lkvm
# the exits and register ioctls nisv's summary counted.
#
#   scripts/e2e/kvmtool-before-after.sh [--no-sve]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${NISV_KVMTOOL_DIR:-$top/build-e2e/kvmtool}
mkdir -p "$out"
"$top/tests/kvmtool-linux/build.sh" "$out/checks" >/dev/null
log="$out/before-after.log"

# one L2 program serves both: kvmtool-isv0 cases run as "isv0 CASE"
runs="$out/before-after.runs"
{
	for c in stp ldp-bar post-index post-index-bar ld1 memcpy16 atomic atomic-uart exclusive sve; do
		printf 'unpatched\tisv0\t%s\npatched\tisv0\t%s\n' "$c" "$c"
	done
	for c in memcpy-to-bar memcpy-from-bar memset-bar memmove-bar memcpy-uart-scratch \
		inline-copy post-index ldp-stp atomic exclusive sve; do
		printf 'unpatched\tchecks\t%s\npatched\tchecks\t%s\n' "$c" "$c"
	done
} >"$runs"

# the L2 program: a wrapper choosing between the two by argv[1]
cat >"$out/both.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	argv[1] = strcmp(argv[1], "isv0") ? "/kvmtool-checks" : "/kvmtool-isv0";
	execv(argv[1], argv + 1);
	perror("execv");
	return 127;
}
EOF
aarch64-linux-gnu-gcc -static -O2 -Wall -Wextra -Werror -o "$out/both" "$out/both.c"

NISV_KVMTOOL_LOG="$log" NISV_KVMTOOL_L2_FILES="$out/checks/kvmtool-checks $out/checks/kvmtool-isv0" \
	"$top/scripts/e2e/kvmtool.sh" --l2-init "$out/both" --timeout 300 "$@" --run-file "$runs" >/dev/null 2>&1 ||
	{ echo "before-after: the nested run failed, see $log" >&2; exit 1; }

echo "| program case | lkvm | lkvm exit | program | ISV=1 exits | ISV=0 exits | emulated | guest faults | KVM_GET_ONE_REG per ISV=0 exit | KVM_SET_ONE_REG per ISV=0 exit |"
echo "|---|---|---|---|---|---|---|---|---|---|"
awk -F '\t' -v runs="$runs" '
	BEGIN { n = 0; while ((getline l < runs) > 0) { split(l, f, "\t"); n++; label[n] = f[1]; what[n] = f[2] " " f[3] } }
	/^kvmtool-e2e: run [0-9]+ \(/ { split($0, w, " "); cur = w[3] + 0 }
	/^l2: prog exit=/ { prog[cur] = substr($0, 15) }
	/^l2: prog killed/ { prog[cur] = "signal " $NF }
	/nisv: cpu0: exits/ {
		match($0, /isv1=[0-9]+/); i1[cur] = substr($0, RSTART + 5, RLENGTH - 5)
		match($0, /isv0=[0-9]+/); i0[cur] = substr($0, RSTART + 5, RLENGTH - 5)
		match($0, /emulated=[0-9]+/); em[cur] = substr($0, RSTART + 9, RLENGTH - 9)
		match($0, /faults=[0-9]+/); fa[cur] = substr($0, RSTART + 7, RLENGTH - 7)
		match($0, /get_one_reg=[0-9]+/); g[cur] = substr($0, RSTART + 12, RLENGTH - 12)
		match($0, /set_one_reg=[0-9]+/); s[cur] = substr($0, RSTART + 12, RLENGTH - 12)
	}
	/lkvm exit=|lkvm killed=|lkvm timeout/ { sub(/.*lkvm /, ""); st[cur] = $0 }
	END {
		for (r = 1; r <= n; r++) {
			ratio_g = i0[r] > 0 ? sprintf("%.1f", g[r] / i0[r]) : "-"
			ratio_s = i0[r] > 0 ? sprintf("%.1f", s[r] / i0[r]) : "-"
			if (label[r] == "unpatched") { i1[r] = i0[r] = em[r] = fa[r] = "-"; ratio_g = ratio_s = "-" }
			printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", what[r], label[r], st[r], \
				(prog[r] == "" ? "(died with lkvm)" : prog[r]), i1[r], i0[r], em[r], fa[r], ratio_g, ratio_s
		}
	}' "$log"
