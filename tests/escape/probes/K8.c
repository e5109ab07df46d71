/* K8: the wall clock is not namespaced. */
#include <sys/syscall.h>
#include <time.h>

#include "../probe.h"

PROBE(K8, "clock_settime / settimeofday")
{
	/* An invalid time: refused by the kernel after its privilege check. */
	struct timespec bad = { 0, -1 };
	int v = PROBE_HELD;

	/* The raw call: glibc checks tv_nsec itself before the syscall. */
	EXPECT_FAIL(v, "clock_settime(REALTIME, invalid)",
	    syscall(SYS_clock_settime, CLOCK_REALTIME, &bad), E(EPERM),
	    E(EINVAL));
	/* With both NULL it changes nothing even where it succeeds. */
	EXPECT_FAIL(v, "settimeofday(NULL, NULL)", syscall(SYS_settimeofday,
	    NULL, NULL), E(EPERM), NONE);
	return v;
}
