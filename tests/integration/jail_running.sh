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

# 3. nullfs sources are idmapped like the jail's root: a thin jail's base
# owned by the host's root is root's inside, a rw share is writable by
# the jail's root (its files are root's on disk), a 0700 directory opens.
# Rootless, the caller's files are jail root's in the same way.
jroot=$root
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$T_TMP"
	mkdir -m 700 "$T_TMP/closed"
	cp -a "$root" "$T_TMP/closed/root"
	jroot="$T_TMP/closed/root"
fi
mkdir -p "$T_TMP/base/closed" "$T_TMP/share"
echo base >"$T_TMP/base/file"
chmod 4755 "$T_TMP/base/file"
echo secret >"$T_TMP/base/closed/secret"
chmod 600 "$T_TMP/base/closed/secret"
chmod 700 "$T_TMP/base/closed"
out=$("$LJAIL" -c path="$jroot" \
    mount="$T_TMP/base $jroot/home nullfs ro" \
    mount="$T_TMP/share $jroot/tmp nullfs rw" \
    command=/bin/sh -c 'stat -c "%u:%g %A" /home/file /home/closed;
	cat /home/closed/secret; touch /tmp/made && echo made;
	touch /home/ro 2>&1 | grep -q Read-only && echo ro' 2>"$T_TMP/err")
t_eq "nullfs: status" 0 $?
t_eq "nullfs: no message" "" "$(cat "$T_TMP/err")"
t_eq "nullfs: the base is root's inside, setuid kept, 0700 readable" \
    "0:0 -rwsr-xr-x
0:0 drwx------
secret
made
ro" "$out"
t_eq "nullfs: a file the jail's root made in a rw share" \
    "$(id -u):$(id -g)" "$(stat -c %u:%g "$T_TMP/share/made")"
t_eq "nullfs: no record" 0 "$(records)"
if [ "$(id -u)" -eq 0 ]; then
	t_run_expect "nullfs: a rw source other users reach is warned about" \
	    0 "^ljail: mount: $T_TMP/share: reachable by other users: set-user-ID files made by the jail's root would run as root on the host; mount it ro or make a parent directory mode 0700\$" \
	    env LJAIL_PATH_WARNING=1 "$LJAIL" -c path="$jroot" \
	    mount="$T_TMP/share $jroot/tmp nullfs rw" command=/bin/true
	t_run_expect "nullfs: a ro one is not" 0 '' \
	    env LJAIL_PATH_WARNING=1 "$LJAIL" -c path="$jroot" \
	    mount="$T_TMP/share $jroot/tmp nullfs ro" command=/bin/true
	# A source that cannot be idmapped (ramfs): the root's rule.
	mkdir "$T_TMP/rfs"
	unshare -m --propagation private sh -c "
	    mount -t ramfs none '$T_TMP/rfs' || exit 99
	    '$LJAIL' -c path='$jroot' mount='$T_TMP/rfs $jroot/home nullfs ro' \
		command=/bin/sh -c 'id -u' >'$T_TMP/o1' 2>'$T_TMP/e1'
	    echo \$? >'$T_TMP/r1'
	    '$LJAIL' -c path='$jroot' allow.mount allow.mount.tmpfs \
		enforce_statfs=1 \
		mount='$T_TMP/rfs $jroot/home nullfs ro' \
		command=/bin/true >/dev/null 2>'$T_TMP/e2'
	    echo \$? >'$T_TMP/r2'"
	if [ $? -eq 99 ]; then
		t_skip "nullfs: source that cannot be idmapped" "no ramfs"
	else
		t_eq "nullfs: no idmap: falls back with a warning" \
		    "0 ljail: mount: $T_TMP/rfs: cannot be idmapped (Invalid argument): the jail's ids are the host's" \
		    "$(cat "$T_TMP/r1") $(cat "$T_TMP/e1")"
		t_eq "nullfs: no idmap and allow.mount: refused" \
		    "1 ljail: mount: $T_TMP/rfs: cannot be idmapped (Invalid argument), and a jail that may mount (allow.mount, children.max) must not have the host's ids" \
		    "$(cat "$T_TMP/r2") $(grep -v enforce_statfs "$T_TMP/e2")"
	fi
	t_eq "nullfs: nothing left" 0 "$(records)"
fi

# 5. ljls shows the names in force, which the jail's root may change.
t_run_expect "create live1" 0 '' "$LJAIL" -q -c name=live1 path="$root" \
    persist host.hostname=live1 host.domainname=dom1
"$LJEXEC" live1 hostname changed-inside
t_eq "ljls: host.hostname as changed inside" "changed-inside dom1" \
    "$("$LJLS" -j live1 host.hostname host.domainname)"
t_eq "ljls: the default table too" changed-inside \
    "$("$LJLS" | awk '$1 != "JID" {print $2}')"
t_run_expect "-m host.hostname" 0 '' "$LJAIL" -q -m name=live1 \
    host.hostname=set-by-m
t_eq "ljls: after -m" set-by-m "$("$LJLS" -j live1 host.hostname)"

# What an interactive shell printed between @@ and @@ (not its banner).
marked() { sed -n 's/.*@@\(.*\)@@.*/\1/p'; }
# ... and the addresses configured in the jail's network namespace, which
# a jail with allow.routing may change (TEST-NET, on the jail's own lo).
t_run_expect "create addr1" 0 '' "$LJAIL" -q -c name=addr1 path="$root" \
    persist allow.routing ip4.addr=192.0.2.41 ip6.addr=2001:db8::41
t_eq "ljls: addresses" "192.0.2.41 2001:db8::41" \
    "$("$LJLS" -j addr1 ip4.addr ip6.addr)"
"$LJEXEC" addr1 /sbin/ip addr add 192.0.2.40/32 dev lo
"$LJEXEC" addr1 /sbin/ip addr del 2001:db8::41/128 dev lo
t_eq "ljls: addresses as changed inside" "192.0.2.41,192.0.2.40 -" \
    "$("$LJLS" -j addr1 ip4.addr ip6.addr)"
t_run_expect "remove addr1" 0 '' "$LJAIL" -q -r addr1

# 8. ljexec without a command: the jail user's shell from the jail's
# passwd, else /bin/sh; never the caller's $SHELL.
t_eq "ljexec without command: /bin/sh, not \$SHELL" /bin/sh \
    "$(echo 'echo "@@$0@@"' | SHELL=/nonexistent/bash "$LJEXEC" live1 \
	2>/dev/null | marked)"
t_run_expect "remove live1" 0 '' "$LJAIL" -q -r live1
shroot="$T_TMP/shroot"
cp -a "$root" "$shroot" 2>/dev/null
sed 's|^root:\(.*\):/bin/sh$|root:\1:/bin/ash|' "$root/etc/passwd" \
    >"$shroot/etc/passwd"
t_run_expect "create sh1" 0 '' "$LJAIL" -q -c name=sh1 path="$shroot" persist
t_eq "ljexec without command: the passwd shell" "/bin/ash /bin/ash" \
    "$(echo 'echo "@@$0 $SHELL@@"' | SHELL=/nonexistent/bash "$LJEXEC" sh1 \
	2>/dev/null | marked)"
sed 's|^root:\(.*\):/bin/sh$|root:\1:/bin/bash|' "$root/etc/passwd" \
    >"$shroot/etc/passwd"
t_eq "ljexec without command: passwd shell missing: /bin/sh" /bin/sh \
    "$(echo 'echo "@@$0@@"' | "$LJEXEC" sh1 2>/dev/null | marked)"
t_run_expect "remove sh1" 0 '' "$LJAIL" -q -r sh1

# 6. path=/ is no path: no idmap attempt, no warning.
t_run_expect "path=/: no message" 0 '' env LJAIL_PATH_WARNING=1 \
    "$LJAIL" -c path=/ command=/bin/true
t_eq "path=/: the same view as no path" \
    "$("$LJAIL" -c command=/bin/stat -c %u:%g /etc 2>&1)" \
    "$("$LJAIL" -c path=/ command=/bin/stat -c %u:%g /etc 2>&1)"

# 7. host=inherit with a name of the jail's own is refused.
for p in host.hostname=foo host.domainname=bar; do
	t_run_expect "host=inherit $p refused" 1 \
	    "^ljail: ${p%%=*}: not allowed with host=inherit\$" \
	    "$LJAIL" -c host=inherit "$p" path="$root" command=/bin/true
done
t_run_expect "host=inherit alone" 0 '' \
    "$LJAIL" -c host=inherit path="$root" command=/bin/true
t_eq "records: none left" 0 "$(records)"

# 4. A dying jail does not hold its name: -c of the name works while the
# old one waits out its stop.timeout; ljls -d still shows the dying one.
t_run_expect "create dy" 0 '' "$LJAIL" -q -c name=dy path="$root" persist mount.devfs \
    stop.timeout=3 exec.start="/bin/sh -c 'trap \"\" TERM; sleep 7$tag' &"
old=$("$LJLS" -j dy jid)
"$LJAIL" -q -r dy >/dev/null 2>&1 &
rmpid=$!
i=0
while [ "$("$LJLS" -d -j "$old" dying 2>/dev/null)" != true ] && [ $i -lt 50 ]
do
	sleep 0.1; i=$((i + 1))
done
t_eq "dy is dying" true "$("$LJLS" -d -j "$old" dying 2>/dev/null)"
t_run_expect "-c of a dying jail's name" 0 '' \
    "$LJAIL" -q -c name=dy path="$root" persist
new=$("$LJLS" -j dy jid)
t_eq "the name is the new jail's" "false" \
    "$([ -n "$new" ] && [ "$new" != "$old" ] && echo false || echo true)"
t_eq "ljls -d shows both" "$old dy true
$new dy false" "$("$LJLS" -d jid name dying)"
wait $rmpid
t_eq "the old one's removal ends well" 0 $?
t_eq "the new one lives on" "$new" "$("$LJLS" -j dy jid)"
t_run_expect "remove the new dy" 0 '' "$LJAIL" -q -r dy
t_eq "dy: nothing left" "0 " "$(records) $(pgrep -f "sleep 7$tag")"

# 9. A command killed by exec.timeout: the jail is gone soon after the
# timeout (its init waited for a zombie only the host's PID 1 reaped, and
# the operation took 2.6-3.0 s).  The bound leaves a loaded machine room:
# it tells the bug from the fix, it does not time ljail.
cat >"$T_TMP/to.conf" <<CONF
tojail {
	path = "$root";
	exec.timeout = 1;
	exec.start = "/bin/sleep 6$tag";
}
CONF
for i in 1 2 3; do
	t0=$(date +%s%N)
	t_run_expect "exec.timeout ($i)" 1 '^ljail: tojail: /bin/sleep [0-9]*: timed out$' \
	    "$LJAIL" -q -f "$T_TMP/to.conf" -c tojail
	ms=$((($(date +%s%N) - t0) / 1000000))
	t_check "exec.timeout ($i): ended ${ms} ms after start (< 2000)" \
	    test "$ms" -lt 2000
done
t_eq "exec.timeout: nothing left" "0 " \
    "$(records) $(pgrep -f "sleep 6$tag")"

t_done
