#!/usr/bin/env bash
# Supervision dashboard benchmark: generates N cases (default 1,000,000) in SQLite and
# PostgreSQL and prints how long the dashboard's statistics take for the supervisor's region.
# Usage: bash scripts/bench-supervision.sh [N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Its own target directory, as in bench-audit.sh: keeps the cargo-leptos release binary intact.
export CARGO_TARGET_DIR="$ROOT/target/bench"
cargo bench -p server --bench supervision -- "${1:-1000000}"
