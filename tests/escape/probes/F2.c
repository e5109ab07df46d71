/* F2: fchdir through an inherited directory fd. */
#include "fs_util.h"

PROBE(F2, "fchdir through an fd opened outside (leaked directory fd)")
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int v = PROBE_HELD, n = 0;

	if (marker_rel() == NULL)
		return probe_note(PROBE_SKIP, "no LJ_MARKER");
	if (d == NULL)
		return probe_note(PROBE_BROKEN, "/proc/self/fd: %s",
		    strerror(errno));
	while ((e = readdir(d)) != NULL) {
		int fd = atoi(e->d_name);
		struct stat st;

		if (e->d_name[0] == '.' || fd < 3 || fd == dirfd(d))
			continue;
		n++;
		if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
			v = probe_worst(v, probe_note(PROBE_ESCAPED,
			    "fd %d inherited (not a directory)", fd));
			continue;
		}
		if (fchdir(fd) < 0)
			continue;
		walk_up();
		v = probe_worst(v, probe_note(marker_below(AT_FDCWD) ?
		    PROBE_ESCAPED : PROBE_HELD, "fd %d: directory %s", fd,
		    marker_below(AT_FDCWD) ? "leads to the host" :
		    "inherited (stays inside)"));
	}
	closedir(d);
	if (n == 0)
		v = probe_note(PROBE_HELD, "no fd >= 3 inherited");
	return v;
}
