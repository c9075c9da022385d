#!/usr/bin/env bash
# Installs what building and testing LiteLLM Desk needs on Debian 12 (bookworm), from Debian's packages.
# Run as root (or with sudo available). Does nothing when everything is already installed.
# --list prints the packages, one per line, and installs nothing. --fuzz adds clang 19 and its libFuzzer and
# sanitizer runtimes, for the fuzz preset.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-qpa-plugins qtkeychain-qt6-dev libsimdjson-dev libgl-dev
  # the key index: Qt SQL's SQLite driver (loaded at run time, so no build file names it) and the
  # system SQLite it runs on, whose handle the index's bulk writes use directly
  libqt6sql6-sqlite libsqlite3-dev
  # tests: a real Secret Service in a private D-Bus session, a virtual display, file checkers
  gnome-keyring dbus dbus-x11 libsecret-tools openssl xvfb xauth poppler-utils desktop-file-utils appstream
  fonts-dejavu-core
  # tests: systemd's verifier for the watch service and timer
  systemd
)

if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-19 libclang-rt-19-dev)
  shift
fi

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
