#!/usr/bin/env bash
# Builds map.html's script into OUTPUT_DIR (index-build's resources): `npm ci` from the lockfile with npm's cache under
# ~/.cache/scenelift/npm (offline once warm), then build.mjs (esbuild). Skips both when nothing changed since the last
# build. Called by Maven (generate-resources); quiet when there is nothing to do.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:?usage: build.sh OUTPUT_DIR}
cache=${SCENELIFT_CACHE:-$HOME/.cache/scenelift}
cd "$here"

command -v npm >/dev/null 2>&1 || { echo "web/build.sh: npm is missing (docker/setup-host.sh installs it)" >&2; exit 1; }

# npm ci again only when the lockfile changed (npm keeps its copy in node_modules/.package-lock.json)
if ! cmp -s package-lock.json node_modules/.scenelift-lock 2>/dev/null; then
  npm ci --cache "$cache/npm" --prefer-offline --no-audit --no-fund --loglevel=error >&2
  cp package-lock.json node_modules/.scenelift-lock
fi

stamp="$out/assets.txt"
if [[ -f "$stamp" ]] && [[ -z "$(find package-lock.json build.mjs src -newer "$stamp" -print -quit)" ]]; then
  exit 0
fi
node build.mjs "$out"
