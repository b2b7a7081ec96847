#!/usr/bin/env bash
# Static checks, no test run: ESLint (type-aware rules, React hooks, the import boundaries of
# lint/boundaries.js) with no warning allowed, knip (unused files, exports and dependencies),
# import cycles (lint/import-cycles.js: none, type-only imports counted), the contract's buf lint,
# and gen/ matching proto/. Arguments go to ESLint only, so `npm run lint -- --fix` applies
# ESLint's fixes.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> eslint"
npx eslint . --max-warnings 0 "$@"
echo "==> knip"
npx knip --no-progress
echo "==> import cycles"
node lint/import-cycles.js
echo "==> buf lint"
npx buf lint
echo "==> gen/ freshness"
bash scripts/check-gen.sh
