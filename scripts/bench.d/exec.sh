#!/bin/sh
# bench.d/exec.sh - running /bin/true in a running jail: ljexec against
# nsenter --all into the same jail's init (nsenter only joins the
# namespaces: no capabilities, no seccomp, no fd or signal hygiene), in
# one hyperfine run; then throughput, jails created, run and gone per
# second with 2 parallel workers, ljail against bwrap.
# Called by scripts/bench with BUILD, ROOT, RUNS and BASE set.  Needs root.
set -eu
: "${BUILD:?}" "${ROOT:?}" "${RUNS:=200}"
if [ "$(id -u)" -ne 0 ]; then
	echo "exec: skipped (nsenter --all into a jail needs root)"
	exit 0
fi
out=$(mktemp -d)
rundir=$(mktemp -d)
export LJAIL_RUNDIR="$rundir"
trap '"$BUILD/ljail" -r benchx >/dev/null 2>&1; rm -rf "$out" "$rundir"' \
    EXIT
"$BUILD/ljail" -c name=benchx path="$ROOT" host.hostname=j mount.devfs \
    mount.procfs persist >/dev/null
# The record's "init PID START" line.
pid=$(awk '$1 == "init" { print $2 }' "$rundir"/jails/*)
set -- -n ljexec "$BUILD/ljexec benchx /bin/true" \
    -n nsenter "nsenter --all -t $pid /bin/true"
if [ -n "${BASE:-}" ]; then
	set -- "$@" -n base "$BASE/ljexec benchx /bin/true"
fi
hyperfine -N --warmup 10 --runs "$RUNS" --style basic \
    --export-csv "$out/exec.csv" "$@" \
    >"$out/hyperfine.txt" 2>&1 || { cat "$out/hyperfine.txt"; exit 1; }
awk -F, 'NR > 1 { med[$1] = $4 * 1000; cpu[$1] = ($5 + $6) * 1000
	order[++n] = $1 }
END {
	printf "%-10s %12s %14s %10s %12s\n", "exec", "median (ms)",
	    "ljexec / peer", "cpu (ms)", "ljexec / peer"
	for (i = 1; i <= n; i++) {
		c = order[i]
		if (c == "ljexec")
			printf "%-10s %12.3f %14s %10.3f %12s\n", c, med[c],
			    "-", cpu[c], "-"
		else
			printf "%-10s %12.3f %14.2f %10.3f %12.2f\n", c,
			    med[c], med["ljexec"] / med[c], cpu[c],
			    cpu["ljexec"] / cpu[c]
	}
}' "$out/exec.csv"

# Throughput: 2 workers, each starting jails one after the other for
# THROUGHPUT_N (default 200) jails; ljail and bwrap alternate rounds.
n=${THROUGHPUT_N:-200}
worker() {
	i=0
	while [ $i -lt "$n" ]; do
		"$@" || exit 1
		i=$((i + 1))
	done
}
rate() {
	t0=$(date +%s.%N)
	worker "$@" & w1=$!
	worker "$@" & w2=$!
	wait $w1 && wait $w2 || { echo "exec: a worker failed" >&2; exit 1; }
	t1=$(date +%s.%N)
	echo "$t0 $t1 $n" | awk '{ printf "%.1f\n", 2 * $3 / ($2 - $1) }'
}
lj="$BUILD/ljail -c path=$ROOT host.hostname=j mount.devfs mount.procfs"
lj="$lj command=/bin/true"
bw="bwrap --unshare-all --bind $ROOT / --proc /proc --dev /dev --hostname j"
bw="$bw /bin/true"
l1=$(rate $lj); b1=$(rate $bw); l2=$(rate $lj); b2=$(rate $bw)
echo "$l1 $l2 $b1 $b2" | awk '{ l = ($1 > $2 ? $1 : $2); b = ($3 > $4 ? $3 : $4)
	printf "%-10s %12s %14s\n", "2 workers", "jails/s", "ljail / bwrap"
	printf "%-10s %12.1f %14.2f\n", "ljail", l, l / b
	printf "%-10s %12.1f %14s\n", "bwrap", b, "-" }'
