/* K1: host sysctls such as core_pattern (a pipe handler runs as root). */
#include <fcntl.h>

#include "../probe.h"

/* Opens a kernel knob for writing and closes it unwritten. */
static int
knob(const char *path)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		close(fd);
		return probe_note(PROBE_ESCAPED, "%s opens for writing", path);
	}
	if (errno == ENOENT)
		return probe_note(PROBE_HELD, "%s: absent", path);
	return probe_expect_fail(path, -1, errno, E(EROFS, EACCES, EPERM),
	    NONE);
}

PROBE(K1, "write host sysctls: core_pattern, modprobe, drop_caches")
{
	int v = PROBE_HELD;

	v = probe_worst(v, knob("/proc/sys/kernel/core_pattern"));
	v = probe_worst(v, knob("/proc/sys/kernel/modprobe"));
	v = probe_worst(v, knob("/proc/sys/vm/drop_caches"));
	v = probe_worst(v, knob("/proc/sys/kernel/hostname"));
	return v;
}
