/* K5: kernel module loading, directly and by autoload. */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "../probe.h"

PROBE(K5, "init_module/finit_module; autoload via rare families and TIOCSETD")
{
	int ldisc = 15;	/* N_HCI */
	int v = PROBE_HELD;
	long r;

	/* ENOSYS: a kernel without modules, reached all the same. */
	EXPECT_FAIL(v, "init_module", syscall(SYS_init_module, NULL, 0UL, ""),
	    E(EPERM), E(EFAULT, EINVAL, ENOSYS, ENOEXEC));
	EXPECT_FAIL(v, "finit_module", syscall(SYS_finit_module, -1, "", 0),
	    E(EPERM), E(EBADF, ENOSYS));
	EXPECT_FAIL(v, "delete_module", syscall(SYS_delete_module,
	    "ljail_probe_none", 0), E(EPERM), E(ENOENT, ENOSYS));
	r = socket(AF_APPLETALK, SOCK_DGRAM, 0);
	if (r >= 0)
		close((int)r);
	v = probe_worst(v, probe_expect_fail("socket(AF_APPLETALK)", r, errno,
	    E(EAFNOSUPPORT), NONE));
	r = socket(AF_TIPC, SOCK_RDM, 0);
	if (r >= 0)
		close((int)r);
	v = probe_worst(v, probe_expect_fail("socket(AF_TIPC)", r, errno,
	    E(EAFNOSUPPORT), NONE));
	EXPECT_FAIL(v, "ioctl(-1, TIOCSETD)", ioctl(-1, TIOCSETD, &ldisc),
	    E(EPERM), E(EBADF));
	return v;
}
