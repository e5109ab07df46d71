/* K3: /sys write paths and cgroup v1 release_agent (CVE-2022-0492). */
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "../probe.h"

PROBE(K3, "write uevent_helper, efivars, security; mount cgroup2")
{
	static const char *const paths[] = {
		"/sys/kernel/uevent_helper", "/sys/kernel/security/apparmor/.load",
		"/sys/firmware/efi/efivars", "/sys/fs/cgroup/release_agent",
		"/sys/power/state",
	};
	int v = PROBE_HELD;
	long r;

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		int fd = open(paths[i], O_WRONLY | O_CLOEXEC);

		if (fd >= 0) {
			close(fd);
			v = probe_worst(v, probe_note(PROBE_ESCAPED,
			    "%s opens for writing", paths[i]));
			continue;
		}
		v = probe_worst(v, probe_expect_fail(paths[i], -1, errno,
		    E(EROFS, EACCES, ENOENT, EPERM, EISDIR), NONE));
	}
	(void)mkdir("/tmp/k3-cg", 0700);
	r = mount("cgroup2", "/tmp/k3-cg", "cgroup2", 0, NULL);
	if (r == 0)
		umount2("/tmp/k3-cg", MNT_DETACH);
	v = probe_worst(v, probe_expect_fail("mount cgroup2", r, errno,
	    E(EPERM), E(ENODEV, EINVAL, EBUSY)));
	rmdir("/tmp/k3-cg");
	return v;
}
