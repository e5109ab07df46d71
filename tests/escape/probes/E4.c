/* E4: an entered process (ljexec) must carry the jail's restrictions. */
#include <fcntl.h>
#include <sys/stat.h>

#include "caps_util.h"

PROBE(E4, "same namespaces, filter and bounding set as the jail's init")
{
	static const char *const kinds[] = {
		"mnt", "pid", "net", "user", "uts", "ipc", "cgroup",
	};
	long long sec = status_field("/proc/self/status", "Seccomp", 10);
	long long bnd = status_field("/proc/self/status", "CapBnd", 16);
	long long ibnd = status_field("/proc/1/status", "CapBnd", 16);
	int v = PROBE_HELD;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char a[64], b[64];
		struct stat sa, sb;

		snprintf(a, sizeof(a), "/proc/self/ns/%s", kinds[i]);
		snprintf(b, sizeof(b), "/proc/1/ns/%s", kinds[i]);
		if (stat(a, &sa) < 0) {
			v = probe_worst(v, probe_note(PROBE_BROKEN, "%s: %s", a,
			    strerror(errno)));
			continue;
		}
		/*
		 * An init that changed its ids is not dumpable, and its
		 * namespace files are then closed to the jail: that is
		 * stricter, not a leak; the filter and caps below still
		 * compare.
		 */
		if (stat(b, &sb) < 0) {
			if (errno != EACCES)
				v = probe_worst(v, probe_note(PROBE_BROKEN,
				    "%s: %s", b, strerror(errno)));
			else if (i == 0)
				probe_note(PROBE_HELD, "init is not dumpable: "
				    "its namespaces are not readable");
			continue;
		}
		if (sa.st_ino != sb.st_ino)
			v = probe_worst(v, probe_note(PROBE_ESCAPED,
			    "%s namespace differs from the jail's", kinds[i]));
	}
	v = probe_worst(v, probe_note(sec == 2 ? PROBE_HELD : PROBE_ESCAPED,
	    "Seccomp %lld", sec));
	v = probe_worst(v, probe_note(ibnd >= 0 && bnd == ibnd ? PROBE_HELD :
	    PROBE_ESCAPED, "CapBnd %#llx, init's %#llx", bnd, ibnd));
	v = probe_worst(v, probe_note((bnd & FORBIDDEN_CAPS) == 0 ?
	    PROBE_HELD : PROBE_ESCAPED, "no forbidden capability"));
	return v;
}
