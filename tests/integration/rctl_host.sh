#!/bin/sh
# rctl_host.sh - ljrctl on the machine running the tests: the rule
# language and its messages, rules kept by jail name, rlimit rules on
# real jails, and, on a host without cgroup v2 (cgroup v1), the refusal
# of every rule that needs a controller, in one line naming it and the
# fix, both from ljrctl and from a jail's creation (rctl.conf).  Never
# creates or writes a cgroup: the real cgroup v2 tests run in a VM
# (tests/vm).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
LJRCTL="$LJAIL_BIN/ljrctl"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}"/ljail-rctl-rd.XXXXXX)
LJAIL_RCTL_CONF=$T_TMP/rctl.conf
export LJAIL_RUNDIR LJAIL_RCTL_CONF
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
v2=no
[ "$(stat -f -c %T /sys/fs/cgroup 2>/dev/null)" = cgroup2fs ] && v2=yes

# --- the front end: usage, flags, exit status = failed operands
t_run_expect "bad flag: rctl's usage" 1 \
    '^usage: ljrctl \[ -h \] \[-a rule \| -l filter \| -r filter \| -u filter \| filter\]$' \
    "$LJRCTL" -Z
t_run_expect "-a without a rule: usage" 1 '^usage: ljrctl' "$LJRCTL" -a
t_run_expect "two actions" 1 \
    '^ljrctl: at most one of -a, -l, -r, or -u may be specified$' \
    "$LJRCTL" -a -r jail:x
t_run_expect "malformed rule" 1 \
    "^ljrctl: malformed rule 'jail:www:memoryuse:deny=5x': invalid numeric value '5x'$" \
    "$LJRCTL" -a jail:www:memoryuse:deny=5x
t_run_expect "missing subject" 1 "^ljrctl: malformed rule 'www': missing subject$" \
    "$LJRCTL" -a www
t_run_expect "two bad operands: status 2" 2 'malformed rule' \
    "$LJRCTL" -a www jail:w:bogus:deny=1

# --- other subjects refused in one line
for s in user:1000 process:1 loginclass:daemon; do
	t_run_expect "subject ${s%%:*} refused" 1 \
	    "^ljrctl: failed to add rule '$s:maxproc:deny=5': subject '${s%%:*}' not supported: ljail limits jails only \(jail:NAME\)$" \
	    "$LJRCTL" -a "$s:maxproc:deny=5"
done
t_run_expect "subject refused in a filter too" 1 \
    "^ljrctl: failed to remove rule 'user:1000': subject 'user' not supported" \
    "$LJRCTL" -r user:1000

# --- resources and actions without a Linux equivalent, named
t_run_expect "pseudoterminals refused, named" 1 \
    "^ljrctl: failed to add rule 'jail:w:pseudoterminals:deny=5': Operation not supported: resource 'pseudoterminals' has no Linux equivalent" \
    "$LJRCTL" -a jail:w:pseudoterminals:deny=5
t_run_expect "log refused, named" 1 "action 'log' not supported by ljail" \
    "$LJRCTL" -a jail:w:memoryuse:log=1G
t_run_expect "FreeBSD's own refusal: cputime:deny" 1 \
    "^ljrctl: failed to add rule 'jail:w:cputime:deny=5': Operation not supported$" \
    "$LJRCTL" -a jail:w:cputime:deny=5
t_eq "nothing stored after refusals" "" "$("$LJRCTL")"

# --- rules kept by name, listed, humanized, replaced, removed
t_run_expect "rlimit rules added (no cgroup needed)" 0 '' \
    "$LJRCTL" -a jail:rq:openfiles:deny=100 jail:rq:vmemoryuse:deny=1g \
    j:rq:cputime:sigxcpu=100
t_eq "listed as rctl prints them" "jail:rq:openfiles:deny=100
jail:rq:vmemoryuse:deny=1073741824
jail:rq:cputime:sigxcpu=100" "$("$LJRCTL" jail:rq)"
t_eq "-h humanizes" "jail:rq:vmemoryuse:deny=1024M" \
    "$("$LJRCTL" -h ::vmemoryuse)"
"$LJRCTL" -a jail:rq:openfiles:deny=90
t_eq "same rule, new amount: replaced" "jail:rq:openfiles:deny=90" \
    "$("$LJRCTL" jail:rq:openfiles)"
echo "jail:rq:stacksize:deny=1m # comment
user:0:maxproc:deny=5" >"$LJAIL_RCTL_CONF"
t_eq "-l adds rctl.conf's rules" "jail:rq:openfiles:deny=90
jail:rq:vmemoryuse:deny=1073741824
jail:rq:cputime:sigxcpu=100
jail:rq:stacksize:deny=1048576" "$("$LJRCTL" -l jail:rq)"
: >"$LJAIL_RCTL_CONF"
"$LJRCTL" -r jail:rq:cputime
t_eq "-r removes what matches" "jail:rq:openfiles:deny=90
jail:rq:vmemoryuse:deny=1073741824" "$("$LJRCTL" jail:rq)"
t_run_expect "usage of a jail that does not run" 1 \
    "^ljrctl: failed to show resource consumption for 'jail:nosuch': No such process$" \
    "$LJRCTL" -u jail:nosuch

# --- cgroup v1: every controller-backed rule refused, named, with the fix
if [ $v2 = no ]; then
	for rc in memoryuse:deny=64M:memory swapuse:deny=1M:memory \
	    maxproc:deny=50:pids nthr:deny=50:pids pcpu:deny=50:cpu \
	    readbps:throttle=1M:io writeiops:throttle=10:io; do
		rule=jail:www:${rc%:*}
		ctl=${rc##*:}
		t_run_expect "v1: ${rc%%:*} refused naming '$ctl'" 1 \
		    "^ljrctl: failed to add rule '$rule': cgroup v2 controller '$ctl' not available: /sys/fs/cgroup is not cgroup v2; boot with systemd.unified_cgroup_hierarchy=1 cgroup_no_v1=all$" \
		    "$LJRCTL" -a "$rule"
	done
	t_eq "v1: nothing stored for www" "" "$("$LJRCTL" jail:www)"
else
	t_skip "v1 refusals" "this host has cgroup v2 (tests/vm covers it)"
fi

# --- real jails (root): rlimits at creation, rules outliving the jail
[ "$(id -u)" -eq 0 ] && unshare -U true 2>/dev/null && root=$(test_root) ||
    { t_done; }
# (vmemoryuse is tested in tests/vm: a sanitizer build cannot live in 1G)
"$LJRCTL" -r jail:rq:vmemoryuse
"$LJRCTL" -a jail:rq:coredumpsize:deny=0 jail:rq:stacksize:deny=4m
out=$("$LJAIL" -c name=rq path="$root" command=/bin/sh -c \
    'ulimit -n; ulimit -c; ulimit -s' 2>"$T_TMP/err")
t_eq "openfiles, coredumpsize, stacksize limit the jail's processes" "90
0
4096" "$(echo "$out")"
t_eq "the jail is gone, its rules stay" "jail:rq:openfiles:deny=90
jail:rq:coredumpsize:deny=0
jail:rq:stacksize:deny=4194304" "$("$LJRCTL" jail:rq)"
"$LJAIL" -c name=rp path="$root" persist >/dev/null 2>&1
t_cleanup "$LJAIL -R rp"
"$LJRCTL" -a jail:rp:openfiles:deny=64
t_eq "a rule added while the jail runs: ljexec'd processes get it" 64 \
    "$("$LJEXEC" rp /bin/sh -c 'ulimit -n' 2>&1)"
"$LJAIL" -R rp >/dev/null 2>&1
if [ $v2 = no ]; then
	echo "jail:rm:memoryuse:deny=64M" >"$LJAIL_RCTL_CONF"
	t_run_expect "v1: rctl.conf asking for memory: creation fails in one line" 1 \
	    "^ljail: (rm: )?rctl: cgroup v2 controller 'memory' not available: /sys/fs/cgroup is not cgroup v2; boot with systemd.unified_cgroup_hierarchy=1 cgroup_no_v1=all$" \
	    "$LJAIL" -c name=rm path="$root" persist
	t_eq "v1: no jail left behind" "" "$(ls "$LJAIL_RUNDIR/jails")"
	: >"$LJAIL_RCTL_CONF"
	t_run_expect "v1: usage names the missing controller" 1 \
	    "^ljrctl: failed to show resource consumption for 'jail:rq2': cgroup v2 controller 'memory' not available" \
	    sh -c "\"$LJAIL\" -c name=rq2 path=\"$root\" persist >/dev/null &&
	    \"$LJRCTL\" -u jail:rq2; s=\$?; \"$LJAIL\" -R rq2 >/dev/null; exit \$s"
	echo "jail:rb:pseudoterminals:deny=5" >"$LJAIL_RCTL_CONF"
	t_run_expect "a bad rctl.conf line fails the creation, file:line" 1 \
	    "^ljail: (rb: )?$LJAIL_RCTL_CONF:1: failed to add rule 'jail:rb:pseudoterminals:deny=5': Operation not supported" \
	    "$LJAIL" -c name=rb path="$root" persist
	: >"$LJAIL_RCTL_CONF"
fi
t_done
