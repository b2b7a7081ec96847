#!/usr/bin/env bash
# The long tier: runs that take minutes and that `npm test` leaves out (backend/**/*.long.test.ts:
# 1,200 stream cycles through real Chromium, then a heap and leftovers check). CI runs it after
# `npm test` on every submission. Arguments go to vitest. Its browsers run headless, as npm test's.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
echo "==> vitest (long tier)"
exec npx vitest run --config backend/vitest.long.config.ts "$@"
