#!/usr/bin/env bash
# Builds the workers' app (dist/), the staff workspace (dist/admin/) — Trunk,
# release, wasm-opt -Oz — and the Worker (worker/build/).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
cargo fetch --quiet   # Trunk builds offline; make sure every crate is present.
# One bundle per area (see worker/src/shells.rs): the home bundle from
# app/index.html, every other from app/<name>/index.html. Each builds into
# target/bundles/<name>/; dist/ is then assembled: home at the root, the others
# under /<name>/. `build.sh <name>…` rebuilds only those (`home` for the home bundle).
bundles=("$@")
if [ ${#bundles[@]} -eq 0 ]; then
  bundles=(home)
  for d in app/*/; do d=$(basename "$d"); [ -f "app/$d/index.html" ] && bundles+=("$d"); done
fi
for b in "${bundles[@]}"; do
  if [ "$b" = home ]; then
    trunk build --release
  else
    trunk build "app/$b/index.html" --release=true --dist "target/bundles/$b" --public-url "/$b/"
  fi
done
rm -rf dist
cp -r target/bundles/home dist
for d in target/bundles/*/; do
  d=$(basename "$d")
  [ "$d" = home ] || cp -r "target/bundles/$d" "dist/$d"
done
bash scripts/build-worker.sh
