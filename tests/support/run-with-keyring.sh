#!/bin/sh
# Runs a command in a private D-Bus session with its own home folder, in one of three states:
#   (default)        GNOME Keyring running and unlocked: a working Secret Service
#   --locked-keyring GNOME Keyring can be started, but has no unlocked keyring and cannot prompt
#   --no-keyring     no Secret Service at all (the bus can start no services)
# The state is passed to the command as DESK_TEST_KEYRING=unlocked|locked|none.
set -eu
mode=unlocked
case "${1:-}" in
  --no-keyring) mode=none; shift ;;
  --locked-keyring) mode=locked; shift ;;
esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/desk-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/run"
chmod 700 "$tmp/run"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
export DESK_TEST_KEYRING="$mode"
unset DISPLAY WAYLAND_DISPLAY

config=""
if [ "$mode" = none ]; then
  config="$tmp/session.conf"
  cat > "$config" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=$tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
fi

dbus-run-session ${config:+--config-file="$config"} -- sh -c '
  if [ "$DESK_TEST_KEYRING" = unlocked ]; then
    printf "desk-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  fi
  exec "$@"' sh "$@" 2>&1
