#!/usr/bin/env bash
# The whole test suite: ESLint and knip, contract lint, generated-code freshness, types, the web
# build, then every vitest project. Headed browser tests need a display: without one, run under
# xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
bash scripts/lint.sh
echo "==> buf lint"
npx buf lint
echo "==> gen/ freshness"
bash scripts/check-gen.sh
echo "==> typecheck"
npm run --silent typecheck
echo "==> build the web grid"
npm run --silent build >/dev/null

echo "==> vitest"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a --server-args="-screen 0 1280x1024x24" npx vitest run "$@"
fi
exec npx vitest run "$@"
