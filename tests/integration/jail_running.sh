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

# 2. -m of a parameter that restricts processes is refused before
# anything changes; ljls goes on showing the value in force.
cat >"$T_TMP/m.conf" <<CONF
mraw {
	path = "$root";
	persist;
	allow.raw_sockets;
	host.hostname = mraw;
}
CONF
t_run_expect "create mraw" 0 '' "$LJAIL" -f "$T_TMP/m.conf" -c mraw
for p in allow.noraw_sockets securelevel=3 children.max=1 enforce_statfs=1 \
    devfs_ruleset=4 allow.mount allow.set_hostname=0; do
	name=${p%%=*}
	[ "$name" = allow.noraw_sockets ] && name=allow.raw_sockets
	t_run_expect "-m $p refused" 1 \
	    "^ljail: $name cannot be changed while the jail runs: its processes keep the value they started with; restart the jail \(-rc\) to change it\$" \
	    "$LJAIL" -m name=mraw host.hostname=changed "$p"
done
t_eq "refused -m changed nothing" "true -1 mraw" \
    "$("$LJLS" -j mraw allow.raw_sockets securelevel host.hostname)"
t_eq "refused -m changed nothing live" mraw "$("$LJEXEC" mraw hostname)"
t_run_expect "-m of a live parameter, restricting ones unchanged" 0 '' \
    "$LJAIL" -m name=mraw host.hostname=other allow.raw_sockets \
    children.max=0 meta=x
t_eq "live parameter changed" "other x" \
    "$("$LJLS" -j mraw host.hostname meta)"
sed 's/allow.raw_sockets;/allow.noraw_sockets;/' "$T_TMP/m.conf" \
    >"$T_TMP/m2.conf"
t_run_expect "-m from jail.conf refused" 1 \
    '^ljail: mraw: allow.raw_sockets cannot be changed while the jail runs' \
    "$LJAIL" -f "$T_TMP/m2.conf" -m mraw
t_run_expect "-mr restarts it with the change" 0 '' \
    "$LJAIL" -q -f "$T_TMP/m2.conf" -mr mraw
t_eq "after -mr the new value" false "$("$LJLS" -j mraw allow.raw_sockets)"
t_run_expect "remove mraw" 0 '' "$LJAIL" -q -r mraw
t_eq "mraw: no record" 0 "$(records)"

t_done
