#!/usr/bin/env bash
# The whole test suite: installs missing packages, configures, builds, runs ctest.
# Usage: scripts/test.sh [ctest args...]   (e.g. scripts/test.sh -L unit)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MPCTL_BUILD_DIR:-$root/build}"
jobs="${MPCTL_JOBS:-$(nproc)}"

bash "$root/scripts/deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs"
cd "$build"
ctest --output-on-failure -j "$jobs" --timeout 600 "$@"
