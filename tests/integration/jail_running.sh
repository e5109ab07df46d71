#!/bin/sh
# jail_running.sh - jails behave while they run (issue 13): background
# commands of the creation keep a non-persistent jail, a failed one fails
# the jail.  Runs as root and rootless.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/ljail-running.XXXXXX")
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
records() { ls "$LJAIL_RUNDIR/jails" 2>/dev/null | wc -l; }
tag=$$

# 1. A background command of exec.start is in the jail before the
# temporary persist ends: 50 creations in a row, every daemon alive.
bad=0 alive=0
for i in $(seq 1 50); do
	"$LJAIL" -c name=bg$i path="$root" \
	    exec.start="/bin/sleep 9$tag$i &" >/dev/null 2>"$T_TMP/bgerr"
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$T_TMP/bgerr" ]; then
		bad=$((bad + 1))
		sed "s/^/# bg$i ($rc): /" "$T_TMP/bgerr"
	fi
	if pgrep -x -f "/bin/sleep 9$tag$i" >/dev/null &&
	    "$LJLS" -j bg$i jid >/dev/null 2>&1; then
		alive=$((alive + 1))
	fi
	"$LJAIL" -r bg$i >/dev/null 2>&1
done
t_eq "background daemon: 50 creations, no error" 0 "$bad"
t_eq "background daemon: 50 creations, 50 alive" 50 "$alive"
t_eq "background daemon: records removed" 0 "$(records)"

# A background command that cannot start fails the jail, leaving nothing.
cat >"$T_TMP/bg.conf" <<CONF
bgfail {
	path = "$root";
	exec.start = "/bin/sleep 8$tag &";
	exec.start += "/nonexistent/bgd &";
}
CONF
t_run_expect "background command that cannot start" 1 \
    '^ljail: bgfail: exec /nonexistent/bgd: No such file or directory$' \
    "$LJAIL" -f "$T_TMP/bg.conf" -c bgfail
t_eq "background failure: no record" 0 "$(records)"
t_eq "background failure: no process" "" "$(pgrep -x -f "/bin/sleep 8$tag")"

t_done
