#!/usr/bin/env bash
# Builds the app (Trunk, release, wasm-opt -Oz) into dist/ and the Worker into worker/build/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
cargo fetch --quiet   # Trunk builds offline; make sure every crate is present.
trunk build --release
bash scripts/build-worker.sh
