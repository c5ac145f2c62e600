#!/usr/bin/env bash
# make deb: the Debian package builds (in a temporary copy: the checkout's
# build folders are left alone), holds the binary, the man page, voices/,
# feeds/, the completions and the docs, depends on what herald links and
# on the libcurl it loads at run time and the MeCab dictionary it reads,
# installs the bulletin as a user unit it does not enable, passes lintian
# without errors, and runs from a temporary root it is unpacked into,
# finding its data there.
. "$TESTLIB/test-lib.sh"

# The package is built with its own flags, not the sanitizers': once is
# enough, in the plain build's pass.
if ldd "$HERALD" 2>/dev/null | grep -q libasan; then
    echo "SKIP: the package is tested in the build without sanitizers"; exit 77
fi
for tool in dpkg-buildpackage dh lintian fakeroot; do
    command -v "$tool" >/dev/null || { echo "SKIP: no $tool (make deps installs it)"; exit 77; }
done

version=$(cmake -DSOURCE_DIR="$SRCDIR" -P "$SRCDIR/cmake/HeraldVersion.cmake")
debversion=$(printf '%s' "$version" | tr -- - +)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
deb="$T/deb/herald_${debversion}_${arch}.deb"

# What the package build could have touched in the checkout: debian/, and
# the build folder's cache (other tests may write beside it at the same time).
stamp() { find "$SRCDIR/debian" "$BUILDDIR/CMakeCache.txt" -newer "$T/start" 2>/dev/null | sort; }
touch "$T/start"
sleep 1
expect_status 0 "building the package" -- sh "$SRCDIR/debian/build-deb.sh" "$T/deb"
[ -s "$deb" ] && ok || { fail "no $deb: $(ls "$T/deb") $(tail -5 "$T/err")"; finish; }
grep -q "^E: " "$T/out" "$T/err" && fail "lintian errors: $(grep '^E: ' "$T/out" "$T/err")" || ok
changed=$(stamp)
[ -z "$changed" ] && ok || fail "the package build touched the checkout: $changed"
[ ! -e "$SRCDIR/debian/herald" ] && [ ! -e "$SRCDIR/debian/changelog" ] &&
    [ ! -e "$SRCDIR/debian/files" ] && [ ! -e "$SRCDIR/debian/.debhelper" ] &&
    [ ! -e "$SRCDIR/obj-$(dpkg-architecture -qDEB_HOST_GNU_TYPE)" ] && ok ||
    fail "debhelper leftovers in the checkout"

# Its fields.
dpkg-deb -I "$deb" >"$T/info" && ok || fail "dpkg-deb -I failed"
grep -q "^ Package: herald$" "$T/info" && ok || fail "not the herald package: $(head -5 "$T/info")"
grep -q "^ Version: $debversion$" "$T/info" && ok || fail "version is not $debversion"
depends=$(sed -n 's/^ Depends: //p' "$T/info")
for lib in 'libcurl4 (>= ' libespeak-ng1 libportaudio2 libsqlite3-0 libxml2 libsndfile1 libicu \
           libtagc0 libmecab2 mecab-ipadic-utf8; do
    case $depends in *"$lib"*) ok ;; *) fail "Depends lacks $lib: $depends" ;; esac
done

# Its files: the binary, the man page, the completions, the docs, and every
# file of voices/ and feeds/ (what others add there comes along).
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#' >"$T/files"
for f in /usr/bin/herald /usr/share/man/man1/herald.1.gz \
         /usr/share/bash-completion/completions/herald \
         /usr/share/zsh/vendor-completions/_herald \
         /usr/share/fish/vendor_completions.d/herald.fish \
         /usr/share/doc/herald/copyright /usr/share/doc/herald/README.md.gz \
         /usr/share/doc/herald/EXPORT.md.gz; do
    grep -qx "$f" "$T/files" && ok || fail "the package has no $f"
done
(cd "$SRCDIR" && git ls-files voices feeds 2>/dev/null || find voices feeds -type f) |
    grep -v '/\.keep$' >"$T/shipped"
[ -s "$T/shipped" ] && ok || fail "no voices/ or feeds/ files in the tree"
while read -r f; do
    grep -qx "/usr/share/herald/$f" "$T/files" && ok || fail "the package has no /usr/share/herald/$f"
done <"$T/shipped"
if [ -f "$SRCDIR/docs/herald-bulletin.service" ]; then
    # A user unit (systemctl --user): it speaks through the kiosk user's
    # sound session; installing enables it for no one.
    grep -qx '/usr/lib/systemd/user/herald-bulletin.service' "$T/files" && ok ||
        fail "the bulletin's unit is not in the package as a user unit"
    grep -q '/systemd/system/herald-bulletin.service$' "$T/files" &&
        fail "the bulletin's unit is in the package as a system unit" || ok
    # debhelper's postinst enables a unit on a first install unless told
    # --no-enable; then it only keeps the links of one a user enabled,
    # under a test that the unit was installed before (debian-installed).
    dpkg-deb -e "$deb" "$T/control"
    if grep -qs "enable 'herald-bulletin.service'" "$T/control/postinst"; then
        grep -q "debian-installed 'herald-bulletin.service'" "$T/control/postinst" && ok ||
            fail "installing the package enables the bulletin for every user"
    fi
fi

# Unpacked into a temporary root, it runs and finds its data there.
dpkg -x "$deb" "$T/root" && ok || fail "dpkg -x failed"
h="$T/root/usr/bin/herald"
expect_status 0 "--version from the package" -- "$h" --version
grep -qx "herald $version" "$T/out" && ok || fail "--version: $(cat "$T/out"), expected herald $version"
expect_status 0 "text from the package" -- "$h" text "$FIXTURES/seed.html"
"$HERALD" text "$FIXTURES/seed.html" >"$T/text-build"
cmp -s "$T/out" "$T/text-build" && ok || fail "the package's text differs from the build's"
expect_status 0 "export from the package" -- "$h" export "$FIXTURES/seed.html" -o "$T/seed.wav" -q
[ "$(head -c 4 "$T/seed.wav")" = RIFF ] && ok || fail "export from the package wrote no WAV"
[ -d "$T/root/usr/share/herald/voices" ] && ok || fail "no voices/ in the unpacked root"
bash -c ". '$T/root/usr/share/bash-completion/completions/herald' && declare -F _herald" >/dev/null &&
    ok || fail "the packaged bash completion does not define _herald"
finish
