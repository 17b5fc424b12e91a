#!/usr/bin/env bash
# Sign-in under attack, measured on the release binary with the demo data (loopback):
#  1. 400 logins with made-up names, 64 at a time;
#  2. five waves of 50 concurrent correct logins;
#  3. 48 parallel guesses on one account with the right password among them.
# Prints the server's resident memory (now and peak) after each phase, the answers by status,
# and whether any 500 came back. Usage: bash scripts/bench-login.sh (after `cargo leptos build
# --release`; BIN= overrides the binary).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BIN:-$ROOT/target/release/tianping}"
[ -x "$BIN" ] || { echo "build first: cargo leptos build --release" >&2; exit 1; }
WORK="$(mktemp -d)"
PORT="${PORT:-3977}"
export TIANPING_DATA_DIR="$WORK/data" LEPTOS_SITE_ADDR="127.0.0.1:$PORT"
export LEPTOS_SITE_ROOT="$ROOT/target/site" TIANPING_CHECKPOINT_SECS=0
export TIANPING_DEMO_PASSWORD="Bench-Login-2026"
# Each simulated client has its own address, told by a trusted proxy (as behind the HTTPS
# proxy), so that the per-address waits do not hide the cost of the password checks.
export TIANPING_TRUSTED_PROXIES=127.0.0.1
unset DATABASE_URL
"$BIN" seed --demo > "$WORK/seed.log"
"$BIN" serve > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
python3 - "$PORT" "$PID" "$TIANPING_DEMO_PASSWORD" <<'PY'
import json, random, sys, threading, urllib.request, urllib.error, uuid, collections
port, pid, password = sys.argv[1], sys.argv[2], sys.argv[3]
url = f"http://127.0.0.1:{port}/api/v1/auth/login"

def memory():
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        k, _, v = line.partition(":")
        fields[k] = v.strip()
    return fields["VmRSS"], fields["VmHWM"]

def login(user, pw, out):
    body = json.dumps({"username": user, "password": pw}).encode()
    client = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    req = urllib.request.Request(
        url, body, {"Content-Type": "application/json", "X-Forwarded-For": client})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            out.append(r.status)
    except urllib.error.HTTPError as e:
        out.append(e.code)
    except Exception:
        out.append("error")

def wave(n, make):
    out = []
    threads = [threading.Thread(target=login, args=(*make(i), out)) for i in range(n)]
    for t in threads: t.start()
    for t in threads: t.join()
    return collections.Counter(out)

print(f"start: rss {memory()[0]}, peak {memory()[1]}")
total = collections.Counter()
for _ in range(400 // 64 + 1):
    total += wave(64, lambda i: (f"nobody-{uuid.uuid4().hex[:12]}", "guess-guess-guess"))
rss, peak = memory()
print(f"made-up names (448, 64 at a time): {dict(total)}; rss {rss}, peak {peak}")
total = collections.Counter()
for _ in range(5):
    total += wave(50, lambda i: ("officer.zhang", password))
rss, peak = memory()
print(f"5 waves of 50 correct logins: {dict(total)}; rss {rss}, peak {peak}")
answers = wave(48, lambda i: ("head.scjg", password if i == 47 else "wrong-wrong-wrong"))
rss, peak = memory()
print(f"48 parallel guesses on one account: {dict(answers)}; rss {rss}, peak {peak}")
print("500s:", sum(v for k, v in answers.items() if k == 500))
PY
echo "throttle rows: $(sqlite3 "$TIANPING_DATA_DIR/tianping.db" 'SELECT COUNT(*) FROM login_throttle')"
