#!/bin/sh
# reg_parallel.sh - the registry lock under 20 concurrent ljail -c: twenty
# names give twenty jails with distinct jids; one name gives one jail and
# nineteen "already exists".  Then 20 concurrent removals leave nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}"/ljail-reg-rd.XXXXXX)
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'

i=0
while [ $i -lt 20 ]; do
	"$LJAIL" -c name=par$i persist path="$root" \
	    >"$T_TMP/o$i" 2>"$T_TMP/e$i" &
	i=$((i + 1))
done
wait
t_eq "20 distinct names: 20 jails" 20 "$("$LJLS" jid | sort -u | wc -l)"
t_eq "no errors" "" "$(cat "$T_TMP"/e*)"
t_eq "jids 1..20" "$(seq 1 20)" "$("$LJLS" jid)"

i=0
while [ $i -lt 20 ]; do
	( "$LJAIL" -c name=same persist path="$root" >/dev/null \
	    2>"$T_TMP/s$i"; echo $? >"$T_TMP/rc$i" ) &
	i=$((i + 1))
done
wait
t_eq "one name: exactly one winner" 1 "$(grep -lx 0 "$T_TMP"/rc* | wc -l)"
t_eq "nineteen already exists" 19 \
    "$(grep -lx 'ljail: "same" already exists' "$T_TMP"/s* | wc -l)"
t_eq "one jail named same" 1 "$("$LJLS" name | grep -cx same)"

# Parallel -m of one jail, each setting another parameter: none is lost
# (each -m merges into the record as it is under the lock).  Parameters
# -m may change in a running jail (allow.* are refused there).
sets="host.hostname=ph host.domainname=pd host.hostuuid=pu host.hostid=7
meta=pm env=pe"
for a in $sets; do
	"$LJAIL" -q -m name=same "$a" >/dev/null 2>"$T_TMP/m${a%%=*}" &
done
wait
t_eq "parallel -m: no errors" "" "$(cat "$T_TMP"/m*)"
t_eq "parallel -m: every change kept" "ph pd pu 7 pm pe" \
    "$("$LJLS" -j same $(for a in $sets; do echo "${a%%=*}"; done))"

for j in $("$LJLS" jid); do
	"$LJAIL" -r "$j" >/dev/null 2>&1 &
done
wait
t_eq "20 parallel removals: nothing left" "" "$("$LJLS" jid)"
t_eq "no records left" "" "$(ls "$LJAIL_RUNDIR/jails")"
t_eq "no name index entries left" "" "$(ls "$LJAIL_RUNDIR/names")"
t_eq "no id range slots left" "" "$(ls "$LJAIL_RUNDIR/slots")"
t_done
