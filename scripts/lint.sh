#!/usr/bin/env bash
# Formatting and clippy, as CI runs them (part of `make test`).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
echo "== cargo fmt --check"
cargo fmt --all --check
echo "== clippy: shared crate (native, all features)"
cargo clippy -p gongyou-shared --all-features --all-targets -- -D warnings
echo "== clippy: app and worker (wasm32)"
cargo clippy -p gongyou-app -p gongyou-worker --target wasm32-unknown-unknown -- -D warnings
