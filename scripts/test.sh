#!/usr/bin/env bash
# Runs every test: formatting and clippy, the shared crate natively, the check that the worker's modules
# import each other in no circle, then the API and browser tests against a real
# `wrangler dev` with a fresh local D1 and KV.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup-tools.sh
bash scripts/lint.sh
echo "== shared crate (native)"
cargo test -p gongyou-shared --all-features
echo "== worker modules form layers (no import cycles)"
node --test scripts/check-module-cycles.test.mjs
node scripts/check-module-cycles.mjs
echo "== build app and worker"
bash scripts/build.sh
bash scripts/dev-vars.sh
echo "== API and browser tests (wrangler dev + Chromium)"
node e2e/run.mjs
