#!/usr/bin/env bash
# Idempotent host set-up for building, testing and running scenelift on Debian bookworm (as root, or with sudo):
#   - the Debian packages the build and the tests need, each installed only when missing (one `apt-get update`
#     first, and only then): GDAL (libgdal-dev, gdal-bin), swig and dpkg-dev (to build GDAL's JNI library),
#     awscli (benchmarks), chromium (index-build's browser tests), and a JDK 17 and Maven if absent;
#   - GDAL's JNI library, built once by docker/gdal-jni/build.sh into ~/.cache/scenelift/gdal-jni.
# Everything it builds is cached under ~/.cache/scenelift (or $SCENELIFT_CACHE). Quiet when there is nothing to do.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${SCENELIFT_CACHE:-$HOME/.cache/scenelift}

packages=(libgdal-dev gdal-bin swig dpkg-dev awscli chromium)
command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)

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

# ---- index-build's map.html script (jobs/index-build/web: npm ci + esbuild, run by the Maven build) ----------------
# Node.js and npm, from Debian when the machine has none; the npm cache lives in $cache/npm (set by web/build.sh), so
# a second build installs from it without the network.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup-host: installing nodejs npm" >&2
  as_root=()
  if [[ $(id -u) -ne 0 ]]; then
    as_root=(sudo)
  fi
  "${as_root[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
mkdir -p "$cache/npm"
# ---- end of map.html's block ----------------------------------------------------------------------------------------
