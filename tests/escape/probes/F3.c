/* F3: a leaked working directory or internal fd (CVE-2024-21626). */
#include "fs_util.h"

PROBE(F3, "leaked cwd / internal fd (runc Leaky Vessels)")
{
	struct stat root, top;
	char path[64];
	int v = PROBE_HELD;

	if (stat("/", &root) < 0)
		return probe_note(PROBE_BROKEN, "stat /: %s", strerror(errno));
	walk_up();
	if (stat(".", &top) < 0)
		return probe_note(PROBE_BROKEN, "stat .: %s", strerror(errno));
	v = probe_worst(v, probe_note(same_inode(&root, &top) ? PROBE_HELD :
	    PROBE_ESCAPED, "the cwd %s below the jail root",
	    same_inode(&root, &top) ? "is" : "is NOT"));
	for (int n = 3; n <= 64; n++) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", n);
		if (chdir(path) < 0)
			continue;
		walk_up();
		if (stat(".", &top) == 0 && !same_inode(&root, &top))
			v = probe_worst(v, probe_note(PROBE_ESCAPED,
			    "%s leads outside the root", path));
		if (chdir("/") < 0)
			return PROBE_BROKEN;
	}
	if (v == PROBE_HELD)
		probe_note(PROBE_HELD, "no /proc/self/fd/N leads outside");
	return v;
}
