/* K9: reboot, kexec, swap (harmless arguments in case they pass). */
#include <sys/syscall.h>

#include "../probe.h"

PROBE(K9, "reboot (bad magic), kexec_load (bad flags), swapon")
{
	int v = PROBE_HELD;

	EXPECT_FAIL(v, "reboot(bad magic)", syscall(SYS_reboot, 0x1234, 0x5678,
	    0, NULL), E(EPERM), E(EINVAL));
	EXPECT_FAIL(v, "kexec_load(bad flags)", syscall(SYS_kexec_load, 0, 0,
	    NULL, 0xdead0000UL), E(EPERM), E(EINVAL, ENOSYS, EBUSY));
	EXPECT_FAIL(v, "swapon(/nonexistent)", syscall(SYS_swapon,
	    "/nonexistent-ljail", 0), E(EPERM), E(ENOENT, ENOSYS));
	return v;
}
