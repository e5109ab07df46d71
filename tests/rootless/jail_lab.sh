#!/bin/sh
# jail_lab.sh - a lab: the rootless jails of one user that name the same
# ljail.lab reach each other at their addresses on lab0 (macvlans over a
# bridge in a user and network namespace the user owns, kept by a holder
# process), with no host interface involved.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_nonroot
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/ljail-lab.XXXXXX")
export LJAIL_RUNDIR
lab="t$$"
holder() { cut -d' ' -f1 "$LJAIL_RUNDIR/labs/$lab" 2>/dev/null; }
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'p=$(holder); [ -n "$p" ] && kill "$p"'
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'

t_run_expect "without a lab, an address on lab0 is refused" 1 \
    'lab0.*needs root.*or on lab0 with ljail.lab set' \
    "$LJAIL" -c name=nolab path="$root" ip4.addr="lab0|192.0.2.10/24" persist
t_run_expect "a lab jail" 0 '' \
    "$LJAIL" -c name=la path="$root" ljail.lab="$lab" \
    ip4.addr="lab0|192.0.2.11/24" persist
h=$(holder)
t_eq "its holder runs" 0 "$(kill -0 "${h:-0}" 2>/dev/null; echo $?)"
t_run_expect "a second jail of the lab" 0 '' \
    "$LJAIL" -c name=lb path="$root" ljail.lab="$lab" \
    ip4.addr="lab0|192.0.2.12/24" persist
t_eq "the same holder" "$h" "$(holder)"
"$LJEXEC" lb /bin/sh -c 'mkdir -p /tmp/www && echo hello-lab > \
    /tmp/www/index.html && httpd -p 192.0.2.12:8080 -h /tmp/www' 2>/dev/null
out=""
for i in 1 2 3 4 5 6 7 8 9 10; do
	out=$("$LJEXEC" la wget -q -O - http://192.0.2.12:8080/ 2>&1) &&
	    break
	sleep 0.2
done
t_eq "one jail fetches a page from the other" hello-lab "$out"
t_eq "the address sits on the jail's lab0" 1 \
    "$("$LJEXEC" la ip -4 addr show dev lab0 | grep -c 'inet 192.0.2.11/24')"
t_eq "no host interface in the jail" "lab0 lo" \
    "$("$LJEXEC" la ip -o link | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' |
    sort | tr '\n' ' ' | sed 's/ $//')"
# A jail's own users, when the caller has subordinate ids.
if [ "$("$LJEXEC" la cat /proc/self/uid_map 2>/dev/null | wc -l)" -gt 1 ]; then
	t_eq "a lab jail's own users" 1001 \
	    "$("$LJAIL" -c path="$root" ljail.lab="$lab" command=/bin/su \
	    jailuser -s /bin/sh -c 'id -u' 2>&1)"
else
	t_skip "a lab jail's own users" "no subordinate ids"
fi
t_run_expect "a lab jail with an address without interface" 0 '' \
    "$LJAIL" -c name=lc path="$root" ljail.lab="$lab" \
    ip4.addr=192.0.2.13/24 persist
t_eq "it is on lab0 and reaches the others" hello-lab \
    "$("$LJEXEC" lc wget -q -O - http://192.0.2.12:8080/ 2>&1)"
t_run_expect "remove them" 0 '' "$LJAIL" -r la lb lc
t_eq "the holder stays for the next jails" 0 \
    "$(kill -0 "${h:-0}" 2>/dev/null; echo $?)"

# One ljail run: a jail without the lab cannot follow a lab jail.
cat > "$T_TMP/j.conf" <<CONF
path = "$root";
persist;
ja { ljail.lab = "$lab"; }
jb { }
CONF
t_run_expect "no lab after a lab jail in one run" 1 \
    '^ljail: jb: a jail without ljail.lab cannot follow one of lab' \
    "$LJAIL" -f "$T_TMP/j.conf" -c
"$LJAIL" -f "$T_TMP/j.conf" -r ja >/dev/null 2>&1
t_run_expect "a bad lab name" 1 '^ljail: ljail.lab: bad lab name "a/b"' \
    "$LJAIL" -c path="$root" ljail.lab=a/b persist

# A lab whose holder is gone is started again.
kill "$h"
for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$h" 2>/dev/null || break; sleep 0.1; done
t_run_expect "a jail of a lab whose holder died" 0 '' \
    "$LJAIL" -c name=ld path="$root" ljail.lab="$lab" \
    ip4.addr="lab0|192.0.2.14/24" persist
t_eq "a new holder" 1 "$([ "$(holder)" != "$h" ] && kill -0 "$(holder)" && echo 1)"
"$LJAIL" -r ld >/dev/null 2>&1
t_done
