#!/bin/sh
# Regenerates the README's screenshots from a build: every page of the app on the embedded simulator,
# and the dialogs the widget tests draw. Usage: scripts/update-screenshots.sh [BUILD_DIR]
# (default build/dev, which must have been built with the tests).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build/dev"}
out="$root/docs/screenshots"
app="$build/app/litellm-desk"
[ -x "$app" ] || { echo "no $app: build first (cmake --preset dev && cmake --build --preset dev)" >&2; exit 2; }
mkdir -p "$out"
export QT_QPA_PLATFORM=offscreen
# A settings folder of its own, so the screenshots do not depend on (or change) the user's settings.
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT

for page in $("$app" --list-pages); do
    "$app" --demo --page "$page" --screenshot "$out/$page.png"
    echo "$out/$page.png"
done

# Dialogs, drawn by their widget tests.
export DESK_SCREENSHOT_DIR="$out"
for test in tst_RolesPage tst_ConnectionsDialog tst_MainWindowConnections; do
    "$build/tests/ui/$test" >/dev/null
done
ls "$out"
