#!/bin/sh
# reg_kill.sh - a ljail SIGKILLed at each step of a creation leaves either
# a complete jail or nothing: ljls shows the jail only if ljexec can enter
# it, a stale record never blocks the name, and a new -c of the same name
# then works.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}"/ljail-reg-rd.XXXXXX)
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'

# wait_for FILE: up to 10 s.
wait_for() {
	_n=0
	while [ ! -e "$1" ] && [ $_n -lt 100 ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	[ -e "$1" ]
}

n=0
for step in exec.prepare exec.prestart exec.created exec.start \
    exec.poststart; do
	n=$((n + 1))
	if [ $step = exec.start ]; then
		mark="$root/tmp/reg-kill-$$"
		inner=/tmp/reg-kill-$$
	else
		mark="$T_TMP/at-$n"
		inner=$mark
	fi
	rm -f "$mark"
	"$LJAIL" -c name=victim persist path="$root" \
	    "$step=touch $inner; exec sleep 314$n" >/dev/null 2>&1 &
	lj=$!
	if ! wait_for "$mark"; then
		t_fail "$step: hook never ran"
		kill -9 $lj 2>/dev/null
		continue
	fi
	kill -9 $lj
	wait $lj 2>/dev/null
	# The hook's own process is ours too: end it by pid.
	for p in $(pgrep -x -f "sleep 314$n"); do kill -9 "$p"; done
	rm -f "$mark"
	if "$LJLS" -j victim jid >/dev/null 2>&1; then
		t_run_expect "$step: listed jail is complete (ljexec works)" 0 '' \
		    "$LJEXEC" victim /bin/true
		"$LJAIL" -r victim >/dev/null 2>&1
	else
		t_eq "$step: no jail, no record left" "" \
		    "$(ls "$LJAIL_RUNDIR/jails")"
	fi
	t_run_expect "$step: the name can be created again" 0 '' \
	    "$LJAIL" -c name=victim persist path="$root"
	t_run_expect "$step: and removed" 0 '' "$LJAIL" -r victim
done
t_eq "nothing left" "" "$("$LJLS" jid)"
t_done
