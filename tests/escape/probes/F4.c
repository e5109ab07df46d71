/* F4: overwrite a runtime binary through /proc/PID/exe (CVE-2019-5736). */
#include "fs_util.h"

PROBE(F4, "open /proc/*/exe for writing (runc CVE-2019-5736)")
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int v = PROBE_HELD, n = 0;

	if (d == NULL)
		return probe_note(PROBE_BROKEN, "/proc: %s", strerror(errno));
	while ((e = readdir(d)) != NULL) {
		char path[300];
		int fd;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/exe", e->d_name);
		/* Never written: closed at once if it opens. */
		fd = open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK);
		if (fd >= 0) {
			close(fd);
			v = probe_worst(v, probe_note(PROBE_ESCAPED,
			    "%s opened for writing", path));
		} else if (errno != ETXTBSY && errno != EACCES &&
		    errno != ENOENT && errno != EPERM && errno != ESRCH) {
			v = probe_worst(v, probe_note(PROBE_BROKEN, "%s: %s",
			    path, strerror(errno)));
		}
		n++;
	}
	closedir(d);
	if (v == PROBE_HELD)
		probe_note(PROBE_HELD, "%d exe links, none writable", n);
	return v;
}
