/* C5: capset upward. */
#include <sys/syscall.h>

#include "caps_util.h"

PROBE(C5, "capset with a capability outside the bounding set")
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	int v = PROBE_HELD;

	if (syscall(SYS_capget, &h, d) < 0)
		return probe_note(PROBE_BROKEN, "capget: %s", strerror(errno));
	d[CAP_MKNOD / 32].permitted |= 1u << (CAP_MKNOD % 32);
	d[CAP_MKNOD / 32].effective |= 1u << (CAP_MKNOD % 32);
	d[CAP_SYS_MODULE / 32].permitted |= 1u << (CAP_SYS_MODULE % 32);
	EXPECT_FAIL(v, "capset(+MKNOD +SYS_MODULE)", syscall(SYS_capset, &h, d),
	    E(EPERM), NONE);
	return v;
}
