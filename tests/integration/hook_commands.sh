#!/bin/sh
# hook_commands.sh - exec.* commands and the jail's command through the
# ljail command: order, messages, exit statuses, timeout, users, clean
# environment, consolelog.
. "${top_srcdir:-.}/tests/lib.sh"

require_userns
base=$(test_root) || t_skip_all "scripts/mkroot failed"
# A private copy, so that rootless its files (/root) are the jail root's.
chmod 755 "$T_TMP"
root="$T_TMP/root"
# (rootless: the shared root's /root is not readable; the copy gets one)
cp -a "$base" "$root" 2>/dev/null
mkdir -p "$root/root" && chmod 700 "$root/root"
export LJAIL_RUNDIR="$T_TMP/run"
mkdir -p "$LJAIL_RUNDIR"

if ! "$LJAIL" -c path="$root" command=/bin/true >"$T_TMP/probe" 2>&1 &&
    grep -q 'not implemented\|not built' "$T_TMP/probe"; then
	t_skip_all "ljail cannot create jails yet: $(head -1 "$T_TMP/probe")"
fi

t_run_expect "command exit status" 3 '^ljail: /bin/sh -c exit 3: failed$' \
    "$LJAIL" -c path="$root" command=/bin/sh -c 'exit 3'

t_run_expect "command-line command is one argv" 0 '' \
    "$LJAIL" -c path="$root" command=/bin/echo 'a  b' '$HOME;'
t_eq "argv kept" 'a  b $HOME;' "$(cat "$T_TMP/out")"

t_run_expect "exec failure" 1 \
    '^ljail: exec /nonexistent/fshook: No such file or directory$' \
    "$LJAIL" -c path="$root" command=/nonexistent/fshook

cat >"$T_TMP/jail.conf" <<CONF
fshook1 {
	path = "$root";
	exec.prestart = 'sh -c "echo prestart \$JNAME"';
	exec.start = "/bin/echo start";
	exec.start += '/bin/sh -c "echo in jail \$JID \$JNAME"';
	exec.poststart = "echo poststart";
	exec.stop = "/bin/echo stop";
	exec.poststop = "echo poststop";
	persist;
}
fshook2 {
	path = "$root";
	exec.start = "/bin/false";
	exec.start += "/bin/echo never";
}
fshook3 {
	path = "$root";
	exec.timeout = 1;
	exec.start = "sleep 30";
}
fshook4 {
	path = "$root";
	exec.clean;
	exec.consolelog = "$T_TMP/console.log";
	exec.start = "/bin/sh -c 'env | sort | grep -v ^SHLVL=; pwd; echo err >&2'";
}
fshook5 {
	path = "$T_TMP/made";
	exec.prepare = "cp -a $root $T_TMP/made";
	mount.devfs;
	exec.start = "/bin/ls /dev/null";
}
CONF
t_run_expect "hooks in order" 0 '' "$LJAIL" -f "$T_TMP/jail.conf" -c fshook1
t_cleanup "$LJAIL -f $T_TMP/jail.conf -r fshook1"
grep -v 'created$' "$T_TMP/out" >"$T_TMP/order"
t_eq "hook order and environment" "prestart fshook1
start
in jail 1 fshook1
poststart" "$(sed 's/in jail [0-9]* /in jail 1 /' "$T_TMP/order")"
t_run_expect "stop hooks" 0 '' "$LJAIL" -f "$T_TMP/jail.conf" -r fshook1
t_eq "stop order" "stop
poststop" "$(grep -v 'removed$' "$T_TMP/out")"

t_run_expect "failing exec.start" 1 '^ljail: fshook2: /bin/false: failed$' \
    "$LJAIL" -f "$T_TMP/jail.conf" -c fshook2
if grep -q never "$T_TMP/out"; then t_fail "ran after a failure"; else
	t_ok "stopped at the first failure"; fi

start=$(date +%s)
t_run_expect "exec.timeout kills" 1 '^ljail: fshook3: sleep 30: timed out$' \
    "$LJAIL" -f "$T_TMP/jail.conf" -c fshook3
t_check "timed out quickly" test $(($(date +%s) - start)) -lt 10

t_run_expect "clean environment to consolelog" 0 '' \
    env -u TERM "$LJAIL" -f "$T_TMP/jail.conf" -c fshook4
t_cleanup "$LJAIL -f $T_TMP/jail.conf -r fshook4"
t_eq "consolelog content" "HOME=/root
PATH=/bin:/usr/bin
PWD=/root
SHELL=/bin/sh
USER=root
/root
err" "$(cat "$T_TMP/console.log")"
t_run_expect "exec.prepare makes the jail's file system" 0 '' \
    "$LJAIL" -f "$T_TMP/jail.conf" -c fshook5
t_eq "jail on the prepared root" "/dev/null" "$(grep -v 'created$' "$T_TMP/out")"

# The final capability sets of an in-jail command (caps.h: caps_finish
# after the user switch, right before exec): the jail root's are the
# jail's set (CapBnd, below the host's), exec.jail_user's are empty.
capscmd='for f in CapInh CapPrm CapEff CapBnd CapAmb; do
    sed -n "s/^$f:[[:space:]]*/$f=/p" /proc/self/status; done'
z=0000000000000000
hostbnd=$(sed -n 's/^CapBnd:[[:space:]]*//p' /proc/self/status)
t_run_expect "in-jail command as root: capability sets" 0 '' \
    "$LJAIL" -c path="$root" command=/bin/sh -c "$capscmd"
bnd=$(sed -n 's/^CapBnd=//p' "$T_TMP/out")
if [ -n "$bnd" ] && [ "$bnd" != "$hostbnd" ] && [ "$bnd" != "$z" ]; then
	t_ok "jail's bounding set $bnd is below the host's $hostbnd"
else
	t_fail "jail's bounding set '$bnd' (host's $hostbnd)"
fi
t_eq "in-jail root holds exactly the jail's set" \
    "CapInh=$z CapPrm=$bnd CapEff=$bnd CapBnd=$bnd CapAmb=$z" \
    "$(tr '\n' ' ' <"$T_TMP/out" | sed 's/ $//')"
# Rootless, jailuser is mapped when the caller has subordinate ids.
if [ "$(id -u)" -eq 0 ] || [ "$("$LJAIL" -c path="$root" \
    command=/bin/cat /proc/self/uid_map 2>/dev/null | wc -l)" -gt 1 ]; then
	t_run_expect "in-jail command as exec.jail_user: capability sets" 0 '' \
	    "$LJAIL" -c path="$root" exec.jail_user=jailuser \
	    command=/bin/sh -c "$capscmd"
	t_eq "exec.jail_user holds no capability" \
	    "CapInh=$z CapPrm=$z CapEff=$z CapBnd=$bnd CapAmb=$z" \
	    "$(tr '\n' ' ' <"$T_TMP/out" | sed 's/ $//')"
else
	t_skip "exec.jail_user capability sets" \
	    "needs root or subordinate ids to map jailuser"
fi
t_done
