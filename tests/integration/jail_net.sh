#!/bin/sh
# jail_net.sh - the network steps of a jail's life, end to end, as root,
# inside a private test network namespace (TEST-NET addresses only):
# address clashes between live jails, -m changing the addresses of a
# running jail, vnet.interface given back without a jail.conf.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_netns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
ns=integN$$
LJAIL_RUNDIR=$(mktemp -d /tmp/ljail-integ-rd.XXXXXX)
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
make_test_netns "$ns" || t_skip_all "cannot make the test netns"
in_ns() { ip netns exec "$ns" "$@"; }
# Whatever a failing test leaves, remove it by jid (our registry only).
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do ip netns exec '"$ns"' $LJAIL -R $j; done'
records() { ls "$LJAIL_RUNDIR/jails" 2>/dev/null | wc -l; }
in_ns "$LJAIL" -c path="$root" command=/bin/true >/dev/null 2>&1 ||
    t_skip_all "ljail cannot create jails here"

# --- address clashes (FreeBSD: two jails may share a single address)
t_run_expect "first jail, two addresses" 0 '' \
    in_ns "$LJAIL" -c name=integ-a path="$root" persist \
    ip4.addr=192.0.2.21,192.0.2.22 ip6.addr=2001:db8::21,2001:db8::22
t_run_expect "command-line jail: IPv4 clash" 1 \
    '^ljail: IPv4 addresses clash$' \
    in_ns "$LJAIL" -c name=integ-b path="$root" persist \
    ip4.addr=192.0.2.22
t_run_expect "command-line jail: IPv6 clash" 1 \
    '^ljail: IPv6 addresses clash$' \
    in_ns "$LJAIL" -c name=integ-b path="$root" persist \
    ip6.addr=2001:db8::30,2001:db8::21
cat >"$T_TMP/clash.conf" <<EOC
integ-c {
	path = "$root";
	persist;
	ip4.addr = 192.0.2.23, 192.0.2.21;
}
EOC
t_run_expect "config jail: IPv4 clash" 1 \
    '^ljail: integ-c: IPv4 addresses clash$' \
    in_ns "$LJAIL" -f "$T_TMP/clash.conf" -c integ-c
t_eq "nothing left of the refused jails" 1 "$(records)"
t_run_expect "single shared address is no clash" 0 '' \
    in_ns "$LJAIL" -c name=integ-d path="$root" persist ip4.addr=192.0.2.24
t_run_expect "... with another single-address jail" 0 '' \
    in_ns "$LJAIL" -c name=integ-e path="$root" persist ip4.addr=192.0.2.24
t_run_expect "the addresses of a removed jail are free" 0 '' \
    in_ns "$LJAIL" -r integ-a
t_run_expect "... for a new jail" 0 '' \
    in_ns "$LJAIL" -c name=integ-b path="$root" persist \
    ip4.addr=192.0.2.22,192.0.2.21
in_ns "$LJAIL" -r integ-b integ-d integ-e >/dev/null 2>&1
t_eq "all removed" 0 "$(records)"

t_done
