#!/bin/sh
# start_budget.sh - a regression guard for start-up cost that times
# nothing (issue 17): the processes and system calls of one jail start
# with every protection, counted with strace -f, against the budget in
# start_budget.txt.  A sanitiser's runtime makes system calls of its
# own, so a sanitised build checks the processes only.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
command -v strace >/dev/null || t_skip_all "strace not installed"
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/ljail-budget.XXXXXX")
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
budget="$top_srcdir/tests/integration/start_budget.txt"
want_procs=$(awk '$1 == "processes" { print $2 }' "$budget")
want_calls=$(awk '$1 == "syscalls" { print $2 }' "$budget")
set -- -c path="$root" host.hostname=j mount.devfs mount.procfs \
    command=/bin/true

# A first start fills the registry's directories and filter cache.
t_run_expect "a jail starts" 0 "" "$LJAIL" "$@"

mkdir "$T_TMP/ff"
strace -f -ff -qq -o "$T_TMP/ff/p" "$LJAIL" "$@" >/dev/null 2>&1
procs=$(ls "$T_TMP/ff" | wc -l)
if [ "$procs" -le "$want_procs" ]; then
	t_ok "processes of one start: $procs (budget $want_procs)"
else
	t_fail "processes of one start: $procs, budget $want_procs"
fi

if ldd "$LJAIL" 2>/dev/null | grep -q 'lib[atu]san'; then
	t_skip "system calls of one start" "sanitised build"
	t_done
fi
strace -f -c -o "$T_TMP/count" "$LJAIL" "$@" >/dev/null 2>&1
# "% time, seconds, usecs/call, calls, [errors,] total"
calls=$(awk '$NF == "total" { print $4 }' "$T_TMP/count")
if [ -n "$calls" ] && [ "$calls" -le "$want_calls" ]; then
	t_ok "system calls of one start: $calls (budget $want_calls)"
else
	t_fail "system calls of one start: ${calls:-?}, budget $want_calls"
	sed 's/^/# /' "$T_TMP/count"
fi
t_done
