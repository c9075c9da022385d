#!/bin/sh
# Builds the Debian package from the build tree, installs it, runs both programs from the installed
# files, and removes it again. Needs root (apt/dpkg); exits 77 (skipped) otherwise.
set -eu
build_dir=$1
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: the package cannot be installed here"
  exit 77
fi
if dpkg-query -W -f='${Status}' litellm-desk 2>/dev/null | grep -q "install ok installed"; then
  echo "litellm-desk is already installed on this machine; not touching it"
  exit 77
fi
work=$(mktemp -d)
cleanup() {
  dpkg -r litellm-desk >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

cd "$build_dir"
cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/litellm-desk_*.deb)
echo "built $(basename "$deb")"

# Dependencies come from the binaries (shlibdeps): Qt and QtKeychain must be among them.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6keychain1; do
  echo "$depends" | grep -q "$lib" || { echo "missing dependency on $lib"; exit 1; }
done

# Every file the desktop needs is in the package.
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/litellm-desk ./usr/bin/litellm-deskctl \
         ./usr/share/applications/io.github.litellm_desk.LiteLLMDesk.desktop \
         ./usr/share/metainfo/io.github.litellm_desk.LiteLLMDesk.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/io.github.litellm_desk.LiteLLMDesk.svg \
         ./usr/share/icons/hicolor/48x48/apps/io.github.litellm_desk.LiteLLMDesk.png \
         ./usr/share/icons/hicolor/256x256/apps/io.github.litellm_desk.LiteLLMDesk.png \
         ./usr/share/doc/litellm-desk/copyright \
         ./usr/lib/systemd/user/litellm-desk-watch@.service ./usr/lib/systemd/user/litellm-desk-watch@.timer; do
  echo "$contents" | grep -q " $f\$" || { echo "the package lacks $f"; exit 1; }
done

apt-get install -y -qq "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
desktop-file-validate /usr/share/applications/io.github.litellm_desk.LiteLLMDesk.desktop
appstreamcli validate --no-net /usr/share/metainfo/io.github.litellm_desk.LiteLLMDesk.metainfo.xml >/dev/null

mkdir -p "$work/run" && chmod 700 "$work/run"
XDG_RUNTIME_DIR="$work/run" systemd-analyze --user verify \
  /usr/lib/systemd/user/litellm-desk-watch@prod.service /usr/lib/systemd/user/litellm-desk-watch@prod.timer
echo "the installed watch units verify"

version=$(/usr/bin/litellm-deskctl --version)
echo "installed: $version"
echo "$version" | grep -q "0\.[0-9]" || { echo "unexpected --version output"; exit 1; }

QT_QPA_PLATFORM=offscreen HOME="$work" XDG_CONFIG_HOME="$work/config" \
  timeout 60 /usr/bin/litellm-desk --demo --screenshot "$work/shot.png"
size=$(stat -c %s "$work/shot.png")
[ "$size" -gt 10000 ] || { echo "the screenshot is too small ($size bytes)"; exit 1; }
echo "screenshot from the installed app: $size bytes"

dpkg -r litellm-desk >/dev/null
[ ! -e /usr/bin/litellm-deskctl ] || { echo "removing the package left /usr/bin/litellm-deskctl"; exit 1; }
echo "installed, ran and removed"
