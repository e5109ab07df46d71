#!/bin/sh
# bench.d/rootless.sh - rootless ljail: start-up of /bin/true against
# bwrap --unshare-all run as the same user, and jail-to-jail TCP
# throughput in a lab (ljail.lab) against a veth pair between two root
# network namespaces, with the same tools (busybox httpd and wget, a
# 512 MiB file, best of 3).  Called by scripts/bench with BUILD, ROOT and
# RUNS set.  As root it runs the rootless part as BENCH_USER (default
# ljailtest, made by scripts/run-tests); the veth part needs root.
set -eu
: "${BUILD:?}" "${ROOT:?}" "${RUNS:=200}"
if [ "$(id -u)" -eq 0 ]; then
	user=${BENCH_USER:-ljailtest}
	if ! id "$user" >/dev/null 2>&1; then
		echo "rootless: skipped (no user $user; set BENCH_USER)"
		exit 0
	fi
	as_user() { (cd / && runuser -u "$user" -- "$@"); }
else
	user=$(id -un)
	as_user() { "$@"; }
fi
dir=$(mktemp -d /tmp/ljail-bench-rl.XXXXXX)
ns=rlB$$
lab=bench$$
cleanup() {
	as_user env LJAIL_RUNDIR="$dir/reg" "$dir/bin/ljail" -R la lb \
	    >/dev/null 2>&1 || true
	if [ -f "$dir/reg/labs/$lab" ]; then
		kill "$(cut -d' ' -f1 "$dir/reg/labs/$lab")" 2>/dev/null || true
	fi
	ip netns delete "${ns}a" 2>/dev/null || true
	ip netns delete "${ns}b" 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT
mkdir -p "$dir/bin"
cp "$BUILD/ljail" "$BUILD/ljexec" "$dir/bin/"
cp -a "$ROOT" "$dir/root"
mkdir -p "$dir/root/tmp/www"
dd if=/dev/zero of="$dir/root/tmp/www/big" bs=1M count=512 2>/dev/null
if [ "$(id -u)" -eq 0 ]; then
	chown -R "$user" "$dir"
	chmod 755 "$dir"
fi
ljail="env LJAIL_RUNDIR=$dir/reg $dir/bin/ljail"
ljexec="env LJAIL_RUNDIR=$dir/reg $dir/bin/ljexec"
out=$dir/out
as_user mkdir -p "$out"

# --- start-up, as the same unprivileged user
if ! as_user $ljail -c path="$dir/root" command=/bin/true >/dev/null 2>&1 ||
    ! as_user bwrap --unshare-all --bind "$dir/root" / --proc /proc \
    --dev /dev /bin/true >/dev/null 2>&1; then
	echo "rootless: skipped (no user namespaces for $user)"
	exit 0
fi
as_user hyperfine -N --warmup 10 --runs "$RUNS" --style basic \
    --export-csv "$out/rl.csv" \
    -n ljail "$ljail -c path=$dir/root command=/bin/true" \
    -n bwrap "bwrap --unshare-all --bind $dir/root / --proc /proc --dev /dev /bin/true" \
    >"$out/hyperfine.txt" 2>&1 || { cat "$out/hyperfine.txt"; exit 1; }
awk -F, -v u="$user" 'NR > 1 { med[$1] = $4 * 1000 }
END {
	printf "%-18s %12s %14s\n", "rootless (" u ")", "median (ms)",
	    "ljail / bwrap"
	printf "%-18s %12.3f %14s\n", "ljail", med["ljail"], "-"
	printf "%-18s %12.3f %14.2f\n", "bwrap --unshare-all", med["bwrap"],
	    med["ljail"] / med["bwrap"]
}' "$out/rl.csv"

# best_of_3 COMMAND...: the fastest of three runs, in MB/s for 512 MiB.
best_of_3() {
	best=0
	for _ in 1 2 3; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || return 1
		e=$(date +%s.%N)
		best=$(echo "$s $e $best" | awk '{ r = int(512 / ($2 - $1));
		    print (r > $3 ? r : $3) }')
	done
	echo "$best"
}

# --- throughput: two jails of a lab
as_user $ljail -c name=la path="$dir/root" mount.devfs ljail.lab="$lab" \
    ip4.addr='lab0|192.0.2.11/24' persist >/dev/null
as_user $ljail -c name=lb path="$dir/root" mount.devfs ljail.lab="$lab" \
    ip4.addr='lab0|192.0.2.12/24' persist >/dev/null
as_user $ljexec lb httpd -p 192.0.2.12:8080 -h /tmp/www
sleep 0.2
labrate=$(best_of_3 as_user $ljexec la wget -q -O /dev/null \
    http://192.0.2.12:8080/big) || labrate=
as_user $ljail -r la lb >/dev/null 2>&1 || true

# --- the same between two root network namespaces joined by a veth
vethrate=
if [ "$(id -u)" -eq 0 ]; then
	bb=$dir/root/bin/busybox
	ip netns add "${ns}a"
	ip netns add "${ns}b"
	ip -n "${ns}a" link add "${ns}x" type veth peer name "${ns}y" \
	    netns "${ns}b"
	ip -n "${ns}a" addr add 198.51.100.1/24 dev "${ns}x"
	ip -n "${ns}b" addr add 198.51.100.2/24 dev "${ns}y"
	for n in a b; do
		ip -n "${ns}$n" link set lo up
	done
	ip -n "${ns}a" link set "${ns}x" up
	ip -n "${ns}b" link set "${ns}y" up
	ip netns exec "${ns}b" "$bb" httpd -p 198.51.100.2:8080 \
	    -h "$dir/root/tmp/www"
	sleep 0.2
	vethrate=$(best_of_3 ip netns exec "${ns}a" "$bb" wget -q \
	    -O /dev/null http://198.51.100.2:8080/big) || vethrate=
	ip netns pids "${ns}b" | xargs -r kill 2>/dev/null || true
fi
printf '%-18s %12s %14s\n' "jail to jail TCP" "MB/s" "lab / veth"
printf '%-18s %12s %14s\n' "lab (rootless)" "${labrate:-failed}" "-"
if [ -n "$vethrate" ] && [ -n "$labrate" ]; then
	printf '%-18s %12s %14s\n' "veth (root)" "$vethrate" \
	    "$(echo "$labrate $vethrate" | awk '{ printf "%.2f", $1 / $2 }')"
else
	printf '%-18s %12s\n' "veth (root)" "${vethrate:-skipped (needs root)}"
fi
