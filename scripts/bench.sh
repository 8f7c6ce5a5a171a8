#!/usr/bin/env bash
# Prints the figures we watch: the phone's first-load transfer (gzip -9) and
# wasm sizes. Capability benches append their own sections (see bench/).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup-tools.sh
bash scripts/build.sh > /dev/null 2>&1 || bash scripts/build.sh
echo "== sizes (html + js + wasm + css per bundle)"
node bench/sizes.mjs
echo "== twiggy: the 20 largest items of the home module (the unstripped cargo build, before wasm-opt)"
# A bench-only tool, from crates.io; installed once.
command -v twiggy >/dev/null 2>&1 || cargo install --locked twiggy --quiet
twiggy top -n 20 target/wasm32-unknown-unknown/release/gongyou-app.wasm
wk=worker/build/index_bg.wasm
echo "  worker wasm: raw $(($(stat -c %s "$wk") / 1024)) KB, gzip $(($(gzip -9c "$wk" | wc -c) / 1024)) KB"

for b in bench/*.mjs; do
  [ -e "$b" ] || continue
  [ "$b" = bench/sizes.mjs ] && continue
  echo "== $(basename "$b" .mjs)"
  node e2e/run-bench.mjs "$b"
done
