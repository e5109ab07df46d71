#!/bin/sh
# examples.sh - every examples/*.conf passes ljail --check, and each is
# run on busybox roots (scripts/mkroot): its /srv/jails paths moved to a
# temporary directory, its host interface (eth0) replaced by one inside
# a private test network namespace, so nothing touches the real ones.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
ex="$top_srcdir/examples"

for f in "$ex"/*.conf; do
	t_run_expect "--check $(basename "$f")" 0 '' "$LJAIL" --check -f "$f"
	# --check says where each address goes and who reaches it (one
	# note per address); anything else would be a finding.
	t_eq "$(basename "$f"): nothing reported but where addresses go" "" \
	    "$(grep -v ': ip[46]\.addr: [^ ]*: on ' "$T_TMP/out")"
	t_check "$(basename "$f"): says what it shows" \
	    grep -q "^# $(basename "$f") - " "$f"
done

# The rest runs jails: skip it (not the checks above) when it cannot.
# skip_rest REASON: one skip for the runs, and the end.
skip_rest() {
	t_skip "running the examples" "$1"
	t_done
}
[ "$(id -u)" -eq 0 ] || skip_rest "needs root"
unshare -U true 2>/dev/null || skip_rest "user namespaces unavailable"
command -v ip >/dev/null && ip netns list >/dev/null 2>&1 ||
    skip_rest "ip netns unavailable"
root=$(test_root) || skip_rest "no busybox test root (scripts/mkroot)"
ns=lje$$
make_test_netns "$ns" || skip_rest "cannot make the test netns"
LJAIL_RUNDIR="$T_TMP/run"
export LJAIL_RUNDIR
mkdir -p "$LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do ip netns exec '"$ns"' $LJAIL -R $j; done'
srv="$T_TMP/srv"
mkdir -p "$srv"
chmod 755 "$T_TMP"
in_ns() { ip netns exec "$ns" "$@"; }
# conf FILE: the example with its paths and interface made ours.
conf() {
	sed -e "s|/srv/jails|$srv|g" -e "s/eth0|/${ns}p|/g" "$ex/$1" \
	    >"$T_TMP/$1"
	echo "$T_TMP/$1"
}
# full_root NAME: a busybox root of its own for a jail.
full_root() {
	cp -a "$root" "$srv/$1"
}

# --- service.conf: syslogd started by exec.start, stopped by exec.stop
full_root log
c=$(conf service.conf)
t_run_expect "service: start" 0 '' in_ns "$LJAIL" -q -f "$c" -c log
t_check "service: syslogd runs in the jail" \
    sh -c "'$LJEXEC' log ps | grep -q '[s]yslogd'"
t_check "service: its address" \
    sh -c "'$LJLS' -j log ip4.addr | grep -q 192.0.2.14"
t_run_expect "service: stop" 0 '' in_ns "$LJAIL" -q -f "$c" -r log

# --- thin.conf: two jails on one read-only base
rm -rf "$srv/base"
cp -a "$root" "$srv/base"
for j in thin1 thin2; do
	mkdir -p "$srv/$j/base" "$srv/$j/etc" "$srv/$j/var" "$srv/$j/tmp" \
	    "$srv/$j/dev"
	for d in bin sbin usr; do ln -s "base/$d" "$srv/$j/$d"; done
done
c=$(conf thin.conf)
t_run_expect "thin: start both" 0 '' in_ns "$LJAIL" -q -f "$c" -c
t_eq "thin: thin1's own /var" "thin1 up" "$(cat "$srv/thin1/var/state")"
t_eq "thin: thin2's own /var" "thin2 up" "$(cat "$srv/thin2/var/state")"
t_run_expect "thin: the base is read-only" 1 'Read-only file system' \
    "$LJEXEC" thin1 touch /base/x
t_run_expect "thin: stop both" 0 '' in_ns "$LJAIL" -q -f "$c" -r '*'

# --- www.conf: db first, www's httpd reached from the host side
full_root db
full_root www
mkdir -p "$srv/www/www"
echo hello >"$srv/www/www/index.html"
c=$(conf www.conf)
t_run_expect "www: start (db first)" 0 '' in_ns "$LJAIL" -f "$c" -c www
t_eq "www: db before www" "db: created www: created" \
    "$(grep created "$T_TMP/out" | tr '\n' ' ' | sed 's/ $//')"
t_eq "www: db's exec.start ran" ready "$(cat "$srv/db/var/db/state")"
got=
for _i in 1 2 3 4 5 6 7 8 9 10; do
	# (busybox's static wget crashes on some hosts: a raw request)
	got=$(printf 'GET / HTTP/1.0\r\n\r\n' |
	    in_ns "$root/bin/busybox" nc -w 2 198.51.100.2 80 2>/dev/null |
	    tail -n 1)
	[ "$got" = hello ] && break
	sleep 0.2
done
t_eq "www: the host gets the page" hello "$got"
t_run_expect "www: stop db (www first)" 0 '' in_ns "$LJAIL" -f "$c" -r db
t_eq "www: www removed before db" "www: removed db: removed" \
    "$(grep removed "$T_TMP/out" | tr '\n' ' ' | sed 's/ $//')"

# --- lab.conf: three jails with addresses on the (test) parent interface
for j in lab1 lab2 lab3; do full_root $j; done
c=$(conf lab.conf)
t_run_expect "lab: start" 0 '' in_ns "$LJAIL" -q -f "$c" -c
t_eq "lab: three addresses" "192.0.2.31 192.0.2.32 192.0.2.33" \
    "$("$LJLS" ip4.addr | sort | tr '\n' ' ' | sed 's/ $//')"
t_run_expect "lab: lab2 reaches lab1" 0 '' \
    "$LJEXEC" lab2 ping -c 1 -W 2 192.0.2.31
t_run_expect "lab: stop" 0 '' in_ns "$LJAIL" -q -f "$c" -r '*'

# --- rootless.conf: as an unprivileged user, with roots of its own
if id nobody >/dev/null 2>&1 &&
    runuser -u nobody -- unshare -U true 2>/dev/null; then
	rl="$T_TMP/rl"
	mkdir -p "$rl/jails" "$rl/run"
	for j in dev1 dev2; do cp -a "$root" "$rl/jails/$j"; done
	chown -R nobody "$rl"
	sed "s|/home/user/jails|$rl/jails|" "$ex/rootless.conf" >"$rl/r.conf"
	as_nobody() {
		runuser -u nobody -- env LJAIL_RUNDIR="$rl/run" \
		    LJAIL_PATH_WARNING=0 "$@"
	}
	t_cleanup "runuser -u nobody -- env LJAIL_RUNDIR=$rl/run $LJAIL -R '*'"
	t_run_expect "rootless: start as nobody" 0 '' \
	    as_nobody "$LJAIL" -q -f "$rl/r.conf" -c
	t_eq "rootless: root inside" 0 "$(as_nobody "$LJEXEC" dev1 id -u)"
	t_run_expect "rootless: stop" 0 '' \
	    as_nobody "$LJAIL" -q -f "$rl/r.conf" -r '*'
else
	t_skip "rootless.conf" "no user nobody with user namespaces"
fi
t_done
