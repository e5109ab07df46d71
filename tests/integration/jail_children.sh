#!/bin/sh
# jail_children.sh - jails made inside jails, seen from the host:
# FreeBSD's tests/sys/kern/sysctl_security_jail_children.sh (max_cur)
# and the meta half of jailmeta.sh's not_inheritable, carried over with
# their assertions (jail, jls, jexec are ljail, ljls, ljexec).
#
# Differences, for reasons Linux gives:
# - max_cur reads children.max and children.cur with jls instead of
#   sysctl(8) in the jail (no sysctl security.jail.* in a Linux jail),
#   and there is no host-wide security.jail.children.max to start from:
#   O_max is taken as 6, O_cur as the jails of this registry.
# - the nested ljail gets its own registry (env -u LJAIL_RUNDIR).
# - ljail -r of a jail made inside another is not done from the host:
#   the host only lists those jails (cleanup removes their parent).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_userns
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/ljail-kids-rd.XXXXXX")
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
cd "$T_TMP" || exit 1
chmod 0711 "$T_TMP"
if [ "$(id -u)" -ne 0 ] && [ ! -d /run/ljail ]; then
	t_skip_all "rootless: no /run/ljail on this host to cover"
fi

jail() { "$LJAIL" "$@"; }
jls() { "$LJLS" "$@"; }
jexec() { _j=$1; shift; "$LJEXEC" "$_j" env -u LJAIL_RUNDIR "$@"; }
atf_check() { t_atf "$@"; }

# --- max_cur
O_max=6
O_cur=$(jls -n jid | grep -c .)
cur() { jls -n jid | grep -c .; }
atf_check -s exit:0 jail -c name=childfree persist
t_eq "max_cur: host count +1" $((O_cur + 1)) "$(cur)"
atf_check -s exit:0 -o inline:"0 0\n" jls -j childfree children.max children.cur
atf_check -s exit:0 jail -c name=maxallowed children.max=$((O_max - 1)) persist
t_eq "max_cur: host count +2" $((O_cur + 2)) "$(cur)"
atf_check -s exit:0 -o inline:"$((O_max - 1)) 0\n" \
    jls -j maxallowed children.max children.cur
atf_check -s exit:0 jexec maxallowed "$LJAIL" -c name=family children.max=4 persist
t_eq "max_cur: host count +3 (the host lists maxallowed.family)" \
    $((O_cur + 3)) "$(cur)"
atf_check -s exit:0 -o inline:"1\n" jls -j maxallowed children.cur
atf_check -s exit:0 -o inline:"4 0\n" \
    jls -j maxallowed.family children.max children.cur
atf_check -s exit:0 -o inline:"4 0\n" \
    jexec maxallowed "$LJLS" -j family children.max children.cur

# ljail: a grandchild counts for every ancestor, as FreeBSD's kernel does
atf_check -s exit:0 jexec maxallowed "$LJEXEC" family "$LJAIL" -c name=g persist
atf_check -s exit:0 -o inline:"2\n" jls -j maxallowed children.cur
atf_check -s exit:0 -o inline:"1\n" jls -j maxallowed.family children.cur
atf_check -s exit:0 -o inline:"maxallowed.family.g\n" \
    jls -j maxallowed.family.g name
atf_check -s exit:0 -o match:"^name=maxallowed.family.g parent=[0-9]+$" \
    jls -n name parent

t_eq "max_cur: inside maxallowed, family and family.g are listed" 2 \
    "$(jexec maxallowed "$LJLS" -n jid | grep -c .)"
atf_check -s exit:0 jail -r maxallowed
atf_check -s not-exit:0 -e match:"not found" jls -j maxallowed.family
atf_check -s exit:0 jail -r childfree

# --- not_inheritable (jailmeta.sh): the meta half
atf_check -s not-exit:0 -e match:"not found" -o ignore \
    jls -j parent
atf_check -s exit:0 \
    jail -c name=parent children.max=1 persist meta="abc" env="cba"
jexec parent "$LJAIL" -c name=child persist
atf_check -s exit:0 -o inline:"abc\n" \
    jls -j parent meta
atf_check -s exit:0 -o inline:'""\n' \
    jls -j parent.child meta
jail -r parent >/dev/null 2>&1

t_done
