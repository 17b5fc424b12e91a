#!/usr/bin/env bash
# Measures the server's memory while a large evidence file is uploaded and downloaded: starts
# the release build on a fresh demo database, streams a file of SIZE_MB (default 1024) MiB into
# an investigating case with curl, samples the server's resident memory every 0.1 s, and prints
# the figures. Usage: bash scripts/bench-upload.sh [SIZE_MB]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZE_MB="${1:-1024}"
WORK="$ROOT/.bench-upload"
rm -rf "$WORK" && mkdir -p "$WORK"
export TIANPING_DATA_DIR="$WORK/data" LEPTOS_SITE_ADDR="127.0.0.1:3170" LEPTOS_SITE_ROOT="$ROOT/target/site"
export TIANPING_DEMO_PASSWORD="Bench-Password-2026"
unset DATABASE_URL
BIN="$ROOT/target/release/tianping"
[ -x "$BIN" ] || { echo "build first: cargo leptos build --release" >&2; exit 1; }
"$BIN" seed --demo > /dev/null
"$BIN" serve > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://$LEPTOS_SITE_ADDR/healthz" >/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }
TOKEN=$(curl -fs -H 'content-type: application/json' -d "{\"username\":\"officer.zhang\",\"password\":\"$TIANPING_DEMO_PASSWORD\"}" "http://$LEPTOS_SITE_ADDR/api/v1/auth/login" | sed 's/.*"token":"\([^"]*\)".*/\1/')
CASE=$(curl -fs -H "authorization: Bearer $TOKEN" "http://$LEPTOS_SITE_ADDR/api/v1/cases?state=investigating" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
ZHANG=$(curl -fs -H "authorization: Bearer $TOKEN" "http://$LEPTOS_SITE_ADDR/api/v1/me" | grep -o '"user_id":[0-9]*' | cut -d: -f2)
LI=$(curl -fs -H "authorization: Bearer $TOKEN" "http://$LEPTOS_SITE_ADDR/api/v1/users" | grep -o '"id":[0-9]*,"username":"officer.li"' | grep -o '[0-9]*' | head -1)
echo "case $CASE, officers $ZHANG and $LI; creating a ${SIZE_MB} MiB file"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$WORK/big.bin"
BEFORE=$(rss)
PEAK=$BEFORE
( while kill -0 $SERVER 2>/dev/null; do r=$(rss); [ "$r" -gt "$(cat "$WORK/peak" 2>/dev/null || echo 0)" ] && echo "$r" > "$WORK/peak"; sleep 0.1; done ) &
SAMPLER=$!
START=$(date +%s.%N)
curl -fs -o "$WORK/upload.json" -H "authorization: Bearer $TOKEN" \
  -F kind=video -F title=执法记录仪视频 -F "collected_at=$(TZ=Asia/Shanghai date +%Y-%m-%dT00:01)" -F location=临江市 \
  -F "officer_1=$ZHANG" -F "officer_2=$LI" -F "file=@$WORK/big.bin;type=video/mp4" \
  "http://$LEPTOS_SITE_ADDR/api/v1/cases/$CASE/evidence"
END=$(date +%s.%N)
UPLOAD_PEAK=$(cat "$WORK/peak")
ID=$(grep -o '[0-9]*' "$WORK/upload.json" | head -1)
START2=$(date +%s.%N)
curl -fs -H "authorization: Bearer $TOKEN" "http://$LEPTOS_SITE_ADDR/api/v1/evidence/$ID/file" | sha256sum | cut -c1-64 > "$WORK/down.sha"
END2=$(date +%s.%N)
kill $SAMPLER 2>/dev/null || true
PEAK=$(cat "$WORK/peak")
UP_SHA=$(sha256sum "$WORK/big.bin" | cut -c1-64)
echo "file:            ${SIZE_MB} MiB, sha256 ${UP_SHA:0:16}…, download matches: $([ "$UP_SHA" = "$(cat "$WORK/down.sha")" ] && echo yes || echo NO)"
echo "server RSS:      before ${BEFORE} KiB, peak during upload ${UPLOAD_PEAK} KiB, peak incl. download ${PEAK} KiB"
echo "upload time:     $(awk "BEGIN {printf \"%.1f\", $END - $START}") s; download time: $(awk "BEGIN {printf \"%.1f\", $END2 - $START2}") s"
rm -f "$WORK/big.bin"
