#!/usr/bin/env bash
# Installs every tool the build and tests need, idempotently. Nothing is fetched
# from GitHub: Rust tools come from crates.io, JS tools from npm, the browser from Debian.
# Each step is skipped when the right version is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WORKER_BUILD_VERSION=0.8.7
# Must equal the wasm-bindgen version in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

has_version() { # has_version <cmd> <version>
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"
}

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$c"; then
    log "adding rust component $c"
    rustup component add "$c"
  fi
done

if ! has_version trunk "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # --locked fails: its lockfile wants a webpki-roots the registry lacks.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! has_version worker-build "$WORKER_BUILD_VERSION"; then
  log "installing worker-build $WORKER_BUILD_VERSION"
  cargo install --locked --force worker-build --version "$WORKER_BUILD_VERSION"
fi

if [ "${1:-}" = "--rust-only" ]; then exit 0; fi

if [ ! -x node_modules/.bin/wrangler ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages (wrangler, binaryen, node 22, playwright-core, axe-core, ajv)"
  # `npm install`, not `npm ci`: the versions are the lockfile's, but this registry
  # has no macOS/Windows builds of workerd, which `npm ci` insists on listing.
  # --no-save: install exactly the lockfile, and leave it as committed.
  npm install --no-save --no-audit --no-fund --loglevel=error
fi

need_apt=()
for pkg in chromium fonts-noto-cjk fonts-noto-color-emoji; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing from Debian: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi
log "tools ready"
