/*
 * fs_int.h - what the fs_*.c files share and nothing else calls: the new
 * mount API wrappers, target resolution inside the jail root, and the
 * pieces of fs_setup_root() that live in their own files.
 */
#ifndef LJAIL_FS_INT_H
#define LJAIL_FS_INT_H

#include <sys/mount.h>

#include "compat.h"
#include "fs.h"

#ifndef FSOPEN_CLOEXEC
#define FSOPEN_CLOEXEC 0x00000001
#endif
#ifndef FSMOUNT_CLOEXEC
#define FSMOUNT_CLOEXEC 0x00000001
#endif
#ifndef FSCONFIG_SET_FLAG
#define FSCONFIG_SET_FLAG 0
#define FSCONFIG_SET_STRING 1
#define FSCONFIG_CMD_CREATE 6
#endif
#ifndef MOVE_MOUNT_T_EMPTY_PATH
#define MOVE_MOUNT_T_EMPTY_PATH 0x00000040
#endif

/* fsopen(2) by number, whatever glibc offers. */
static inline int
fs_sys_fsopen(const char *type, unsigned int flags)
{
	return (int)syscall(SYS_fsopen, type, flags);
}

/* fsconfig(2) by number. */
static inline int
fs_sys_fsconfig(int fd, unsigned int cmd, const char *key, const void *value,
    int aux)
{
	return (int)syscall(SYS_fsconfig, fd, cmd, key, value, aux);
}

/* fsmount(2) by number. */
static inline int
fs_sys_fsmount(int fd, unsigned int flags, unsigned int attr_flags)
{
	return (int)syscall(SYS_fsmount, fd, flags, attr_flags);
}

/* Options of one mount, split into what the VFS and the fs each take. */
struct fs_opts {
	unsigned attr;		/* MOUNT_ATTR_* to set */
	unsigned attr_clr;	/* MOUNT_ATTR_* the entry asked to clear */
	char **data;		/* fs-specific "key" or "key=value" */
	int ruleset;		/* devfs "ruleset=N", -1 if not given */
	bool bind;		/* Linux fstab "bind"/"rbind" (type "none") */
};

/* Tells whether an entry binds a host directory (nullfs, outside path). */
bool fs_entry_is_host_bind(const struct fs_mount_entry *e);

/* Parses a comma list of mount options (ro, nosuid, size=...). */
int fs_opts_parse(const char *options, struct fs_opts *ret, char **ret_msg);
void fs_opts_clear(struct fs_opts *o);

/*
 * Opens a path inside the jail root as an O_PATH fd, never leaving the
 * root and never following any symlink (RESOLVE_IN_ROOT |
 * RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV unset).
 */
int fs_open_in_root(int root_fd, const char *path, int flags);

/* Fails with "mount: TARGET: fstype X is not supported" for unknown types. */
int fs_fstype_check(const struct fs_mount_entry *e, char **ret_msg);

/* Mounts a new instance of fstype with options onto the fd target_fd. */
int fs_mount_new(const char *fstype, const struct fs_opts *o, int target_fd,
    int *ret_mnt_fd);

/* Bind-mounts the host path source onto target_fd (recursive). */
int fs_mount_bind(const char *source, unsigned attr, int target_fd);
/* The same from an O_PATH fd (a source resolved inside the jail root). */
int fs_mount_bind_fd(int source_fd, unsigned attr, int target_fd);

/* Populates a tmpfs /dev at the jail's dev directory (fs_dev.c). */
int fs_dev_setup(int root_fd, const char *target, const char *shown,
    int ruleset, bool fd_links, char **ret_msg);

/*
 * jail(8)'s message for a target (rel, inside the root; shown, its host
 * path) that fs_open_in_root() refused with r: the symlink or the missing
 * component is named as check_path() names it.
 */
char *fs_target_msg(const char *pname, int root_fd, const char *rel,
    const char *shown, int r);

/* Makes the /dev/fd family of links in the jail's /dev (fs_dev.c). */
int fs_dev_fd_links(int dev_fd);

/*
 * Whether the jail gets a /proc: mount.procfs if set, else yes when it
 * has a root of its own (Linux programs need /proc; *ret_explicit false
 * then, and a root without a /proc directory simply gets none).
 */
bool fs_proc_wanted(const struct conf_jail *j, bool *ret_explicit);

/* Maps a FreeBSD devfs ruleset number; false if ljail does not know it. */
bool fs_dev_ruleset_known(long long ruleset);

/* The ruleset mount.devfs uses: devfs_ruleset, or FreeBSD's default 4. */
int fs_dev_ruleset(const struct conf_jail *j);

#endif
