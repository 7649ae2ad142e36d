#!/bin/sh
# The nisv explainer page (web/): the nisv tool compiled to WebAssembly
# behind one static page. Builds it and serves it on localhost.
#
#   scripts/web.sh [--port N]          build into <top>/build-web, serve it on
#                                      http://127.0.0.1:N/ (default 8000)
#   scripts/web.sh --build-only DIR    build into DIR, print the page's
#                                      directory (DIR/site) and exit
#
# The page also works opened from the files alone (file://.../index.html).
# Installs clang, lld, wasi-libc and libclang-rt-14-dev-wasm32 (scripts/deps.sh).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/build-web"
port=8000
serve=1
while [ $# -gt 0 ]; do
	case $1 in
	--build-only) [ $# -ge 2 ] || { echo "usage: scripts/web.sh --build-only DIR" >&2; exit 2; }
		build=$2 serve=0; shift 2 ;;
	--port) [ $# -ge 2 ] || { echo "usage: scripts/web.sh --port N" >&2; exit 2; }
		port=$2; shift 2 ;;
	*) echo "usage: scripts/web.sh [--port N] | --build-only DIR" >&2; exit 2 ;;
	esac
done

"$top/scripts/deps.sh" clang lld wasi-libc libclang-rt-14-dev-wasm32 >&2
site=$("$top/web/build.sh" "$build")
if [ "$serve" = 0 ]; then
	echo "$site"
	exit 0
fi
echo "nisv explainer: http://127.0.0.1:$port/  (or file://$site/index.html; Ctrl-C stops the server)"
exec python3 -m http.server --bind 127.0.0.1 --directory "$site" "$port"
