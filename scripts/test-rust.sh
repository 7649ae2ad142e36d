#!/bin/sh
# The Rust bindings (bindings/rust): build them offline with Debian's rustc
# and cargo against Debian's packaged crates, check that the checked-in
# bindgen output is current, and run every test (cargo test: the README
# example, the issue's cases, the Rust/C cross-check, Display against the
# tool's formatter).
#
# usage: scripts/test-rust.sh [BUILD_DIR]   (default: <top>/build-test/rust)
#
# Nothing is written to the source tree: the workspace is copied to
# BUILD_DIR/src (its Cargo.lock is resolved there, against the Debian
# registry, on every run) and cargo's target dir is BUILD_DIR/target.
# Last line: "rust: N tests passed, M failed". Exit 0 only when all passed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build-test/rust}
mkdir -p "$build"
build=$(cd "$build" && pwd)

"$top/scripts/deps.sh" rustc cargo rustfmt bindgen libclang-dev librust-vm-memory-dev

# Debian's toolchain even where a rustup one comes first on PATH.
export PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTFMT=/usr/bin/rustfmt
# the one expected panic (a panicking callback) prints its message only
export RUST_BACKTRACE=0
export CARGO_HOME="$build/cargo-home" CARGO_TARGET_DIR="$build/target" NISV_SOURCE_DIR="$top"
mkdir -p "$CARGO_HOME"
cat >"$CARGO_HOME/config.toml" <<'EOF'
# Debian's packaged crates replace crates.io; nothing is downloaded.
[source.crates-io]
replace-with = "debian-packages"
[source.debian-packages]
directory = "/usr/share/cargo/registry"
[net]
offline = true
EOF

rm -rf "$build/src"
mkdir -p "$build/src"
tar -C "$top/bindings/rust" --exclude=./target --exclude=./Cargo.lock -cf - . | tar -C "$build/src" -xf -

log="$build/cargo-test.log"
set +e
(cd "$build/src" && cargo test --offline --workspace --no-fail-fast -- --nocapture) >"$log" 2>&1
rc=$?
set -e
grep -v '^ *Compiling ' "$log" || true

# "test result: ok. 8 passed; 0 failed; ..." per test binary
passed=$(sed -n 's/^test result: .* \([0-9][0-9]*\) passed; .*/\1/p' "$log" | awk '{n += $1} END {print n + 0}')
failed=$(sed -n 's/^test result: .* \([0-9][0-9]*\) failed; .*/\1/p' "$log" | awk '{n += $1} END {print n + 0}')
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
	failed=1 # a build failure: no test binary reported
fi
echo "rust: $passed tests passed, $failed failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
