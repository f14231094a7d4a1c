#!/usr/bin/env bash
# The whole test suite (CI runs exactly this): installs missing packages, then
#   dev   configure, build, ctest (unit, golden, e2e)
#   asan  the same suite under AddressSanitizer + UBSan (preset asan, build-asan/)
#   fuzz  every libFuzzer target for MPCTL_FUZZ_SECONDS (default 10) from its seeds
#   tsan  (not by default) scripts/tsan.sh: ThreadSanitizer on the threaded tests
# Usage: scripts/test.sh [ctest args...]   (e.g. scripts/test.sh -L unit)
# MPCTL_TEST_STAGES picks stages (default "dev asan fuzz"; ctest args apply to dev and asan).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MPCTL_BUILD_DIR:-$root/build}"
jobs="${MPCTL_JOBS:-$(nproc)}"
stages=" ${MPCTL_TEST_STAGES:-dev asan fuzz} "

if [[ "$stages" == *" fuzz "* ]]; then
  bash "$root/scripts/deps.sh" --fuzz
else
  bash "$root/scripts/deps.sh"
fi

if [[ "$stages" == *" dev "* ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j "$jobs"
  (cd "$build" && ctest --output-on-failure -j "$jobs" --timeout 600 "$@")
fi

if [[ "$stages" == *" asan "* ]]; then
  (cd "$root" && cmake --preset asan >/dev/null && cmake --build build-asan -j "$jobs")
  (cd "$root/build-asan" && ctest --output-on-failure -j "$jobs" --timeout 900 "$@")
fi

if [[ "$stages" == *" tsan "* ]]; then
  bash "$root/scripts/tsan.sh" "$@"
fi

if [[ "$stages" == *" fuzz "* ]]; then
  for target in $(bash "$root/scripts/fuzz.sh" --list); do
    echo "fuzz: $target for ${MPCTL_FUZZ_SECONDS:-10} s"
    bash "$root/scripts/fuzz.sh" "$target" "${MPCTL_FUZZ_SECONDS:-10}" 2>&1 | tail -n 3
    [[ "${PIPESTATUS[0]}" -eq 0 ]] || { echo "fuzz: $target found a problem" >&2; exit 1; }
  done
fi
