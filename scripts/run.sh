#!/usr/bin/env bash
# Sets up, builds, migrates, seeds and serves Gongyou at http://localhost:8787.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
PORT="${PORT:-8787}"
bash scripts/setup-tools.sh
bash scripts/build.sh
bash scripts/dev-vars.sh
bash scripts/db-prepare.sh
cd worker
wrangler dev --ip 127.0.0.1 --port "$PORT" --show-interactive-dev-session=false &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT INT TERM
node "$ROOT/scripts/wait-for.mjs" "http://localhost:$PORT/api/health"
node "$ROOT/scripts/seed-accounts.mjs" "http://localhost:$PORT"
node "$ROOT/scripts/seed-jobs.mjs" "http://localhost:$PORT"
node "$ROOT/scripts/seed-training.mjs" "http://localhost:$PORT"
echo
echo "  工友驿站 is running: http://localhost:$PORT   (Ctrl-C stops it)"
echo
wait $pid
