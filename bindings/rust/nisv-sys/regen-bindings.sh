#!/bin/sh
# Generate the raw bindings of include/nisv.h with Debian's bindgen (0.60) and
# rustfmt, to the file named (default: src/bindings.rs, the checked-in copy).
# tests/bindings_current.rs runs it to a temporary file and compares.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=${NISV_SOURCE_DIR:-$(cd "$here/../../.." && pwd)}
out=${1:-$here/src/bindings.rs}
RUSTFMT=${RUSTFMT:-/usr/bin/rustfmt} bindgen "$top/include/nisv.h" \
	--allowlist-function 'nisv_.*' \
	--allowlist-type 'nisv_.*' \
	--allowlist-var '(NISV|nisv)_.*' \
	--no-doc-comments \
	--no-prepend-enum-name \
	--with-derive-default \
	--output "$out" \
	-- -I "$top/include"
