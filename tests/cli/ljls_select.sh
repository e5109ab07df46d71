#!/bin/sh
# ljls: which jails it shows (live ones only, in jid order), -j and -c,
# FreeBSD's messages and exit statuses, and the flags' interplay.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/reg_records.sh"

t_out "no jails: header only" \
    "   JID  IP Address      Hostname                      Path" "$LJLS"
: >"$T_TMP/empty"
t_expect "no jails, -n: empty output" "$T_TMP/empty" "$LJLS" -n

mkrec 5 five 0 / 0 host.hostname=h5
mkrec 2 two 0 / 0 host.hostname=h2
t_out "jid order" "2
5" "$LJLS" jid
t_out "-j NAME jid prints the bare jid" "5" "$LJLS" -j five jid
t_out "-j JID" "five" "$LJLS" -j 5 name
t_out "-j with leading zeros is a jid" "five" "$LJLS" -j 005 name
t_run_expect "-j unknown name" 1 '^ljls: jail "nosuch" not found$' \
    "$LJLS" -j nosuch
t_run_expect "-j unknown jid" 1 '^ljls: jail 7 not found$' "$LJLS" -j 7
t_run_expect "-j 0 is a name" 1 '^ljls: jail "0" not found$' "$LJLS" -j 0
t_run_expect "unknown parameter" 1 '^ljls: unknown parameter: bogus$' \
    "$LJLS" jid bogus
t_run_expect "pseudo-parameter is unknown" 1 \
    '^ljls: unknown parameter: exec.start$' "$LJLS" exec.start
t_run_expect "no form of a non-boolean" 1 \
    '^ljls: unknown parameter: novnet$' "$LJLS" novnet
t_run_expect "bad flag" 1 '^usage: ljls \[-dhNnqv\] \[-j jail\] \[param \.\.\.\]$' \
    "$LJLS" -x
t_run_expect "-c -j existing: exit 0" 0 '' "$LJLS" -c -j five
t_run_expect "-cj missing: exit 1" 1 '' "$LJLS" -cj nosuch
t_check "-c prints nothing" test ! -s "$T_TMP/out"
t_run_expect "-c without -j: usage" 1 '^usage: ljls ' "$LJLS" -c
t_run_expect "-c with parameters: usage" 1 '^usage: ljls ' \
    "$LJLS" -c -j five name
t_out "-v with parameters is ignored" "2
5" "$LJLS" -v jid
t_out "-s then -h: header, -n -q stay" "jid persist
jid=2 nopersist
jid=5 nopersist" "$LJLS" -s -h jid persist
t_out "-h then -s: no header" "jid=2 nopersist
jid=5 nopersist" "$LJLS" -h -s jid persist

# A jail whose init died: not shown, and its record goes.
mkrec 9 dead 0 / 0
kill "$SLEEPER"
wait "$SLEEPER" 2>/dev/null
t_out "dead init not shown" "2
5" "$LJLS" jid
t_check "dead jail's record removed" test ! -e "$REG/jails/9"
t_run_expect "dead jail not found" 1 '^ljls: jail "dead" not found$' \
    "$LJLS" -j dead

# A recycled pid: a live process, but not the one that started the jail.
mkrec 10 recycled 0 / 0
sed -i "s/^init \([0-9]*\) \([0-9]*\)$/init \1 1/" "$REG/jails/10"
t_out "recycled pid not shown" "2
5" "$LJLS" jid
t_check "recycled pid's record removed" test ! -e "$REG/jails/10"

# A jail still being created (no init yet, its ljail alive): not shown.
mkrec 11 creating 0 / 0
sed -i "s/^init .*/init 0 0/; s/^owner .*/owner $$ $(start_time $$)/" \
    "$REG/jails/11"
t_out "creating jail not shown" "2
5" "$LJLS" jid
t_check "creating jail's record kept" test -e "$REG/jails/11"
t_run_expect "creating jail not found" 1 '^ljls: jail 11 not found$' \
    "$LJLS" -j 11

# Corrupt and planted files are ignored (and removed).
printf 'garbage\n' >"$REG/jails/20"
ln -s /etc/passwd "$REG/jails/21"
t_out "corrupt records not shown" "2
5" "$LJLS" jid
t_check "corrupt record removed" test ! -e "$REG/jails/20"

# An untrusted registry is refused.
chmod 777 "$REG"
t_run_expect "world-writable registry refused" 1 \
    '^ljls: registry: Operation not permitted$' "$LJLS" -j five
chmod 700 "$REG"

# No place for a registry at all (as inside a jail without /run): no jails.
t_out "no registry directory: header only" \
    "   JID  IP Address      Hostname                      Path" \
    env LJAIL_RUNDIR="$T_TMP/missing/ljail" "$LJLS"
t_run_expect "no registry directory: -j not found" 1 \
    '^ljls: jail "five" not found$' \
    env LJAIL_RUNDIR="$T_TMP/missing/ljail" "$LJLS" -j five
t_done
