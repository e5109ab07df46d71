/* E5: an entered process keeps the caller's cwd (CVE-2024-21626). */
#include "fs_util.h"

PROBE(E5, "the cwd of an entered process is inside the jail")
{
	struct stat root, cwd, top;
	char buf[4096];

	if (stat("/", &root) < 0 || stat(".", &cwd) < 0)
		return probe_note(PROBE_BROKEN, "stat: %s", strerror(errno));
	if (getcwd(buf, sizeof(buf)) == NULL)
		return probe_note(PROBE_ESCAPED, "getcwd: %s (cwd outside "
		    "the root)", strerror(errno));
	walk_up();
	if (stat(".", &top) < 0)
		return PROBE_BROKEN;
	return probe_note(same_inode(&top, &root) ? PROBE_HELD : PROBE_ESCAPED,
	    "cwd %s, %s the jail root", buf, same_inode(&top, &root) ?
	    "below" : "NOT below");
}
