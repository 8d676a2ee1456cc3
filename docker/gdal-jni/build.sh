#!/usr/bin/env bash
# Builds libgdalalljni.so, the JNI half of the GDAL Java bindings, against the libgdal that Debian installed.
#
# Debian bookworm ships GDAL 3.6.2 but no Java package. The classes come from Maven Central (org.gdal:gdal:3.6.0,
# the newest jar whose JNI signatures match 3.6.x); this script builds the native half from Debian's own source
# package, with the SWIG options of GDAL's swig/java/CMakeLists.txt.
#
# Usage: build.sh [OUT_DIR]   (default: ~/.cache/scenelift/gdal-jni)
# Idempotent: does nothing when OUT_DIR already holds a library built for the installed libgdal version.
set -euo pipefail

out_dir=${1:-${SCENELIFT_CACHE:-$HOME/.cache/scenelift}/gdal-jni}
gdal_pkg_version=$(dpkg-query -W -f='${Version}' libgdal-dev)
src_version=$(dpkg-query -W -f='${source:Version}' libgdal-dev)
stamp="$out_dir/BUILT_FOR"

if [[ -f "$out_dir/libgdalalljni.so" && -f "$stamp" && "$(cat "$stamp")" == "$gdal_pkg_version" ]]; then
  exit 0
fi

echo "building the GDAL JNI library for libgdal-dev $gdal_pkg_version into $out_dir" >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The source package: enable a deb-src entry that mirrors the existing apt source, once.
if ! apt-get source --download-only --print-uris "gdal=$src_version" >/dev/null 2>&1 \
    || [[ -z "$(apt-get source --download-only --print-uris "gdal=$src_version" 2>/dev/null | grep orig)" ]]; then
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      > /etc/apt/sources.list.d/scenelift-src.sources
  else
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' > /etc/apt/sources.list.d/scenelift-src.list
  fi
  apt-get update -qq
fi
(cd "$work" && apt-get source --download-only -qq "gdal=$src_version" >/dev/null 2>&1)
tar -xf "$work"/gdal_*.orig.tar.* -C "$work"
src=$(find "$work" -maxdepth 1 -type d -name 'gdal-*' | head -n 1)

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
gen="$work/gen"
swig_common=(-Wall -I"$src/swig/include" -I"$src/swig/include/java" -I"$src/gdal")
wrap() { # name, then "c" or "c++"
  local name=$1 lang=$2 ext=c extra=()
  [[ $lang == c++ ]] && { ext=cpp; extra=(-c++); }
  mkdir -p "$gen/org/gdal/$name"
  (cd "$src/swig/java" && swig "${swig_common[@]}" "${extra[@]}" -java \
      -outdir "$gen/org/gdal/$name/" -package "org.gdal.$name" \
      -o "$gen/org/gdal/$name/${name}_wrap.$ext" "$src/swig/include/$name.i" >>"$work/swig.log" 2>&1) \
    || { cat "$work/swig.log" >&2; echo "swig failed for $name" >&2; exit 1; }
}
wrap gdalconst c
for name in gdal ogr osr gnm; do wrap "$name" c++; done

cflags=($(gdal-config --cflags) -I"$java_home/include" -I"$java_home/include/linux" -I"$src/gnm" -fPIC -O2 -w)
objs=()
for f in "$gen"/org/gdal/*/*_wrap.c "$gen"/org/gdal/*/*_wrap.cpp; do objs+=("${f%.*}.o"); done
printf '%s\n' "$gen"/org/gdal/*/*_wrap.c "$gen"/org/gdal/*/*_wrap.cpp \
  | xargs -P "$(nproc)" -I{} sh -c 'f={}; case "$f" in *.c) cc "$@" -c "$f" -o "${f%.*}.o";; *) c++ "$@" -c "$f" -o "${f%.*}.o";; esac' _ "${cflags[@]}"

mkdir -p "$out_dir"
c++ -shared -Wl,--no-undefined -o "$out_dir/libgdalalljni.so.tmp" "${objs[@]}" $(gdal-config --libs)
mv "$out_dir/libgdalalljni.so.tmp" "$out_dir/libgdalalljni.so"
echo "$gdal_pkg_version" > "$stamp"
echo "built $out_dir/libgdalalljni.so" >&2
