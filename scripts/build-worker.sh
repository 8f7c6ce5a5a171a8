#!/usr/bin/env bash
# Builds the Worker with worker-build using the local wasm-bindgen, wasm-opt and esbuild.
# wrangler runs this as its [build] command; it is quick when nothing changed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT/worker"
stamp=build/.built
if [ -f "$stamp" ] && [ -z "$(find src ../shared/src Cargo.toml ../Cargo.lock -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
worker-build --release
touch "$stamp"
