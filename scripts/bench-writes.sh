#!/usr/bin/env bash
# Write benchmark (issue 21): audited writes/s and p50/p95/p99 at 1, 8 and 32 concurrent
# writers, with a reader's throughput beside them, on SQLite and PostgreSQL (and two servers on
# one PostgreSQL database). Usage: bash scripts/bench-writes.sh [SECONDS per step, default 5]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Its own target directory: a bench build would otherwise replace the release binary that
# cargo-leptos built (with its site settings) under target/release.
export CARGO_TARGET_DIR="$ROOT/target/bench"
export TIANPING_TEST_PG_URL="${TIANPING_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
cargo bench -p server --bench writes -- "${1:-5}"
