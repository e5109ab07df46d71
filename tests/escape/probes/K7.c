/* K7: eBPF, perf, userfaultfd, io_uring. */
#include <sys/syscall.h>

#include "../probe.h"

PROBE(K7, "bpf(PROG_LOAD), perf_event_open, userfaultfd, io_uring_setup")
{
	int v = PROBE_HELD;
	long r;

	EXPECT_FAIL(v, "bpf(PROG_LOAD, NULL)", syscall(SYS_bpf, 5, NULL, 0),
	    E(EPERM), E(EFAULT, EINVAL));
	EXPECT_FAIL(v, "perf_event_open(NULL)", syscall(SYS_perf_event_open,
	    NULL, 0, -1, -1, 0), E(EPERM), E(EFAULT, EINVAL, EACCES));
	r = syscall(SYS_userfaultfd, 0);
	if (r >= 0)
		close((int)r);
	v = probe_worst(v, probe_expect_fail("userfaultfd", r, errno,
	    E(EPERM), NONE));
	EXPECT_FAIL(v, "io_uring_setup(1, NULL)", syscall(SYS_io_uring_setup,
	    1, NULL), E(ENOSYS), E(EFAULT, EINVAL));
	return v;
}
