#!/usr/bin/env bash
# Prints the figures we watch: the phone's first-load transfer (gzip -9) and
# wasm sizes. Capability benches append their own sections (see bench/).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup-tools.sh
bash scripts/build.sh > /dev/null 2>&1 || bash scripts/build.sh
gz() { gzip -9c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }

echo "== first load (what a phone downloads to show the first screen; gzip -9)"
total=0
html=dist/index.html
for f in "$html" $(grep -oE '/[A-Za-z0-9_.-]+\.(js|wasm|css)' "$html" | sort -u | sed 's|^/|dist/|'); do
  size=$(gz "$f"); total=$((total + size))
  printf "  %-48s %10s\n" "${f#dist/}" "$(kb "$size")"
done
printf "  %-48s %10s   (budget 200 KB)\n" "total" "$(kb "$total")"

echo "== wasm"
app=$(ls dist/*_bg.wasm)
printf "  %-48s raw %10s   gzip %10s\n" "workers' app ${app#dist/}" "$(kb "$(stat -c %s "$app")")" "$(kb "$(gz "$app")")"
admin=$(ls dist/admin/*_bg.wasm)
printf "  %-48s raw %10s   gzip %10s\n" "staff workspace (not on phones' first load)" "$(kb "$(stat -c %s "$admin")")" "$(kb "$(gz "$admin")")"
wk=worker/build/index_bg.wasm
printf "  %-48s raw %10s   gzip %10s\n" "worker" "$(kb "$(stat -c %s "$wk")")" "$(kb "$(gz "$wk")")"

for b in bench/*.mjs; do
  [ -e "$b" ] || continue
  echo "== $(basename "$b" .mjs)"
  node e2e/run-bench.mjs "$b"
done
