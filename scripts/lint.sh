#!/usr/bin/env bash
# Static checks: ESLint (type-aware rules, React hooks, the import boundaries of lint/boundaries.js)
# with no warning allowed, then knip (unused files, exports and dependencies), then import cycles
# (lint/import-cycles.js: none, type-only imports counted). Arguments go to
# ESLint only, so `npm run lint -- --fix` applies ESLint's fixes.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> eslint"
npx eslint . --max-warnings 0 "$@"
echo "==> knip"
npx knip --no-progress
echo "==> import cycles"
node lint/import-cycles.js
