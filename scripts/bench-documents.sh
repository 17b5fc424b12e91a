#!/usr/bin/env bash
# Document benchmark: penalty decisions composed and rendered to PDF per second (one thread,
# then every core) and their size. Usage: bash scripts/bench-documents.sh [N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh build
# Its own target directory, like the audit benchmark (see bench-audit.sh).
export CARGO_TARGET_DIR="$ROOT/target/bench"
export TIANPING_FONT_DIR="$ROOT/.tools/fonts"
cargo bench -p server --bench documents -- "${1:-400}"
