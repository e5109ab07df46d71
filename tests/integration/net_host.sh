#!/bin/sh
# net_host.sh - a jail's address reached from where its users stand, as
# on FreeBSD where it is an alias of the host: a private namespace plays
# the host, whose interface (the jails' parent) carries the host's own
# address (make_test_lan), and a second one plays a LAN peer.  A busybox
# httpd in the jail is fetched with wget from both, IPv4 and IPv6; the
# jail reaches the host's services; the host side ljail adds goes with
# the last jail and is repaired after a killed ljail.  TEST-NET only.
. "$(dirname "$0")/../lib.sh"
require_netns
root=$(test_root) || t_skip_all "cannot build the busybox test root"
ns=netH$$
lan=$ns-l
p=$ns-e
export LJAIL_RUNDIR="$T_TMP/run"
mkdir -p "$LJAIL_RUNDIR"
make_test_lan "$ns" || t_skip_all "cannot make the test namespaces"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do ip netns exec '"$ns"' $LJAIL -R $j; done'
in_ns() { ip netns exec "$ns" "$@"; }
in_lan() { ip netns exec "$lan" "$@"; }
links() { ip -n "$ns" -o link | awk -F': ' '{print $2}' | sed 's/@.*//' |
    sort | tr '\n' ' '; }
in_ns "$LJAIL" -c path="$root" command=/bin/true >/dev/null 2>&1 ||
    t_skip_all "ljail cannot create jails here"
before=$(links)

# A persistent jail serving WORD over http (busybox httpd) on port 80 of
# its addresses, from a private tmpfs on its /tmp.
web() {	# NAME WORD PARAMS...
	_n=$1 _w=$2; shift 2
	in_ns "$LJAIL" -c name="$_n" path="$root" persist \
	    mount="tmpfs $root/tmp tmpfs rw,size=1m" \
	    "exec.start=/bin/sh -c 'mkdir /tmp/www && echo $_w \
	    >/tmp/www/index.html && /usr/sbin/httpd -p 80 -h /tmp/www'" \
	    "$@" >"$T_TMP/out" 2>"$T_TMP/err"
}
# fetch WHERE URL: the page's first line, or nothing, in 3 s at most
# (busybox wget's own -T crashes here).
fetch() {
	ip netns exec "$1" timeout 3 busybox wget -q -O - "$2" 2>/dev/null |
	    head -n 1
}
# jfetch JAIL URL: the same from inside a jail.
jfetch() {
	in_ns "$LJEXEC" "$1" /bin/busybox timeout 3 /bin/busybox wget -q -O - "$2" \
	    2>/dev/null | head -n 1
}

t_check "jail www" web www from-www "ip4.addr=$p|192.0.2.10/24" \
    "ip6.addr=$p|2001:db8::10/64"
t_eq "the host fetches the jail's page (IPv4)" from-www \
    "$(fetch "$ns" http://192.0.2.10/)"
t_eq "the host fetches the jail's page (IPv6)" from-www \
    "$(fetch "$ns" 'http://[2001:db8::10]/')"
t_eq "the LAN fetches the jail's page (IPv4)" from-www \
    "$(fetch "$lan" http://192.0.2.10/)"
t_eq "the LAN fetches the jail's page (IPv6)" from-www \
    "$(fetch "$lan" 'http://[2001:db8::10]/')"

# The jail reaches the host's own services on the parent's address.
mkdir -p "$T_TMP/hostwww"
echo from-host >"$T_TMP/hostwww/index.html"
in_ns sh -c 'echo $$ >"$1/httpd.pid"; exec busybox httpd -f -p 8080 -h "$1/hostwww"' \
    sh "$T_TMP" &
sleep 0.2
t_cleanup "kill $(cat "$T_TMP/httpd.pid")"
sleep 0.2
t_eq "the jail fetches the host's page (IPv4)" from-host \
    "$(jfetch www http://192.0.2.1:8080/)"
t_eq "the jail fetches the host's page (IPv6)" from-host \
    "$(jfetch www 'http://[2001:db8::1]:8080/')"

# ping without raw sockets: every group of the jail may open ICMP datagram
# sockets (a new namespace's ping_group_range "1 0" allows nobody).
t_eq "ICMP datagram sockets for the jail's groups" "0 65535" \
    "$(in_ns "$LJEXEC" www /bin/cat /proc/sys/net/ipv4/ping_group_range |
    tr '\t' ' ')"

# A restart keeps the jail's MAC: the LAN peer, whose ARP cache holds it,
# reaches the new jail within one second.
jmac() { in_ns "$LJEXEC" "$1" /sbin/ip -o link show "$p" |
    sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'; }
mac1=$(jmac www)
t_run_expect "remove www for a restart" 0 '' in_ns "$LJAIL" -r www
t_check "start www again" web www from-www "ip4.addr=$p|192.0.2.10/24" \
    "ip6.addr=$p|2001:db8::10/64"
t_eq "the same MAC after a restart" "$mac1" "$(jmac www)"
t_eq "the LAN fetches the restarted jail's page within 1 s" from-www \
    "$(in_lan timeout 1 busybox wget -q -O - http://192.0.2.10/ 2>/dev/null)"
t_eq "the host fetches it too" from-www "$(fetch "$ns" http://192.0.2.10/)"

# Quick restarts: the old macvlan, with the same MAC, may still be
# going away in the kernel (a dead namespace is torn down later).
ok=0
for i in 1 2 3 4 5; do
	in_ns "$LJAIL" -r www >/dev/null 2>&1
	web www from-www "ip4.addr=$p|192.0.2.10/24" \
	    "ip6.addr=$p|2001:db8::10/64" && ok=$((ok + 1))
done
t_eq "five immediate restarts" 5 "$ok"
[ $ok = 5 ] || sed 's/^/# /' "$T_TMP/err"

# The address moves to another jail (another MAC): its gratuitous ARP
# updates the LAN peer's cache at once.
t_run_expect "remove www to move its address" 0 '' in_ns "$LJAIL" -r www
t_check "jail moved takes the addresses" web moved from-moved \
    "ip4.addr=$p|192.0.2.10/24" "ip6.addr=$p|2001:db8::10/64"
lanmac() { ip -n "$lan" neigh show "$1" |
    sed -n 's/.*lladdr \([0-9a-f:]*\).*/\1/p'; }
t_eq "the LAN peer learnt the new MAC (gratuitous ARP)" "$(jmac moved)" \
    "$(lanmac 192.0.2.10)"
t_eq "... and for IPv6 (unsolicited neighbour advertisement)" \
    "$(jmac moved)" "$(lanmac 2001:db8::10)"
t_eq "the LAN fetches the moved address's page within 1 s" from-moved \
    "$(in_lan timeout 1 busybox wget -q -O - http://192.0.2.10/ 2>/dev/null)"
t_run_expect "remove moved" 0 '' in_ns "$LJAIL" -r moved
t_check "www back" web www from-www "ip4.addr=$p|192.0.2.10/24" \
    "ip6.addr=$p|2001:db8::10/64"

# -m moves an address onto a running jail: announced too.
t_check "jail other with 192.0.2.16" web other from-other \
    "ip4.addr=$p|192.0.2.16/24"
t_eq "the LAN fetches other's page" from-other \
    "$(fetch "$lan" http://192.0.2.16/)"
t_run_expect "remove other" 0 '' in_ns "$LJAIL" -r other
t_run_expect "-m gives www 192.0.2.16" 0 '' in_ns "$LJAIL" -m name=www \
    "ip4.addr=$p|192.0.2.10/24,$p|192.0.2.16/24" \
    "ip6.addr=$p|2001:db8::10/64"
t_eq "the LAN peer learnt www's MAC for it" "$(jmac www)" \
    "$(lanmac 192.0.2.16)"
t_eq "the LAN fetches www's page on it within 1 s" from-www \
    "$(in_lan timeout 1 busybox wget -q -O - http://192.0.2.16/ 2>/dev/null)"
t_eq "the host fetches it too" from-www "$(fetch "$ns" http://192.0.2.16/)"

# A second jail on the same parent: both reached, one host-side link.
t_check "jail www2" web www2 from-www2 "ip4.addr=$p|192.0.2.11/24"
t_eq "the host fetches the second jail's page" from-www2 \
    "$(fetch "$ns" http://192.0.2.11/)"
t_eq "the first jail fetches the second's page" from-www2 \
    "$(jfetch www http://192.0.2.11/)"
hl=$(ip -n "$ns" -o link show type macvlan | awk -F': ' '{print $2}' |
    sed 's/@.*//')
t_eq "one host-side macvlan, named ljhN" 1 "$(echo "$hl" | grep -c '^ljh')"
t_eq "it has no address" "" "$(ip -n "$ns" -o addr show dev "$hl")"
cat >"$T_TMP/check2.conf" <<EOC
www2 { path = "$root"; ip4.addr = "$p|192.0.2.11/24"; }
EOC
in_ns "$LJAIL" --check -f "$T_TMP/check2.conf" >"$T_TMP/out" 2>&1
t_check "--check shows the host side routing a live jail" grep -q \
    "www2: ip4.addr: 192.0.2.11: .*now: it routes this address" \
    "$T_TMP/out"

# Removal of one jail drops its route; of the last, the link.
t_run_expect "remove www2" 0 '' in_ns "$LJAIL" -r www2
t_eq "no host route to the removed jail" "" \
    "$(ip -n "$ns" route show 192.0.2.11/32)"
t_eq "the other jail still reached" from-www \
    "$(fetch "$ns" http://192.0.2.10/)"
t_run_expect "remove www" 0 '' in_ns "$LJAIL" -r www
t_eq "nothing left on the host" "$before" "$(links)"
t_eq "no route left on the host" "" \
    "$(ip -n "$ns" route show | grep -E '192\.0\.2\.1[01] ')"

# --check names the model each address gets, and the unreachable setups:
# FreeBSD's (a) the host holds the address and the jail names only the
# address, (b) an address on a cloned loopback.
ip -n "$ns" addr add 192.0.2.30/32 dev "$p"
cat >"$T_TMP/check.conf" <<EOC
path = "$root";
web { ip4.addr = "$p|192.0.2.10/24"; }
alias { ip4.addr = 192.0.2.30; }
nat { interface = lo1; ip4.addr = 198.51.100.7; }
EOC
t_run_expect "--check" 0 '' in_ns "$LJAIL" --check -f "$T_TMP/check.conf"
t_check "--check: macvlan, reached by the host through ljhN" grep -q \
    "web: ip4.addr: 192.0.2.10: on a macvlan over $p in the jail, reachable from the LAN; the host reaches it through ljh" \
    "$T_TMP/out"
t_check "--check: the host side now: none yet" grep -q \
    "web: ip4.addr: 192.0.2.10: .*now: no such link yet" "$T_TMP/out"
t_check "--check: (a) the host's address, unreachable" grep -q \
    "alias: ip4.addr: 192.0.2.30: the host holds it on $p; .* which nobody outside the jail reaches" \
    "$T_TMP/out"
t_check "--check: (b) a cloned loopback, reached through ljlJID" grep -q \
    "nat: ip4.addr: 198.51.100.7: on the jail's own lo (a loopback parent); as root the host reaches it through ljlJID" \
    "$T_TMP/out"
ip -n "$ns" addr del 192.0.2.30/32 dev "$p"

# FreeBSD's cloned loopback behind the host's NAT or proxy: the host
# reaches the jail's lo1 address through a veth pair, the jail the host.
t_check "jail nat on lo1" web nat from-nat interface=lo1 \
    ip4.addr=198.51.100.7 ip6.addr=2001:db8:1::7
t_eq "the host fetches the lo1 jail's page (IPv4)" from-nat \
    "$(fetch "$ns" http://198.51.100.7/)"
t_eq "the host fetches the lo1 jail's page (IPv6)" from-nat \
    "$(fetch "$ns" 'http://[2001:db8:1::7]/')"
t_eq "the lo1 jail fetches the host's page" from-host \
    "$(jfetch nat http://192.0.2.1:8080/)"
t_run_expect "remove nat" 0 '' in_ns "$LJAIL" -r nat
_i=0
while ip -n "$ns" -o link | grep -q ljl && [ $_i -lt 30 ]; do
	sleep 0.1; _i=$((_i + 1)); done
t_eq "its veth pair went with it" "$before" "$(links)"

# A stray ljhN over another link (the parent's index reused) is replaced.
pidx=$(ip -n "$ns" -o link show "$p" | cut -d: -f1)
ip -n "$ns" link add "$ns-s" type veth peer name "$ns-t"
ip -n "$ns" link add "ljh$pidx" link "$ns-s" type macvlan mode bridge
t_check "jail over a stray ljhN" web www3 from-www3 "ip4.addr=$p|192.0.2.17/24"
t_eq "the host fetches its page" from-www3 "$(fetch "$ns" http://192.0.2.17/)"
t_eq "ljhN is over the parent now" "ljh$pidx@$p" \
    "$(ip -n "$ns" -o link show "ljh$pidx" | awk -F': ' '{print $2}')"
t_run_expect "remove www3" 0 '' in_ns "$LJAIL" -r www3
ip -n "$ns" link del "$ns-s"
t_eq "nothing left after the stray" "$before" "$(links)"

# The host's own address on the parent is refused (FreeBSD's alias gets
# EEXIST), before anything exists.
t_run_expect "the host's IPv4 address is refused" 1 \
    "^ljail: ip4.addr: 192.0.2.1 is the host's own address on $p: File exists\$" \
    in_ns "$LJAIL" -c name=clash path="$root" "ip4.addr=$p|192.0.2.1/24" \
    command=/bin/true
t_run_expect "the host's IPv6 address is refused" 1 \
    "^ljail: ip6.addr: 2001:db8::1 is the host's own address on $p: File exists\$" \
    in_ns "$LJAIL" -c name=clash path="$root" "ip6.addr=$p|2001:db8::1/64" \
    command=/bin/true
t_eq "nothing left by the refusals" "$before" "$(links)"
t_eq "no record left by the refusals" "" "$(ls "$LJAIL_RUNDIR/jails")"

# What a jail killed behind ljail's back leaves (its init SIGKILLed by an
# admin or the OOM killer) goes at the next ljail run that uses a parent.
initpid() {
	for _f in "$LJAIL_RUNDIR"/jails/*; do
		grep -qx "name :$1" "$_f" && awk '$1 == "init" {print $2}' "$_f"
	done
}
t_check "jail to kill" web www from-www "ip4.addr=$p|192.0.2.10/24"
ipid=$(initpid www)
t_check "its init found" test -n "$ipid"
[ -n "$ipid" ] && kill -9 "$ipid"
sleep 0.3
t_eq "its host route outlives it" 1 \
    "$(ip -n "$ns" route show 192.0.2.10/32 | grep -c ljh)"
t_run_expect "the next jail on the parent" 0 '' \
    in_ns "$LJAIL" -c name=next path="$root" "ip4.addr=$p|192.0.2.12/24" \
    command=/bin/true
t_eq "the killed jail's route is gone" "" \
    "$(ip -n "$ns" route show 192.0.2.10/32)"
t_eq "nothing left on the host after it" "$before" "$(links)"

# vnet.interface goes back to the namespace it came from, even when -r
# runs in another one (it used to land in the caller's).
ip -n "$ns" link add "$ns-v" type veth peer name "$ns-w"
t_run_expect "vnet jail with a host interface" 0 '' \
    in_ns "$LJAIL" -c name=vj path="$root" persist vnet \
    "vnet.interface=$ns-v"
t_eq "the interface is in the jail" "" \
    "$(ip -n "$ns" -o link show "$ns-v" 2>/dev/null)"
ip netns add "$ns-o"
t_cleanup "ip netns delete $ns-o"
t_run_expect "-r from another namespace" 0 '' \
    ip netns exec "$ns-o" "$LJAIL" -r vj
t_eq "the interface is back where it came from" 1 \
    "$(ip -n "$ns" -o link show "$ns-v" 2>/dev/null | wc -l)"
t_eq "not in the namespace -r ran in" 0 \
    "$(ip -n "$ns-o" -o link show "$ns-v" 2>/dev/null | wc -l)"
ip -n "$ns" link del "$ns-v" 2>/dev/null

# A vnet.interface jail whose init is killed behind ljail's back (kill -9,
# the OOM killer): its namespace is held, so the moved veth end is not
# destroyed with its peer; the next ljail run gives it back.  Run with
# nsenter: ip netns exec gives ljail a mount namespace of its own, in
# which the hold (a bind mount, as ip netns add makes) would not outlive
# it.
ip -n "$ns" link add "$ns-v" type veth peer name "$ns-w"
ip -n "$ns" addr add 203.0.113.1/24 dev "$ns-w"
in_nsenter() { nsenter --net="/run/netns/$ns" "$@"; }
t_run_expect "vnet jail to kill" 0 '' in_nsenter "$LJAIL" -c name=vk \
    path="$root" persist vnet "vnet.interface=$ns-v"
t_cleanup "umount -l $LJAIL_RUNDIR/netns/* 2>/dev/null"
vkpid=$(initpid vk)
t_check "its init found" test -n "$vkpid"
[ -n "$vkpid" ] && kill -9 "$vkpid"
_i=0
while [ -n "$vkpid" ] && kill -0 "$vkpid" 2>/dev/null && [ $_i -lt 50 ]; do
	sleep 0.1; _i=$((_i + 1)); done
sleep 0.3
t_eq "the host's veth end survives the jail" "203.0.113.1/24" \
    "$(ip -n "$ns" -o addr show dev "$ns-w" 2>/dev/null | awk '{print $4}')"
t_run_expect "the next ljail run" 0 '' in_nsenter "$LJAIL" -c path="$root" \
    command=/bin/true
t_eq "the jail's end is back home" 1 \
    "$(ip -n "$ns" -o link show "$ns-v" 2>/dev/null | wc -l)"
t_eq "no hold left" "" "$(ls "$LJAIL_RUNDIR/netns" 2>/dev/null)"
t_run_expect "vnet jail removed normally" 0 '' sh -c "nsenter \
    --net=/run/netns/$ns $LJAIL -c name=vk2 path=$root persist vnet \
    vnet.interface=$ns-v && nsenter --net=/run/netns/$ns $LJAIL -r vk2"
t_eq "no hold left after -r" "" "$(ls "$LJAIL_RUNDIR/netns" 2>/dev/null)"
t_eq "the interface is home after -r" 1 \
    "$(ip -n "$ns" -o link show "$ns-v" 2>/dev/null | wc -l)"
ip -n "$ns" link del "$ns-v" 2>/dev/null

# A SIGKILLed ljail, at each step of a creation: the next run cleans up.
n=0
for step in exec.prestart exec.created exec.start exec.poststart; do
	n=$((n + 1))
	mark=$T_TMP/kill-$n
	if [ $step = exec.start ]; then
		hook="/bin/sh -c 'sleep 30'"
	else
		hook="sh -c 'echo \$\$ >$mark; exec sleep 30'"
	fi
	# ip netns exec execs ljail: $! is ljail's pid.
	ip netns exec "$ns" "$LJAIL" -c name=victim persist path="$root" \
	    "ip4.addr=$p|192.0.2.14/24" "$step=$hook" >/dev/null 2>&1 &
	lj=$!
	t_cleanup "kill -9 $lj"
	_i=0
	if [ $step = exec.start ]; then
		until ip -n "$ns" route show 192.0.2.14/32 | grep -q ljh ||
		    [ $_i -gt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
		sleep 0.3
	else
		until [ -s "$mark" ] || [ $_i -gt 100 ]; do
			sleep 0.1; _i=$((_i + 1)); done
	fi
	vpid=$(initpid victim)
	kill -9 $lj
	wait $lj 2>/dev/null
	[ -s "$mark" ] && kill "$(cat "$mark")" 2>/dev/null
	# The jail dies with its ljail (its init's death signal); a run
	# while it is still dying would rightly see it live.
	_i=0
	while [ -n "$vpid" ] && kill -0 "$vpid" 2>/dev/null &&
	    [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
	in_ns "$LJAIL" -c name=fix path="$root" "ip4.addr=$p|192.0.2.15/24" \
	    command=/bin/true >/dev/null 2>&1
	t_eq "ljail killed at $step: nothing left after the next run" \
	    "$before" "$(links)"
	t_eq "... no route left" "" \
	    "$(ip -n "$ns" route show | grep ljh)"
done

t_done
