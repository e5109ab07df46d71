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
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}"/ljail-integ-rd.XXXXXX)
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

# --- -m replaces the addresses of a running jail
addrs() { in_ns "$LJEXEC" "$1" /sbin/ip -o addr show dev lo |
    awk '$4 !~ /^(127\.|::1)/ {print $4}' | tr '\n' ' '; }
t_run_expect "jail to modify" 0 '' \
    in_ns "$LJAIL" -c name=integ-m path="$root" persist \
    ip4.addr=192.0.2.31 ip6.addr=2001:db8::31
t_eq "its addresses" "192.0.2.31/32 2001:db8::31/128 " "$(addrs integ-m)"
t_run_expect "-m adds an address" 0 '' \
    in_ns "$LJAIL" -m name=integ-m ip4.addr=192.0.2.31,192.0.2.32
t_eq "both inside" "192.0.2.31/32 192.0.2.32/32 2001:db8::31/128 " \
    "$(addrs integ-m)"
t_run_expect "-m removes one" 0 '' \
    in_ns "$LJAIL" -m name=integ-m ip4.addr=192.0.2.32 ip6.addr=2001:db8::33
t_eq "the new list replaced the old" "192.0.2.32/32 2001:db8::33/128 " \
    "$(addrs integ-m)"
t_check "the record has the new list" sh -c \
    "in_ns() { ip netns exec $ns \"\$@\"; }; in_ns $LJLS -n -j integ-m |
    grep -q 'ip4.addr=192.0.2.32 '"
t_run_expect "-m with a bad address" 1 \
    '^ljail: ip4.addr: not an IPv4 address: 192.0.2.256$' \
    in_ns "$LJAIL" -m name=integ-m ip4.addr=192.0.2.256
t_eq "addresses unchanged" "192.0.2.32/32 2001:db8::33/128 " \
    "$(addrs integ-m)"
t_run_expect "another two-address jail" 0 '' \
    in_ns "$LJAIL" -c name=integ-n path="$root" persist \
    ip4.addr=192.0.2.35,192.0.2.36
t_run_expect "-m onto its address: clash" 1 \
    '^ljail: IPv4 addresses clash$' \
    in_ns "$LJAIL" -m name=integ-m ip4.addr=192.0.2.32,192.0.2.36
t_eq "addresses unchanged after the clash" \
    "192.0.2.32/32 2001:db8::33/128 " "$(addrs integ-m)"
in_ns "$LJAIL" -r integ-m integ-n >/dev/null 2>&1
t_eq "all removed" 0 "$(records)"

# --- vnet.interface goes back without a jail.conf
ip -n "$ns" link add "${ns}a" type veth peer name "${ns}b"
links() { ip -n "$ns" -o link | awk -F': ' '{print $2}' | sed 's/@.*//' | sort; }
before=$(links)
for how in "-r" "-R"; do
	t_run_expect "vnet jail for $how" 0 '' \
	    in_ns "$LJAIL" -c name=integ-v path="$root" vnet persist \
	    vnet.interface="${ns}a"
	t_check "the link is in the jail ($how)" \
	    sh -c "! ip -n $ns link show ${ns}a >/dev/null 2>&1"
	t_run_expect "ljail $how by name" 0 '' in_ns "$LJAIL" "$how" integ-v
	t_eq "the link is back on the host after $how" "$before" "$(links)"
done
t_run_expect "command-line vnet jail that ends by itself" 0 '' \
    in_ns "$LJAIL" -c path="$root" vnet vnet.interface="${ns}a" \
    command=/sbin/ip -o link show "${ns}a"
t_check "... had the link" grep -q "${ns}a" "$T_TMP/out"
t_eq "the link is back after the jail ended" "$before" "$(links)"
t_eq "no record left" 0 "$(records)"

# --- ip_hostname: resolved once on the host (the jail root has no
# /etc/hosts), the addresses are the jail's and its record's
if getent ahostsv4 localhost | grep -q '^127\.0\.0\.1 '; then
	t_run_expect "ip_hostname: resolved on the host" 0 '' \
	    in_ns "$LJAIL" -c name=integ-h path="$root" persist \
	    host.hostname=localhost ip_hostname
	t_check "ip_hostname: ljls shows the address" sh -c \
	    "'$LJLS' -j integ-h ip4.addr | grep -q '127\.0\.0\.1'"
	t_check "ip_hostname: the jail has it" sh -c \
	    "'$LJEXEC' integ-h /sbin/ip -4 -o addr | grep -q '127\.0\.0\.1/32'"
	in_ns "$LJAIL" -r integ-h >/dev/null 2>&1
	# In the test netns, which has no route out: the lookup of a
	# .invalid name cannot leave the machine.
	t_run_expect "ip_hostname: a name that does not resolve" 1 \
	    '^ljail: host\.hostname nosuch\.invalid: ' \
	    in_ns "$LJAIL" -c name=integ-h path="$root" persist \
	    host.hostname=nosuch.invalid ip_hostname
	t_eq "ip_hostname: ... leaves no record" 0 "$(records)"
else
	t_skip "ip_hostname" "localhost does not resolve to 127.0.0.1 here"
fi

t_done
