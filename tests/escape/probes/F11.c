/* F11: Shocker, open_by_handle_at on crafted handles. */
#include "fs_util.h"

PROBE(F11, "open_by_handle_at with crafted handles (Shocker)")
{
	union {
		struct file_handle fh;
		unsigned char raw[sizeof(struct file_handle) + 128];
	} h;
	unsigned char *fid = h.raw + sizeof(struct file_handle);
	int mount_id, v = PROBE_HELD;
	int mfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (mfd < 0)
		return probe_note(PROBE_BROKEN, "open /: %s", strerror(errno));
	h.fh.handle_bytes = 128;
	/* Harmless on its own; allowed. Some file systems have no handles. */
	if (name_to_handle_at(AT_FDCWD, "/", &h.fh, &mount_id, 0) < 0)
		h.fh.handle_type = 1;
	/* FILEID_INO32_GEN for inode 2 (a root directory on ext*). */
	h.fh.handle_bytes = 8;
	h.fh.handle_type = 1;
	memset(fid, 0, 8);
	fid[0] = 2;
	errno = 0;
	long r = open_by_handle_at(mfd, &h.fh, O_RDONLY | O_CLOEXEC);
	int err = errno;
	if (r >= 0)
		close((int)r);
	v = probe_expect_fail("open_by_handle_at(ino 2)", r, err, E(EPERM),
	    E(ESTALE, EINVAL, EOPNOTSUPP, ENOENT));
	close(mfd);
	return v;
}
