#!/usr/bin/env bash
# The completion scripts load, and complete every command and every flag that --help lists
# (they are made from the same table, so this fails when that link breaks).
# Usage: completion_test.sh MPCTL
set -euo pipefail
mpctl="${1:?usage: completion_test.sh MPCTL}"
fail() { echo "completion_test: $*" >&2; exit 1; }

script="$("$mpctl" completion bash)"
bash -c "source <(\"$mpctl\" completion bash) && complete -p mpctl" | grep -q -- '-F _mpctl mpctl' ||
  fail "'complete -p mpctl' does not show the function after sourcing"

# COMPREPLY for the words of a command line (the last one is being completed).
complete_words() {
  bash -c 'source /dev/stdin <<<"$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mpctl;
           printf "%s\n" "${COMPREPLY[@]}"' _ "$script" "$@"
}

commands="$("$mpctl" --help | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 {print $1}')"
[ -n "$commands" ] || fail "no commands in 'mpctl --help'"
got="$(complete_words mpctl '')"
for c in $commands; do
  grep -qx -- "$c" <<<"$got" || fail "command '$c' is not completed"
done
for c in $commands; do
  case "$c" in
    keys) lines=("keys generate" "keys inspect") ;;
    completion | man) continue ;;
    *) lines=("$c") ;;
  esac
  for line in "${lines[@]}"; do
    # shellcheck disable=SC2086
    flags="$("$mpctl" $line --help | grep -oE '^  (-[a-z] \[ )?--[a-z-]+' | grep -oE -- '--[a-z-]+')"
    [ -n "$flags" ] || fail "no flags in 'mpctl $line --help'"
    # shellcheck disable=SC2086
    got="$(complete_words mpctl $line --)"
    for f in $flags; do
      grep -qx -- "$f" <<<"$got" || fail "'mpctl $line $f' is not completed"
    done
  done
done
[ "$(complete_words mpctl plan --format '')" = "$(printf 'text\nmarkdown\njson')" ] ||
  fail "plan --format values are not completed"

zsh_script="$("$mpctl" completion zsh)"
if ! grep -q '^complete -F _mpctl mpctl$' <<<"$zsh_script"; then
  fail "the zsh script does not register the completion"
fi
fish_script="$("$mpctl" completion fish)"
grep -q "complete -c mpctl -n '__fish_seen_subcommand_from output' -l format -x -a 'text json env'" \
  <<<"$fish_script" || fail "fish does not complete 'output --format'"

# The man page renders with man -l and names every command.
trap 'rm -f /tmp/mpctl-man-$$.txt /tmp/mpctl-man-$$.err' EXIT
LC_ALL=C MANWIDTH=100 man --warnings -l <("$mpctl" man) >/tmp/mpctl-man-$$.txt 2>/tmp/mpctl-man-$$.err ||
  fail "man -l failed"
[ ! -s /tmp/mpctl-man-$$.err ] || fail "man -l warned: $(cat /tmp/mpctl-man-$$.err)"
for c in $commands; do
  grep -q "mpctl $c" /tmp/mpctl-man-$$.txt || fail "the man page lacks 'mpctl $c'"
done
echo "completion_test: ok"
