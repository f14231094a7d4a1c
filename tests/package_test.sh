#!/usr/bin/env bash
# Builds the .deb from BUILD_DIR with cpack, installs it into a scratch root with `dpkg -x`
# (nothing on the machine changes), and runs the installed mpctl: --version, the man page,
# the bash completion and the whole demo against the installed mpctl-emulator.
# Usage: package_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="${1:?usage: package_test.sh SOURCE_DIR BUILD_DIR}"
build="${2:?usage: package_test.sh SOURCE_DIR BUILD_DIR}"
work="$(mktemp -d /tmp/mpctl-package-test-XXXXXX)"
trap 'rm -rf "$work"' EXIT
fail() { echo "package_test: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
version="$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")"
deb="$work/out/mpctl_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb; cpack made: $(ls "$work/out")"

depends="$(dpkg-deb -f "$deb" Depends)"
for lib in libc6 libstdc++6 libssl3 libcurl4 libyaml-cpp0.7 libboost-program-options1.74.0; do
  [[ ", $depends," == *", $lib "* || ", $depends," == *", $lib,"* ]] ||
    fail "Depends: lacks $lib: $depends"
done

dpkg -x "$deb" "$work/root"
for f in usr/bin/mpctl usr/bin/mpctl-emulator usr/share/mpctl/schemas/manifest.schema.json \
  usr/share/mpctl/schemas/plan.schema.json usr/share/mpctl/schemas/output.schema.json \
  usr/share/man/man1/mpctl.1.gz usr/share/bash-completion/completions/mpctl \
  usr/share/fish/vendor_completions.d/mpctl.fish usr/share/mpctl/completions/mpctl.zsh; do
  [ -e "$work/root/$f" ] || fail "the package lacks /$f"
done

got="$("$work/root/usr/bin/mpctl" --version)"
[ "$got" = "mpctl $version" ] || fail "--version printed '$got', expected 'mpctl $version'"

# The installed man page renders without groff warnings and documents every command.
LC_ALL=C MANWIDTH=100 man --warnings -l "$work/root/usr/share/man/man1/mpctl.1.gz" >"$work/man.txt" \
  2>"$work/man.err" || fail "man -l failed: $(cat "$work/man.err")"
[ ! -s "$work/man.err" ] || fail "man -l warned: $(cat "$work/man.err")"
for command in validate plan apply output check diff-env import keys completion; do
  grep -q "mpctl $command" "$work/man.txt" || fail "the man page does not describe '$command'"
done

bash -c "source '$work/root/usr/share/bash-completion/completions/mpctl' && complete -p mpctl" \
  >/dev/null || fail "the installed bash completion does not load"

MPCTL_BIN_DIR="$work/root/usr/bin" NO_COLOR=1 bash "$src/scripts/demo.sh" >"$work/demo.log" 2>&1 ||
  { cat "$work/demo.log" >&2; fail "the demo failed against the installed binaries"; }
grep -q "Using the installed mpctl and mpctl-emulator in $work/root/usr/bin" "$work/demo.log" ||
  fail "the demo did not use the installed binaries"
echo "package_test: ok ($(basename "$deb"), Depends: $depends)"
