#!/usr/bin/env bash
# Installs what building and testing need, only when it is missing:
# the Swift toolchain must already be on PATH; Debian packages come from apt.
# Usage: scripts/setup.sh [--bench]   (--bench adds the peers the benchmarks compare against)
set -euo pipefail

need_pkgs=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

for pkg in libsqlite3-dev zlib1g-dev zip unzip sqlite3 python3 tmux curl; do
    have_pkg "$pkg" || need_pkgs+=("$pkg")
done
if [ "${1:-}" = "--bench" ]; then
    for pkg in time hyperfine wrk nginx; do have_pkg "$pkg" || need_pkgs+=("$pkg"); done
fi

if [ ${#need_pkgs[@]} -gt 0 ]; then
    echo "setup: installing ${need_pkgs[*]}" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "setup: run as root or install sudo to install: ${need_pkgs[*]}" >&2; exit 1; }
        SUDO="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
    for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
        [ -x "$dir/swift" ] && export PATH="$dir:$PATH" && break
    done
fi
command -v swift >/dev/null || {
    echo "setup: the Swift toolchain (6.0 or later) is not on PATH; install it from swift.org and run this again" >&2
    exit 1
}
