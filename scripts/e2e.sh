#!/usr/bin/env bash
# End-to-end tests: the release build on a freshly seeded SQLite database, driven by
# Playwright in Debian's headless Chromium. Then the audit chain of that database is verified.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/.e2e"
rm -rf "$WORK" && mkdir -p "$WORK"
export TIANPING_DATA_DIR="$WORK/data"
export LEPTOS_SITE_ADDR="127.0.0.1:${E2E_PORT:-3100}"
export LEPTOS_SITE_ROOT="$ROOT/target/site"
export TIANPING_DEMO_PASSWORD="${TIANPING_DEMO_PASSWORD:-Tianping-Demo-2026}"
export TIANPING_DEMO_API_TOKEN="${TIANPING_DEMO_API_TOKEN:-tpk_demo-hotline-12345-not-for-real-use-2026}"
unset DATABASE_URL
BIN="$ROOT/target/release/tianping"
"$BIN" seed --demo > "$WORK/seed.log"
# The inspection journey reads the demo enterprises' supervision codes from the seed's output.
export TIANPING_E2E_SEED_LOG="$WORK/seed.log"
"$BIN" serve > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fsS "http://$LEPTOS_SITE_ADDR/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
echo "== What a first visit downloads: compressed, content-hashed, cached (issue 22) =="
BASE_URL="http://$LEPTOS_SITE_ADDR" bash scripts/check-assets.sh
echo "== What each kind of page loads in a browser, and when it is interactive on a throttled phone =="
(cd end2end && BASE_URL="http://$LEPTOS_SITE_ADDR" WASM_BUDGET_BR="${PAGE_WASM_BUDGET_BR:-1150000}" node first-visit.mjs)
status=0
(cd end2end && BASE_URL="http://$LEPTOS_SITE_ADDR" npx playwright test) || status=$?
kill "$SERVER" 2>/dev/null || true
wait "$SERVER" 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  echo "--- server log (tail) ---"; tail -50 "$WORK/server.log"
  exit "$status"
fi
echo "== audit verify after the end-to-end run (chain, Merkle tree, checkpoints, evidence files) =="
"$BIN" audit checkpoint > "$WORK/checkpoint.txt"
"$BIN" audit verify --checkpoint "$WORK/checkpoint.txt" --with-files

echo "== audit verify detects one edited byte and a deleted row (SQLite file, command line) =="
DB="$TIANPING_DATA_DIR/tianping.db"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
for tamper in "UPDATE audit_events SET payload = substr(payload, 1, 1) || '[' || substr(payload, 3) WHERE seq = 10" \
              "DELETE FROM audit_events WHERE seq = 10"; do
  cp "$DB" "$WORK/tampered.db"
  sqlite3 "$WORK/tampered.db" "$tamper"
  set +e
  out=$(DATABASE_URL="sqlite://$WORK/tampered.db" "$BIN" audit verify 2>&1)
  code=$?
  set -e
  echo "$out"
  if [ "$code" -eq 0 ] || ! grep -q "event 10" <<<"$out"; then
    echo "FAILED: audit verify did not name event 10 after: $tamper" >&2
    exit 1
  fi
done
echo "audit tamper checks: 2 passed, 0 failed"
