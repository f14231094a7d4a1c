#!/usr/bin/env bash
# ThreadSanitizer run of the tests that exercise threads: the worker pool, Places and the
# Exchanger's bound, the parallel live
# read, the applier (unit and e2e, parallelism > 1), and the emulator under concurrent load.
# mpctl, mpctl-emulator and the test binaries are all built with -fsanitize=thread (preset
# tsan, build-tsan/); a data race makes the process exit 66 and its test fail.
# Not in CI by default (a third full build); MPCTL_TEST_STAGES=tsan scripts/test.sh runs it.
# Usage: scripts/tsan.sh [ctest args...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${MPCTL_JOBS:-$(nproc)}"
regex='WorkerPool|ParallelFor|SharedClientList|Places|ExchangerBound|GrantTokenSource|LiveState|Applier|Apply|PortalLive|EmulatorRobustness|EmulatorFaults'

bash "$root/scripts/deps.sh" >/dev/null
(cd "$root" && cmake --preset tsan >/dev/null && cmake --build build-tsan -j "$jobs")
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
(cd "$root/build-tsan" && ctest --output-on-failure -j "$jobs" --timeout 900 -R "$regex" "$@")
