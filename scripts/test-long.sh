#!/usr/bin/env bash
# The long tier: runs that take minutes and that `npm test` leaves out (backend/**/*.long.test.ts:
# 1,200 stream cycles through real Chromium, then a heap and leftovers check). CI runs it after
# `npm test` on every submission. Arguments go to vitest. Without a display it runs under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
echo "==> vitest (long tier)"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a --server-args="-screen 0 1280x1024x24" npx vitest run --config backend/vitest.long.config.ts "$@"
fi
exec npx vitest run --config backend/vitest.long.config.ts "$@"
