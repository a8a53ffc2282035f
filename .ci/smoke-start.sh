#!/usr/bin/env bash
# Starts the system exactly as the README says (`npm start`, embedded engine,
# fresh data folder), waits for /readyz = 200, then stops it with SIGTERM and
# expects a clean exit.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir="$(mktemp -d)"
log="$data_dir/server.log"
cleanup() { rm -rf "$data_dir"; }
get() { # prints the body of a 2xx response, fails otherwise (no curl needed)
  node -e 'fetch(process.argv[1]).then(async (r) => {
    if (!r.ok) process.exit(1); process.stdout.write(await r.text()); }, () => process.exit(1))' "$1"
}
trap cleanup EXIT

DATA_DIR="$data_dir" PORT=0 DEMO_DATA=true setsid npm start >"$log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 120); do
  port="$(sed -n 's/.*"port":\([0-9]*\),"msg":"Amparo is listening".*/\1/p' "$log")"
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "npm start exited early" >&2; exit 1; }
  sleep 1
done
[ -n "$port" ] || { cat "$log"; echo "npm start did not listen within 120 s" >&2; exit 1; }
get "http://127.0.0.1:$port/readyz" || { cat "$log"; echo "/readyz did not answer 200" >&2; exit 1; }
echo
get "http://127.0.0.1:$port/" | grep -q '<div id="root">' && echo "client page served"
# Signal the server itself (node, run by npm's shell wrapper, which does not
# forward signals), as a process manager would.
server_pid="$(pgrep -s "$pid" -f '^node .*server/main\.ts' | head -n 1)"
kill -TERM "$server_pid"
wait "$pid" || { cat "$log"; echo "npm start did not stop cleanly" >&2; exit 1; }
echo "npm start: ready, then stopped cleanly"
