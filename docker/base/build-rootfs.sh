#!/usr/bin/env bash
# Builds the scenelift base image WITHOUT a Docker engine: the same image docker/base/Dockerfile describes
# (Debian bookworm, Java 17 headless runtime, libgdal32, the project's GDAL JNI library, non-root user 10001),
# written as a docker-save tar that Jib reads as `tar://...` and `docker load` accepts.
#
#   debootstrap --variant=minbase --include=openjdk-17-jre-headless,libgdal32,ca-certificates bookworm <rootfs>
#   + /opt/scenelift/gdal-jni/libgdalalljni.so (built by docker/gdal-jni/build.sh against the same libgdal)
#   + user scenelift (10001:10001)
#   -> manifest.json, config.json (rootfs.diff_ids = sha256 of the UNcompressed layer), layer.tar.gz
#
# Usage: build-rootfs.sh [OUT_TAR]   (default: ~/.cache/scenelift/base-image/scenelift-base.tar, a symlink)
# Needs root (debootstrap, chroot). Takes ~80-100 s; cached under ~/.cache/scenelift/base-image/<key>/, keyed by
# this script, the JNI library, the mirror, the suite and the package list: a second run with the same inputs only
# relinks. The Debian mirror is the one the machine's apt sources use.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${SCENELIFT_CACHE:-$HOME/.cache/scenelift}
image_dir="$cache/base-image"
link="$image_dir/scenelift-base.tar"
out=${1:-$link}

suite=bookworm
packages=openjdk-17-jre-headless,libgdal32,ca-certificates
uid=10001
user=scenelift
jni_dir=/opt/scenelift/gdal-jni
java_home=/usr/lib/jvm/java-17-openjdk-amd64
tag=scenelift-base:bookworm

mirror() { # the first non-security Debian URI of the machine's apt sources
  local uri=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    uri=$(awk '/^URIs:/ {print $2}' /etc/apt/sources.list.d/debian.sources | grep -v security | head -n 1 || true)
  fi
  if [[ -z $uri && -f /etc/apt/sources.list ]]; then
    uri=$(awk '$1 == "deb" && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list || true)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

if [[ $(id -u) -ne 0 ]]; then
  echo "build-rootfs.sh: needs root (debootstrap and chroot)" >&2
  exit 2
fi
if ! command -v debootstrap >/dev/null; then
  echo "installing debootstrap" >&2
  apt-get install -y -qq debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
fi

"$here/../gdal-jni/build.sh" "$cache/gdal-jni"
jni="$cache/gdal-jni/libgdalalljni.so"
gdal_version=$(cat "$cache/gdal-jni/BUILT_FOR")
mirror_uri=$(mirror)

key=$( { sha256sum "${BASH_SOURCE[0]}" "$jni" | cut -d' ' -f1; echo "$mirror_uri $suite $packages $uid"; } \
  | sha256sum | cut -c1-16)
keyed="$image_dir/$key/scenelift-base.tar"

publish() {
  if [[ $out == "$link" ]]; then
    ln -sfn "$key/scenelift-base.tar" "$link"
  else
    mkdir -p "$(dirname "$out")"
    cp "$keyed" "$out"
  fi
  echo "$out"
}

if [[ -f $keyed ]]; then
  publish
  exit 0
fi

mkdir -p "$image_dir"
work=$(mktemp -d "$image_dir/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
started=$SECONDS

echo "debootstrap $suite from $mirror_uri with $packages" >&2
debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror_uri" >"$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; echo "debootstrap failed" >&2; exit 1; }

# The JNI library must match the libgdal it was compiled against.
image_gdal=$(dpkg-query --admindir="$rootfs/var/lib/dpkg" -W -f='${Version}' libgdal32)
if [[ $image_gdal != "$gdal_version" ]]; then
  echo "the mirror's libgdal32 is $image_gdal but the JNI library was built for $gdal_version;" \
    "rebuild it on a machine with libgdal-dev $image_gdal (docker/gdal-jni/build.sh)" >&2
  exit 1
fi
install -D -m 0755 "$jni" "$rootfs$jni_dir/libgdalalljni.so"
chroot "$rootfs" useradd --uid "$uid" --user-group --create-home --shell /usr/sbin/nologin "$user"

# Slim, like bookworm-slim: no package lists, archives, docs or logs. /dev, /proc and /sys come from the runtime.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/lib/dpkg/*-old \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
  "$rootfs"/var/log/*.log "$rootfs"/var/log/apt/* "$rootfs"/dev/* "$rootfs"/proc/* "$rootfs"/sys/* \
  "$rootfs"/debootstrap
java_version=$(dpkg-query --admindir="$rootfs/var/lib/dpkg" -W -f='${Version}' openjdk-17-jre-headless)

mkdir -p "$work/image"
(cd "$rootfs" && find . -mindepth 1 -maxdepth 1 -printf '%P\n' | LC_ALL=C sort) > "$work/top-level"
tar --sort=name --numeric-owner --xattrs -C "$rootfs" -cf "$work/layer.tar" -T "$work/top-level"
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n -6 < "$work/layer.tar" > "$work/image/layer.tar.gz"
rm -f "$work/layer.tar"

arch=$(dpkg --print-architecture)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat > "$work/image/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"$created",
 "config":{"User":"$uid:$uid","WorkingDir":"/home/$user",
  "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8",
   "JAVA_HOME=$java_home","GDAL_DATA=/usr/share/gdal","PROJ_DATA=/usr/share/proj",
   "SCENELIFT_GDAL_JNI_DIR=$jni_dir"],
  "Labels":{"org.opencontainers.image.title":"scenelift-base","org.opencontainers.image.base.name":"debian:$suite",
   "dev.scenelift.gdal.version":"$image_gdal","dev.scenelift.java.version":"$java_version"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"$created","created_by":"docker/base/build-rootfs.sh: debootstrap --variant=minbase --include=$packages $suite"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":["layer.tar.gz"]}]\n' "$tag" > "$work/image/manifest.json"

mkdir -p "$image_dir/$key"
tar --numeric-owner -C "$work/image" -cf "$keyed.tmp" manifest.json config.json layer.tar.gz
mv "$keyed.tmp" "$keyed"
# Older keys are superseded: keep the cache to one base image.
find "$image_dir" -mindepth 1 -maxdepth 1 -type d ! -name "$key" ! -name 'build.*' -exec rm -rf {} +
echo "built $keyed in $((SECONDS - started)) s (layer sha256:$diff_id)" >&2
publish
