#!/bin/sh
# reg_rootless.sh - the registry as an unprivileged user: where it lives
# (XDG_RUNTIME_DIR, else /tmp/ljail-UID), created 0700 and refused when
# another user owns it or others may write it; a user's jails are listed
# and entered through it.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_nonroot
uid=$(id -u)

# --- where: XDG_RUNTIME_DIR/ljail, created 0700
mkdir -m 700 "$T_TMP/xdg"
t_run_expect "ljls with XDG_RUNTIME_DIR" 0 '' \
    env -u LJAIL_RUNDIR XDG_RUNTIME_DIR="$T_TMP/xdg" "$LJLS"
t_eq "registry made there, 0700, ours" "700 $uid" \
    "$(stat -c '%a %u' "$T_TMP/xdg/ljail" 2>&1)"
# A relative XDG_RUNTIME_DIR is ignored for the fallback.
if [ ! -e "/tmp/ljail-$uid" ]; then
	t_cleanup "rm -rf /tmp/ljail-$uid"
	t_run_expect "ljls without XDG_RUNTIME_DIR" 0 '' \
	    env -u LJAIL_RUNDIR XDG_RUNTIME_DIR=relative "$LJLS"
	t_eq "fallback /tmp/ljail-UID, 0700, ours" "700 $uid" \
	    "$(stat -c '%a %u' "/tmp/ljail-$uid" 2>&1)"
else
	t_skip "fallback /tmp/ljail-UID" "it exists already"
fi

# --- trust: another user's directory, or one others may write
t_run_expect "root's directory refused" 1 \
    '^ljls: registry: (Operation not permitted|Permission denied)$' \
    env LJAIL_RUNDIR=/ "$LJLS"
mkdir -m 700 "$T_TMP/open"
chmod 777 "$T_TMP/open"
t_run_expect "world-writable registry refused" 1 \
    '^ljls: registry: Operation not permitted$' \
    env LJAIL_RUNDIR="$T_TMP/open" "$LJLS"
chmod 770 "$T_TMP/open"
t_run_expect "group-writable registry refused" 1 \
    '^ljls: registry: Operation not permitted$' \
    env LJAIL_RUNDIR="$T_TMP/open" "$LJLS"
ln -s "$T_TMP/xdg/ljail" "$T_TMP/link"
t_run_expect "symlinked registry refused" 1 \
    '^ljls: registry: Operation not permitted$' \
    env LJAIL_RUNDIR="$T_TMP/link" "$LJLS"
t_run_expect "ljexec refuses it too" 1 '^ljexec: jail "x": Operation not permitted$' \
    env LJAIL_RUNDIR="$T_TMP/open" "$LJEXEC" x true

# --- a user's own jails, through the registry
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
LJAIL_RUNDIR="$T_TMP/xdg/ljail"
export LJAIL_RUNDIR
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
ASAN_OPTIONS=detect_leaks=0
export ASAN_OPTIONS
"$LJAIL" -c name=rl persist path="$root" host.hostname=rl-host \
    >/dev/null 2>&1 || t_skip_all "cannot create a rootless jail"
t_eq "listed" "rl rl-host" "$("$LJLS" name host.hostname)"
jid=$("$LJLS" -j rl jid)
t_eq "record is ours, 0600" "600 $uid" \
    "$(stat -c '%a %u' "$LJAIL_RUNDIR/jails/$jid")"
t_eq "entered, as the jail's root" "0 rl-host" \
    "$("$LJEXEC" rl /bin/sh -c 'echo $(id -u) $(hostname)' 2>&1)"
"$LJAIL" -c name=rl persist path="$root" >/dev/null 2>&1
t_eq "second jail of the same name refused" 1 $?
t_run_expect "removed" 0 '' "$LJAIL" -r rl
t_eq "nothing left" "" "$(ls "$LJAIL_RUNDIR/jails")"
t_done
