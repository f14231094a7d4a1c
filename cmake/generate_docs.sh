#!/bin/sh
# Writes the man page and the completion scripts made by the built mpctl into OUT_DIR.
# Usage: generate_docs.sh MPCTL OUT_DIR
set -eu
mpctl="$1" out="$2"
mkdir -p "$out"
"$mpctl" man | gzip -9n >"$out/mpctl.1.gz"
for shell in bash zsh fish; do "$mpctl" completion "$shell" >"$out/mpctl.$shell"; done
