/* F6: the host root through /proc/PID/root. */
#include "fs_util.h"

PROBE(F6, "host root through /proc/1/root and /proc/PID/root")
{
	const char *m = marker_rel();
	DIR *d;
	struct dirent *e;
	int v = PROBE_HELD, n = 0;

	if (m == NULL)
		return probe_note(PROBE_SKIP, "no LJ_MARKER");
	d = opendir("/proc");
	if (d == NULL)
		return probe_note(PROBE_BROKEN, "/proc: %s", strerror(errno));
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		n++;
		snprintf(path, sizeof(path), "/proc/%s/root/%s", e->d_name, m);
		if (stat(path, &st) == 0)
			v = probe_worst(v, probe_note(PROBE_ESCAPED,
			    "marker visible through /proc/%s/root", e->d_name));
	}
	closedir(d);
	if (v == PROBE_HELD)
		probe_note(PROBE_HELD, "marker hidden from all %d pids", n);
	return v;
}
