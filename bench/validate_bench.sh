#!/usr/bin/env bash
# Times `mpctl validate` on a generated manifest of N clients (default 1000), each with
# 2 keys (a few public key files shared by all) and 3 scopes, in test and prod.
# Usage: bench/validate_bench.sh [N] [path/to/mpctl]   (run from anywhere after a build)
# Target (README, Benchmarks): 1,000 clients well under a second.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clients="${1:-1000}"
mpctl="${2:-$root/build/cmd/mpctl/mpctl}"
[[ -x "$mpctl" ]] || { echo "validate_bench: build first; no executable at $mpctl" >&2; exit 1; }

# MPCTL_BENCH_DIR keeps the generated manifest there for a closer look (e.g. with perf).
if [[ -n "${MPCTL_BENCH_DIR:-}" ]]; then
  dir="$MPCTL_BENCH_DIR"
else
  dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir/keys"
cp "$root/examples/minimal/keys/invoice-sync-2026-11.pub.pem" "$dir/keys/a.pub.pem"
cp "$root/examples/test-prod/keys/reporting-2026-05.pub.pem" "$dir/keys/b.pub.pem"
cp "$root/examples/test-prod/keys/invoice-sync-test-2026-11.pub.pem" "$dir/keys/c.pub.pem"

{
  cat <<'YAML'
apiVersion: mpctl/v1
owner: bench
environments:
  test:
    organization: "310000108"
    admin_client: {client_id: bench-test, token_env: BENCH_TOKEN}
  prod:
    organization: "987654325"
    admin_client: {client_id: bench-prod, token_env: BENCH_TOKEN}
clients:
YAML
  for ((i = 0; i < clients; i++)); do
    cat <<YAML
  client-$i:
    display_name: Bench client $i
    description: Generated for the validate benchmark
    scopes: [skatteetaten:mvameldingvalidering, skatteetaten:mvameldinginnsending, bench:scope-$((i % 7))]
    keys:
      - {kid: client-$i-a, pem_file: keys/a.pub.pem}
      - {kid: client-$i-b, pem_file: keys/b.pub.pem}
    overrides:
      prod:
        client_id: 00000000-0000-4000-8000-$(printf '%012d' "$i")
        keys:
          - {kid: client-$i-prod, pem_file: keys/c.pub.pem}
YAML
  done
} >"$dir/mpctl.yaml"

echo "manifest: $clients clients, $(wc -l <"$dir/mpctl.yaml") lines, $(wc -c <"$dir/mpctl.yaml") bytes"
start=$(date +%s%N)
"$mpctl" validate -f "$dir/mpctl.yaml" 2> >(head -5 >&2)
end=$(date +%s%N)
echo "mpctl validate: $(((end - start) / 1000000)) ms"
