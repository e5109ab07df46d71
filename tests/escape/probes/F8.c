/* F8: unmount what covers the host or the masks. */
#include <sys/mount.h>

#include "fs_util.h"

PROBE(F8, "unmount the root, /proc or a mask to reveal what is below")
{
	int v = PROBE_HELD;

	/* EINVAL: the kernel looked at the mount, so nothing stopped us. */
	EXPECT_FAIL(v, "umount2(/, MNT_DETACH)", umount2("/", MNT_DETACH),
	    E(EPERM), E(EINVAL, EBUSY));
	EXPECT_FAIL(v, "umount2(/proc/kcore)", umount2("/proc/kcore",
	    MNT_DETACH), E(EPERM), E(EINVAL, EBUSY, ENOENT));
	EXPECT_FAIL(v, "umount2(/proc/sys)", umount2("/proc/sys",
	    MNT_DETACH), E(EPERM), E(EINVAL, EBUSY));
	return v;
}
