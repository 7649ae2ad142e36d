#!/bin/sh
# Build the README example (examples/readme/readme_example.c) against the
# installed nisv and run it: "pkg-config" builds it with pkg-config's flags
# for nisv, "cmake" with find_package(nisv) (CMakeLists.txt here). It must
# load the installed libnisv.so.0 and finish the guest's store. Used by
# scripts/test-debian.sh and by autopkgtest (debian/tests/control).
#
#   tests/packaging/build-example.sh pkg-config|cmake OUT_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
how=${1:?usage: build-example.sh pkg-config|cmake OUT_DIR}
out=${2:?usage: build-example.sh pkg-config|cmake OUT_DIR}
rm -rf "$out"
mkdir -p "$out"
case $how in
pkg-config)
	# shellcheck disable=SC2046 # pkg-config's flags are words
	cc -Wall -Werror -o "$out/readme_example" "$here/../../examples/readme/readme_example.c" \
		$(pkg-config --cflags --libs nisv) ;;
cmake)
	{ cmake -S "$here" -B "$out" && cmake --build "$out"; } >"$out/build.log" 2>&1 ||
		{ cat "$out/build.log"; exit 1; } ;;
*)
	echo "build-example.sh: no way to build named $how" >&2
	exit 2 ;;
esac
env -u LD_LIBRARY_PATH "$out/readme_example" >"$out/run.txt"
cat "$out/run.txt"
grep -q '^NISV_OK: x10 = 0x9000004' "$out/run.txt"
ldd "$out/readme_example" | grep -Eq "libnisv.so.0 => (/usr)?/lib/$(cc -print-multiarch)/libnisv.so.0 "
