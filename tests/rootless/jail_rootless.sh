#!/bin/sh
# jail_rootless.sh - jails made by an unprivileged user: jail root is
# the caller, nothing else is mapped, macvlan is refused up front.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_nonroot
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/ljail-core-rl.XXXXXX")
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'

probe=$("$LJAIL" -c name=core-probe path="$root" persist 2>&1)
case $probe in
*"not implemented"*|*"not built"*) t_skip_all "registry not built yet: $probe" ;;
esac
"$LJAIL" -R core-probe >/dev/null 2>&1
records() { ls "$LJAIL_RUNDIR/jails" 2>/dev/null | wc -l; }

out=$("$LJAIL" -c path="$root" mount.procfs host.hostname=core-rl \
    command=/bin/sh -c 'echo $(hostname) $(id -u); exit 5' 2>/dev/null)
t_eq "command exit status" 5 $?
t_eq "hostname and root inside" "core-rl 0" "$out"
out=$("$LJAIL" -c path="$root" mount.procfs command=/bin/sh -c \
    "kill -0 $$ 2>/dev/null && echo visible || echo invisible" 2>/dev/null)
t_eq "host processes cannot be signalled" invisible "$out"
out=$("$LJAIL" -c path="$root" mount.procfs command=/bin/sh -c \
    'for f in /proc/1/fd/*; do [ -d "$f" ] && echo "$f"; done; true' \
    2>/dev/null)
t_eq "init holds no host directory a jail process could open" "" "$out"
f="core-rl-$$"
"$LJAIL" -c path="$root" command=/bin/touch "/tmp/$f" 2>/dev/null
t_eq "a file made by jail root is the caller's on disk" "$(id -u)" \
    "$(stat -c %u "$root/tmp/$f" 2>/dev/null)"
rm -f "$root/tmp/$f"
t_run_expect "persistent jail" 0 '' \
    "$LJAIL" -c name=core-rlp path="$root" persist host.hostname=core-rlp \
    exec.start="/bin/sleep 4321 &"
sleep 0.2
pid=$(pgrep -x -f '/bin/sleep 4321')
t_eq "its processes are the caller on the host" "$(id -u)" \
    "$(awk '/^Uid:/ {print $2}' /proc/"${pid:-0}"/status 2>/dev/null)"
if "$LJEXEC" core-rlp true 2>&1 | grep -q usage; then
	t_skip "ljexec into a rootless jail" "ljexec not built yet"
else
	t_eq "ljexec into a rootless jail" "0 core-rlp" \
	    "$("$LJEXEC" core-rlp /bin/sh -c 'echo $(id -u) $(hostname)' 2>&1)"
fi
t_eq "it has a record" 1 "$(records)"
t_run_expect "remove it" 0 '' "$LJAIL" -r core-rlp
t_eq "no record left" 0 "$(records)"
t_eq "its processes are gone" "" "$(pgrep -x -f '/bin/sleep 4321')"
"$LJAIL" -c path="$root" exec.start="/bin/sleep 4251 &" \
    exec.poststart=/bin/false >/dev/null 2>&1
t_eq "failed creation: status" 1 $?
t_eq "failed creation: no process" "" "$(pgrep -x -f '/bin/sleep 4251')"
t_eq "failed creation: no record" 0 "$(records)"
out=$("$LJAIL" -c path="$root" ip4.addr=192.0.2.41 ip6.addr=2001:db8::41 \
    command=/sbin/ip addr show dev lo 2>&1)
t_eq "restriction-only addresses on lo: status" 0 $?
case $out in
*"inet 192.0.2.41/"*) t_ok "IPv4 restriction-only address on lo" ;;
*)	t_fail "IPv4 restriction-only address on lo: $out" ;;
esac
case $out in
*"inet6 2001:db8::41/128 "*) t_ok "IPv6 restriction-only address on lo" ;;
*)	t_fail "IPv6 restriction-only address on lo: $out" ;;
esac
t_run_expect "macvlan needs root" 1 \
    '^ljail: ip4.addr: .*core0.*needs root' \
    "$LJAIL" -c path="$root" persist ip4.addr='core0|192.0.2.7'
t_done
