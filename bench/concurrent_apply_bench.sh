#!/usr/bin/env bash
# Concurrent applies of one manifest against one emulator must leave one client per entry.
# For each seed, resets the emulator, starts RUNS `mpctl apply --auto-approve` of CLIENTS
# clients at once, waits, then reads the emulator's state file and prints, per run count and
# seed, the clients per tag (min/max over entries), entries with their key, and deletions made
# by a run that had not created the client it deleted (from each run's -v log and output).
# Usage: bench/concurrent_apply_bench.sh [CLIENTS=50] [SEEDS=10] [RUNS="2 4"] [LATENCY_MS=50]
# Exits 1 if any entry ends with other than one client, a key is missing, or a run deleted a
# client it did not create. Not a timed test: run it by hand after a build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MPCTL_BUILD_DIR:-$root/build}"
clients="${1:-50}"
seeds="${2:-10}"
runs_list="${3:-2 4}"
latency="${4:-50}"
mpctl="$build/cmd/mpctl/mpctl"
emulator="$build/cmd/mpctl-emulator/mpctl-emulator"
for tool in "$mpctl" "$emulator"; do
  [[ -x "$tool" ]] || { echo "concurrent_apply_bench: build first; no $tool" >&2; exit 1; }
done
command -v jq >/dev/null || { echo "concurrent_apply_bench: needs jq (scripts/deps.sh)" >&2; exit 1; }

work="$(mktemp -d /tmp/mpctl-concurrent-XXXXXX)"
emulator_pid=""
stop_emulator() {
  if [[ -n "$emulator_pid" ]] && kill -TERM "$emulator_pid" 2>/dev/null; then
    wait "$emulator_pid" 2>/dev/null || true
  fi
  emulator_pid=""
}
trap 'stop_emulator; rm -rf "$work"' EXIT

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/admin.pem" 2>/dev/null
openssl pkey -in "$work/admin.pem" -pubout -out "$work/admin.pub.pem"
export MPCTL_DEMO_ADMIN_PUBLIC_KEY="$work/admin.pub.pem"
# The example seed also trusts a test CA (MPCTL_DEMO_CA_CERT); made as for the demo.
source "$root/scripts/emulator.sh"
emulator_make_certificates "$work" || { echo "concurrent_apply_bench: no test CA" >&2; exit 1; }
MPCTL_BENCH_ADMIN_KEY="$(cat "$work/admin.pem")"
export MPCTL_BENCH_ADMIN_KEY
mkdir -p "$work/keys"
cp "$root/examples/minimal/keys/invoice-sync-2026-11.pub.pem" "$work/keys/k.pub.pem"

# Starts the emulator with the jitter seeded by $1; sets base_url.
start_emulator() {
  rm -f "$work/state.json"
  coproc EMULATOR { exec "$emulator" --port 0 --seed "$root/examples/emulator-seed.yaml" \
    --state "$work/state.json" --latency "$latency" --latency-jitter "$((latency / 2))" \
    --fault-seed "$1" 2>"$work/emulator.log"; }
  emulator_pid="$EMULATOR_PID"
  local line
  if ! read -r -t 30 line <&"${EMULATOR[0]}" || [[ "$line" != "listening on "* ]]; then
    echo "concurrent_apply_bench: the emulator did not start:" >&2
    cat "$work/emulator.log" >&2
    exit 1
  fi
  base_url="${line#listening on }"
}

write_manifest() {
  {
    cat <<YAML
apiVersion: mpctl/v1
environments:
  test:
    organization: "310000108"
    api_url: $base_url/api/v1
    auth_server: $base_url/
    admin_client: {client_id: demo-admin, key_env: MPCTL_BENCH_ADMIN_KEY, kid: demo-admin-test}
clients:
YAML
    for ((i = 0; i < clients; i++)); do
      cat <<YAML
  c$i:
    display_name: Concurrent $i
    scopes: [skatteetaten:mvameldingvalidering]
    keys:
      - {kid: c$i-key, pem_file: keys/k.pub.pem}
YAML
    done
  } >"$work/mpctl.yaml"
}

failed=0
printf '%-5s %-5s %-12s %-11s %-8s %-12s %-16s %-8s %s\n' runs seed "clients/tag" "entries ok" "keys ok" \
  "deleted own" "deleted not own" "wall ms" "apply exits"
for runs in $runs_list; do
  for ((seed = 1; seed <= seeds; seed++)); do
    start_emulator "$seed"
    write_manifest
    pids=()
    started="$(date +%s%N)"
    for ((r = 1; r <= runs; r++)); do
      (cd "$work" && exec "$mpctl" -v apply --auto-approve >"$work/run$r.out" 2>"$work/run$r.err") &
      pids+=("$!")
    done
    exits=""
    for pid in "${pids[@]}"; do
      status=0
      wait "$pid" || status=$?
      exits+="$status "
    done
    elapsed_ms=$((($(date +%s%N) - started) / 1000000))
    stop_emulator
    # Active clients per tag, and which tags have their key.
    per_tag="$(jq -r '[.clients | (if type == "object" then to_entries | map(.value) else . end)[]
      | select(.active != false)
      | {tag: ((.description // "") | capture("\\[mpctl:(?<t>[^]]+)\\]$").t // "none"),
         keys: ([(.jwks.keys // .keys // [])[] | .kid] | length)}]
      | group_by(.tag) | map({tag: .[0].tag, n: length, keyed: (map(.keys) | max)})' \
      "$work/state.json")"
    min="$(jq '[.[] | select(.tag != "none") | .n] | min // 0' <<<"$per_tag")"
    max="$(jq '[.[] | select(.tag != "none") | .n] | max // 0' <<<"$per_tag")"
    ok="$(jq '[.[] | select(.tag != "none" and .n == 1)] | length' <<<"$per_tag")"
    keyed="$(jq '[.[] | select(.tag != "none" and .keyed >= 1)] | length' <<<"$per_tag")"
    # Deletions: every DELETE /clients/ID a run sent must name a client that run created.
    own=0 not_own=0
    for ((r = 1; r <= runs; r++)); do
      while read -r id; do
        [[ -z "$id" ]] && continue
        if grep -q "created '$id'" "$work/run$r.out" "$work/run$r.err"; then own=$((own + 1)); else not_own=$((not_own + 1)); fi
      done < <(sed -n 's#^DELETE /api/v1/clients/\([^/ ]*\) -> .*#\1#p' "$work/run$r.err" | sort -u)
    done
    printf '%-5s %-5s %-12s %-11s %-8s %-12s %-16s %-8s %s\n' "$runs" "$seed" "$min..$max" \
      "$ok/$clients" "$keyed/$clients" "$own" "$not_own" "$elapsed_ms" "$exits"
    if [[ "$min" != 1 || "$max" != 1 || "$ok" != "$clients" || "$keyed" != "$clients" ||
          "$not_own" != 0 ]]; then
      failed=1
      cp -r "$work" "$work.failed-$runs-$seed" 2>/dev/null || true
      echo "  kept the runs' output in $work.failed-$runs-$seed" >&2
    fi
  done
done
exit "$failed"
