#!/bin/sh
# reg_nested.sh - jails made inside a jail: FreeBSD's jail_basic_test.sh
# "nested" case, adapted (spec §6.1), and what makes it safe on Linux:
# the nested jail shares its parent's ids, the parent's children.max is
# the kernel's limit on its user namespaces (so jail root cannot go past
# it by other means, nor raise it), each level has its own registry and
# its own /proc, and removing the parent takes its jails with it.
#
# The jails have no path (the host's tree, as FreeBSD's test does), so
# the ljail under test is at the same path inside.  Runs as root and,
# in the rootless pass, as an unprivileged user.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_userns
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}"/ljail-nest-rd.XXXXXX)
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
cd "$T_TMP" || exit 1
# The jail's root (a uid of a private range, as root) runs the binaries.
chmod 0711 "$T_TMP"

# inside JAIL CMD...: CMD inside JAIL, with the jail's own registry.
inside() {
	_j=$1
	shift
	"$LJEXEC" "$_j" env -u LJAIL_RUNDIR "$@"
}

# Inside a rootless jail on "/" the nested registry is the host's
# /run/ljail, covered by the jail's own tmpfs: it must exist.
if [ "$(id -u)" -ne 0 ] && [ ! -d /run/ljail ]; then
	t_skip_all "rootless: no /run/ljail on this host to cover"
fi

# --- nested (jail_basic_test.sh), TEST-NET address
t_run_expect "nested: basejail with children.max=1" 0 '' \
    "$LJAIL" -c name=basejail persist ip4.addr=192.0.2.1 children.max=1
t_run_expect "nested: first nested jail" 0 '' \
    inside basejail "$LJAIL" -c name=nestedjail persist ip4.addr=192.0.2.1
t_eq "nested: nothing on stdout" "" "$(cat "$T_TMP/out")"
"$LJEXEC" basejail env -u LJAIL_RUNDIR "$LJAIL" -c name=secondnestedjail \
    persist ip4.addr=192.0.2.1 >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "nested: second exits 1" 1 "$?"
t_eq "nested: second's message" "ljail: prison limit exceeded" \
    "$(cat "$T_TMP/err")"
t_eq "nested: second prints nothing on stdout" "" "$(cat "$T_TMP/out")"
t_run_expect "nested: ljls inside" 0 '' inside basejail "$LJLS"
t_check "nested: ljls inside lists the nested jail" \
    grep -Eq '^ +1  192\.0\.2\.1 ' "$T_TMP/out"
t_run_expect "nested: ljls -v inside" 0 '' inside basejail "$LJLS" -v
t_check "nested: -v shows nestedjail ACTIVE" grep -q 'nestedjail *ACTIVE' \
    "$T_TMP/out"
t_run_expect "nested: ljls -n inside" 0 '' inside basejail "$LJLS" -n
t_check "nested: -n shows name=nestedjail" grep -q 'name=nestedjail' \
    "$T_TMP/out"
t_eq "nested: basejail sees only its own jails" 1 \
    "$(inside basejail "$LJLS" -N | tail -n +2 | grep -c .)"
t_eq "nested: the host does not list the nested jail" "" \
    "$("$LJLS" -j nestedjail jid 2>/dev/null)"
t_eq "nested: the host's children.cur of basejail counts it" "1 1" \
    "$("$LJLS" -j basejail children.max children.cur)"
t_run_expect "nested: the host's basejail.x counts it too" 1 \
    '^ljail: prison limit exceeded$' \
    "$LJAIL" -c name=basejail.x persist
# The jail's root owns its registry: what it plants there must not count
# nor stall the host (a FIFO, a symlink out, a forged record naming a
# process of the jail that is no jail).
sleeper=$("$LJEXEC" basejail sh -c '
	cd /run/ljail/jails || exit 1
	mkfifo 98 && ln -s /etc/passwd 99 || exit 1
	sleep 300 </dev/null >/dev/null 2>&1 &
	p=$!
	st=$(sed "s/.*) //" /proc/$p/stat | cut -d" " -f20)
	sed "s/^init .*/init $p $st/" "$(ls | grep -Ex "[0-9]+" | head -n 1)" \
	    >97 && echo $p')
t_check "nested: hostile entries planted ($sleeper)" test -n "$sleeper"
t_eq "nested: planted entries do not count" 1 \
    "$(timeout 20 "$LJLS" -j basejail children.cur)"
"$LJEXEC" basejail sh -c "kill $sleeper; rm -f /run/ljail/jails/97 \
    /run/ljail/jails/98 /run/ljail/jails/99" >/dev/null 2>&1

"$LJAIL" -c name=basejail_nochild persist ip4.addr=192.0.2.1 >/dev/null
"$LJEXEC" basejail_nochild env -u LJAIL_RUNDIR "$LJAIL" -c name=nestedjail \
    persist ip4.addr=192.0.2.1 >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "nested: children.max=0 exits 1" 1 "$?"
t_eq "nested: children.max=0 message" \
    "ljail: jail_set: Operation not permitted" "$(cat "$T_TMP/err")"
t_run_expect "nested: ljls in a jail without children" 0 '' \
    inside basejail_nochild "$LJLS"
t_eq "nested: ... shows the header only" 1 "$(grep -c . "$T_TMP/out")"

"$LJEXEC" basejail env -u LJAIL_RUNDIR "$LJAIL" -c name=idbase persist \
    ljail.idmap.base=1000000 >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "nested: ljail.idmap.base exits 1" 1 "$?"
t_eq "nested: ljail.idmap.base refused" \
    "ljail: ljail.idmap.base: a jail inside a jail shares its parent's ids" \
    "$(cat "$T_TMP/err")"
t_eq "nested: ... and nothing is left of it" 1 \
    "$(inside basejail "$LJLS" -N | tail -n +2 | grep -c .)"

# --- what the nested jail is
t_eq "ids: the nested jail maps its parent's ids onto themselves" \
    "$(inside basejail sh -c 'awk "{print \$1, \$1, \$3}" /proc/self/uid_map')" \
    "$(inside basejail "$LJEXEC" nestedjail awk '{print $1, $2, $3}' \
	/proc/self/uid_map)"
t_eq "proc: the nested jail's /proc is its own (PID 1 is its init)" \
    "init" "$(inside basejail "$LJEXEC" nestedjail cat /proc/1/comm)"
n=$(inside basejail "$LJEXEC" nestedjail sh -c 'ls /proc | grep -c "^[0-9]"')
t_check "proc: the nested jail sees a handful of processes ($n)" \
    test "$n" -lt 8
t_run_expect "restart: -rc of the nested jail at its parent's limit" 0 '' \
    inside basejail "$LJAIL" -rc name=nestedjail persist host.hostname=again
t_eq "restart: the new nested jail runs" again \
    "$(inside basejail "$LJEXEC" nestedjail hostname)"

# --- a nested jail with a root of its own (no idmap: the ids are shared)
root=$(test_root)
if [ -n "$root" ] && "$LJEXEC" basejail test -x "$root/bin/busybox"; then
	inside basejail "$LJAIL" -r nestedjail >/dev/null 2>&1
	"$LJEXEC" basejail env -u LJAIL_RUNDIR -u LJAIL_PATH_WARNING \
	    "$LJAIL" -c name=pathjail persist path="$root" \
	    host.hostname=pathjail >"$T_TMP/out" 2>"$T_TMP/err"
	t_eq "path: a nested jail with a path" 0 "$?"
	t_eq "path: no set-user-ID warning (its root is not host root)" "" \
	    "$(cat "$T_TMP/err")"
	t_eq "path: it runs in its root, with its own /proc" "pathjail init" \
	    "$(inside basejail "$LJEXEC" pathjail sh -c \
		'echo $(hostname) $(cat /proc/1/comm)')"
	inside basejail "$LJAIL" -r pathjail >/dev/null 2>&1
	inside basejail "$LJAIL" -c name=nestedjail persist \
	    ip4.addr=192.0.2.1 >/dev/null 2>&1
else
	t_skip "path: a nested jail with a path" \
	    "the test root is closed to the jail's root"
fi

# --- the limit is the kernel's: jail root cannot go past it or raise it
t_run_expect "limit: no other user namespace at the limit" 1 '.' \
    "$LJEXEC" basejail unshare -U true
t_run_expect "limit: jail root cannot raise max_user_namespaces" 1 '.' \
    "$LJEXEC" basejail sh -c \
    'if echo 99 >/proc/sys/user/max_user_namespaces; then :; else exit 1; fi'
t_eq "limit: still children.max" 1 \
    "$("$LJEXEC" basejail cat /proc/sys/user/max_user_namespaces)"
t_run_expect "limit: no user namespaces at all with children.max=0" 1 '.' \
    "$LJEXEC" basejail_nochild unshare -U true
# The /proc of a jail that may mount is not masked (it could unmount the
# masks): the host's sysctls must still be out of its root's reach.
t_run_expect "proc: host sysctls stay read-only to the jail's root" 1 '.' \
    "$LJEXEC" basejail sh -c \
    'if (exec 3>>/proc/sys/kernel/core_pattern); then echo OPENED; else
	exit 1; fi'
t_eq "proc: ... not even opened" "" "$(grep OPENED "$T_TMP/out")"
if [ -e /proc/sysrq-trigger ]; then
	t_run_expect "proc: nor the magic SysRq trigger" 1 '.' \
	    "$LJEXEC" basejail sh -c \
	    'if (exec 3>>/proc/sysrq-trigger); then :; else exit 1; fi'
else
	t_skip "proc: the magic SysRq trigger" "none in this kernel"
fi

# --- removal takes the nested jails along
binit=$(awk '/^init / { print $2 }' \
    "$LJAIL_RUNDIR/jails/$("$LJLS" -j basejail jid)")
kids=$(cat "/proc/$binit/task/$binit/children" 2>/dev/null)
t_check "remove: the nested jail's init is a child of basejail's ($kids)" \
    test -n "$kids"
t_run_expect "remove: basejail" 0 '' "$LJAIL" -r basejail
left=
for k in $kids; do
	[ -e "/proc/$k" ] && left="$left $k"
done
t_eq "remove: the nested jail is gone with it" "" "$left"
"$LJAIL" -r basejail_nochild >/dev/null 2>&1

# --- two levels: a nested jail that makes a jail of its own
"$LJAIL" -c name=top persist children.max=2 >/dev/null
t_run_expect "levels: middle jail" 0 '' \
    inside top "$LJAIL" -c name=middle persist children.max=1
t_run_expect "levels: bottom jail inside the middle one" 0 '' \
    inside top "$LJEXEC" middle env -u LJAIL_RUNDIR "$LJAIL" -c name=bottom \
    persist host.hostname=bottom
t_eq "levels: the bottom jail runs" bottom \
    "$(inside top "$LJEXEC" middle env -u LJAIL_RUNDIR "$LJEXEC" bottom hostname)"
t_eq "levels: the middle jail lists the bottom one" bottom \
    "$(inside top "$LJEXEC" middle env -u LJAIL_RUNDIR "$LJLS" -N |
	awk 'NR > 1 { print $2 }')"
"$LJEXEC" top env -u LJAIL_RUNDIR "$LJAIL" -c name=second persist \
    >/dev/null 2>"$T_TMP/err"
t_eq "levels: top's limit counts the bottom jail too" \
    "ljail: prison limit exceeded" "$(cat "$T_TMP/err")"
t_run_expect "levels: remove top" 0 '' "$LJAIL" -r top

# --- an identity-mapped jail must not mount (it could unmount the masks)
"$LJAIL" -c name=idj path=/ persist children.max=1 >"$T_TMP/out" \
    2>"$T_TMP/err"
st=$?
if [ "$(id -u)" -eq 0 ] && grep -q 'cannot be idmapped' "$T_TMP/err"; then
	t_eq "identity: a jail on the host's / with children.max is refused" \
	    1 "$st"
	t_eq "identity: ... and leaves no record" "" \
	    "$(ls "$LJAIL_RUNDIR/jails")"
else
	"$LJAIL" -r idj >/dev/null 2>&1
	t_skip "identity: refusal" "the root here can be idmapped, or rootless"
fi
t_eq "nothing left" "" "$(ls "$LJAIL_RUNDIR/jails")"
t_done
