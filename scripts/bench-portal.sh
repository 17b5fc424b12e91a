#!/usr/bin/env bash
# Public portal benchmark: generates N published decisions (default 1,000,000) in SQLite and
# PostgreSQL, builds the search index, times searches, and loads the detail and search pages
# with wrk (32 connections on loopback).
# Usage: bash scripts/bench-portal.sh [N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null
fi
# Its own target directory, as in bench-audit.sh: keeps the cargo-leptos release binary intact.
export CARGO_TARGET_DIR="$ROOT/target/bench"
cargo bench -p server --bench portal -- "${1:-1000000}"
