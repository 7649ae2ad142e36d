#!/bin/sh
# Before and after: each case of the L2 programs (tests/kvmtool-linux)
# under kvmtool as released and under kvmtool with nisv, in one nested boot
# (scripts/e2e/kvmtool.sh --run-file). Prints a Markdown table, one row per
# case: what each lkvm did, what the guest program saw with nisv (signal 7
# is SIGBUS; si_code 1 BUS_ADRALN, 3 BUS_OBJERR), and the exits and
# register ioctls of nisv's summary.
#
#   scripts/e2e/kvmtool-before-after.sh [--no-sve] [--quick] [--check]
#
# --quick: only the single-access cases (kvmtool-isv0), not kvmtool-checks.
# --check: also assert it: every case that made an ISV=0 access kills the
# released lkvm and works with nisv; and with --no-nisv the patched lkvm
# fails as the released one does, naming the instruction. Exit 1 otherwise.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${NISV_KVMTOOL_DIR:-$top/build-e2e/kvmtool}
sve="" quick=0 check=0
for a in "$@"; do
	case $a in
	--no-sve) sve=--no-sve ;;
	--quick) quick=1 ;;
	--check) check=1 ;;
	*) echo "usage: $0 [--no-sve] [--quick] [--check]" >&2; exit 2 ;;
	esac
done
mkdir -p "$out"
bin="$out/checks"
"$top/tests/kvmtool-linux/build.sh" "$bin" >/dev/null
log="$out/before-after.log"
export NISV_KVMTOOL_L2_FILES="$bin/kvmtool-checks $bin/kvmtool-isv0"
harness() { # ARGS...: the L2 program is kvmtool-select (isv0|checks ARG...)
	# shellcheck disable=SC2086 # an empty $sve is no argument
	"$top/scripts/e2e/kvmtool.sh" --l2-init "$bin/kvmtool-select" --timeout 300 $sve "$@"
}

runs="$out/before-after.runs"
{
	for c in stp ldp-bar post-index post-index-bar ld1 memcpy16 atomic atomic-uart exclusive sve; do
		printf 'unpatched\tisv0\t%s\npatched\tisv0\t%s\n' "$c" "$c"
	done
	[ "$quick" = 1 ] || for c in memcpy-to-bar memcpy-from-bar memset-bar memmove-bar \
		memcpy-uart-scratch inline-copy post-index ldp-stp atomic exclusive sve; do
		printf 'unpatched\tchecks\t%s\npatched\tchecks\t%s\n' "$c" "$c"
	done
} >"$runs"
NISV_KVMTOOL_LOG="$log" harness --run-file "$runs" >/dev/null 2>&1 ||
	{ echo "before-after: the nested run failed, see $log" >&2; exit 1; }

echo "| case | kvmtool as released | kvmtool with nisv | what the guest program saw (with nisv) | ISV=0 exits: emulated + guest faults | ISV=1 exits | KVM_GET/SET_ONE_REG per ISV=0 exit |"
echo "|---|---|---|---|---|---|---|"
status=0
awk -v runs="$runs" -v check="$check" '
	BEGIN { n = 0; while ((getline l < runs) > 0) { split(l, f, "\t"); n++; label[n] = f[1]; what[n] = f[2] " " f[3] } }
	/^kvmtool-e2e: run [0-9]+ \(/ { split($0, w, " "); cur = w[3] + 0 }
	/^isv0 [a-z0-9-]+: signal/ { sig[cur] = sig[cur] (sig[cur] == "" ? "" : ", ") "signal " $4 " si_code " $6 }
	/^isv0 [a-z0-9-]+: done/ { done[cur] = 1 }
	/^isv0 [a-z0-9-]+: skipped/ { sub(/^isv0 [a-z0-9-]+: /, ""); sig[cur] = $0 }
	/^kvmtool-checks: checks/ { checks[cur] = $3 " checks passed, " $5 " failed" }
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
	function verdict(r) {
		if (st[r] != "exit=0") return "**dies** (lkvm " st[r] ")"
		return prog[r] == "0" ? "works" : "program exit " prog[r]
	}
	END {
		bad = 0
		for (r = 1; r <= n; r++) {
			if (label[r] != "patched") { before[what[r]] = verdict(r); continue }
			saw = what[r] ~ /^checks/ ? checks[r] : (sig[r] != "" ? sig[r] : (done[r] ? "the access completed" : "no verdict"))
			per = i0[r] > 0 ? sprintf("%.1f / %.1f", g[r] / i0[r], s[r] / i0[r]) : "-"
			printf "| %s | %s | %s | %s | %s: %s + %s | %s | %s |\n", what[r], before[what[r]], verdict(r), \
				saw, i0[r], em[r], fa[r], i1[r], per
			if (verdict(r) != "works" || (i0[r] > 0 && before[what[r]] !~ /dies/)) {
				bad++
				if (check) printf "before-after: %s: released %s, with nisv %s\n", what[r], before[what[r]], verdict(r) > "/dev/stderr"
			}
		}
		exit check && bad ? 1 : 0
	}' "$log" || status=1

if [ "$check" = 1 ]; then
	# --no-nisv: KVM_RUN fails as before, and lkvm says which instruction
	NISV_KVMTOOL_LOG="$out/no-nisv.log" harness --lkvm-args --no-nisv -- isv0 stp >/dev/null 2>&1 && rc=0 || rc=$?
	if [ "$rc" != 1 ] ||
		! grep -a -q -E 'nisv: the guest at PC 0x[0-9a-f]+ made an access KVM cannot decode \([0-9a-f]{8}, STORE\)' "$out/no-nisv.log"; then
		echo "before-after: --no-nisv: lkvm exit $rc, or no explanation (see $out/no-nisv.log)" >&2
		status=1
	fi
	echo "before-after: check ${sve:-with SVE}: $([ "$status" = 0 ] && echo passed || echo FAILED)"
fi
exit "$status"
