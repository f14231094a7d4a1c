#!/usr/bin/env bash
# Fails when a file in lib/<m>/ includes a header of a module that <m> may not use
# (README, "Architecture"). Usage: module_deps.sh LIB_DIR
set -euo pipefail
lib="${1:?usage: module_deps.sh LIB_DIR}"

declare -A allowed=(
  [base]=""
  [crypto]="base"
  [model]="base"
  [manifest]="model crypto base"
  [plan]="model crypto base"
  [planner]="plan model base"
  [envdiff]="manifest model base"
  [render]="plan model base"
  [auth]="crypto base"
  [portal]="auth crypto model base"
  [applier]="plan portal model base"
  [emulator]="crypto base"
)
# Third-party headers each module may include (README: "each library in as few places").
declare -A third_party=(
  [yaml-cpp]="manifest emulator"
  [curl]="portal base"
  [openssl]="crypto"
  [boost]=""
  [httplib.h]="emulator"
)

status=0
for dir in "$lib"/*/; do
  m="$(basename "$dir")"
  if [[ -z "${allowed[$m]+x}" ]]; then
    echo "module_deps: lib/$m is not in the module graph; add it to README and this script"
    status=1
    continue
  fi
  while IFS= read -r line; do
    file="${line%%:*}"
    inc="$(sed -E 's/.*#include [<"]([^">]+)[">].*/\1/' <<<"$line")"
    first="${inc%%/*}"
    if [[ "$inc" == */* && -d "$lib/$first" && "$first" != "$m" ]]; then
      if [[ " ${allowed[$m]} " != *" $first "* ]]; then
        echo "module_deps: ${file#$lib/} includes '$inc', but $m may not use $first"
        status=1
      fi
    fi
    for tp in "${!third_party[@]}"; do
      if [[ "$first" == "$tp" || "$inc" == "$tp" ]]; then
        if [[ " ${third_party[$tp]} " != *" $m "* ]]; then
          echo "module_deps: ${file#$lib/} includes '$inc', which only ${third_party[$tp]:-cmd/} may use"
          status=1
        fi
      fi
    done
  done < <(grep -rHE '^\s*#\s*include\s*[<"]' "$dir" || true)
done
if [[ $status -eq 0 ]]; then echo "module_deps: ok"; fi
exit $status
