#!/usr/bin/env bash
# Installs the Debian packages mpctl needs to build, test and run the demo.
# Idempotent: installs only what is missing; runs `apt-get update` once, and only when needed.
# Usage: scripts/deps.sh [--fuzz]   (--fuzz: also clang-14 and libFuzzer for scripts/fuzz.sh)
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config ccache
  libyaml-cpp-dev libcurl4-openssl-dev rapidjson-dev libssl-dev
  libboost-program-options-dev libgtest-dev libgmock-dev libcpp-httplib-dev
  openssl curl ca-certificates git
  dpkg-dev man-db groff-base
)
if [[ "${1:-}" == "--fuzz" ]]; then
  PACKAGES+=(clang-14 libfuzzer-14-dev libclang-rt-14-dev)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "deps: missing packages: ${missing[*]}; run as root or install them" >&2
    exit 1
  fi
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
