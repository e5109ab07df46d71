#!/bin/sh
# reg_freebsd.sh - FreeBSD's jail_basic_test.sh cases (basic, commands,
# jid_name_set, param_consistency) and hierarchical names, adapted to
# Linux: real jails through ljail, listed with ljls, entered with ljexec.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}"/ljail-reg-rd.XXXXXX)
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
cd "$T_TMP" || exit 1

# --- basic: lifecycle from the command line (TEST-NET address)
t_run_expect "basic: create" 0 '' \
    "$LJAIL" -c name=basejail persist ip4.addr=192.0.2.1 path="$root"
t_run_expect "basic: ljls" 0 '' "$LJLS"
t_check "basic: ljls lists it" grep -q '^ *[0-9]*  192\.0\.2\.1 ' \
    "$T_TMP/out"
t_run_expect "basic: ljls -v" 0 '' "$LJLS" -v
t_check "basic: -v shows ACTIVE" grep -q 'basejail *ACTIVE' "$T_TMP/out"
t_run_expect "basic: ljls -n" 0 '' "$LJLS" -n
t_check "basic: -n shows name=basejail" grep -q 'name=basejail' "$T_TMP/out"
t_run_expect "basic: remove" 0 '' "$LJAIL" -r basejail
t_eq "basic: gone from ljls" "" "$("$LJLS" -j basejail jid 2>/dev/null)"
"$LJAIL" -c name=basejail persist ip4.addr=192.0.2.1 path="$root" >/dev/null
jid=$("$LJLS" -j basejail jid)
t_check "basic: ljls -j NAME jid is a bare jid ($jid)" \
    sh -c "echo '$jid' | grep -Eqx '[0-9]+'"
t_run_expect "basic: remove by jid" 0 '' "$LJAIL" -r "$jid"
t_run_expect "basic: -cm creates" 0 '' \
    "$LJAIL" -cm name=basejail persist ip4.addr=192.0.2.1 path="$root"
t_run_expect "basic: -rc restarts" 0 '' \
    "$LJAIL" -rc name=basejail persist ip4.addr=192.0.2.1 path="$root"
t_eq "basic: one jail after restart" 1 "$("$LJLS" -n name | grep -c .)"
"$LJAIL" -r basejail >/dev/null 2>&1

# --- commands: exec hooks and the JID/JNAME/JPATH environment
cat >jail.conf <<CONF
exec.prestop = "echo STOP";
exec.prestart = "echo START";
exec.poststart = "env";
persist;
basejail {}
path = "$root";
CONF
t_run_expect "commands: -qc" 0 '' "$LJAIL" -f jail.conf -qc basejail
t_check "commands: START" grep -qx START "$T_TMP/out"
t_check "commands: JID" grep -Eq '^JID=[0-9]+' "$T_TMP/out"
t_check "commands: JNAME" grep -qx JNAME=basejail "$T_TMP/out"
t_check "commands: JPATH" grep -qx "JPATH=$root" "$T_TMP/out"
"$LJAIL" -f jail.conf -qr basejail >"$T_TMP/stop" 2>&1
t_eq "commands: -qr prints STOP" STOP "$(cat "$T_TMP/stop")"
"$LJAIL" -f jail.conf -qc basejail >/dev/null 2>&1
jid=$("$LJLS" -j basejail jid)
"$LJAIL" -f jail.conf -qr "$jid" >"$T_TMP/stop" 2>&1
t_eq "commands: removal by jid runs the config's prestop" STOP \
    "$(cat "$T_TMP/stop")"

# --- jid_name_set: numeric block names vs explicit jid/name
n=5309
while "$LJLS" -cj $n 2>/dev/null; do n=$((n + 1)); done
printf '%s { name = basejail; persist; path = "%s"; }\n' $n "$root" >jail.conf
t_check "jid_name_set: $n: created" \
    sh -c "'$LJAIL' -f jail.conf -c $n | grep -qx '$n: created'"
t_eq "jid_name_set: explicit name kept" basejail "$("$LJLS" -j $n name)"
t_check "jid_name_set: $n: removed" \
    sh -c "'$LJAIL' -f jail.conf -r $n | grep -qx '$n: removed'"
printf '%s { host.hostname = "${name}"; persist; path = "%s"; }\n' $n \
    "$root" >jail.conf
"$LJAIL" -f jail.conf -c $n >/dev/null
t_eq "jid_name_set: \${name} is the jid-derived name" $n \
    "$("$LJLS" -j $n host.hostname)"
"$LJAIL" -f jail.conf -r $n >/dev/null
printf 'basejail { jid = %s; persist; path = "%s"; }\n' $n "$root" >jail.conf
t_check "jid_name_set: basejail: created" \
    sh -c "'$LJAIL' -f jail.conf -c basejail | grep -qx 'basejail: created'"
t_eq "jid_name_set: explicit jid" $n "$("$LJLS" -j basejail jid)"
"$LJAIL" -f jail.conf -r basejail >/dev/null

# --- param_consistency: jid and name are known to later steps
t_run_expect "param_consistency: poststart of a command jail" 0 '' \
    "$LJAIL" -c path="$root" exec.poststart=true command=/bin/true
t_check "param_consistency: no output" test ! -s "$T_TMP/out"
printf 'basejail {path = "%s"; exec.prestop = "echo STOP"; persist; }\n' \
    "$root" >jail.conf
"$LJAIL" -f jail.conf -c basejail >/dev/null 2>&1
t_check "param_consistency: prestop by name" \
    sh -c "'$LJAIL' -f jail.conf -r basejail | grep -q STOP"
printf '%s {path = "%s"; exec.prestop = "echo STOP"; persist; }\n' $n \
    "$root" >jail.conf
"$LJAIL" -f jail.conf -c $n >/dev/null 2>&1
t_check "param_consistency: prestop of a numeric block" \
    sh -c "'$LJAIL' -f jail.conf -r $n | grep -q STOP"
printf '%s {name = basejail; path = "%s"; exec.prestop = "echo STOP"; persist; }\n' \
    $n "$root" >jail.conf
"$LJAIL" -f jail.conf -c $n >/dev/null 2>&1
t_check "param_consistency: prestop of a numeric block with a name" \
    sh -c "'$LJAIL' -f jail.conf -r $n | grep -q STOP"
printf 'basejail {path = "%s"; exec.poststop = '"'"'echo JID=$JID'"'"'; persist; }\n' \
    "$root" >jail.conf
"$LJAIL" -f jail.conf -c basejail >/dev/null 2>&1
jid=$("$LJLS" -j basejail jid)
t_check "param_consistency: poststop still has the jid ($jid)" \
    sh -c "'$LJAIL' -f jail.conf -r basejail | grep -qx 'JID=$jid'"

# --- list: vnet.interface split on commas (a veth pair in a private
# network namespace stands in for the epair; ljexec then finds both
# ends inside the jail)
if command -v ip >/dev/null && ip netns list >/dev/null 2>&1; then
	ns=regL$$
	ip netns add $ns && t_cleanup "ip netns delete $ns"
	ip -n $ns link add ${ns}a type veth peer name ${ns}b
	t_run_expect "list: create with vnet.interface=A,B" 0 '' \
	    ip netns exec $ns "$LJAIL" -c name=vj vnet persist \
	    vnet.interface=${ns}a,${ns}b path="$root"
	t_check "list: no output" test ! -s "$T_TMP/out"
	t_run_expect "list: first interface inside" 0 '' \
	    "$LJEXEC" vj /sbin/ip link show ${ns}a
	t_run_expect "list: second interface inside" 0 '' \
	    "$LJEXEC" vj /sbin/ip link show ${ns}b
	ip netns exec $ns "$LJAIL" -r vj >/dev/null 2>&1
else
	t_skip "list: vnet.interface" "ip netns unavailable"
fi

# --- max_cur (sysctl_security_jail_children.sh) through ljls
"$LJAIL" -c name=childfree persist path="$root" >/dev/null
"$LJAIL" -c name=maxallowed children.max=5 persist path="$root" >/dev/null
"$LJAIL" -c name=maxallowed.family children.max=4 persist path="$root" \
    >/dev/null
t_eq "max_cur: childfree" "0 0" "$("$LJLS" -j childfree children.max children.cur)"
t_eq "max_cur: maxallowed" "5 1" \
    "$("$LJLS" -j maxallowed children.max children.cur)"
t_eq "max_cur: maxallowed.family" "4 0" \
    "$("$LJLS" -j maxallowed.family children.max children.cur)"
for j in maxallowed.family maxallowed childfree; do
	"$LJAIL" -r $j >/dev/null 2>&1
done

# --- hierarchical names: a.b is a child of the live jail a
"$LJAIL" -c name=hp0 persist path="$root" >/dev/null
t_run_expect "children.max 0: no child" 1 \
    '(prison limit exceeded|Too many links)$' \
    "$LJAIL" -c name=hp0.kid persist path="$root"
"$LJAIL" -r hp0 >/dev/null 2>&1
"$LJAIL" -c name=hp persist path="$root" children.max=1 >/dev/null
t_run_expect "child of a live jail" 0 '' \
    "$LJAIL" -c name=hp.kid persist path="$root"
t_run_expect "children.max 1: no second child" 1 \
    '(prison limit exceeded|Too many links)$' \
    "$LJAIL" -c name=hp.kid2 persist path="$root"
pjid=$("$LJLS" -j hp jid)
t_eq "child's parent is the parent's jid" "$pjid" "$("$LJLS" -j hp.kid parent)"
t_eq "children.cur of the parent" 1 "$("$LJLS" -j hp children.cur)"
t_run_expect "child of a missing jail refused" 1 'not found' \
    "$LJAIL" -c name=nohp.kid persist path="$root"
t_run_expect "numeric name that is not the jid" 1 \
    '^ljail: name cannot be numeric \(unless it is the jid\)$' \
    "$LJAIL" -c name=77 jid=78 persist path="$root"
t_run_expect "second jail of the same name" 1 '"hp" already exists' \
    "$LJAIL" -c name=hp persist path="$root"
"$LJAIL" -r hp.kid >/dev/null 2>&1
"$LJAIL" -r hp >/dev/null 2>&1
t_eq "nothing left" "" "$(ls "$LJAIL_RUNDIR/jails")"
t_done
