/* S4: ioctl requests with the high 32 bits set (CVE-2019-10063). */
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "../probe.h"

PROBE(S4, "TIOCSTI with bits 32-63 set (fd -1)")
{
	char c = '#';
	int v = PROBE_HELD;

	EXPECT_FAIL(v, "ioctl(0xffffffff00000000 | TIOCSTI)",
	    syscall(SYS_ioctl, -1, 0xffffffff00000000UL | TIOCSTI, &c),
	    E(EPERM), E(EBADF));
	EXPECT_FAIL(v, "ioctl(0x8000000000000000 | TIOCSTI)",
	    syscall(SYS_ioctl, -1, 0x8000000000000000UL | TIOCSTI, &c),
	    E(EPERM), E(EBADF));
	return v;
}
