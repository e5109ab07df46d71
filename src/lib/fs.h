/*
 * fs.h - the jail's file system view: mounts, /dev, /proc, pivot_root.
 *
 * CONTRACT: fs_check() runs in ljail before anything is created and
 * reports configuration errors; fs_setup_root() runs in the jail's first
 * process, inside its new mount namespace, before pivot_root.
 * Owner: fs_.
 */
#ifndef LJAIL_FS_H
#define LJAIL_FS_H

#include "conf.h"

/* One fstab-format entry (from "mount" or a "mount.fstab" file). */
struct fs_mount_entry {
	char *source;
	char *target;		/* absolute, inside the jail */
	char *fstype;		/* nullfs, tmpfs, procfs, devfs, ... */
	char *options;
};

/*
 * Validates path and mount entries (§1.7/§1.8 rules).  On error returns
 * -errno and sets *ret_msg to the message after "NAME: " (e.g.
 * "mount.devfs: no jail root path defined"); the caller prints it.
 */
int fs_check(const struct conf_jail *j, char **ret_msg);

/*
 * Builds the jail's root inside the current (new, private) mount
 * namespace: root_fd is an already prepared (possibly idmapped) detached
 * tree of the jail path from open_tree(), or -1 to bind-mount path.
 * Mounts mount/mount.fstab entries, devfs, fdescfs, procfs, resolving
 * every target inside the root (never following a symlink out of it),
 * then pivot_root()s and detaches the old root.
 */
int fs_setup_root(const struct conf_jail *j, int root_fd, char **ret_msg);

#endif
