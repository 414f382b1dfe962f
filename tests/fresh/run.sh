#!/usr/bin/env bash
# The README's quick start on a fresh Debian 12 machine: builds a bookworm
# minbase root with debootstrap, puts the commit under test (HEAD of this
# checkout) in it, and runs the README's two commands there exactly as the
# README writes them, as root:
#     scripts/demo.sh
#     scripts/check.sh
# Nothing from this machine is used inside the root but the commit itself:
# every package comes from Debian's archive through scripts/install-deps.sh.
#
#   tests/fresh/run.sh [ROOT_DIR]     (root only; .ci/run calls it)
#
# Stages of check.sh run inside (KN_FRESH_STAGES, default "suite fuzz"):
#   suite  the whole ctest suite (unit, CLI, script tests, the browser
#          test): what depends on the machine (packages, fonts, Node,
#          linking, locale) shows here, so it must pass on a fresh root
#   fuzz   builds and briefly runs the libFuzzer targets: proves that
#          clang's fuzzer runtime is installed by install-deps.sh too
# The ASan+UBSan and valgrind stages run the same tests with the same
# packages and add no machine dependence; they run in the outer CI run.
# Leaving them out keeps the whole of CI well under 45 minutes on two cores.
#
# Mirror: KN_FRESH_MIRROR (default http://deb.debian.org/debian).  Network
# steps retry three times; an unreachable mirror stops with a clear message.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
mirror=${KN_FRESH_MIRROR:-http://deb.debian.org/debian}
stages=${KN_FRESH_STAGES:-suite fuzz}
[ "$(id -u)" = 0 ] || { echo "fresh: must run as root (debootstrap, chroot, mounts)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "fresh: debootstrap is missing: scripts/install-deps.sh --test" >&2; exit 2; }
root=${1:-$(mktemp -d /var/tmp/knockon-fresh.XXXXXX)}
mkdir -p "$root"
# the root's / as on a real machine: mktemp made it 0700, which would keep
# every user but root out of the whole system (a test runs as nobody)
chmod 755 "$root"
mounts=()
cleanup() {
	local i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" 2>/dev/null || true
	done
	[ -n "${KN_FRESH_KEEP:-}" ] || rm -rf --one-file-system "$root"
}
trap cleanup EXIT
t0=$SECONDS
say() { echo "fresh: [$((SECONDS - t0)) s] $*"; }

try() { # a network step, three times
	local i
	for i in 1 2 3; do
		"$@" && return 0
		say "'$1' failed (try $i of 3)"
		sleep $((i * 10))
	done
	echo "fresh: cannot reach the Debian mirror $mirror (set KN_FRESH_MIRROR to another); giving up" >&2
	return 1
}

say "debootstrap --variant=minbase bookworm $root $mirror"
try debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
	{ tail -20 "$root.debootstrap.log" >&2; exit 1; }
rm -f "$root.debootstrap.log"
# the sources a new Debian 12 machine has
cat >"$root/etc/apt/sources.list" <<LIST
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${KN_FRESH_SECURITY:-http://deb.debian.org/debian-security} bookworm-security main
LIST
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

mkdir -p "$root/root/knockon"
git -C "$src" archive --format=tar HEAD | tar -x -C "$root/root/knockon"
say "commit $(git -C "$src" rev-parse --short HEAD) in $root/root/knockon"

mount -t proc proc "$root/proc" && mounts+=("$root/proc")
mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" && mounts+=("$root/dev")
mount -t sysfs sys "$root/sys" && mounts+=("$root/sys")
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp" && mounts+=("$root/tmp")

inside() { # runs a shell command in the root with a new machine's environment
	chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		KNOCKON_CHECK_STAGES="$stages" bash -c "cd /root/knockon && $1"
}
say "scripts/demo.sh"
inside "scripts/demo.sh"
say "scripts/check.sh (stages: $stages)"
inside "scripts/check.sh"
say "the README's two commands passed in a fresh bookworm root"
