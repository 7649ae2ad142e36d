#!/bin/sh
# The Debian packages (debian/): built out of tree with dpkg-buildpackage,
# checked with lintian (no error or warning), installed; the README example
# is then built against the installed files with pkg-config and with CMake
# (tests/packaging) and run, the tool and its man page checked, and the
# packages removed again (on failure too; packages that were installed
# before are left as they were). With NISV_DEB_CROSS=0 the arm64 cross
# build (the KVM backend packages) is skipped.
#
#   scripts/test-debian.sh [BUILD_DIR]      (default build-test/debian)
#
# Last line: "debian: N checks passed, N failed".
# shellcheck disable=SC2317 # functions run through check() look unreachable
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build-test/debian}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cross=${NISV_DEB_CROSS:-1}

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }
check() { name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
start=$(date +%s)
finish() {
	echo "debian: took $(($(date +%s) - start)) s"
	echo "debian: $passed checks passed, $failed failed"
	[ "$failed" = 0 ]
	exit
}

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo

# ---- what the test needs; the arm64 cross build needs arm64 as a dpkg
# architecture and arm64's libc6-dev
deps="debhelper lintian cmake pkg-config man-db"
if [ "$cross" = 1 ]; then
	dpkg --print-foreign-architectures | grep -qx arm64 || $sudo dpkg --add-architecture arm64
	deps="$deps crossbuild-essential-arm64 libc6-dev:arm64 linux-libc-dev:arm64"
fi
# shellcheck disable=SC2086 # a list of package names
"$top/scripts/deps.sh" $deps || { fail "install the packaging tools"; finish; }

version=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
host=$(dpkg-architecture -qDEB_HOST_ARCH)
pkgs="libnisv0 libnisv-dev nisv"

# ---- a copy of the source tree: what git tracks or would track, else all
# but build trees; each build gets its own copy
copy_source() {
	rm -rf "$1" && mkdir -p "$1"
	if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$top" ls-files -z -co --exclude-standard |
			(cd "$top" && tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$1"
	else
		(cd "$top" && tar --exclude='./build*' --exclude=./.git --exclude=node_modules -cf - .) |
			tar -xf - -C "$1"
	fi
}

# ---- lintian (one run: its start-up is most of its time): every E: and
# W: fails; the other tags are listed
lint() { # FILE...
	if ! lintian --pedantic -I -E --fail-on error,warning "$@" >"$out/lintian.txt" 2>&1 ||
		grep -q '^[EW]: ' "$out/lintian.txt"; then
		grep -v '^[IPXN]: \|^running with root' "$out/lintian.txt"
		fail "lintian: no errors or warnings ($linted)"
	else
		pass "lintian: no errors or warnings ($linted)"
	fi
	sed -n 's/^\([IPX]\): \([^:]*\): \([^ ]*\).*/  lintian \1: \2: \3/p' "$out/lintian.txt" | sort | uniq -c
}
linted=""
tolint=""

# ---- build: the arm64 packages (cross-built: the KVM backend is built
# there only) in the background, beside the source and the native packages
deb() { echo "$out/$1/${2}_${version}_$3.deb"; } # DIR PACKAGE ARCH
src=$out/src/nisv-$version
copy_source "$src"
if [ "$cross" = 1 ]; then
	xsrc=$out/cross/nisv-$version
	copy_source "$xsrc"
	(cd "$xsrc" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -aarm64 -Pcross,nocheck -us -uc -b -Jauto \
		>"$out/build-arm64.log" 2>&1) &
	xpid=$!
fi

if (cd "$out/src" && dpkg-source -Zgzip -b "nisv-$version" >"$out/source.log" 2>&1); then
	pass "dpkg-source -b nisv-$version"
	linted="source" tolint="$out/src/nisv_$version.dsc"
else
	tail -20 "$out/source.log"
	fail "dpkg-source -b nisv-$version"
fi
if (cd "$src" && dpkg-buildpackage -us -uc -b -Jauto >"$out/build.log" 2>&1); then
	pass "dpkg-buildpackage -us -uc -b ($host)"
	grep "^tool-golden: " "$out/build.log"
	check "dh_auto_test: the tool's golden cases" grep -q "^tool-golden: [1-9][0-9]* cases, 0 mismatches" "$out/build.log"
	linted="$linted $host" tolint="$tolint $out/src/nisv_${version}_$host.changes"
	# the symbols file is in libnisv0, and nisv's dependency on it comes
	# from there (a version the file names, not the shlibs default)
	check "libnisv0 carries its symbols file" sh -c \
		"dpkg-deb --info '$(deb src libnisv0 "$host")' symbols | grep -q '^ nisv_vcpu_sve_vqs@Base 0.3.0$'"
	minver=$(dpkg-deb -f "$(deb src nisv "$host")" Depends | sed -n 's/.*libnisv0 (>= \([^)]*\)).*/\1/p')
	check "nisv depends on libnisv0 (>= ${minver:-?}), from the symbols file" \
		grep -q "@Base ${minver:-?}\$" "$top/debian/libnisv0.symbols"
else
	tail -40 "$out/build.log"
	fail "dpkg-buildpackage -us -uc -b ($host)"
fi

# the arm64 packages unpacked in a directory: the CMake package there finds
# nisv::kvm, and the README example built with it runs under qemu-aarch64
arm64_example() {
	root=$out/arm64-root
	rm -rf "$root" "$out/arm64-example"
	for p in libnisv0 libnisv-dev libnisv-kvm0 libnisv-kvm-dev; do
		dpkg-deb -x "$(deb cross "$p" arm64)" "$root" || return 1
	done
	cmake -S "$top/tests/packaging" -B "$out/arm64-example" -DCMAKE_SYSTEM_NAME=Linux \
		-DCMAKE_SYSTEM_PROCESSOR=aarch64 -DCMAKE_C_COMPILER=aarch64-linux-gnu-gcc \
		-DCMAKE_PREFIX_PATH="$root/usr" -DNISV_COMPONENTS=kvm >"$out/arm64-example.log" 2>&1 &&
		cmake --build "$out/arm64-example" >>"$out/arm64-example.log" 2>&1 &&
		LD_LIBRARY_PATH=$root/usr/lib/aarch64-linux-gnu:/usr/aarch64-linux-gnu/lib qemu-aarch64 -L /usr/aarch64-linux-gnu \
			"$out/arm64-example/readme_example" | grep -q '^NISV_OK: x10 = 0x9000004'
}
has() { dpkg-deb -c "$1" | grep "$2" >/dev/null; } # DEB PATH-PATTERN
if [ "$cross" = 1 ]; then
	if wait "$xpid"; then
		pass "dpkg-buildpackage -aarm64 -Pcross,nocheck -us -uc -b"
		kvm=$(deb cross libnisv-kvm0 arm64)
		kvmdev=$(deb cross libnisv-kvm-dev arm64)
		check "libnisv-kvm0 (arm64): libnisv-kvm.so.0" has "$kvm" ' ./usr/lib/aarch64-linux-gnu/libnisv-kvm.so.0 '
		check "libnisv-kvm0 (arm64): its symbols file" sh -c \
			"dpkg-deb --info '$kvm' symbols | grep -q '^ nisv_kvm_handle_exit@Base 0.2.0$'"
		check "libnisv-kvm-dev (arm64): nisv/kvm.h" has "$kvmdev" ' ./usr/include/nisv/kvm.h$'
		check "libnisv-kvm-dev (arm64): nisv-kvm.pc" has "$kvmdev" '/pkgconfig/nisv-kvm.pc$'
		check "arm64: README example with find_package(nisv COMPONENTS kvm), under qemu" arm64_example
		linted="$linted arm64" tolint="$tolint $out/cross/nisv_${version}_arm64.changes"
	else
		tail -40 "$out/build-arm64.log"
		fail "dpkg-buildpackage -aarm64 -Pcross,nocheck -us -uc -b"
	fi
fi
[ -f "$(deb src nisv "$host")" ] || finish

# shellcheck disable=SC2086 # a list of files
[ -z "$tolint" ] || lint $tolint

# ---- install; what was installed before stays as it was
preinstalled=""
for p in $pkgs; do
	have=$(dpkg-query -W -f='${db:Status-Status} ${Version}' "$p:$host" 2>/dev/null)
	case "$have" in
	"installed $version") preinstalled="$preinstalled $p" ;;
	installed*)
		echo "$p ${have#installed } is installed: not replacing it"
		fail "install the packages (another version is installed)"
		finish ;;
	esac
done
remove() {
	toremove=""
	for p in $pkgs; do
		case " $preinstalled " in *" $p "*) ;; *) toremove="$toremove $p" ;; esac
	done
	# shellcheck disable=SC2086 # a list of package names
	[ -z "$toremove" ] || $sudo dpkg --purge $toremove >"$out/remove.log" 2>&1
}
trap remove EXIT
trap 'exit 1' INT TERM
if $sudo dpkg -i "$(deb src libnisv0 "$host")" "$(deb src libnisv-dev "$host")" "$(deb src nisv "$host")" \
	>"$out/install.log" 2>&1; then
	pass "dpkg -i libnisv0 libnisv-dev nisv"
else
	cat "$out/install.log"
	fail "dpkg -i libnisv0 libnisv-dev nisv"
	finish
fi

# ---- the README example against the installed files
check "pkg-config nisv: version $version" test "$(pkg-config --modversion nisv)" = "$version"
check "pkg-config: README example builds and runs" \
	"$top/tests/packaging/build-example.sh" pkg-config "$out/example-pkg-config"
check "cmake find_package(nisv 0.2): README example builds and runs" \
	"$top/tests/packaging/build-example.sh" cmake "$out/example-cmake"
refused() { ! cmake -S "$top/tests/packaging" -B "$out/cmake-refused" "$@" >"$out/cmake-refused.log" 2>&1; }
check "cmake: find_package(nisv 1.0) refuses $version" refused -DNISV_WANT=1.0
[ "$host" = arm64 ] || check "cmake: component kvm not found on $host" refused -DNISV_COMPONENTS=kvm

# ---- the tool and its man page
check "nisv --version: $version" sh -c "/usr/bin/nisv --version | grep -q '$version'"
check "nisv decode b8004548: str w8, [x10], #4" sh -c "/usr/bin/nisv decode b8004548 | grep -q 'str w8, \\[x10\\], #4'"
check "libnisv-dev: the README example in its examples" \
	test -f /usr/share/doc/libnisv-dev/examples/readme_example.c
check "man page nisv(1) installed" test "$(man -w nisv 2>/dev/null)" = /usr/share/man/man1/nisv.1.gz

remove
trap - EXIT
left=""
for p in $pkgs; do
	dpkg-query -W -f='${db:Status-Status}' "$p:$host" 2>/dev/null | grep -q '^installed' && left="$left $p"
done
check "packages removed again (left installed:${preinstalled:- none})" test "$left" = "$preinstalled"
finish
