# Sourceable helpers that run mpctl-emulator for the demo and for manual trials.
#
#   source scripts/emulator.sh
#   emulator_start build /tmp/work [extra emulator flags...]   # prints "listening on ..."
#   ... mpctl plan -f examples/minimal/mpctl.yaml ...
#   emulator_stop                                              # SIGTERM, waits, exit status 0
#
# emulator_start makes a fresh admin RSA key pair in WORK (never committed), starts the
# emulator on a free port with examples/emulator-seed.yaml and WORK/state.json, waits for its
# "listening on" line (no sleeps) and exports what the example manifests read:
# MPCTL_TEST_API_URL, MPCTL_TEST_AUTH_SERVER, MPCTL_TEST_ADMIN_CLIENT_ID, MPCTL_TEST_ADMIN_KEY
# (the private key PEM) and MPCTL_DEMO_ADMIN_PUBLIC_KEY (the seed reads it), plus
# MPCTL_EMULATOR_URL and MPCTL_EMULATOR_PID.

emulator_start() {
  local build="${1:?usage: emulator_start BUILD_DIR WORK_DIR [flags...]}"
  local work="${2:?usage: emulator_start BUILD_DIR WORK_DIR [flags...]}"
  shift 2
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  mkdir -p "$work"
  if [[ ! -f "$work/admin.key" ]]; then
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
      -out "$work/admin.key" 2>/dev/null) || return 1
  fi
  openssl pkey -in "$work/admin.key" -pubout -out "$work/admin.pub.pem" || return 1
  export MPCTL_DEMO_ADMIN_PUBLIC_KEY="$work/admin.pub.pem"
  rm -f "$work/emulator.out"
  mkfifo "$work/emulator.out"
  "$build/cmd/mpctl-emulator/mpctl-emulator" --seed "$root/examples/emulator-seed.yaml" \
    --state "$work/state.json" "$@" >"$work/emulator.out" &
  MPCTL_EMULATOR_PID=$!
  exec {MPCTL_EMULATOR_FD}<"$work/emulator.out"
  local line=""
  if ! read -r -t 30 line <&"$MPCTL_EMULATOR_FD" || [[ "$line" != "listening on "* ]]; then
    echo "emulator did not start" >&2
    kill "$MPCTL_EMULATOR_PID" 2>/dev/null
    return 1
  fi
  echo "$line"
  export MPCTL_EMULATOR_PID
  export MPCTL_EMULATOR_URL="${line#listening on }"
  export MPCTL_TEST_API_URL="$MPCTL_EMULATOR_URL/api/v1"
  export MPCTL_TEST_AUTH_SERVER="$MPCTL_EMULATOR_URL/"
  export MPCTL_TEST_ADMIN_CLIENT_ID=demo-admin
  MPCTL_TEST_ADMIN_KEY="$(cat "$work/admin.key")"
  export MPCTL_TEST_ADMIN_KEY
}

emulator_stop() {
  [[ -n "${MPCTL_EMULATOR_PID:-}" ]] || return 0
  kill -TERM "$MPCTL_EMULATOR_PID"
  local status=0
  wait "$MPCTL_EMULATOR_PID" || status=$?
  exec {MPCTL_EMULATOR_FD}<&-
  echo "emulator stopped (exit status $status)"
  unset MPCTL_EMULATOR_PID
  return "$status"
}
