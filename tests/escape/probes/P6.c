/* P6: TIOCLINUX copy and paste on a virtual console (CVE-2023-28100). */
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "../probe.h"

PROBE(P6, "TIOCLINUX subcodes (fd -1)")
{
	char sub[2] = { 2, 0 };	/* TIOCL_SETSEL */
	int v = PROBE_HELD;

	EXPECT_FAIL(v, "ioctl(TIOCLINUX, SETSEL)", ioctl(-1, TIOCLINUX, sub),
	    E(EPERM), E(EBADF));
	sub[0] = 3;	/* TIOCL_PASTESEL */
	EXPECT_FAIL(v, "ioctl(TIOCLINUX | high, PASTESEL)", syscall(SYS_ioctl,
	    -1, (0xffUL << 40) | TIOCLINUX, sub), E(EPERM), E(EBADF));
	return v;
}
