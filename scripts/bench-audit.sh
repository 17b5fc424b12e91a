#!/usr/bin/env bash
# Audit-log benchmark: append throughput of a case change with its audit event against the
# bare update (SQLite and PostgreSQL), then full verification (chain and Merkle tree) of a
# generated log of N events (default 1,000,000) with its speed and peak memory.
# Usage: bash scripts/bench-audit.sh [N] [APPENDS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-1000000}"
APPENDS="${2:-2000}"
WORK="$ROOT/target/bench-audit"
# Its own target directory: a bench build would otherwise replace the release binary that
# cargo-leptos built (with its site settings) under target/release.
export CARGO_TARGET_DIR="$ROOT/target/bench"
cargo bench -p server --bench audit --no-run
cargo bench -p server --bench audit -- append "$APPENDS"
cargo bench -p server --bench audit -- generate "$WORK" "$N"
cargo bench -p server --bench audit -- verify "$WORK"
