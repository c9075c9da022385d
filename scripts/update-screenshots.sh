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

# Dialogs, drawn by their widget tests (first: a page shot below replaces a test's shot of the same name).
export DESK_SCREENSHOT_DIR="$out"
for test in tst_RolesPage tst_ConnectionsDialog tst_MainWindowConnections tst_UsersPage; do
    "$build/tests/ui/$test" >/dev/null
done
unset DESK_SCREENSHOT_DIR

for page in $("$app" --list-pages); do
    "$app" --demo --page "$page" --screenshot "$out/$page.png"
    echo "$out/$page.png"
done

# Every page again in the dark theme and at twice the scale (a high-density screen), to look at before a
# release: text that does not fit or colours that do not read show up here first. Not for the README.
review="$root/build/screenshots-review"
mkdir -p "$review"
for page in $("$app" --list-pages); do
    for theme in light dark; do
        "$app" --demo --theme "$theme" --page "$page" --screenshot "$review/$page-$theme-1x.png"
        QT_SCALE_FACTOR=2 "$app" --demo --theme "$theme" --page "$page" --screenshot "$review/$page-$theme-2x.png"
    done
done
# Every dialog, light and dark, at both scales (drawn by their layout test).
DESK_SCREENSHOT_DIR="$review" "$build/tests/ui/tst_DialogLayouts" -platform offscreen >/dev/null
for shot in "$review"/dialog-*-light.png "$review"/dialog-*-dark.png; do
    case $shot in *-1x.png | *-2x.png) continue ;; esac
    mv "$shot" "${shot%.png}-1x.png"
done
DESK_SCREENSHOT_DIR="$review" QT_SCALE_FACTOR=2 "$build/tests/ui/tst_DialogLayouts" -platform offscreen >/dev/null
for shot in "$review"/dialog-*-light.png "$review"/dialog-*-dark.png; do
    case $shot in *-1x.png | *-2x.png) continue ;; esac
    mv "$shot" "${shot%.png}-2x.png"
done
echo "review shots (light, dark, 1x, 2x): $review"

ls "$out"
