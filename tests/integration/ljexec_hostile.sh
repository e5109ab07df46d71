#!/bin/sh
# ljexec_hostile.sh - a hostile jail root cannot steer ljexec or ljls
# (linux-peers §3.7): a planted NSS module and nsswitch.conf are never
# loaded by ljexec -U (the jail's passwd is read as data), and look-alike
# registry state written inside the jail changes nothing on the host;
# ljls run inside sees only the jail's own registry.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
command -v cc >/dev/null || t_skip_all "no C compiler for the planted module"
# A root of our own (we plant files in it), reachable by the jail's ids.
root=$(mktemp -d "${TMPDIR:-/tmp}"/ljail-reg-root.XXXXXX)
t_cleanup "rm -rf $root"
chmod 755 "$root"
"$top_srcdir/scripts/mkroot" "$root" >/dev/null 2>&1 ||
	t_skip_all "scripts/mkroot failed"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}"/ljail-reg-rd.XXXXXX)
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
ASAN_OPTIONS=detect_leaks=0
export ASAN_OPTIONS

# E2: an NSS module that leaves a marker wherever it is loaded.
cat >"$T_TMP/evil.c" <<'C'
#include <fcntl.h>
#include <unistd.h>
__attribute__((constructor)) static void
evil(void)
{
	close(open("/tmp/nss-loaded", O_WRONLY | O_CREAT, 0644));
	close(open("/nss-loaded", O_WRONLY | O_CREAT, 0644));
}
C
cc -shared -fPIC -o "$T_TMP/libnss_evil.so.2" "$T_TMP/evil.c" ||
	t_skip_all "cannot build the planted module"
for d in lib lib64 usr/lib lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu; do
	mkdir -p "$root/$d"
	cp "$T_TMP/libnss_evil.so.2" "$root/$d/"
done
printf 'passwd: evil\ngroup: evil\n' >"$root/etc/nsswitch.conf"
rm -f /tmp/nss-loaded

"$LJAIL" -c name=hostile persist path="$root" host.hostname=hostile \
    >/dev/null 2>&1 || t_skip_all "cannot create a jail"
t_eq "-U resolves the jail's user" 1001 \
    "$("$LJEXEC" -U jailuser hostile id -u 2>&1)"
"$LJEXEC" -l -U jailuser hostile true >/dev/null 2>&1
"$LJEXEC" -U nosuchuser hostile true >/dev/null 2>&1
t_check "planted NSS module never loaded inside" test ! -e "$root/tmp/nss-loaded"
t_check "nor on the host" test ! -e /tmp/nss-loaded
t_check "nor at the jail's root" test ! -e "$root/nss-loaded"

# E3: the jail's root writes look-alike registry state in its own root,
# claiming the name "hostile" for the host's init.
"$LJEXEC" hostile /bin/sh -c '
	mkdir -p /run/ljail/jails /run/ljail/names &&
	printf "ljail-record 1\njid 1\nname :hostile\ninit 1 1\nend\n" \
	    >/run/ljail/jails/1 && ln -s 1 /run/ljail/names/hostile &&
	mkdir -p /tmp/ljail-0/jails && cp /run/ljail/jails/1 /tmp/ljail-0/jails/'
t_eq "host ljls unchanged" "hostile hostile" \
    "$("$LJLS" name host.hostname 2>&1)"
init=$(awk '/^init / {print $2}' "$LJAIL_RUNDIR/jails/$("$LJLS" -j hostile jid)")
t_eq "ljexec still enters the jail, not the host's init" \
    "$(readlink "/proc/$init/ns/mnt")" \
    "$("$LJEXEC" hostile readlink /proc/self/ns/mnt 2>&1)"
t_check "and not the host" \
    [ "$("$LJEXEC" hostile readlink /proc/self/ns/mnt 2>&1)" != \
    "$(readlink /proc/self/ns/mnt)" ]
# Inside, ljls reads the jail's own registry (/run/ljail in the jail's
# root, where the jail's root planted its look-alike): the host's jails,
# this one included, are not there, and the planted record is no jail.
mkdir -p "$root/sbin"
cp "$LJLS" "$root/sbin/ljls"
for lib in $(ldd "$LJLS" | awk '/=> \// { print $3 } /^\t\/[^ ]*ld-linux/ { print $1 }'); do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
t_eq "inside, ljls shows no host jail" \
    "   JID  IP Address      Hostname                      Path" \
    "$("$LJEXEC" hostile /usr/bin/env -u LJAIL_RUNDIR /sbin/ljls 2>&1)"
t_eq "inside, -j of the jail's own name: not found" \
    'ljls: jail "hostile" not found' \
    "$("$LJEXEC" hostile /usr/bin/env -u LJAIL_RUNDIR /sbin/ljls -j hostile \
    2>&1)"
"$LJAIL" -r hostile >/dev/null 2>&1
t_eq "nothing left" "" "$(ls "$LJAIL_RUNDIR/jails")"
t_done
