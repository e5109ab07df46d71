/* K2: magic SysRq and binfmt_misc registration. */
#include <fcntl.h>

#include "../probe.h"

PROBE(K2, "write /proc/sysrq-trigger; register a binfmt_misc handler")
{
	static const char *const paths[] = {
		"/proc/sysrq-trigger", "/proc/sys/fs/binfmt_misc/register",
		"/proc/sys/kernel/sysrq",
	};
	int v = PROBE_HELD;

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		/* Never written: closed at once if it opens. */
		int fd = open(paths[i], O_WRONLY | O_CLOEXEC);

		if (fd >= 0) {
			close(fd);
			v = probe_worst(v, probe_note(PROBE_ESCAPED,
			    "%s opens for writing", paths[i]));
			continue;
		}
		v = probe_worst(v, probe_expect_fail(paths[i], -1, errno,
		    E(EROFS, EACCES, ENOENT, EPERM), NONE));
	}
	return v;
}
