#!/bin/sh
# Checks the watch service and timer with systemd's own verifier, for an instance (profile "prod"), with
# ExecStart pointed at the built litellm-deskctl (the installed path is checked by deb-smoke.sh).
set -eu
units=$1
deskctl=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/run" "$work/units"
chmod 700 "$work/run"
sed "s|/usr/bin/litellm-deskctl|$deskctl|" "$units/litellm-desk-watch@.service" >"$work/units/litellm-desk-watch@.service"
cp "$units/litellm-desk-watch@.timer" "$work/units/"
grep -q "ExecStart=$deskctl watch --once --profile %I" "$work/units/litellm-desk-watch@.service"
# The options the service passes must be ones the command takes.
"$deskctl" watch --help | grep -q -- "--once"
"$deskctl" watch --help | grep -q -- "--profile"
XDG_RUNTIME_DIR="$work/run" systemd-analyze --user verify \
  "$work/units/litellm-desk-watch@prod.service" "$work/units/litellm-desk-watch@prod.timer"
echo "the watch service and timer verify"
