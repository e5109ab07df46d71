#!/bin/sh
# net_vnet.sh - end to end: vnet jails (an empty stack), vnet.interface
# moved in and given back on removal, vnet.veth pairs; and the rootless
# refusal of a parent interface.  Inside a private test network namespace.
. "$(dirname "$0")/../lib.sh"
require_netns
root=$(test_root) || t_skip_all "cannot build the busybox test root"
ns=netV$$
export LJAIL_RUNDIR="$T_TMP/run"
mkdir -p "$LJAIL_RUNDIR"
make_test_netns "$ns" || t_skip_all "cannot make the test netns"
in_ns() { ip netns exec "$ns" "$@"; }
links() { ip -n "$ns" -o link | awk -F': ' '{print $2}' | sed 's/@.*//' | sort; }
ip netns exec "$ns" "$LJAIL" -c path="$root" command=/bin/true \
    >/dev/null 2>&1 || t_skip_all "ljail cannot create jails here yet"
ip -n "$ns" link add "${ns}a" type veth peer name "${ns}b"
before=$(links)

t_run_expect "vnet jail has only lo" 0 '' \
    in_ns "$LJAIL" -c path="$root" vnet command=/sbin/ip -o link
t_eq "one link" 1 "$(wc -l <"$T_TMP/out" | tr -d ' ')"

# FreeBSD's "list" test: both ends of a pair moved into the jail, from a
# jail.conf (removal gives them back using the same configuration).
cat >"$T_TMP/jail.conf" <<EOC
netvj {
	path = "$root";
	vnet;
	persist;
	vnet.interface = "${ns}a", "${ns}b";
	exec.start = "/sbin/ip -o link";
}
EOC
t_run_expect "vnet.interface moves both in" 0 '' \
    in_ns "$LJAIL" -q -f "$T_TMP/jail.conf" -c netvj
t_cleanup "ip netns exec $ns $LJAIL -q -f $T_TMP/jail.conf -r netvj"
t_check "first end inside" grep -q "${ns}a" "$T_TMP/out"
t_check "second end inside" grep -q "${ns}b" "$T_TMP/out"
t_check "gone from the host" sh -c "! ip -n $ns link show ${ns}a 2>/dev/null"
t_run_expect "removal" 0 '' in_ns "$LJAIL" -q -f "$T_TMP/jail.conf" -r netvj
t_eq "given back on removal" "$before" "$(links)"

# vnet.veth: one end in the jail, one on the host.
t_run_expect "vnet.veth" 0 '' \
    in_ns "$LJAIL" -c path="$root" vnet "vnet.veth=eth0:${ns}v" \
    command=/sbin/ip -o link
t_check "jail end inside" grep -q "eth0@" "$T_TMP/out"
# The kernel destroys a dead network namespace (and the veth end in it)
# from a work queue, after the last process is gone: wait for it.
for _i in $(seq 50); do
	[ "$before" = "$(links)" ] && break
	sleep 0.1
done
t_eq "host end gone with the jail" "$before" "$(links)"

# Rootless: a parent interface is refused before anything is made.
if command -v setpriv >/dev/null; then
	rl=$(mktemp -d "${TMPDIR:-/tmp}"/net-rootless.XXXXXX)
	t_cleanup "rm -rf $rl"
	chmod 1777 "$rl"
	t_run_expect "rootless parent refused" 1 \
	    "^ljail: ip4.addr: interface ${ns}p: an address on a host interface needs root" \
	    in_ns setpriv --reuid=65534 --regid=65534 --clear-groups \
	    env LJAIL_RUNDIR="$rl/run" HOME="$rl" \
	    "$LJAIL" -c path=/ "ip4.addr=${ns}p|192.0.2.10" command=/bin/true
else
	t_skip "rootless parent refused" "setpriv missing"
fi
t_done
