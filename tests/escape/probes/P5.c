/* P5: TIOCSTI injection (CVE-2017-5226), also with the high bits set. */
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "../probe.h"

PROBE(P5, "TIOCSTI (fd -1: nothing is ever injected), plain and high bits")
{
	char c = '#';
	int v = PROBE_HELD;

	/* EBADF: the kernel got to look at the fd, no filter stopped it. */
	EXPECT_FAIL(v, "ioctl(TIOCSTI)", ioctl(-1, TIOCSTI, &c), E(EPERM),
	    E(EBADF));
	EXPECT_FAIL(v, "ioctl(TIOCSTI | 1<<32)", syscall(SYS_ioctl, -1,
	    (1UL << 32) | TIOCSTI, &c), E(EPERM), E(EBADF));
	return v;
}
