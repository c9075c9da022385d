#!/bin/sh
# Checks that packaging/install-deps.sh installs, directly or through their dependencies, the Debian
# packages that own every file the configure step loaded (build/<preset>/loaded-packages.txt) and every
# program the tests run. A machine that happens to have an extra package installed cannot hide a missing
# line in the script: the owner of each file must be in the script's dependency closure.
# Usage: deps-covered.sh INSTALL_DEPS_SH LOADED_PACKAGES_TXT [PROGRAM...]
set -eu
script=$1 loaded=$2
shift 2
command -v dpkg-query >/dev/null 2>&1 || { echo "not a Debian system: skipped"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/desk-deps.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

bash "$script" --list > "$tmp/listed"
[ -s "$tmp/listed" ] || { echo "FAIL: $script --list printed no packages"; exit 1; }

# The closure of the listed packages over Depends and Pre-Depends, as installed here.
# shellcheck disable=SC2046
apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $(cat "$tmp/listed") 2>/dev/null \
  | sed -n 's/^\([^ <][^ ]*\)$/\1/p; s/^ *\(Pre\)\{0,1\}Depends: \([^<][^ ]*\)$/\2/p' \
  | sed 's/:.*//' | sort -u > "$tmp/closure"
cat "$tmp/listed" >> "$tmp/closure"

owner() {
  # dpkg knows a file by the path its package shipped, which may be the /lib side of a merged /usr.
  for p in "$1" "$(readlink -f "$1")" "$(echo "$1" | sed 's|^/usr/lib/|/lib/|')" \
           "$(readlink -f "$1" | sed 's|^/usr/lib/|/lib/|; s|^/usr/bin/|/bin/|')"; do
    o=$(dpkg-query -S "$p" 2>/dev/null | head -n 1 | sed 's/: .*//; s/:[a-z0-9]*$//; s/,.*//') || true
    [ -n "$o" ] && { echo "$o"; return 0; }
  done
  return 1
}

missing=0 checked=0
check() { # FILE WHAT
  checked=$((checked + 1))
  if ! o=$(owner "$1"); then
    echo "MISSING: $2 $1 belongs to no Debian package; install it from a package the script lists"
    missing=$((missing + 1))
  elif ! grep -qx "$o" "$tmp/closure"; then
    echo "MISSING: $2 $1 comes from the package $o, which $script does not install (add $o to it)"
    missing=$((missing + 1))
  fi
}

while IFS= read -r f; do
  [ -f "$f" ] && check "$f" "the build loaded"
done < "$loaded"
for prog in "$@"; do
  if path=$(command -v "$prog"); then
    check "$path" "the tests run"
  else
    echo "MISSING: the tests run $prog, which is not installed"
    missing=$((missing + 1))
  fi
done

echo "$checked files checked against $(wc -l < "$tmp/closure") packages in the script's closure; $missing missing"
[ "$missing" -eq 0 ]
