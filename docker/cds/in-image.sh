#!/usr/bin/env bash
# Runs a command inside a job image's file system without a container engine, as the image would: chrooted into
# ROOTFS with the job's /app and a scratch folder bind-mounted, in private mount and pid namespaces (the mounts vanish
# with the command), as the image's user, with only the environment given.
#
#   in-image.sh ROOTFS APP SCRATCH SCRATCH_IN_IMAGE USER [K=V ...] COMMAND [ARGS ...]
#
# Needs root (unshare, mount, chroot).
set -euo pipefail
[[ $# -ge 6 ]] || { echo "usage: in-image.sh ROOTFS APP SCRATCH SCRATCH_IN_IMAGE USER [K=V ...] COMMAND..." >&2; exit 2; }
exec unshare --mount --pid --fork --mount-proc bash -c '
  set -euo pipefail
  root=$1 app=$2 scratch=$3 inside=$4 user=$5; shift 5
  mkdir -p "$root/app" "$root$inside"
  mount --make-rprivate /
  mount --bind "$app" "$root/app"
  mount --bind "$scratch" "$root$inside"
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  exec chroot --userspec="$user" "$root" /usr/bin/env -i -C /home/scenelift "$@"
' in-image "$@"
