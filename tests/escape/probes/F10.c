/* F10: device nodes. */
#include <sys/sysmacros.h>

#include "fs_util.h"

static const char *const allowed_dev[] = {
	"null", "zero", "full", "random", "urandom", "tty", "ptmx", "pts",
	"console", "fd", "stdin", "stdout", "stderr", "shm", "mqueue", NULL
};

PROBE(F10, "mknod block/char devices; open every node under /dev")
{
	DIR *d;
	struct dirent *e;
	int v = PROBE_HELD;
	long r;

	r = mknod("/tmp/f10-blk", S_IFBLK | 0600, makedev(8, 0));
	if (r == 0)
		unlink("/tmp/f10-blk");
	v = probe_worst(v, probe_expect_fail("mknod(S_IFBLK 8:0)", r, errno,
	    E(EPERM), NONE));
	r = mknod("/tmp/f10-mem", S_IFCHR | 0600, makedev(1, 1));
	if (r == 0)
		unlink("/tmp/f10-mem");
	v = probe_worst(v, probe_expect_fail("mknod(S_IFCHR 1:1)", r, errno,
	    E(EPERM), NONE));
	d = opendir("/dev");
	if (d == NULL)
		return probe_worst(v, probe_note(PROBE_HELD, "no /dev"));
	while ((e = readdir(d)) != NULL) {
		bool ok = false;
		char path[300];
		int fd;

		if (e->d_name[0] == '.')
			continue;
		for (const char *const *a = allowed_dev; *a != NULL; a++)
			ok = ok || strcmp(*a, e->d_name) == 0;
		if (ok)
			continue;
		snprintf(path, sizeof(path), "/dev/%s", e->d_name);
		/* Opened and closed, never read. */
		fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (fd >= 0) {
			struct stat st;

			if (fstat(fd, &st) == 0 && (S_ISCHR(st.st_mode) ||
			    S_ISBLK(st.st_mode)))
				v = probe_worst(v, probe_note(PROBE_ESCAPED,
				    "%s opens", path));
			close(fd);
		}
	}
	closedir(d);
	return v;
}
