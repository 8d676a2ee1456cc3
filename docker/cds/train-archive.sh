#!/usr/bin/env bash
# Makes a job image's class-data (AppCDS) archive IN the image build, with the image's own JVM: the base image's file
# system (docker/base/build-rootfs.sh's tar, unpacked once and cached), the job's /app laid out as Jib lays it
# (containerizingMode packaged: /app/classpath/<job jar>, /app/libs/<runtime jars>, /app/jib-classpath-file, every file
# dated 1970-01-01T00:00:01Z, Jib's default), then, chrooted (in-image.sh):
#   1. a training run of the job over a generated bundle with -XX:ArchiveClassesAtExit (a dynamic archive of every
#      class the run loaded that the JDK's own archive lacks: the JDK's and the job's);
#   2. a check that the archive maps (-Xshare:on fails the JVM when it does not; the job's classes must come from
#      "shared objects file (top)");
#   3. the start measured, RUNS runs each without and with the archive (first write and exit, medians).
# The archive is written to TARGET/jib-extra/app/cds/<job>.jsa: Jib's extraDirectories put it at /app/cds/ in the image
# and the job's jvmFlags (parent pom, job.classDataArchive) name it. An archive records the sizes and times of the
# class path's jars and the JVM's build: it is valid only in the image built from the same jars on the same base.
#
#   train-archive.sh JOB TARGET_DIR MAIN_CLASS DRIVER_CLASSPATH BASE_TAR
#
# Called by the job's `images` profile at package time; needs root. SCENELIFT_CDS_MEASURE_RUNS (default 3; 0 skips).
set -euo pipefail

job=$1 target=$2 main=$3 driver_cp=$4 base_tar=$5
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${SCENELIFT_CACHE:-$HOME/.cache/scenelift}
runs=${SCENELIFT_CDS_MEASURE_RUNS:-3}
user=10001:10001
jib_time=@1

[[ $(id -u) -eq 0 ]] || { echo "train-archive.sh: needs root (unshare, mount, chroot)" >&2; exit 2; }
[[ -f $base_tar ]] || { echo "train-archive.sh: no base image $base_tar (docker/base/build-rootfs.sh)" >&2; exit 2; }

# The base layer unpacked once per base image (keyed by its layer digest).
digest=$(tar -xOf "$base_tar" config.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["rootfs"]["diff_ids"][0].split(":")[1][:16])')
rootfs="$cache/base-rootfs/$digest"
if [[ ! -d $rootfs ]]; then
  mkdir -p "$cache/base-rootfs"
  find "$cache/base-rootfs" -mindepth 1 -maxdepth 1 -type d ! -name "$digest" -exec rm -rf --one-file-system {} +
  unpacking=$(mktemp -d "$cache/base-rootfs/unpack.XXXXXX")
  chmod 0755 "$unpacking" # the image's /: mktemp made it 0700
  tar -xOf "$base_tar" layer.tar.gz | tar --numeric-owner -xz -C "$unpacking"
  mkdir -p "$unpacking/app"
  mv "$unpacking" "$rootfs"
fi
image_env=$(tar -xOf "$base_tar" config.json | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["config"]["Env"]))')

rm -rf "$target/jib-extra/app/cds"
work=$(mktemp -d "$target/cds-training.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT
app="$work/app" scratch="$work/tmp"
mkdir -p "$app/classpath" "$app/libs" "$app/cds" "$scratch"
chmod 1777 "$scratch" "$app/cds"

# /app as Jib lays it out (packaged mode), the class path as Jib's jib-classpath-file spells it
jar=$(ls "$target/$job"-*.jar | grep -v -e '-tests\.jar$' -e '-sources\.jar$' | head -n 1)
cp "$jar" "$app/classpath/"
class_path="/app/classpath/*"
while read -r dep || [[ -n $dep ]]; do
  [[ -n $dep ]] || continue
  cp "$dep" "$app/libs/"
  class_path="$class_path:/app/libs/$(basename "$dep")"
done < <(tr ':' '\n' < "$target/image.classpath")
printf '%s' "$class_path" > "$app/jib-classpath-file"
printf '%s' "$main" > "$app/jib-main-class-file"
find "$app" -exec touch -h -d "$jib_time" {} +

launcher=("$here/in-image.sh" "$rootfs" "$app" "$scratch" /tmp "$user")
while read -r kv; do [[ -n $kv ]] && launcher+=("$kv"); done <<< "$image_env"
archive="/app/cds/$job.jsa"
driver=(java -cp "$driver_cp" dev.scenelift.fetch.ImageArchiveTraining "$root" "$scratch" /tmp)

echo "[cds] $job: training run in the image (base $digest)" >&2
"${driver[@]}" 1 "${launcher[@]}" -- "-XX:ArchiveClassesAtExit=$archive" >&2
[[ -s $app/cds/$job.jsa ]] || { echo "train-archive.sh: the training run wrote no $archive" >&2; exit 1; }

echo "[cds] $job: checking that the archive maps" >&2
"${launcher[@]}" java -Xshare:on "-XX:SharedArchiveFile=$archive" -Xlog:class+load=info:file=/tmp/classes.log \
  -cp @/app/jib-classpath-file "$main" --version >&2
for class in "$main" dev.scenelift.fetch.FetchCommand; do
  line=$(grep -F "] $class source:" "$scratch/classes.log" || true)
  [[ $line == *"source: shared objects file (top)"* ]] \
    || { echo "train-archive.sh: $class does not come from the archive: ${line:-not loaded}" >&2; exit 1; }
done
shared=$(grep -c "shared objects file (top)" "$scratch/classes.log" || true)
echo "[cds] $job: $shared classes from the archive in a --version run; $(du -h "$app/cds/$job.jsa" | cut -f1) archive" >&2

if [[ $runs -gt 0 ]]; then
  echo "[cds] $job: start in the image, $runs runs each (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  without=$("${driver[@]}" "$runs" "${launcher[@]}" -- | tail -n 1)
  with=$("${driver[@]}" "$runs" "${launcher[@]}" -- "-XX:SharedArchiveFile=$archive" | tail -n 1)
  echo "[cds] $job: without the archive: $without" >&2
  echo "[cds] $job: with the archive:    $with" >&2
fi

mkdir -p "$target/jib-extra/app/cds"
cp "$app/cds/$job.jsa" "$target/jib-extra/app/cds/$job.jsa"
echo "[cds] $job: $target/jib-extra/app/cds/$job.jsa" >&2
