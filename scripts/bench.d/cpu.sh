#!/bin/sh
# bench.d/cpu.sh - CPU time of one start, every task counted: perf stat's
# task-clock (it follows every descendant), where hyperfine's user and
# system time count only the processes that were waited for (bwrap exits
# without reaping its sandbox process, whose namespaces, mounts and
# pivot_root then count for nobody).  Rounds of 10 starts of each
# command, the order shuffled each round; the median over the rounds.
# Called by scripts/bench with BUILD, ROOT, RUNS and BASE set.  Needs
# perf with the task-clock software event.
set -eu
: "${BUILD:?}" "${ROOT:?}" "${RUNS:=200}"
if ! perf stat -e task-clock true >/dev/null 2>&1; then
	echo "cpu: skipped (perf stat -e task-clock does not work here)"
	exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
args="path=$ROOT host.hostname=j mount.devfs mount.procfs command=/bin/true"
{
	echo "ljail $BUILD/ljail -c $args"
	echo "bwrap bwrap --unshare-all --bind $ROOT / --proc /proc" \
	    "--dev /dev --hostname j /bin/true"
	[ -z "${BASE:-}" ] || echo "base $BASE/ljail -c $args"
} >"$out/cmds"
rounds=$(((RUNS + 9) / 10)) r=0
while [ $r -lt $rounds ]; do
	shuf "$out/cmds" | while read -r name cmd; do
		# shellcheck disable=SC2086
		perf stat -x, -r 10 -e task-clock $cmd 2>&1 >/dev/null |
		    awk -F, -v n="$name" '$3 == "task-clock" { print n, $1 }'
	done
	r=$((r + 1))
done >"$out/rows"
sort -k1,1 -k2,2g "$out/rows" | awk '
{ v[$1, ++k[$1]] = $2; if (k[$1] == 1) order[++n] = $1 }
END {
	for (i = 1; i <= n; i++) {
		x = order[i]; m = k[x]
		med[x] = (v[x, int((m + 1) / 2)] + v[x, int(m / 2) + 1]) / 2
	}
	printf "%-12s %14s %10s\n", "cpu", "task-clock (ms)", "/ bwrap"
	for (i = 1; i <= n; i++)
		printf "%-12s %14.3f %10.2f\n", order[i], med[order[i]],
		    med[order[i]] / med["bwrap"]
}'
