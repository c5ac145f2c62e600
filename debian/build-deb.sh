#!/bin/sh
# build-deb.sh [OUTDIR] — build herald_VERSION_ARCH.deb (make deb).
#
# The version comes from the CMake project version, refined by git
# describe (cmake/HeraldVersion.cmake); debian/changelog is written from
# it here, so it has no second copy.  The package is built by
# dpkg-buildpackage with debhelper in a copy of the tree in a temporary
# folder: the checkout's build folders and debian/ get nothing from the
# build.  The .deb, .buildinfo and .changes land in OUTDIR (default: the
# top of the tree), then lintian checks the package; an error fails.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$src}" && cd "${1:-$src}" && pwd)
version=$(cmake -DSOURCE_DIR="$src" -P "$src/cmake/HeraldVersion.cmake")
# Debian's version: no '-' in a native package (0.1.0-3-gabc -> 0.1.0+3+gabc).
debversion=$(printf '%s' "$version" | tr -- - +)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM HUP
tree="$tmp/herald-$debversion"
mkdir "$tree"
# The files of the checkout (tracked, and new ones not ignored); without git,
# everything but the build folders.
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$src" && git ls-files -z --cached --others --exclude-standard |
        xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
        tar --null -T - -cf -) | tar -xf - -C "$tree"
else
    (cd "$src" && tar --exclude=./build --exclude='./build-*' --exclude=./.git \
        --exclude='./*.deb' -cf - .) | tar -xf - -C "$tree"
fi
printf '%s\n' "$version" >"$tree/.tarball-version"

# The changelog: one entry, the version and the date of the commit.
maint=$(sed -n 's/^Maintainer: //p' "$src/debian/control")
date=$(git -C "$src" log -1 --format=%aD 2>/dev/null || date -R)
cat >"$tree/debian/changelog" <<END
herald ($debversion) unstable; urgency=medium

  * Built from herald $version.

 -- $maint  $date
END

jobs=$(nproc 2>/dev/null || echo 2)
(cd "$tree" && DEB_BUILD_OPTIONS="nocheck parallel=$jobs" \
    dpkg-buildpackage -b -us -uc --no-sign >"$tmp/build.log" 2>&1) || {
    tail -n 40 "$tmp/build.log" >&2
    echo "herald: error: dpkg-buildpackage failed (the log's end is above)" >&2
    exit 1
}
deb="herald_${debversion}_${arch}.deb"
for f in "$deb" "herald-dbgsym_${debversion}_${arch}.ddeb" \
         "herald_${debversion}_${arch}.buildinfo" \
         "herald_${debversion}_${arch}.changes"; do
    [ -e "$tmp/$f" ] && mv "$tmp/$f" "$out/"
done
echo "built $out/$deb ($(du -k "$out/$deb" | cut -f1) KB)"
if command -v lintian >/dev/null; then
    lintian --fail-on error --info "$out/$deb"
fi
