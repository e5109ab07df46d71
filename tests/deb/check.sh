#!/bin/sh
# check.sh - the Debian package (make check-deb): what it holds, lintian
# without errors, and the demo run from its files unpacked in a clean
# directory: a jail made by the packaged ljail on a busybox root, listed
# by the packaged ljls, entered by the packaged ljexec.
#
# usage: check.sh DEB SRCDIR
# Prints TAP.
set -u
deb=$1
srcdir=$2
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() { _d=$1; shift; if "$@"; then ok "$_d"; else notok "$_d"; fi; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ljail-deb.XXXXXX")
trap 'LJAIL_RUNDIR="$tmp/run" "$tmp/x/usr/sbin/ljail" -R demo >/dev/null 2>&1; rm -rf "$tmp"' EXIT

dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$tmp/files"
for f in /usr/sbin/ljail /usr/sbin/ljls /usr/sbin/ljexec \
    /usr/libexec/ljail/ljail-rc /etc/default/ljail \
    /usr/share/man/man8/ljail.8.gz /usr/share/man/man8/ljail-rc.8.gz \
    /usr/share/man/man8/ljls.8.gz /usr/share/man/man8/ljexec.8.gz \
    /usr/share/man/man5/ljail.conf.5.gz \
    /usr/share/bash-completion/completions/ljail \
    /usr/share/bash-completion/completions/ljls \
    /usr/share/bash-completion/completions/ljexec; do
	check "holds $f" grep -qx "$f" "$tmp/files"
done
check "holds ljail.service" grep -q '/systemd/system/ljail\.service$' "$tmp/files"
check "holds ljail@.service" grep -q '/systemd/system/ljail@\.service$' "$tmp/files"
for f in "$srcdir"/examples/*.conf; do
	check "holds examples/$(basename "$f")" grep -qx \
	    "/usr/share/doc/ljail/examples/$(basename "$f")" "$tmp/files"
done
dpkg-deb -e "$deb" "$tmp/control"
check "/etc/default/ljail is a conffile" \
    grep -qx /etc/default/ljail "$tmp/control/conffiles"
# (dh_installsystemd --no-enable: enabled again only if it was before)
check "ljail.service is not enabled by the package" \
    grep -q "debian-installed 'ljail.service'" "$tmp/control/postinst"
check "nor started" sh -c "! grep -q 'deb-systemd-invoke.*start' '$tmp/control/postinst'"
if command -v lintian >/dev/null; then
	lintian "$deb" >"$tmp/lintian" 2>&1
	if grep -q '^E:' "$tmp/lintian"; then
		notok "lintian: no error"
		sed 's/^/# /' "$tmp/lintian"
	else
		ok "lintian: no error ($(grep -c '^W:' "$tmp/lintian") warnings)"
	fi
else
	skip "lintian: no error" "lintian not installed"
fi

# The demo from the unpacked files, as root with user namespaces.
dpkg-deb -x "$deb" "$tmp/x"
if [ "$(id -u)" -ne 0 ] || ! unshare -U true 2>/dev/null; then
	skip "demo from the installed files" "needs root and user namespaces"
elif ! "$srcdir/scripts/mkroot" "$tmp/root" >/dev/null 2>&1; then
	skip "demo from the installed files" "scripts/mkroot failed (busybox-static?)"
else
	export LJAIL_RUNDIR="$tmp/run" LJAIL_PATH_WARNING=0
	b="$tmp/x/usr/sbin"
	check "demo: ljail -c" "$b/ljail" -c name=demo path="$tmp/root" \
	    host.hostname=demo.example.org persist
	check "demo: ljls lists it" sh -c "'$b/ljls' name | grep -qx demo"
	check "demo: ljexec runs in it" \
	    sh -c "test \"\$('$b/ljexec' demo hostname)\" = demo.example.org"
	check "demo: ljail -r" "$b/ljail" -r demo
	check "demo: the packaged completion loads" bash -c \
	    ". '$tmp/x/usr/share/bash-completion/completions/ljail' &&
	    complete -p ljail ljls ljexec >/dev/null"
fi
echo "1..$n"
exit $failed
