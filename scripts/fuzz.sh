#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`, clang-14) and runs one of them.
# Usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer args...]
#        scripts/fuzz.sh --list
# TARGET: fuzz_manifest, fuzz_keys, fuzz_api_decoders, fuzz_plan_reader, fuzz_token_response.
# Runs from the committed seeds in tests/fuzz/corpus/TARGET; new inputs go to a scratch
# corpus (build-fuzz/corpus/TARGET), crashes to build-fuzz/findings/TARGET. Exit 1 on a finding.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MPCTL_FUZZ_BUILD_DIR:-$root/build-fuzz}"
targets=(fuzz_manifest fuzz_keys fuzz_api_decoders fuzz_plan_reader fuzz_token_response)

if [[ "${1:-}" == "--list" ]]; then printf '%s\n' "${targets[@]}"; exit 0; fi
target="${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer args...] (or --list)}"
seconds="${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer args...]}"
shift 2
if [[ " ${targets[*]} " != *" $target "* ]]; then
  echo "fuzz: unknown target '$target'; one of: ${targets[*]}" >&2
  exit 1
fi

bash "$root/scripts/deps.sh" --fuzz >/dev/null
if [[ ! -f "$build/build.ninja" ]]; then
  cmake -S "$root" -B "$build" --preset fuzz >/dev/null
fi
cmake --build "$build" --target "$target" -j "${MPCTL_JOBS:-2}" >/dev/null

seeds="$root/tests/fuzz/corpus/$target"
scratch="$build/corpus/$target"
findings="$build/findings/$target"
mkdir -p "$scratch" "$findings"
# -rss_limit_mb: the limits under test keep every input far below it.
"$build/tests/fuzz/$target" "$scratch" "$seeds" -max_total_time="$seconds" \
  -rss_limit_mb=1024 -timeout=10 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$findings/" "$@"
