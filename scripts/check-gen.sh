#!/usr/bin/env bash
# Fails when gen/ is not what `buf generate` makes from proto/ (someone edited the proto and did
# not regenerate, or edited generated code by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npx buf generate --output "$tmp"
if ! diff -r "$tmp/gen/src" gen/src >/dev/null; then
  diff -r "$tmp/gen/src" gen/src || true
  echo "gen/ is stale: run 'npm run generate' and commit the result." >&2
  exit 1
fi
echo "gen/ is up to date."
