/* F1: the double chroot (chroot(2)'s classic weakness). */
#include "fs_util.h"

PROBE(F1, "double chroot: chroot to a subdir, walk .., chroot(.)")
{
	struct stat root0, root1;
	char dir[64];
	int v = PROBE_HELD;

	snprintf(dir, sizeof(dir), "/tmp/f1-probe-%u", (unsigned)getuid());

	if (marker_rel() == NULL)
		return probe_note(PROBE_SKIP, "no LJ_MARKER");
	if (stat("/", &root0) < 0)
		return probe_note(PROBE_BROKEN, "stat /: %s", strerror(errno));
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return probe_note(PROBE_BROKEN, "mkdir: %s", strerror(errno));
	if (chroot(dir) < 0) {
		/* Without CAP_SYS_CHROOT (an ordinary jail user) it ends here. */
		if (errno == EPERM && !probe_is_root())
			return probe_note(PROBE_HELD, "chroot: EPERM");
		return probe_note(PROBE_BROKEN, "chroot: %s", strerror(errno));
	}
	walk_up();
	if (chroot(".") < 0)
		return probe_note(PROBE_BROKEN, "chroot(.): %s", strerror(errno));
	if (chdir("/") < 0 || stat("/", &root1) < 0)
		return probe_note(PROBE_BROKEN, "stat new /: %s", strerror(errno));
	if (marker_below(AT_FDCWD))
		v = probe_worst(v, probe_note(PROBE_ESCAPED,
		    "host marker visible after the walk"));
	else
		v = probe_worst(v, probe_note(PROBE_HELD, "marker: ENOENT"));
	v = probe_worst(v, probe_note(same_inode(&root0, &root1) ? PROBE_HELD :
	    PROBE_ESCAPED, "\"/\" after the walk is %s the jail root",
	    same_inode(&root0, &root1) ? "still" : "NOT"));
	return v;
}
