#!/usr/bin/env bash
# Builds the workers' app (dist/), the staff workspace (dist/admin/) — Trunk,
# release, wasm-opt -Oz — and the Worker (worker/build/).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
cargo fetch --quiet   # Trunk builds offline; make sure every crate is present.
# The workers' app into dist/, then the staff workspace into dist/admin/.
trunk build --release
trunk build app/admin/index.html --release=true --dist dist/admin --public-url /admin/
bash scripts/build-worker.sh
