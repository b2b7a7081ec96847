#!/usr/bin/env bash
# The default test tier: types, the web build, then every vitest project (unit, API over real HTTP
# with real clients, the scraper and the grid in real Chromium). Static checks are `npm run lint`,
# runs that take minutes are `npm run test:long`; CI runs all three (docs/testing.md). Browsers
# run headless (TEST_HEADED=true on a display shows them); the ./run.sh test needs Xvfb installed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
echo "==> typecheck"
npm run --silent typecheck
echo "==> build the web grid and the server"
npm run --silent build >/dev/null

echo "==> vitest"
exec npx vitest run "$@"
