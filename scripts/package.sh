#!/usr/bin/env bash
# Builds the Debian package mpctl_<version>_amd64.deb (mpctl, mpctl-emulator, the schemas,
# the man page, the shell completions) with CPack, and prints its path.
#   bash scripts/package.sh            then   apt install ./mpctl_<version>_amd64.deb
# MPCTL_BUILD_DIR: build tree to use (default ./build, shared with scripts/test.sh);
# MPCTL_PACKAGE_DIR: where the .deb goes (default: the repository root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MPCTL_BUILD_DIR:-$root/build}"
out="${MPCTL_PACKAGE_DIR:-$root}"

bash "$root/scripts/deps.sh"   # dpkg-dev's dpkg-shlibdeps computes Depends:
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target mpctl mpctl-emulator mpctl_docs | tail -n 1
mkdir -p "$out"
staging="$(mktemp -d /tmp/mpctl-package-XXXXXX)"
trap 'rm -rf "$staging"' EXIT
(cd "$build" && cpack -G DEB -B "$staging" >/dev/null)
deb="$(ls "$staging"/mpctl_*_amd64.deb)"
mv "$deb" "$out/"
echo "$out/$(basename "$deb")"
dpkg-deb -f "$out/$(basename "$deb")" Package Version Depends
