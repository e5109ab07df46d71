#!/bin/sh
# bench.d/net.sh - the extra start-up cost of one macvlan address: ljail
# running /bin/true with no network parameters against the same jail with
# ip4.addr on a parent interface, both inside a private test network
# namespace (a veth pair, TEST-NET addresses), timed with hyperfine.
# Called by scripts/bench with BUILD, ROOT and RUNS set.  Needs root.
set -eu
: "${BUILD:?}" "${ROOT:?}" "${RUNS:=200}"
ns=netB$$
if [ "$(id -u)" -ne 0 ]; then
	echo "net: skipped (needs root for a test network namespace)"
	exit 0
fi
out=$(mktemp -d)
rundir=$(mktemp -d)
trap 'ip netns delete "$ns" 2>/dev/null; rm -rf "$out" "$rundir"' EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add "${ns}p" type veth peer name "${ns}h"
ip -n "$ns" link set "${ns}p" up
ip -n "$ns" link set "${ns}h" up
ip -n "$ns" addr add 192.0.2.1/24 dev "${ns}h"
export LJAIL_RUNDIR="$rundir"

plain="ip netns exec $ns $BUILD/ljail -c path=$ROOT command=/bin/true"
mv="ip netns exec $ns $BUILD/ljail -c path=$ROOT ip4.addr=${ns}p|192.0.2.10/24 command=/bin/true"
if ! $plain >/dev/null 2>&1 || ! $mv >/dev/null 2>&1; then
	echo "net: skipped (ljail cannot create jails here yet)"
	exit 0
fi
hyperfine -N --warmup 5 --runs "$RUNS" --style basic \
    --export-csv "$out/net.csv" -n no-network "$plain" -n macvlan "$mv" \
    >"$out/hyperfine.txt" 2>&1 || { cat "$out/hyperfine.txt"; exit 1; }
# CSV columns: command,mean,stddev,median,user,system,min,max.  The
# minimum is shown too: on a loaded machine it is the steadier figure.
awk -F, 'NR > 1 { med[$1] = $4 * 1000; min[$1] = $7 * 1000 }
END {
	printf "%-10s %12s %10s %16s\n", "network", "median (ms)", "min (ms)",
	    "macvlan / none"
	printf "%-10s %12.3f %10.3f %16s\n", "none", med["no-network"],
	    min["no-network"], "-"
	printf "%-10s %12.3f %10.3f %9.2f (min %.2f)\n", "macvlan",
	    med["macvlan"], min["macvlan"], med["macvlan"] / med["no-network"],
	    min["macvlan"] / min["no-network"]
	printf "%-10s %12.3f %10.3f\n", "extra", med["macvlan"] - med["no-network"],
	    min["macvlan"] - min["no-network"]
}' "$out/net.csv"
