#!/usr/bin/env bash
# Idempotent host set-up for building, testing and running scenelift on Debian bookworm (as root, or with sudo):
#   - the Debian packages the build and the tests need, each installed only when missing (one `apt-get update`
#     first, and only then): GDAL (libgdal-dev, gdal-bin), swig and dpkg-dev (to build GDAL's JNI library),
#     awscli (benchmarks), chromium (index-build's browser tests), and a JDK 17 and Maven if absent;
#   - GDAL's JNI library, built once by docker/gdal-jni/build.sh into ~/.cache/scenelift/gdal-jni;
#   - the external validators the tests run (see the block "validators" below).
# Everything it builds is cached under ~/.cache/scenelift (or $SCENELIFT_CACHE). Quiet when there is nothing to do.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${SCENELIFT_CACHE:-$HOME/.cache/scenelift}

packages=(libgdal-dev gdal-bin swig dpkg-dev awscli chromium)
command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)
# --- validators (packages): GDAL's own COG validator (python3-gdal, run with Debian's /usr/bin/python3) and Node.js
# for stac-node-validator and map.html's build; Node only when none is installed (Debian's nodejs ships npm separately).
packages+=(python3-gdal)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
# --- end validators (packages)

missing=()
for p in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} > 0)); then
  as_root=()
  if [[ $(id -u) -ne 0 ]]; then
    as_root=(sudo)
  fi
  echo "setup-host: installing ${missing[*]}" >&2
  "${as_root[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null
fi

mkdir -p "$cache"
"$here/gdal-jni/build.sh" "$cache/gdal-jni" >&2

# --- validators: stac-node-validator, pinned by jobs/index-build/tools/stac-node-validator/package-lock.json, installed
# with `npm ci` into $cache/stac-node-validator (index-build's tests run it from there, offline). Reinstalled only when
# the lockfile changes.
validator_src="$here/../jobs/index-build/tools/stac-node-validator"
validator_dir="$cache/stac-node-validator"
if ! cmp -s "$validator_src/package-lock.json" "$validator_dir/package-lock.json" \
    || [[ ! -f "$validator_dir/node_modules/stac-node-validator/bin/cli.js" ]]; then
  echo "setup-host: installing stac-node-validator into $validator_dir" >&2
  rm -rf "$validator_dir"
  mkdir -p "$validator_dir"
  cp "$validator_src/package.json" "$validator_src/package-lock.json" "$validator_dir/"
  (cd "$validator_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
# --- end validators
# --- index-build's map.html script (jobs/index-build/web: npm ci + esbuild, run by the Maven build) needs npm too (in
# the package list above); its npm cache lives in $cache/npm (set by web/build.sh), so a second build needs no network.
mkdir -p "$cache/npm"
