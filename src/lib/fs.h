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

#include <stdbool.h>

#include "conf.h"

/* One fstab-format entry (from "mount" or a "mount.fstab" file). */
struct fs_mount_entry {
	char *source;
	char *target;		/* absolute, inside the jail */
	char *fstype;		/* nullfs, tmpfs, procfs, devfs, ... */
	char *options;		/* "rw" when the line has none */
	char *host_target;	/* the mountpoint as written (host path) */
	char *source_in_jail;	/* nullfs source below path, relative */
	char *line;		/* the line as written, for messages */
};

/*
 * Validates path and mount entries (§1.7/§1.8 rules).  On error returns
 * -errno and sets *ret_msg to the message after "NAME: " (e.g.
 * "mount.devfs: no jail root path defined"); the caller prints it.
 */
int fs_check(const struct conf_jail *j, char **ret_msg);

/*
 * Whether, with ljail running as root, a host user other than root can
 * search every directory from "/" down to the jail path: a set-user-ID
 * file the jail's root makes there is then a host root shell for them
 * (F9).  A directory closes the way when root owns it and neither its
 * group (unless that is group 0) nor others may search it.  On true
 * *ret_msg is the warning after "NAME: "; the caller prints it.
 */
bool fs_path_exposed(const struct conf_jail *j, char **ret_msg);

/*
 * Opens (O_PATH) the host directory of every nullfs entry whose source
 * lies outside the jail path, for fs_setup_root() to bind by fd.  Call
 * it in the jail's first process, in its new mount namespace, before
 * its ids change: still the host's root there, it may search a
 * directory only root may (mode 0700, the F9 advice), which the jail's
 * ids may not.  A source it cannot open is an error naming the source
 * ("mount: SOURCE: No such file or directory"); without this call
 * fs_setup_root() looks every source up by name.
 */
int fs_open_sources(const struct conf_jail *j, char **ret_msg);

/*
 * The host directory of every nullfs entry whose source lies outside the
 * jail path, one per entry, in the order fs_setup_root() mounts them
 * (a source named twice appears twice).  For ljail, which idmaps them.
 */
int fs_bind_sources(const struct conf_jail *j, char ***ret,
    char **ret_msg);

/*
 * In the jail's first process, before fs_open_sources(): tree_fd is a
 * detached (idmapped) tree of a source from fs_bind_sources(), for the
 * next entry of that source; fs_setup_root() attaches it and closes it.
 */
void fs_give_source(const char *source, int tree_fd);

/*
 * Builds the jail's root inside the current (new, private) mount
 * namespace: root_fd is an already prepared (possibly idmapped) detached
 * tree of the jail path from open_tree(), or -1 to bind-mount path.
 * Mounts mount/mount.fstab entries, devfs, fdescfs, procfs, resolving
 * every target inside the root (never following a symlink out of it),
 * then pivot_root()s and detaches the old root.
 */
int fs_setup_root(const struct conf_jail *j, int root_fd, char **ret_msg);

/*
 * Parses one fstab-format line (a "mount" value, or a mount.fstab line
 * when is_file: then '#' starts a comment).  *ret is NULL for a blank
 * line.  Errors: "mount: LINE: fstab parse error" / "missing information".
 */
int fs_parse_mount_line(const char *line, bool is_file,
    struct fs_mount_entry **ret, char **ret_msg);
void fs_mount_entry_free(struct fs_mount_entry *e);

/*
 * Every "mount" value then every line of every "mount.fstab" file, in
 * FreeBSD's order, with targets made relative to the jail root (the host
 * path below "path" with that prefix removed).  *ret is NULL-terminated.
 */
int fs_mount_entries(const struct conf_jail *j,
    struct fs_mount_entry ***ret, char **ret_msg);
void fs_mount_entries_free(struct fs_mount_entry **v);

#endif
