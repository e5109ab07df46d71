#!/bin/sh
# rc_units.sh - ljail.service and ljail@.service without systemd: each
# unit's ExecStart/ExecStop/ExecReload line is run as systemd would run
# it (EnvironmentFile read, %I replaced), with the built ljail-rc in
# place of the installed one, on a jail.conf and a jail.conf.d of ours.
# Checks depend order at start, reverse order at stop, jail_list,
# jail_reverse_stop, the template and reload (ljail -cmr).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
units="$top_builddir/systemd"
[ -x "$units/ljail-rc" ] || t_skip_all "systemd/ljail-rc not built"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/ljail-rc-rd.XXXXXX")
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
cd "$T_TMP" || exit 1
log="$T_TMP/log"

# unit_line UNIT KEY: the value of KEY= in the unit's [Service] section.
unit_line() {
	sed -n "s/^$2=//p" "$units/$1"
}

# unit_run UNIT KEY [INSTANCE]: runs the unit's command the way systemd
# would, in a subshell with the settings file's variables exported.
unit_run() {
	_cmd=$(unit_line "$1" "$2" | sed "s/%I/${3:-}/g")
	_prog=${_cmd%% *}
	_args=${_cmd#"$_prog"}
	(
		set -a
		. "$T_TMP/default"
		set +a
		# shellcheck disable=SC2086
		exec "$units/ljail-rc" $_args
	)
}

# order: the log's lines on one line.
order() {
	tr '\n' ' ' <"$log" | sed 's/ $//'
}

# --- the generated units and settings file
for u in ljail.service ljail@.service; do
	for k in ExecStart ExecStop ExecReload; do
		v=$(unit_line "$u" $k)
		case $v in
		/*/ljail/ljail-rc\ *) t_ok "$u: $k runs ljail-rc ($v)" ;;
		*) t_fail "$u: $k runs ljail-rc ($v)" ;;
		esac
	done
	t_check "$u: no @variable@ left" sh -c "! grep -q '@[a-z]*@' '$units/$u'"
	t_eq "$u: EnvironmentFile is the settings file" \
	    "-$(sed -n 's/^# \(.*\) - settings.*/\1/p' "$units/default/ljail")" \
	    "$(unit_line "$u" EnvironmentFile)"
	t_eq "$u: oneshot" oneshot "$(unit_line "$u" Type)"
done
t_check "ljail@.service: ExecStart names the instance" \
    sh -c "grep -q '^ExecStart=.* start %I\$' '$units/ljail@.service'"
if command -v systemd-analyze >/dev/null 2>&1; then
	# Copies naming the built ljail-rc, so that verify checks it too.
	mkdir -p "$T_TMP/units"
	for u in ljail.service ljail@www.service; do
		sed "s|^\(Exec[A-Za-z]*=\)[^ ]*/ljail-rc |\1$units/ljail-rc |" \
		    "$units/$(echo "$u" | sed 's/@[a-z]*\./@./')" >"$T_TMP/units/$u"
		t_run_expect "systemd-analyze verify $u" 0 '' \
		    systemd-analyze verify --man=no "$T_TMP/units/$u"
	done
else
	t_skip "systemd-analyze verify" "systemd-analyze not installed"
fi
t_check "settings file is shell syntax" sh -n "$units/default/ljail"

# --- a jail.conf and a jail.conf.d, b depends on a across the files
# (the directory's name has a "$", which jail.conf would expand)
mkdir -p 'jail.conf$d'
ln -s 'jail.conf$d' jail.conf.d
cat >jail.conf <<CONF
persist;
exec.prestart = "echo start \$name >>$log";
exec.poststop = "echo stop \$name >>$log";
a { host.hostname = a.example.org; }
CONF
cat >jail.conf.d/b.conf <<CONF
b { depend = a; }
CONF
cat >jail.conf.d/c.conf <<CONF
c { }
CONF
cat >jail.conf.d/ignored.txt <<CONF
this is not read {
CONF
# The shipped settings, pointed at our files and the built programs.
{
	cat "$units/default/ljail"
	echo "jail_conf=\"$T_TMP/jail.conf\""
	echo "jail_conf_dir=\"$T_TMP/jail.conf\\\$d\""
	echo "jail_program=\"$LJAIL\""
	echo "jail_jls=\"$LJLS\""
	echo 'jail_flags="-q"'
} >default

# --- ljail.service, every jail: depend order, then the reverse
: >"$log"
t_run_expect "ljail.service start" 0 '' unit_run ljail.service ExecStart
t_eq "started in depend order" "start a start b start c" "$(order)"
t_eq "three jails running" "a b c" \
    "$("$LJLS" name | sort | tr '\n' ' ' | sed 's/ $//')"
t_run_expect "ljail.service reload (nothing changed)" 0 '' \
    unit_run ljail.service ExecReload
t_eq "reload restarted nothing" "start a start b start c" "$(order)"
: >"$log"
t_run_expect "ljail.service stop" 0 '' unit_run ljail.service ExecStop
t_eq "stopped in reverse order" "stop c stop b stop a" "$(order)"
t_eq "no jail left" "" "$("$LJLS" name)"
t_run_expect "ljail.service stop with nothing running" 0 '' \
    unit_run ljail.service ExecStop

# --- one jail already running: the others start, the unit succeeds
"$LJAIL" -q -f jail.conf -c a >/dev/null 2>&1
: >"$log"
t_run_expect "ljail.service start with a running" 0 'a: already running' \
    unit_run ljail.service ExecStart
t_eq "b and c started" "start b start c" "$(order)"
t_run_expect "ljail.service stop" 0 '' unit_run ljail.service ExecStop

# --- a jail that fails: ljail.service goes on (a failed unit would have
# systemd kill the others), ljail@NAME.service fails
echo 'bad { exec.prestart = "false"; }' >jail.conf.d/bad.conf
: >"$log"
t_run_expect "ljail.service start with a failing jail" 0 \
    'some jails failed' unit_run ljail.service ExecStart
t_eq "the others started" "start a start b start c" "$(order)"
t_eq "the others run" "a b c" \
    "$("$LJLS" name | sort | tr '\n' ' ' | sed 's/ $//')"
t_run_expect "ljail@bad start fails" 1 'bad' \
    unit_run ljail@.service ExecStart bad
t_run_expect "ljail.service stop" 0 '' unit_run ljail.service ExecStop
t_eq "no jail left" "" "$("$LJLS" name)"
rm jail.conf.d/bad.conf

# --- jail_list: b pulls a in; c is not listed
echo 'jail_list="b c"' >>default
: >"$log"
t_run_expect "jail_list start" 0 '' unit_run ljail.service ExecStart
t_eq "jail_list: a before b, then c" "start a start b start c" "$(order)"
: >"$log"
echo 'jail_reverse_stop="YES"' >>default
t_run_expect "jail_list stop" 0 '' unit_run ljail.service ExecStop
t_eq "jail_reverse_stop: c, then b" "stop c stop b" "$(order)"
t_eq "a (not listed) still runs" "a" "$("$LJLS" name)"
"$LJAIL" -q -f jail.conf -r a >/dev/null 2>&1

# --- jail_parallel_start
echo 'jail_list="a c"' >>default
echo 'jail_parallel_start="YES"' >>default
t_run_expect "parallel start" 0 '' unit_run ljail.service ExecStart
t_eq "parallel: both running" "a c" \
    "$("$LJLS" name | sort | tr '\n' ' ' | sed 's/ $//')"
t_run_expect "parallel: stop" 0 '' unit_run ljail.service ExecStop
echo 'jail_list=""' >>default
echo 'jail_parallel_start="NO"' >>default

# --- ljail@b.service: b and what it needs; stop takes b only
: >"$log"
t_run_expect "ljail@b start" 0 '' unit_run ljail@.service ExecStart b
t_eq "ljail@b: a, then b" "start a start b" "$(order)"
t_run_expect "ljail@b start again" 0 'already running' \
    unit_run ljail@.service ExecStart b
sed -i "s/a\.example\.org/a2.example.org/" jail.conf
t_run_expect "ljail@a reload (hostname changed)" 0 '' \
    unit_run ljail@.service ExecReload a
t_eq "reload: a's new hostname" "a2.example.org" \
    "$("$LJLS" -j a host.hostname)"
: >"$log"
t_run_expect "ljail@b stop" 0 '' unit_run ljail@.service ExecStop b
t_eq "ljail@b stop: b only" "stop b" "$(order)"
t_run_expect "ljail@a stop" 0 '' unit_run ljail@.service ExecStop a
t_eq "no jail left at the end" "" "$("$LJLS" name)"

# --- no configuration at all: nothing to do, not a failure
echo "jail_conf=\"$T_TMP/none.conf\"" >>default
echo "jail_conf_dir=\"$T_TMP/none.d\"" >>default
t_run_expect "no jail.conf: start is a no-op" 0 '' \
    unit_run ljail.service ExecStart
t_done
