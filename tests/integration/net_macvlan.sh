#!/bin/sh
# net_macvlan.sh - end to end: jails with ip4.addr/ip6.addr on a parent
# interface, run by the real ljail inside a private test network
# namespace (a veth pair: ${ns}p is the parent, ${ns}h the host side with
# 192.0.2.1/24 and 2001:db8::1/64).  TEST-NET addresses only.
. "$(dirname "$0")/../lib.sh"
require_netns
root=$(test_root) || t_skip_all "cannot build the busybox test root"
ns=netI$$
export LJAIL_RUNDIR="$T_TMP/run"
mkdir -p "$LJAIL_RUNDIR"
make_test_netns "$ns" || t_skip_all "cannot make the test netns"
p=${ns}p
in_ns() { ip netns exec "$ns" "$@"; }
links() { ip -n "$ns" -o link | awk -F': ' '{print $2}' | sort; }
ip netns exec "$ns" "$LJAIL" -c path="$root" command=/bin/true \
    >/dev/null 2>&1 || t_skip_all "ljail cannot create jails here yet"
before=$(links)

# The jail sees its macvlan, named like the parent, with its addresses.
t_run_expect "addresses inside the jail" 0 '' \
    in_ns "$LJAIL" -c path="$root" "ip4.addr=$p|192.0.2.10/24" \
    ip4.addr=203.0.113.5 "ip6.addr=$p|2001:db8::10/64" \
    command=/sbin/ip -o addr
for want in "$p    inet 192.0.2.10/24" "lo    inet 203.0.113.5/32" \
    "$p    inet6 2001:db8::10/64"; do
	if grep -q "$want" "$T_TMP/out"; then t_ok "has $want"
	else t_fail "has $want"; sed 's/^/# /' "$T_TMP/out"; fi
done

# The jail reaches the host side of the parent.
in_ns busybox nc -l -p 7001 -e /bin/echo from-host &
srv=$!
t_cleanup "kill $srv"
sleep 0.2
t_run_expect "jail reaches the host through the parent" 0 '' \
    in_ns "$LJAIL" -c path="$root" "ip4.addr=$p|192.0.2.10/24" \
    command=/bin/sh -c 'sleep 1 | nc -w2 192.0.2.1 7001'
t_check "host answered" grep -q from-host "$T_TMP/out"

# The host side reaches the jail (the veth peer, not the parent itself).
# The listening jails persist: ljail -c returns once they are up.
listen() {	# NAME ADDR PORT WORD
	t_run_expect "listening jail $1" 0 '' \
	    in_ns "$LJAIL" -c name="$1" path="$root" "ip4.addr=$p|$2/24" \
	    persist mount.devfs "exec.start=/bin/sh -c '/usr/bin/nc -ll -p $3 -e \
	    /bin/echo $4 >/dev/null 2>&1 &'"
	t_cleanup "ip netns exec $ns $LJAIL -r $1"
}
listen netl1 192.0.2.11 7002 from-jail
got=
for i in 1 2 3 4 5; do
	# stdin stays open a moment: nc may quit at EOF before the answer.
	got=$(sleep 1 | in_ns busybox nc -w2 192.0.2.11 7002 \
	    2>>"$T_TMP/probe.log")
	[ -n "$got" ] && break
done
t_eq "host reaches the jail" from-jail "$got"
[ "$got" = from-jail ] || sed 's/^/# /' "$T_TMP/probe.log"

# Two jails on one parent reach each other.
listen netl2 192.0.2.12 7003 jail-a
t_run_expect "second jail reaches the first" 0 '' \
    in_ns "$LJAIL" -c path="$root" interface="$p" ip4.addr=192.0.2.13/24 \
    command=/bin/sh -c 'sleep 1 | nc -w2 192.0.2.12 7003'
t_check "first jail answered" grep -q jail-a "$T_TMP/out"
t_run_expect "removal of listening jails" 0 '' \
    sh -c "ip netns exec $ns $LJAIL -r netl1 && ip netns exec $ns $LJAIL -r netl2"

# ip4=disable: no IPv4 at all, not even on lo; IPv6 loopback stays.
t_run_expect "ip4=disable" 0 '' \
    in_ns "$LJAIL" -c path="$root" ip4=disable command=/sbin/ip -o addr
t_check "no IPv4 address" sh -c "! grep -q ' inet ' '$T_TMP/out'"
t_check "IPv6 loopback kept" grep -q "inet6 ::1/128" "$T_TMP/out"

# Errors: before anything exists, with FreeBSD's wording where it has one.
t_run_expect "missing parent" 1 '^ljail: ip4.addr: interface nope0 does not exist$' \
    in_ns "$LJAIL" -c path="$root" "ip4.addr=nope0|192.0.2.10" \
    command=/bin/true
t_run_expect "bad address" 1 '^ljail: ip4.addr: not an IPv4 address: 192.0.2.300$' \
    in_ns "$LJAIL" -c path="$root" "ip4.addr=$p|192.0.2.300" \
    command=/bin/true
t_run_expect "prefix out of range" 1 \
    '^ljail: ip6.addr: prefix length out of range: 2001:db8::5/129$' \
    in_ns "$LJAIL" -c path="$root" "ip6.addr=$p|2001:db8::5/129" \
    command=/bin/true
t_run_expect "vnet with addresses" 1 \
    '^ljail: vnet jails cannot have IP address restrictions$' \
    in_ns "$LJAIL" -c path="$root" vnet ip4.addr=192.0.2.10 \
    command=/bin/true

# Nothing is left behind in the test namespace.
t_eq "no link left behind" "$before" "$(links)"
t_eq "no address left on the parent" "" \
    "$(ip -n "$ns" -o addr show dev "$p" | grep -v inet6)"
t_done
