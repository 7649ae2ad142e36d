#!/bin/sh
# kvmtool end-to-end harness: QEMU (TCG) emulates an arm64 machine with EL2;
# Debian's kernel boots in it (L1) with KVM; L1's /init runs kvmtool (lkvm)
# once or several times, each run booting Debian's kernel again as an L2
# guest whose /init runs one static aarch64 program.
#
#   scripts/e2e/kvmtool.sh --l2-init FILE [--no-sve] [--unpatched] [--sanitize]
#                          [--timeout S] [--lkvm-args "ARGS"] [--l2-cmdline "ARGS"]
#                          [--env NAME=VAL]... [--run-file RUNS | -- ARGV...]
#
#   --l2-init FILE   the L2 program (an aarch64 binary, static preferably; a
#                    dynamic one gets its libraries copied into the L2 cpio)
#   -- ARGV...       its arguments (argv[1]...); argv[0] is "/prog"
#   --env NAME=VAL   its environment (repeatable; nothing else is set)
#   --unpatched      run kvmtool as released; default: with the patch series
#                    integrations/kvmtool/series applied (git am) and linked
#                    with nisv (NISV_DIR)
#   --sanitize       a dynamically linked lkvm (and nisv) built with
#                    -fsanitize=address,undefined; ASan/UBSan keep going
#                    after a report; prints "kvmtool-e2e: sanitizer reports N"
#   --no-sve         -cpu max,sve=off for the L1 machine
#   --timeout S      time limit of each lkvm run, in seconds (600); QEMU as a
#                    whole gets runs*(S+30)+NISV_KVMTOOL_BOOT_TIMEOUT (300)
#   --lkvm-args A    extra lkvm run arguments, split at white space
#                    (repeatable; no quoting)
#   --l2-cmdline A   extra L2 kernel parameters (appended to lkvm -p)
#   --run-file RUNS  several lkvm runs in one L1 boot. One run per line,
#                    TAB-separated: LABEL<TAB>ARG<TAB>ARG..., LABEL being
#                    "patched" or "unpatched" (which lkvm), the ARGs the L2
#                    program's argv[1]...; blank lines and lines starting
#                    with # are skipped. --unpatched and "-- ARGV" are not
#                    allowed with it; the other options apply to every run.
#
# Each lkvm run is
#   /lkvm-LABEL run -k /Image -i /l2-K.cpio -m 128 -c 1 --irqchip gicv3
#     -n mode=none --rng -p "iomem=relaxed quiet rdinit=/init ARGS" LKVM-ARGS
# (console: lkvm's default 8250 UART at 0x1000000, ttyS0; kvmtool adds
# console=ttyS0 itself). Everything QEMU prints is streamed to stdout, CRs
# stripped: the L1 kernel, lkvm's messages, the L2 console, and the lines
#   kvmtool-e2e: L1 init at T s                   (L1 uptime at /init)
#   kvmtool-e2e: run N (LABEL) start
#   l2: init at T s                               (L2 uptime at /init)
#   l2: prog exit=N | l2: prog killed by signal N
#   kvmtool-e2e: run N (LABEL) lkvm exit=STATUS | lkvm killed=SIG | lkvm timeout
#   kvmtool-e2e: run N (LABEL) took T s
#   kvmtool-e2e: run N (LABEL) sanitizer reports K   (--sanitize)
#   kvmtool-e2e: done
#   kvmtool-e2e: sanitizer reports K               (--sanitize: all runs)
# The console log is kept in $NISV_KVMTOOL_LOG ($NISV_KVMTOOL_DIR/last.log).
#
# Exit status: single run: lkvm's exit status (128+SIG when killed), 124 on
# timeout; --run-file: 0 when every run reported a verdict (judge them from
# the run lines), 124 when a run or QEMU timed out. 125: the harness itself
# failed (build, boot, no verdict).
#
# Builds what it needs, cached in NISV_KVMTOOL_DIR (build-e2e/kvmtool):
#   fdt/          LIBFDT_DIR: libfdt.a + headers from Debian's libfdt-dev:arm64
#   nisv-static/  NISV_DIR: include/nisv.h, include/nisv/kvm.h,
#                 lib/libnisv.a, lib/libnisv-kvm.a (meson, cross-aarch64.txt)
#   nisv-san/     the same built with -Db_sanitize=address,undefined
#   {unpatched,patched}-{static,san}-KEY/kvmtool/   the kvmtool git trees
#                 (KEY: hash of the tarball, series + patches, make arguments;
#                 nisv changes relink the patched lkvm)
# The --sanitize lkvm lacks kvmtool's built-in guest init (kvmtool's -static
# feature test fails under -fsanitize; only --rootfs/sandbox use it).
#
# The L2 kernel (Debian's cloud kernel) has VIRTIO_PCI as a module, so no
# driver binds the --rng device ("virtio-rng device was not detected"
# warnings); its BARs are assigned and enabled all the same (command
# 0x0003): /sys/bus/pci/devices/0000:00:00.0/resource2 is the MSI-X table.
# ARGs must not hold a TAB or a newline.
# Environment: NISV_KVMTOOL_L2_FILES (more files for the L2's /, e.g. the
# programs a wrapper --l2-init runs), NISV_KVMTOOL_DIR, NISV_KVMTOOL_LOG,
# NISV_KVMTOOL_TARBALL,
# NISV_KVMTOOL_BOOT_TIMEOUT, NISV_KVMTOOL_SERIES_DIR (integrations/kvmtool),
# NISV_E2E_DIR (the kernel, see setup.sh).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
here="$top/scripts/e2e"
out=${NISV_KVMTOOL_DIR:-$top/build-e2e/kvmtool}
# kvmtool's source: shared/third_party beside the checkout (the project
# never copies it in)
tarball=${NISV_KVMTOOL_TARBALL:-}
for d in "$top/../shared/third_party" /work/shared/third_party; do
	[ -z "$tarball" ] && [ -f "$d/kvmtool-b48735e5.tar.gz" ] && tarball="$d/kvmtool-b48735e5.tar.gz"
done
tarball=${tarball:-$top/../shared/third_party/kvmtool-b48735e5.tar.gz}
series_dir=${NISV_KVMTOOL_SERIES_DIR:-$top/integrations/kvmtool}
cross=aarch64-linux-gnu-

say() { echo "kvmtool-e2e: $*" >&2; }
fail() {
	echo "kvmtool-e2e: harness failed: $*" >&2
	exit 125
}
usage() {
	sed -n '7,10p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 125
}

prog="" sve="" unpatched=0 sanitize=0 timeout_s=600 lkvm_args="" l2_cmdline=""
run_file="" envs="" have_argv=0
while [ $# -gt 0 ]; do
	case $1 in
	--l2-init) prog=${2:?--l2-init FILE}; shift 2 ;;
	--no-sve) sve=",sve=off"; shift ;;
	--unpatched) unpatched=1; shift ;;
	--sanitize) sanitize=1; shift ;;
	--timeout) timeout_s=${2:?--timeout S}; shift 2 ;;
	--lkvm-args) lkvm_args="$lkvm_args ${2?--lkvm-args ARGS}"; shift 2 ;;
	--l2-cmdline) l2_cmdline="$l2_cmdline ${2?--l2-cmdline ARGS}"; shift 2 ;;
	--env)
		case ${2:-} in *=*) ;; *) fail "--env wants NAME=VAL" ;; esac
		envs="$envs$2
"
		shift 2
		;;
	--run-file) run_file=${2:?--run-file FILE}; shift 2 ;;
	--) shift; have_argv=1; break ;;
	-h | --help) usage ;;
	*) echo "kvmtool-e2e: unknown argument: $1" >&2; usage ;;
	esac
done
[ -n "$prog" ] || usage
[ -f "$prog" ] || fail "no such file: $prog"
case $timeout_s in '' | *[!0-9]*) fail "--timeout wants whole seconds" ;; esac
if [ -n "$run_file" ]; then
	[ -f "$run_file" ] || fail "no such file: $run_file"
	[ "$have_argv" = 0 ] || fail "--run-file and -- ARGV exclude each other"
	[ "$unpatched" = 0 ] || fail "--unpatched has no meaning with --run-file (each line names its lkvm)"
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "$out/work.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 125' INT TERM

# --- the runs: $work/runs.in holds LABEL<TAB>ARG<TAB>ARG... lines
tab=$(printf '\t')
if [ -n "$run_file" ]; then
	grep -v -e '^#' -e '^[[:space:]]*$' "$run_file" >"$work/runs.in" || true
	[ -s "$work/runs.in" ] || fail "$run_file lists no run"
	bad=$(cut -f1 "$work/runs.in" | grep -v -x -e patched -e unpatched | head -n 1 || true)
	[ -z "$bad" ] || fail "$run_file: unknown label '$bad' (patched or unpatched)"
else
	label=patched
	[ "$unpatched" = 1 ] && label=unpatched
	{
		printf '%s' "$label"
		for a in "$@"; do
			case $a in *"$tab"* | *"
"*) fail "an argument holds a TAB or a newline" ;; esac
			printf '\t%s' "$a"
		done
		echo
	} >"$work/runs.in"
fi
nruns=$(wc -l <"$work/runs.in")
labels=$(cut -f1 "$work/runs.in" | sort -u | tr '\n' ' ')
labels=${labels% }

# --- build dependencies
vmlinuz=$("$here/setup.sh" | tail -n 1) || fail "setup (scripts/e2e/setup.sh)"
[ -f "$vmlinuz" ] || fail "no kernel image from setup.sh"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need_pkgs() {
	missing=""
	for p in "$@"; do installed "$p" || missing="$missing $p"; done
	[ -z "$missing" ] && return 0
	say "installing$missing"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}
need_pkgs meson ninja-build git make pkg-config
[ "$sanitize" = 1 ] && need_pkgs libasan8-arm64-cross libubsan1-arm64-cross

# libfdt for arm64 (kvmtool's LIBFDT_DIR wants libfdt.a and the headers)
fdt="$out/fdt"
if [ ! -f "$fdt/libfdt.a" ]; then
	say "fetching libfdt-dev:arm64"
	rm -rf "$out/fdt.tmp" && mkdir -p "$out/fdt.tmp/deb" "$out/fdt.tmp/x"
	sandbox=""
	[ "$(id -u)" = 0 ] && sandbox="-o APT::Sandbox::User=root"
	# shellcheck disable=SC2086
	(cd "$out/fdt.tmp/deb" && apt-get download -q $sandbox libfdt-dev:arm64 libfdt1:arm64 >/dev/null) ||
		fail "apt-get download libfdt-dev:arm64 libfdt1:arm64 (is arm64 a dpkg architecture? setup.sh adds it)"
	for d in "$out"/fdt.tmp/deb/*.deb; do dpkg-deb -x "$d" "$out/fdt.tmp/x"; done
	mkdir -p "$out/fdt.tmp/fdt"
	cp "$out"/fdt.tmp/x/usr/include/*.h "$out"/fdt.tmp/x/usr/lib/aarch64-linux-gnu/libfdt.a "$out/fdt.tmp/fdt/"
	rm -rf "$fdt" && mv "$out/fdt.tmp/fdt" "$fdt" && rm -rf "$out/fdt.tmp"
fi

# nisv for aarch64, static libraries, installed into NISV_DIR
build_nisv() { # VARIANT (static|san) -> NISV_DIR on stdout
	b="$out/nisv-build-$1" d="$out/nisv-$1"
	san=""
	[ "$1" = san ] && san="-Db_sanitize=address,undefined"
	if [ ! -f "$b/build.ninja" ]; then
		rm -rf "$b"
		# shellcheck disable=SC2086
		meson setup "$b" "$top" --cross-file "$top/cross-aarch64.txt" -Ddefault_library=static \
			-Dtests=false --prefix=/ --libdir=lib --includedir=include $san >"$out/nisv-$1.log" 2>&1 ||
			{ tail -n 30 "$out/nisv-$1.log" >&2; fail "meson setup for nisv ($1)"; }
	fi
	{ ninja -C "$b" && meson install -C "$b" --destdir "$d" --only-changed; } >>"$out/nisv-$1.log" 2>&1 ||
		{ tail -n 30 "$out/nisv-$1.log" >&2; fail "building nisv ($1), see $out/nisv-$1.log"; }
	for lib in libnisv.a libnisv-kvm.a; do
		[ -f "$d/lib/$lib" ] || fail "the nisv install $d lacks lib/$lib"
	done
	echo "$d"
}

# kvmtool: a git tree from the tarball, the series applied for "patched"
hash_inputs() { # LABEL
	sha256sum "$tarball" | cut -c1-64
	if [ "$1" = patched ]; then
		cat "$series_dir/series"
		series_patches | while read -r p; do cat "$series_dir/$p"; done
	fi
}
series_patches() { sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$series_dir/series" | awk 'NF { print $1 }'; }
build_kvmtool() { # LABEL VARIANT -> the lkvm binary on stdout
	label=$1 variant=$2
	[ -f "$tarball" ] || fail "kvmtool tarball missing: $tarball"
	if [ "$label" = patched ]; then
		[ -f "$series_dir/series" ] ||
			fail "no patch series $series_dir/series (the patched lkvm needs it; --unpatched runs kvmtool as released)"
		for p in $(series_patches); do
			[ -f "$series_dir/$p" ] || fail "patch $p listed in $series_dir/series is missing"
		done
	fi
	target=lkvm-static
	set -- ARCH=arm64 CROSS_COMPILE=$cross LIBFDT_DIR="$fdt"
	if [ "$variant" = san ]; then
		# WERROR=0: the instrumentation makes GCC warn about kvmtool code.
		# CPPFLAGS reach every compile and link; LDFLAGS the feature tests
		# too (nisv's needs it: nisv-san is instrumented). The -static
		# tests fail with it, so this lkvm has no built-in guest init
		# (used only by --rootfs/sandbox, not here).
		target=lkvm
		san="-fsanitize=address,undefined -fsanitize-recover=address -fno-omit-frame-pointer"
		set -- "$@" WERROR=0 CPPFLAGS="$san" LDFLAGS="-fsanitize=address,undefined"
	fi
	if [ "$label" = patched ]; then
		nisv_dir=$(build_nisv "$variant")
		set -- "$@" NISV_DIR="$nisv_dir"
	fi
	# the key: kvmtool's sources, the patches, the make arguments (kvmtool
	# does not rebuild its objects when flags change)
	key=$({ hash_inputs "$label"; echo "$target $*"; } | sha256sum | cut -c1-12)
	dir="$out/$label-$variant-$key"
	src="$dir/kvmtool"
	if [ ! -d "$dir/kvmtool/.git" ]; then
		say "preparing kvmtool ($label, $variant)"
		for old in "$out/$label-$variant"-*; do [ -d "$old" ] && rm -rf "$old"; done
		rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
		tar -xzf "$tarball" -C "$dir.tmp"
		[ -d "$dir.tmp/kvmtool" ] || fail "$tarball does not unpack to kvmtool/"
		(
			cd "$dir.tmp/kvmtool"
			export GIT_AUTHOR_NAME=nisv-e2e GIT_AUTHOR_EMAIL=nisv-e2e@localhost
			export GIT_COMMITTER_NAME=nisv-e2e GIT_COMMITTER_EMAIL=nisv-e2e@localhost
			git init -q
			git add -A
			git -c commit.gpgsign=false commit -q -m "kvmtool $(basename "$tarball")"
			if [ "$label" = patched ]; then
				for p in $(series_patches); do
					git -c commit.gpgsign=false am -q "$series_dir/$p" >/dev/null 2>&1 ||
						{ git am --abort >/dev/null 2>&1 || true; echo "$p"; exit 1; }
				done
			fi
		) >"$dir.tmp/am.log" || {
			[ -s "$dir.tmp/am.log" ] || fail "making the kvmtool git tree in $dir.tmp"
			fail "patch $(cat "$dir.tmp/am.log") does not apply to kvmtool (git am)"
		}
		rm -rf "$dir" && mv "$dir.tmp" "$dir"
	fi
	if [ "$label" = patched ]; then
		# relink when nisv changed (whatever the patched Makefile tracks)
		if [ -f "$src/$target" ] && [ -n "$(find "$nisv_dir/lib" "$nisv_dir/include" -type f -newer "$src/$target")" ]; then
			rm -f "$src/$target"
		fi
	fi
	make -C "$src" -j2 "$@" "$target" >"$dir/build.log" 2>&1 ||
		{ tail -n 30 "$dir/build.log" >&2; fail "building kvmtool ($label, $variant), see $dir/build.log"; }
	echo "$src/$target"
}

variant=static
[ "$sanitize" = 1 ] && variant=san
for l in $labels; do
	build_kvmtool "$l" "$variant" >"$work/lkvm-$l.path"
done

# --- the L1 init and the L2 init wrapper
cc="${cross}gcc"
for f in l1init l2init; do
	$cc -std=gnu11 -O2 -Wall -Wextra -Werror -static -s -o "$out/$f.tmp" "$here/kvmtool/$f.c" ||
		fail "compiling scripts/e2e/kvmtool/$f.c"
	mv "$out/$f.tmp" "$out/$f"
done

# --- the L2 cpios, one per distinct argument list
l2="$work/l2root"
mkdir -p "$l2/dev" "$l2/proc" "$l2/sys" "$l2/tmp"
cp "$out/l2init" "$l2/init"
cp "$prog" "$l2/prog"
chmod +x "$l2/prog"
"$here/runtime-libs.sh" "$l2" "$l2/prog" || fail "libraries of $prog"
for f in ${NISV_KVMTOOL_L2_FILES:-}; do
	[ -f "$f" ] || fail "NISV_KVMTOOL_L2_FILES: no such file: $f"
	cp "$f" "$l2/"
done
printf '%s' "$envs" | awk 'NF { printf "%s%c", $0, 0 }' >"$l2/env"

l1="$work/l1root"
mkdir -p "$l1/dev" "$l1/proc" "$l1/sys" "$l1/tmp"
cp "$out/l1init" "$l1/init"
cp "$vmlinuz" "$l1/Image"
for l in $labels; do
	cp "$(cat "$work/lkvm-$l.path")" "$l1/lkvm-$l"
	"$here/runtime-libs.sh" "$l1" "$l1/lkvm-$l" || fail "libraries of lkvm-$l"
done
echo "$timeout_s" >"$l1/timeout"
: >"$l1/lkvm-env"
if [ "$sanitize" = 1 ]; then
	cat >"$l1/lkvm-env" <<-'EOF'
		ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=0:print_legend=0:color=never
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=0:color=never
	EOF
fi

cpio_of() { (cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0); }
: >"$l1/runs"
while IFS= read -r line; do
	label=${line%%"$tab"*}
	args=""
	case $line in *"$tab"*) args=${line#*"$tab"} ;; esac
	printf '%s' "$args" | tr '\t' '\000' >"$l2/args"
	[ -n "$args" ] && printf '\000' >>"$l2/args"
	k=$(cksum <"$l2/args" | awk '{ print $1 "-" $2 }')
	[ -f "$l1/l2-$k.cpio" ] || cpio_of "$l2" >"$l1/l2-$k.cpio"
	{
		printf '%s\t/lkvm-%s\trun\t-k\t/Image\t-i\t/l2-%s.cpio\t-m\t128\t-c\t1' "$label" "$label" "$k"
		printf '\t--irqchip\tgicv3\t-n\tmode=none\t--rng\t-p\tiomem=relaxed quiet rdinit=/init%s' "$l2_cmdline"
		set -f
		# shellcheck disable=SC2086
		for a in $lkvm_args; do printf '\t%s' "$a"; done
		set +f
		echo
	} >>"$l1/runs"
done <"$work/runs.in"
cpio_of "$l1" >"$work/l1.cpio"

# --- boot
log=${NISV_KVMTOOL_LOG:-$out/last.log}
boot_allow=${NISV_KVMTOOL_BOOT_TIMEOUT:-300}
qemu_timeout=$((nruns * (timeout_s + 30) + boot_allow))
say "booting L1 ($(basename "$vmlinuz"), $nruns lkvm run(s), $variant lkvm: $labels)"
start=$(date +%s.%N)
# pauth-impdef: QEMU's fast pointer-authentication algorithm
{
	set +e
	timeout --foreground "$qemu_timeout" qemu-system-aarch64 \
		-M virt,virtualization=on,gic-version=3 -cpu "max$sve,pauth-impdef=on" -smp 2 -m 1024 \
		-nographic -no-reboot -net none \
		-kernel "$vmlinuz" -initrd "$work/l1.cpio" \
		-append "console=ttyAMA0 rdinit=/init panic=-1 quiet" </dev/null 2>&1
	echo $? >"$work/qemu.rc"
} | sed -u 's/\r*$//' | tee "$log"
end=$(date +%s.%N)
qrc=$(cat "$work/qemu.rc")
say "QEMU ran $(awk "BEGIN { printf \"%.1f\", $end - $start }") s, exit $qrc (console: $log)"

# --- verdicts
if [ "$sanitize" = 1 ]; then
	awk '
		/^kvmtool-e2e: run [0-9]+ \(.*\) start$/ { run = $3; label = $4; n[run] = 0; order[++k] = run; lab[run] = label }
		/ERROR: AddressSanitizer|runtime error:/ { total++; if (run != "") n[run]++ }
		END {
			for (i = 1; i <= k; i++) printf "kvmtool-e2e: run %s %s sanitizer reports %d\n", order[i], lab[order[i]], n[order[i]]
			printf "kvmtool-e2e: sanitizer reports %d\n", total
		}' "$log"
fi
verdicts=$(grep -a -c -E '^kvmtool-e2e: run [0-9]+ \(.*\) lkvm (exit=|killed=|timeout)' "$log" || true)
timed_out=0
[ "$qrc" = 124 ] && timed_out=1
grep -a -q -E '^kvmtool-e2e: run [0-9]+ \(.*\) lkvm timeout' "$log" && timed_out=1
if [ "$verdicts" != "$nruns" ]; then
	[ "$timed_out" = 1 ] && { say "timed out ($verdicts of $nruns runs reported)"; exit 124; }
	fail "$verdicts of $nruns runs reported a verdict (QEMU exit $qrc; see $log)"
fi
grep -a -q '^kvmtool-e2e: done$' "$log" || fail "L1 init did not finish (see $log)"
[ -n "$run_file" ] && { [ "$timed_out" = 1 ] && exit 124; exit 0; }
v=$(grep -a -E '^kvmtool-e2e: run 1 \(.*\) lkvm ' "$log" | tail -n 1)
case $v in
*" lkvm exit="*) exit "${v##*exit=}" ;;
*" lkvm killed="*) exit $((128 + ${v##*killed=})) ;;
*" lkvm timeout") exit 124 ;;
esac
fail "unexpected verdict: $v"
