/* C3: setns into any visible namespace. */
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>

#include "../probe.h"

PROBE(C3, "setns through /proc/*/ns/* of every visible pid")
{
	static const char *const kinds[] = {
		"mnt", "pid", "net", "user", "uts", "ipc", "cgroup", "time",
	};
	DIR *d = opendir("/proc");
	struct dirent *e;
	int v = PROBE_HELD, tried = 0;

	if (d == NULL)
		return probe_note(PROBE_BROKEN, "/proc: %s", strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			char path[300];
			int fd;
			long r;

			snprintf(path, sizeof(path), "/proc/%s/ns/%s",
			    e->d_name, kinds[k]);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				continue;
			tried++;
			errno = 0;
			r = setns(fd, 0);
			if (r < 0 && errno == EPERM) {
				close(fd);
				continue;
			}
			/* EINVAL: the kernel looked (e.g. our own user ns). */
			v = probe_worst(v, probe_note(r == 0 ? PROBE_ESCAPED :
			    errno == EINVAL ? PROBE_ESCAPED : PROBE_BROKEN,
			    "setns(%s): %s", path, r == 0 ? "joined" :
			    strerror(errno)));
			close(fd);
		}
	}
	closedir(d);
	if (v == PROBE_HELD)
		probe_note(PROBE_HELD, "%d namespace files, setns EPERM", tried);
	return v;
}
