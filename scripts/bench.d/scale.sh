#!/bin/sh
# bench.d/scale.sh - registry scale: creates N = 10, 100 and 1000
# persistent jails one after the other, lists them with ljls, removes
# them, and prints the time per jail of each phase for each N (a column
# that grows with N shows cost worse than linear); then the private
# memory of one idle persistent jail's init (/proc/PID/smaps_rollup).
# Called by scripts/bench with BUILD and ROOT set.  Needs root (or user
# namespaces); uses a private registry.  SCALE_NS overrides the N list.
set -eu
: "${BUILD:?}" "${ROOT:?}"
# The registry belongs on tmpfs, as /run and XDG_RUNTIME_DIR are on a
# normal system; /dev/shm is tmpfs even where /run and /tmp are not.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	rundir=$(mktemp -d /dev/shm/ljail-scale.XXXXXX)
else
	rundir=$(mktemp -d /tmp/ljail-scale.XXXXXX)
fi
export LJAIL_RUNDIR="$rundir"
cleanup() {
	for j in $(ls "$rundir/jails" 2>/dev/null); do
		"$BUILD/ljail" -R "$j" >/dev/null 2>&1 || true
	done
	rm -rf "$rundir"
}
trap cleanup EXIT
if ! "$BUILD/ljail" -c name=scale-probe persist path="$ROOT" >/dev/null 2>&1
then
	echo "scale: skipped (ljail cannot create jails here)"
	exit 0
fi
"$BUILD/ljail" -r scale-probe >/dev/null 2>&1

now() { date +%s%N; }
# us PER: prints microseconds per item of a nanosecond interval.
per() { awk -v ns="$1" -v n="$2" 'BEGIN { printf "%10.1f", ns / n / 1000 }'; }

printf '%-6s %12s %12s %12s %12s\n' "scale" "create (us)" "ljls (us)" \
    "ljls -n (us)" "remove (us)"
for n in ${SCALE_NS:-10 100 1000}; do
	t0=$(now)
	i=0
	while [ $i -lt "$n" ]; do
		"$BUILD/ljail" -c name=s$i persist path="$ROOT" >/dev/null
		i=$((i + 1))
	done
	t1=$(now)
	got=$("$BUILD/ljls" | tail -n +2 | wc -l)
	t2=$(now)
	"$BUILD/ljls" -n >/dev/null
	t3=$(now)
	if [ "$got" -ne "$n" ]; then
		echo "scale: ljls shows $got jails, not $n" >&2
		exit 1
	fi
	if [ "$n" = "${SCALE_MEM_N:-10}" ]; then
		init=$(awk '/^init / {print $2}' "$rundir/jails/$("$BUILD/ljls" -j s0 jid)")
		mem=$(awk '/^Private_(Clean|Dirty|Hugetlb):/ { kb += $2 }
		    END { print kb }' "/proc/$init/smaps_rollup")
		rss=$(awk '/^Rss:/ { print $2 }' "/proc/$init/smaps_rollup")
	fi
	i=0
	while [ $i -lt "$n" ]; do
		"$BUILD/ljail" -r s$i >/dev/null
		i=$((i + 1))
	done
	t4=$(now)
	printf '%-6s %12s %12s %12s %12s\n' "$n" "$(per $((t1 - t0)) "$n")" \
	    "$(per $((t2 - t1)) "$n")" "$(per $((t3 - t2)) "$n")" \
	    "$(per $((t4 - t3)) "$n")"
done
echo "idle persistent init: ${mem:-?} kB private, ${rss:-?} kB resident"
echo "(registry in $(df -P "$rundir" | awk 'NR == 2 { print $1 }'))"
