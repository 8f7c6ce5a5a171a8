#!/usr/bin/env bash
# Applies D1 migrations and the idempotent demo seed to a local database.
# Usage: db-prepare.sh [--persist-to DIR]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT/worker"
mkdir -p "$ROOT/.wrangler"
# CI=true: never stop to ask for confirmation.
CI=true wrangler d1 migrations apply DB --local "$@" > "$ROOT/.wrangler/migrate.log" 2>&1 || { cat "$ROOT/.wrangler/migrate.log"; exit 1; }
cat seed/*.sql > "$ROOT/.wrangler/seed.sql"
wrangler d1 execute DB --local "$@" --file "$ROOT/.wrangler/seed.sql" > "$ROOT/.wrangler/seed.log" 2>&1 || { cat "$ROOT/.wrangler/seed.log"; exit 1; }
echo "database ready: $(ls migrations | wc -l) migrations, seed applied"
