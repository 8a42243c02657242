#!/usr/bin/env bash
# Proves the production install works without dev dependencies — what the Docker runtime stage
# and a systemd install do: copy package.json, package-lock.json and dist/ to an empty directory,
# `npm ci --omit=dev`, start `node dist/main.js` (demo home, SSDP off, loopback, random port),
# ask /healthz and /metrics, send SIGTERM and expect exit code 0.
# Usage: bash deploy/check-production-install.sh   (from the repository; builds first)
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build

work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cp package.json package-lock.json "$work/"
cp -R dist "$work/dist"
(cd "$work" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
if [ -d "$work/node_modules/typescript" ] || [ -d "$work/node_modules/vitest" ]; then
  echo "check: dev dependencies were installed" >&2
  exit 1
fi

(
  cd "$work"
  exec env -i PATH="$PATH" HOME="$work" NODE_ENV=production SIMULATOR=on SSDP=off PORT=0 HOST=127.0.0.1 \
    DATA_DIR="$work/data" LOG_FORMAT=json LOG_LEVEL=info node dist/main.js
) >"$work/bridge.log" 2>&1 &
pid=$!

port=""
for _ in $(seq 1 100); do
  port=$(node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
    for (const l of lines) { try { const e = JSON.parse(l); if (typeof e.port === "number") { console.log(e.port); break; } } catch {} }
  ' "$work/bridge.log")
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/bridge.log" >&2; echo "check: the bridge exited during start" >&2; exit 1; }
  sleep 0.2
done
[ -n "$port" ] || { cat "$work/bridge.log" >&2; echo "check: no welcome line with the port" >&2; exit 1; }

node -e '
  const base = `http://127.0.0.1:${process.argv[1]}`;
  (async () => {
    const health = await fetch(`${base}/healthz`);
    const metrics = await fetch(`${base}/metrics`);
    const text = await metrics.text();
    if (!health.ok || !metrics.ok || !text.includes("process_resident_memory_bytes")) process.exit(1);
  })().catch(() => process.exit(1));
' "$port"

kill -TERM "$pid"
set +e
wait "$pid"
code=$?
set -e
pid=""
if [ "$code" -ne 0 ]; then
  cat "$work/bridge.log" >&2
  echo "check: exit code $code after SIGTERM (expected 0)" >&2
  exit 1
fi
echo "check: production install OK (port $port, /healthz and /metrics answered, SIGTERM → exit 0)"
