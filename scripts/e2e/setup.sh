#!/bin/sh
# Prepare the real-KVM end-to-end harness (oracle 3 in the design brief):
#   - qemu-system-aarch64, the aarch64 cross compiler, cpio (apt)
#   - Debian's arm64 cloud kernel (it has KVM built in), unpacked into
#     $NISV_E2E_DIR/kernel (default build-e2e/kernel) and kept there.
# Idempotent: installs only what is missing; downloads the kernel only once.
# Prints the path of the kernel image on its last line.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${NISV_E2E_DIR:-$top/build-e2e}
kdir="$out/kernel"
as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
apt() { as_root env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

updated=0
apt_update() {
	[ "$updated" = 1 ] && return 0
	apt update -qq
	updated=1
}

# 1. host tools
missing=""
for p in qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross cpio python3; do
	installed "$p" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "e2e setup: installing$missing" >&2
	apt_update
	# shellcheck disable=SC2086
	apt install -y -qq --no-install-recommends $missing >/dev/null
fi

# 2. the arm64 kernel, cached
find_vmlinuz() { find "$kdir/boot" -name 'vmlinuz-*' 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(find_vmlinuz)" ]; then
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		as_root dpkg --add-architecture arm64
		updated=0
	fi
	apt_update
	# newest linux-image-6.1.0-N-cloud-arm64-unsigned
	pkg=$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-cloud-arm64-unsigned$' |
		awk '{print $1}' | sort -V | tail -n 1)
	if [ -z "$pkg" ]; then
		echo "e2e setup: no linux-image-6.1.0-*-cloud-arm64-unsigned package found" >&2
		exit 1
	fi
	echo "e2e setup: fetching $pkg:arm64" >&2
	mkdir -p "$out/deb" "$kdir"
	sandbox=""
	[ "$(id -u)" = 0 ] && sandbox="-o APT::Sandbox::User=root"
	# shellcheck disable=SC2086
	(cd "$out/deb" && apt-get download -q $sandbox "$pkg:arm64" >/dev/null)
	deb=$(find "$out/deb" -name "${pkg}_*_arm64.deb" | sort -V | tail -n 1)
	dpkg-deb -x "$deb" "$kdir"
	rm -rf "$deb" "${kdir:?}/lib" "${kdir:?}/usr" # only boot/ (vmlinuz, config) is used
fi
vmlinuz=$(find_vmlinuz)
[ -n "$vmlinuz" ] || { echo "e2e setup: kernel missing after unpack" >&2; exit 1; }
echo "$vmlinuz"
