#!/bin/sh
# bench.d/mounts.sh - start-up with many host mounts: ljail against bwrap
# with 0, 300 and 1000 extra mounts in the mount namespace they start
# from (a CLONE_NEWNS copies the whole table; ljail's idmapped root is a
# detached tree of the jail path only).  The mounts are small tmpfs made
# inside a private mount namespace of this script (unshare -m), so the
# host's table never changes.  Rounds of 10 runs of each, interleaved;
# medians over the rounds.  Called by scripts/bench with BUILD, ROOT and
# RUNS set.  Needs root.
set -eu
: "${BUILD:?}" "${ROOT:?}" "${RUNS:=200}"
if [ "$(id -u)" -ne 0 ]; then
	echo "mounts: skipped (needs root for a private mount namespace)"
	exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rounds=$((((RUNS + 9) / 10 + 1) / 2))
export BUILD ROOT rounds out
# shellcheck disable=SC2016
unshare -m --propagation private sh -c '
set -eu
have=0
ljail="$BUILD/ljail -c path=$ROOT host.hostname=j mount.devfs mount.procfs"
ljail="$ljail command=/bin/true"
bwrap="bwrap --unshare-all --bind $ROOT / --proc /proc --dev /dev"
bwrap="$bwrap --hostname j /bin/true"
mkdir "$out/m"
for n in 0 300 1000; do
	while [ $have -lt $n ]; do
		mkdir "$out/m/$have"
		mount -t tmpfs -o size=4k tmpfs "$out/m/$have"
		have=$((have + 1))
	done
	r=0
	while [ $r -lt $rounds ]; do
		hyperfine -N --runs 10 --style none --export-csv "$out/r.csv" \
		    -n ljail "$ljail" -n bwrap "$bwrap" >/dev/null 2>&1
		sed 1d "$out/r.csv" | sed "s/^/$n,/" >>"$out/all.csv"
		hyperfine -N --runs 10 --style none --export-csv "$out/r.csv" \
		    -n bwrap "$bwrap" -n ljail "$ljail" >/dev/null 2>&1
		sed 1d "$out/r.csv" | sed "s/^/$n,/" >>"$out/all.csv"
		r=$((r + 1))
	done
done
'
# all.csv: mounts,command,mean,stddev,median,...
sort -t, -k1,1n -k2,2 -k5,5g "$out/all.csv" | awk -F, '
{ key = $1 "," $2; v[key, ++k[key]] = $5 * 1000
	if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
END {
	printf "%-14s %12s %12s %14s\n", "host mounts", "ljail (ms)",
	    "bwrap (ms)", "ljail / bwrap"
	for (i = 1; i <= n; i++) {
		for (c = 0; c < 2; c++) {
			key = order[i] "," (c == 0 ? "ljail" : "bwrap"); m = k[key]
			med[c] = (v[key, int((m + 1) / 2)] + v[key, int(m / 2) + 1]) / 2
		}
		printf "%-14s %12.3f %12.3f %14.2f\n", "+" order[i], med[0],
		    med[1], med[0] / med[1]
	}
}'
