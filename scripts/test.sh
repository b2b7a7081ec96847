#!/usr/bin/env bash
# The default test tier: types, the build, then every vitest project (unit, API over real HTTP with
# real clients, the scraper and the grid in real Chromium). Static checks are `npm run lint`, runs
# that take minutes are `npm run test:long`; CI runs all three (docs/testing.md). Browsers run
# headless (TEST_HEADED=true on a display shows them); the ./run.sh test needs Xvfb installed.
# Arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
echo "==> build the web grid and the server"
npm run --silent build >/dev/null

# Types are checked beside the tests, not before them: many tests wait on Chromium or timers, and
# tsc takes the cores they leave idle. Its verdict is printed, and counts, once vitest is done.
types_log=$(mktemp)
trap 'rm -f "$types_log"' EXIT
npm run --silent typecheck >"$types_log" 2>&1 &
types_pid=$!

echo "==> vitest (types are checked meanwhile)"
tests=0
npx vitest run "$@" || tests=$?

echo "==> typecheck"
types=0
wait "$types_pid" || types=$?
cat "$types_log"
if [ "$types" -ne 0 ]; then echo "typecheck failed" >&2; fi
[ "$tests" -eq 0 ] && [ "$types" -eq 0 ]
