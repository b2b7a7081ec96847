#!/usr/bin/env bash
# The long tier: the files named *.long.test.ts, which `npm test` leaves out, one at a time: churn
# (1,000 stream cycles through real Chromium, then heap, page and leftovers checks) and the
# whole-process scenarios (signals to the built server, in a cluster over Redis; a cluster of two
# server processes; `./run.sh` from nothing, headed in Xvfb). CI runs it after `npm test` on every
# submission. Arguments go to vitest, e.g. `npm run test:long -- signals`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
echo "==> build the web grid and the server"
npm run --silent build >/dev/null
echo "==> vitest (long tier)"
exec npx vitest run --config vitest.long.config.ts "$@"
