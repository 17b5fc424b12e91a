#!/usr/bin/env bash
# Weight and caching of what a first visit downloads (issue 22), against a running release
# build: BASE_URL (default http://127.0.0.1:3100). For each kind of page it prints the assets
# the page loads with their size raw, gzip and brotli as served; it fails when an asset is not
# served precompressed (br and gzip) with a content hash in its name and an immutable
# Cache-Control, when a page's HTML is not compressed, or when the shell's wasm is over its
# budget (WASM_BUDGET_BR bytes of brotli). The split bundle's chunks, which the pages fetch as
# they need them, are checked the same way from the site's pkg directory (LEPTOS_SITE_ROOT);
# what each page loads in all is measured in a browser by end2end/first-visit.mjs.
set -euo pipefail
BASE="${BASE_URL:-http://127.0.0.1:3100}"
BUDGET="${WASM_BUDGET_BR:-300000}"
fail=0
problem() { echo "FAIL: $*" >&2; fail=1; }

header() { # url encoding name
  curl -sS -o /dev/null -D - -H "Accept-Encoding: $2" "$1" | tr -d '\r' \
    | awk -v h="$(tr '[:upper:]' '[:lower:]' <<<"$3")" -F': ' 'tolower($1) == h { print $2 }' | tail -1
}
size() { # url encoding
  curl -sS -H "Accept-Encoding: $2" "$1" | wc -c
}

# One served asset: precompressed (br and gzip), cached as immutable, its content hash in its name.
check_asset() { # /pkg/name
  local url="$BASE$1"
  [ "$(header "$url" br content-encoding)" = br ] || problem "$1: not served as brotli"
  [ "$(header "$url" gzip content-encoding)" = gzip ] || problem "$1: not served as gzip"
  [ "$(header "$url" br cache-control)" = "public, max-age=31536000, immutable" ] \
    || problem "$1: not cached as immutable ($(header "$url" br cache-control))"
  [[ "$(basename "$1")" =~ \.[A-Za-z0-9_-]{22}\.[a-z]+$ ]] || problem "$1: no content hash in its name"
}

printf '%-22s %-44s %10s %10s %10s\n' page asset raw gzip brotli
declare -A seen
for page in / /portal/decisions /portal/complaints /login; do
  html="$(curl -sS "$BASE$page")"
  [ "$(header "$BASE$page" br content-encoding)" = br ] || problem "$page: HTML not compressed"
  mapfile -t assets < <(grep -oE '/pkg/[A-Za-z0-9._-]+\.(js|wasm|css)' <<<"$html" | sort -u)
  [ "${#assets[@]}" -ge 3 ] || problem "$page: expected its js, wasm and css, found: ${assets[*]:-none}"
  for a in "${assets[@]}"; do
    url="$BASE$a"
    raw=$(size "$url" identity); gz=$(size "$url" gzip); br=$(size "$url" br)
    printf '%-22s %-44s %10d %10d %10d\n' "$page" "$a" "$raw" "$gz" "$br"
    [ -n "${seen[$a]:-}" ] && continue
    seen[$a]=1
    check_asset "$a"
    if [[ "$a" == *.wasm ]] && [ "$br" -gt "$BUDGET" ]; then
      problem "$a: $br bytes of brotli, over the budget of $BUDGET"
    fi
  done
done
# Every file of the bundle (the split chunks included), as served.
PKG="${LEPTOS_SITE_ROOT:-target/site}/pkg"
checked=0
while IFS= read -r f; do
  [ -n "${seen[/pkg/$f]:-}" ] && continue
  check_asset "/pkg/$f"
  checked=$((checked + 1))
done < <(ls "$PKG" | grep -E '\.(wasm|js)$')
echo "bundle files checked besides the pages' own: $checked"
[ "$(header "$BASE/favicon.svg" identity content-type)" = "image/svg+xml" ] || problem "no favicon"
if [ "$fail" -ne 0 ]; then
  exit 1
fi
echo "assets: every one precompressed (br, gzip), content-hashed and immutable; the shell's wasm within ${BUDGET} bytes of brotli"
