#!/usr/bin/env bash
# Installs the npm packages with `npm ci` unless they were installed from this very
# package-lock.json already. Used by run.sh and the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.installed-lock-sha256
sum=$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha256").update(f.readFileSync("package-lock.json")).digest("hex"))')
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
  exit 0
fi
echo "[deps] installing npm packages (npm ci)" >&2
npm ci --no-audit --no-fund >&2
printf '%s' "$sum" >"$stamp"
