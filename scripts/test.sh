#!/usr/bin/env bash
# The default test tier: types, the web build, then every vitest project (unit, API over real HTTP
# with real clients, the scraper and the grid in real Chromium). Static checks are `npm run lint`,
# runs that take minutes are `npm run test:long`; CI runs all three (docs/testing.md). Headed
# browser tests need a display: without one, this runs them under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
echo "==> typecheck"
npm run --silent typecheck
echo "==> build the web grid and the server"
npm run --silent build >/dev/null

echo "==> vitest"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a --server-args="-screen 0 1280x1024x24" npx vitest run "$@"
fi
exec npx vitest run "$@"
