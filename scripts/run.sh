#!/usr/bin/env bash
# The run command: install what is missing, build the release, migrate, seed the demo data
# when the database is empty, print the demo accounts and serve on http://127.0.0.1:3000.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh build
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"
cargo leptos build --release --precompress --split
BIN="$ROOT/target/release/tianping"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$ROOT/target/site}"
"$BIN" migrate
if [ -n "${TIANPING_DEMO_PASSWORD:-}" ] || ! "$BIN" user list --json | grep -q '"username"'; then
  "$BIN" seed --demo
else
  echo "demo data already present (password unchanged; set TIANPING_DEMO_PASSWORD to reset it):"
  "$BIN" user list
fi
echo "serving on http://${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
exec "$BIN" serve
