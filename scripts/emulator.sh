# Sourceable helpers that run mpctl-emulator for the demo and for manual trials.
#
#   source scripts/emulator.sh
#   emulator_start build /tmp/work [extra emulator flags...]   # prints "listening on ..."
#   ... mpctl plan -f examples/minimal/mpctl.yaml ...
#   emulator_stop                                              # SIGTERM, waits, exit status 0
#
# emulator_start makes a fresh admin RSA key pair in WORK (never committed), and a test CA
# with a business certificate for organisation 310000108 in WORK/admin.p12 (password in
# MPCTL_TEST_ADMIN_P12_PASSWORD), starts the emulator on a free port with
# examples/emulator-seed.yaml and WORK/state.json, waits for its "listening on" line (no
# sleeps) and exports what the example manifests read: MPCTL_TEST_API_URL,
# MPCTL_TEST_AUTH_SERVER, MPCTL_TEST_ADMIN_CLIENT_ID, MPCTL_TEST_ADMIN_KEY (the private key
# PEM), MPCTL_DEMO_ADMIN_PUBLIC_KEY and MPCTL_DEMO_CA_CERT (the seed reads them), plus
# MPCTL_EMULATOR_URL and MPCTL_EMULATOR_PID. With "--admin-auth certificate" among the flags,
# only admin.p12 signs in (manifest: certificate_file + password_env).

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
  emulator_make_certificates "$work" || return 1
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

# A throwaway test CA (WORK/ca.pem) and a business certificate it issued to 310000108, with
# its key, as WORK/admin.p12. Never use these outside tests.
emulator_make_certificates() {
  local work="$1"
  export MPCTL_DEMO_CA_CERT="$work/ca.pem"
  # Kept with the files, so that a second start (same state file, same CA) still opens it.
  if [[ ! -f "$work/admin.p12.password" ]]; then
    (umask 077 && openssl rand -hex 12 >"$work/admin.p12.password") || return 1
  fi
  MPCTL_TEST_ADMIN_P12_PASSWORD="$(cat "$work/admin.p12.password")"
  export MPCTL_TEST_ADMIN_P12_PASSWORD
  [[ -f "$work/admin.p12" && -f "$work/ca.pem" ]] && return 0
  (
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" \
      -days 2 -subj "/CN=mpctl demo test CA" 2>/dev/null &&
      openssl req -new -newkey rsa:2048 -nodes -keyout "$work/business.key" \
        -out "$work/business.csr" -subj "/CN=Demo Payments AS/serialNumber=310000108" \
        2>/dev/null &&
      openssl x509 -req -in "$work/business.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
        -set_serial "0x$(openssl rand -hex 8)" -days 2 -out "$work/business.pem" 2>/dev/null &&
      openssl pkcs12 -export -inkey "$work/business.key" -in "$work/business.pem" \
        -certfile "$work/ca.pem" -out "$work/admin.p12" \
        -passout env:MPCTL_TEST_ADMIN_P12_PASSWORD
  )
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
