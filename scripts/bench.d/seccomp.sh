#!/bin/sh
# bench.d/seccomp.sh - cost per system call of the jail's seccomp filter:
# a loop of getppid() with no filter, with a one-instruction filter that
# allows everything (the kernel's fixed cost of having a filter at all),
# and with filter_apply()'s filter (the default jail's), each in a private
# user namespace, interleaved rounds, the best
# of each (other load on the machine only ever adds time).  Prints ns/syscall, the ratio to no
# filter and the cost of the jail's rules over the trivial filter.
#
# Environment (from scripts/bench): BUILD (the build directory);
# SECCOMP_CALLS (default 500000), SECCOMP_ROUNDS (default 15).
set -eu
build=${BUILD:-build}
build=$(cd "$build" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
calls=${SECCOMP_CALLS:-500000}
rounds=${SECCOMP_ROUNDS:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/loop.c" <<'C'
/* getppid() loop under no filter or the default jail's filter. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "filter.h"

static void
put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, s, strlen(s)) < 0) {
		perror(path);
		exit(1);
	}
	close(fd);
}

int
main(int argc, char **argv)
{
	long n = atol(argv[2]);
	char map[64];
	unsigned uid = getuid(), gid = getgid();
	struct timespec a, b;

	if (unshare(CLONE_NEWUSER) < 0) {
		perror("unshare");
		return 1;
	}
	put("/proc/self/setgroups", "deny");
	snprintf(map, sizeof(map), "0 %u 1", uid);
	put("/proc/self/uid_map", map);
	snprintf(map, sizeof(map), "0 %u 1", gid);
	put("/proc/self/gid_map", map);
	if (strcmp(argv[1], "trivial") == 0) {
		struct sock_filter ok = BPF_STMT(BPF_RET | BPF_K,
		    SECCOMP_RET_ALLOW);
		struct sock_fprog prog = { 1, &ok };

		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
			perror("seccomp");
			return 1;
		}
	}
	if (strcmp(argv[1], "filter") == 0) {
		struct conf_jail *j = conf_jail_new("bench", false);
		int r = filter_apply(j);

		if (r < 0) {
			fprintf(stderr, "filter_apply: %s\n", strerror(-r));
			return 1;
		}
		conf_jail_free(j);
	}
	for (long i = 0; i < 1000; i++)
		syscall(SYS_getppid);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.2f\n", ((b.tv_sec - a.tv_sec) * 1e9 +
	    (b.tv_nsec - a.tv_nsec)) / (double)n);
	return 0;
}
C
export ASAN_OPTIONS=detect_leaks=0
san=$(sed -n 's/^LJAIL_SAN_CFLAGS = //p' "$build/Makefile")
libs=$(pkg-config --libs libseccomp libcap-ng libmnl)
# shellcheck disable=SC2086
cc -O2 $san -I"$build" -I"$top/src/lib" -I"$top/compat" -o "$work/loop" \
    "$work/loop.c" "$build/.libs/libljail.a" $libs

# Rounds alternate the three modes so that load hits them alike.
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
none="" triv="" filt=""
i=0
while [ "$i" -lt "$rounds" ]; do
	none=$(min "$none" "$("$work/loop" none "$calls")")
	triv=$(min "$triv" "$("$work/loop" trivial "$calls")")
	filt=$(min "$filt" "$("$work/loop" filter "$calls")")
	i=$((i + 1))
done
jit=$(cat /proc/sys/net/core/bpf_jit_enable 2>/dev/null || echo "?")
awk -v n="$none" -v t="$triv" -v f="$filt" -v c="$calls" -v san="$san" \
    -v jit="$jit" -v r="$rounds" 'BEGIN {
	printf "%-10s %12s %14s\n", "seccomp", "ns/syscall", "x no filter"
	printf "%-10s %12.2f %14s\n", "none", n, "-"
	printf "%-10s %12.2f %14.2f\n", "trivial", t, t / n
	printf "%-10s %12.2f %14.2f\n", "jail", f, f / n
	printf "jail filter: %+.2f ns per getppid() over none, %+.2f over a " \
	    "trivial filter (%d calls, best of %d, bpf_jit_enable=%s%s)\n",
	    f - n, f - t, c, r, jit, san != "" ? ", sanitizer build" : ""
}'
