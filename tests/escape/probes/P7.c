/* P7: the console or tty pointing at the host. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "../probe.h"

PROBE(P7, "open /dev/console and /dev/tty")
{
	static const char *const ttys[] = { "/dev/console", "/dev/tty0",
		"/dev/tty1" };
	int v = PROBE_HELD;

	for (size_t i = 0; i < sizeof(ttys) / sizeof(ttys[0]); i++) {
		int fd = open(ttys[i], O_RDONLY | O_NOCTTY | O_NONBLOCK |
		    O_CLOEXEC);
		struct stat st;

		if (fd < 0) {
			v = probe_worst(v, probe_expect_fail(ttys[i], -1,
			    errno, E(ENOENT, EACCES, EPERM, ENXIO), NONE));
			continue;
		}
		/* The host console is 5:1; the virtual consoles major 4. */
		if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
		    ((major(st.st_rdev) == 5 && minor(st.st_rdev) == 1) ||
		    major(st.st_rdev) == 4))
			v = probe_worst(v, probe_note(PROBE_ESCAPED,
			    "%s is the host's (%u:%u)", ttys[i],
			    major(st.st_rdev), minor(st.st_rdev)));
		else
			v = probe_worst(v, probe_note(PROBE_HELD,
			    "%s is the jail's own", ttys[i]));
		close(fd);
	}
	return v;
}
