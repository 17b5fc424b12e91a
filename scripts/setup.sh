#!/usr/bin/env bash
# Idempotent installation of everything Tianping needs to build (`setup.sh build`)
# or to build and test (`setup.sh test`). A second run skips every install.
set -euo pipefail

MODE="${1:-build}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"
WASM_BINDGEN_VERSION="0.2.129"
BINARYEN_VERSION="132.0.0"
PLAYWRIGHT_VERSION="1.65"
NOTO_SERIF_VERSION="0.4.3"
SCHEMATHESIS_VERSION="4.32.5"

export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"

log() { printf '[setup] %s\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  log "cargo install wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (about 2 min)"
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}" --locked
fi

if ! cargo leptos --version 2>/dev/null | grep -q "${CARGO_LEPTOS_VERSION}"; then
  log "cargo install cargo-leptos ${CARGO_LEPTOS_VERSION} (about 13 min)"
  cargo install cargo-leptos --version "${CARGO_LEPTOS_VERSION}" --locked
fi

# wasm-opt for release builds: binaryen 132 from npm. Debian's binaryen (v108) breaks hydration.
if ! "$ROOT/.tools/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version 132"; then
  log "npm install binaryen@${BINARYEN_VERSION}"
  mkdir -p "$ROOT/.tools"
  (cd "$ROOT/.tools" && { [ -f package.json ] || echo '{"private":true}' > package.json; } \
    && npm install --silent --no-audit --no-fund "binaryen@${BINARYEN_VERSION}")
fi

# CJK font for official documents (PDF): Noto Serif SC, SIL OFL 1.1, from the npm registry.
# Only the weight used and the licence are kept; nothing large is committed.
FONT_DIR="$ROOT/.tools/fonts"
if [ ! -f "$FONT_DIR/NotoSerifSC-Regular.ttf" ]; then
  log "npm pack @expo-google-fonts/noto-serif-sc@${NOTO_SERIF_VERSION} (about 69 MB)"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "@expo-google-fonts/noto-serif-sc@${NOTO_SERIF_VERSION}" >/dev/null \
    && tar xzf ./*.tgz package/400Regular/NotoSerifSC_400Regular.ttf package/LICENSE_FONT)
  mkdir -p "$FONT_DIR"
  cp "$tmp/package/LICENSE_FONT" "$FONT_DIR/LICENSE-NotoSerifSC.txt" 2>/dev/null || true
  cp "$tmp/package/400Regular/NotoSerifSC_400Regular.ttf" "$FONT_DIR/NotoSerifSC-Regular.ttf.part"
  mv "$FONT_DIR/NotoSerifSC-Regular.ttf.part" "$FONT_DIR/NotoSerifSC-Regular.ttf"
  rm -rf "$tmp"
fi

if [ "$MODE" = "test" ]; then
  apt_install chromium poppler-utils sqlite3 fonts-wqy-microhei
  # Reinstall when package.json changed since the last install (a stamp holds its hash).
  stamp="$ROOT/end2end/node_modules/.tianping-package-hash"
  want="$(sha256sum "$ROOT/end2end/package.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "npm install (end2end, Playwright ${PLAYWRIGHT_VERSION}, axe-core; no browser download)"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund)
    echo "$want" > "$stamp"
  fi
  # The API fuzzer (scripts/fuzz-api.sh), from PyPI into a venv of its own.
  VENV="$ROOT/.tools/venv"
  if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q " ${SCHEMATHESIS_VERSION}\$"; then
    log "pip install schemathesis ${SCHEMATHESIS_VERSION} (into .tools/venv)"
    apt_install python3-venv
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==${SCHEMATHESIS_VERSION}"
  fi
fi
log "ready ($MODE)"
