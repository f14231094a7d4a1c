#!/usr/bin/env bash
# The demo: the whole mpctl story against a local emulator, on a fresh Debian 12 machine.
#   validate → plan (changes) → apply → plan (no changes) → edit → plan (one update) → apply
#   → the same against an emulator that takes only business certificates (--admin-auth certificate)
# Nothing here talks to Digdir: mpctl-emulator stands in for Maskinporten and the portal API.
# Usage: bash scripts/demo.sh      (MPCTL_BUILD_DIR to build elsewhere; default ./build)
#        MPCTL_BIN_DIR=/usr/bin bash scripts/demo.sh   (installed binaries; nothing is built)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MPCTL_BUILD_DIR:-$root/build}"
bin="${MPCTL_BIN_DIR:-}"

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain"; }

if [ -z "$bin" ]; then
  say "Installing what is missing and building mpctl and mpctl-emulator"
  bash "$root/scripts/deps.sh"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j "$(nproc)" --target mpctl mpctl-emulator | tail -n 1
  mpctl_bin="$build/cmd/mpctl/mpctl" emulator_bin="$build/cmd/mpctl-emulator/mpctl-emulator"
else
  say "Using the installed mpctl and mpctl-emulator in $bin"
  mpctl_bin="$bin/mpctl" emulator_bin="$bin/mpctl-emulator"
fi

work="$(mktemp -d /tmp/mpctl-demo-XXXXXX)"
emulator_pid=""
stop() {
  if [ -n "$emulator_pid" ] && kill -TERM "$emulator_pid" 2>/dev/null; then
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

say "Generating a throwaway admin key pair in $work (never committed)"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/admin.pem" 2>/dev/null
openssl pkey -in "$work/admin.pem" -pubout -out "$work/admin.pub.pem"
export MPCTL_DEMO_ADMIN_PUBLIC_KEY="$work/admin.pub.pem"   # the seed registers this key
# A throwaway test CA (the seed trusts it) and a business certificate it issued to the demo
# organisation, as admin.p12 with a random password (for step 9).
source "$root/scripts/emulator.sh"
emulator_make_certificates "$work"

# Starts the emulator (extra flags: $@) on a free port with the state in $work; sets base_url.
start_emulator() {
  coproc EMULATOR { exec "$emulator_bin" --port 0 \
    --seed "$root/examples/emulator-seed.yaml" --state "$work/state.json" "$@" \
    2>"$work/emulator.log"; }
  emulator_pid="$EMULATOR_PID"
  if ! read -r -t 30 line <&"${EMULATOR[0]}" || [[ "$line" != "listening on "* ]]; then
    echo "demo: the emulator did not start:" >&2
    cat "$work/emulator.log" >&2
    exit 1
  fi
  base_url="${line#listening on }"
  echo "$line"
  export MPCTL_TEST_API_URL="$base_url/api/v1"
  export MPCTL_TEST_AUTH_SERVER="$base_url/"
}

say "Starting mpctl-emulator on a free port (seed: examples/emulator-seed.yaml)"
start_emulator

# What examples/minimal/mpctl.yaml reads from the environment: where the portal and the
# token endpoint are (start_emulator set those), and the admin client's id and private key.
export MPCTL_TEST_ADMIN_CLIENT_ID=demo-admin
MPCTL_TEST_ADMIN_KEY="$(cat "$work/admin.pem")"
export MPCTL_TEST_ADMIN_KEY

# Runs mpctl and shows it as typed; fails the demo unless it exits with `expected`.
mpctl() {
  local expected="$1"
  shift
  printf '\n%s$ mpctl %s%s\n' "$bold" "$*" "$plain"
  local status=0
  "$mpctl_bin" "$@" || status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "demo: 'mpctl $*' exited $status, expected $expected" >&2
    exit 1
  fi
}

writes() { curl -fsS "$base_url/__emulator/stats" | grep -o '"writes":[0-9]*' | cut -d: -f2; }

cd "$root"
manifest=examples/minimal/mpctl.yaml

say "1. Validate the manifest (offline, no API call)"
mpctl 0 validate -f "$manifest"

say "2. Plan: nothing exists yet, so everything is created (exit code 2: changes pending)"
mpctl 2 plan -f "$manifest" --detailed-exitcode

say "3. Apply"
mpctl 0 apply -f "$manifest" --auto-approve

say "4. Plan again: the portal now matches the manifest (exit code 0)"
mpctl 0 plan -f "$manifest" --detailed-exitcode
echo "(writes the emulator has seen so far: $(writes))"

say "5. Edit the manifest (a copy in $work): rename the client"
cp -r examples/minimal "$work/edited"
sed -i 's/display_name: Invoice sync$/display_name: Invoice sync (renamed)/' "$work/edited/mpctl.yaml"
diff -u examples/minimal/mpctl.yaml "$work/edited/mpctl.yaml" | tail -n +3 || true

say "6. Plan the edit and save it: exactly one update"
cd "$work/edited"
mpctl 2 plan --detailed-exitcode --out plan.json

say "7. Apply the saved plan (checked against the manifest and the live state first)"
before="$(writes)"
mpctl 0 apply plan.json
echo "(write requests made by this apply: $(( $(writes) - before )))"

say "8. A second apply of the same manifest changes nothing"
mpctl 0 apply --auto-approve

say "9. The same world behind an emulator that takes only business certificates"
kill -TERM "$emulator_pid" && wait "$emulator_pid" || true
start_emulator --admin-auth certificate
echo "(the admin key by kid is now refused:)"
mpctl 1 plan --detailed-exitcode
cp -r "$work/edited" "$work/certificate"
sed -i -e "s|key_env: MPCTL_TEST_ADMIN_KEY$|certificate_file: $work/admin.p12|" \
  -e 's|kid: demo-admin-test$|password_env: MPCTL_TEST_ADMIN_P12_PASSWORD|' \
  "$work/certificate/mpctl.yaml"
cd "$work/certificate"
grep -A 3 'admin_client:' mpctl.yaml
echo "(signed in with the PKCS#12 business certificate: no changes)"
mpctl 0 plan --detailed-exitcode

say "Done: the emulator stops now"
