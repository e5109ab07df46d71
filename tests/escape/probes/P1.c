/* P1: signals to host processes (signal 0 only: never harmful). */
#include <dirent.h>
#include <signal.h>

#include "../probe.h"

PROBE(P1, "kill(host sentinel, 0); visible pids")
{
	const char *s = probe_env("LJ_SENTINEL");
	DIR *d = opendir("/proc");
	struct dirent *e;
	int v = PROBE_HELD, n = 0;

	if (s == NULL)
		return probe_note(PROBE_SKIP, "no LJ_SENTINEL");
	/* EPERM would mean it is visible; only ESRCH hides it. */
	EXPECT_FAIL(v, "kill(sentinel, 0)", kill(atoi(s), 0), E(ESRCH),
	    E(EPERM));
	if (d != NULL) {
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] >= '1' && e->d_name[0] <= '9') {
				n++;
				if (strcmp(e->d_name, s) == 0)
					v = probe_worst(v, probe_note(
					    PROBE_ESCAPED, "/proc/%s exists", s));
			}
		closedir(d);
		/* A jail shows its own few processes, a host hundreds. */
		v = probe_worst(v, probe_note(n < 20 ? PROBE_HELD :
		    PROBE_ESCAPED, "%d pids visible", n));
	}
	return v;
}
