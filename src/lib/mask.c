/*
 * mask.c - what a jail must not see or write under /proc and /sys.
 *
 * A jail gets its own procfs instance (its PID namespace's), but many
 * files in it are the host kernel's: sysctls, sysrq-trigger, the kernel
 * image, keys, timers.  The kernel already refuses most writes to a
 * jail whose root is not root of the initial user namespace; the masks
 * are the second wall, and the only one for files that leak host
 * activity to any reader.
 *
 * Everything is done through file descriptors: each target is opened
 * with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV)
 * below the directory fd the caller mounted, and the mask is attached
 * with move_mount() onto that fd, so no path is ever resolved again and
 * nothing can be redirected outside the new mount.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "compat.h"
#include "mask.h"
#include "util.h"

#ifndef FSCONFIG_SET_STRING
#define FSCONFIG_SET_STRING 1
#define FSCONFIG_CMD_CREATE 6
#endif
#ifndef MOVE_MOUNT_T_EMPTY_PATH
#define MOVE_MOUNT_T_EMPTY_PATH 0x00000040
#endif
#ifndef FSOPEN_CLOEXEC
#define FSOPEN_CLOEXEC 0x00000001
#endif
#ifndef FSMOUNT_CLOEXEC
#define FSMOUNT_CLOEXEC 0x00000001
#endif

enum mask_how {
	MASK_RDONLY,	/* bind onto itself ro, nosuid, nodev, noexec */
	MASK_FILE,	/* cover a file with the verified /dev/null */
	MASK_DIR,	/* cover a directory with an empty read-only tmpfs */
};

struct mask_entry {
	const char *path;	/* relative to the mounted directory */
	enum mask_how how;
};

/*
 * /proc (linux-peers.md §1.11 rule 13, §3.2).  Read-only: sysctls
 * (core_pattern, modprobe, binfmt_misc, drop_caches...), the magic SysRq
 * trigger, bus/fs/irq knobs.  Masked: the kernel image and symbols, the
 * message buffer, keys, timer and scheduler debugging, hardware lists.
 */
static const struct mask_entry mask_proc[] = {
	{ "sys", MASK_RDONLY },
	{ "sysrq-trigger", MASK_RDONLY },
	{ "bus", MASK_RDONLY },
	{ "fs", MASK_RDONLY },
	{ "irq", MASK_RDONLY },
	{ "kcore", MASK_FILE },
	{ "kallsyms", MASK_FILE },
	{ "kmsg", MASK_FILE },
	{ "keys", MASK_FILE },
	{ "key-users", MASK_FILE },
	{ "timer_list", MASK_FILE },
	{ "timer_stats", MASK_FILE },
	{ "sched_debug", MASK_FILE },
	{ "latency_stats", MASK_FILE },
	{ "interrupts", MASK_FILE },
	{ "kpagecount", MASK_FILE },
	{ "kpageflags", MASK_FILE },
	{ "kpagecgroup", MASK_FILE },
	{ "config.gz", MASK_FILE },
	{ "acpi", MASK_DIR },
	{ "asound", MASK_DIR },
	{ "scsi", MASK_DIR },
	{ "driver", MASK_DIR },
};

/*
 * /sys, mounted read-only by the caller: the writable host knobs stay
 * behind empty directories or /dev/null in case the read-only flag were
 * ever lifted (uevent_helper runs a program as host root, release_agent
 * in cgroup v1, efivars can brick firmware).
 */
static const struct mask_entry mask_sys[] = {
	{ "kernel/uevent_helper", MASK_FILE },
	{ "kernel/security", MASK_DIR },
	{ "kernel/debug", MASK_DIR },
	{ "kernel/tracing", MASK_DIR },
	{ "firmware", MASK_DIR },
	{ "fs/cgroup", MASK_DIR },
	{ "fs/bpf", MASK_DIR },
	{ "fs/fuse/connections", MASK_DIR },
	{ "fs/pstore", MASK_DIR },
	{ "devices/virtual/powercap", MASK_DIR },
	{ "module", MASK_DIR },
};

/* fsopen(2): not in every libc. */
static int
mask_fsopen(const char *fs, unsigned flags)
{
	return (int)syscall(SYS_fsopen, fs, flags);
}

/* fsconfig(2). */
static int
mask_fsconfig(int fd, unsigned cmd, const char *key, const void *val,
    int aux)
{
	return (int)syscall(SYS_fsconfig, fd, cmd, key, val, aux);
}

/* fsmount(2). */
static int
mask_fsmount(int fd, unsigned flags, unsigned attrs)
{
	return (int)syscall(SYS_fsmount, fd, flags, attrs);
}

/* Opens path beneath dirfd without following any symlink or mount. */
static int
mask_open_beneath(int dirfd, const char *path)
{
	struct open_how how = {
		/* no O_NOFOLLOW: with it a final symlink would be opened
		 * itself; without it RESOLVE_NO_SYMLINKS refuses it (ELOOP) */
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
		    RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV,
	};
	int fd = compat_openat2(dirfd, path, &how);

	return fd < 0 ? -errno : fd;
}

/*
 * Opens the host's /dev/null as a mask source and checks that it is the
 * null character device (1:3): a planted file or a device swapped for a
 * procfs file would otherwise be bound over the target (CVE-2025-31133).
 */
static int
mask_open_null(void)
{
	_cleanup_close_ int fd = -1;
	struct stat st;

	fd = open("/dev/null", O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISCHR(st.st_mode) || major(st.st_rdev) != 1 ||
	    minor(st.st_rdev) != 3)
		return -EPERM;
	return TAKE_FD(fd);
}

/* A new empty tmpfs, read-only, as a detached mount fd. */
static int
mask_empty_tmpfs(void)
{
	_cleanup_close_ int fs = -1;
	int mnt;

	fs = mask_fsopen("tmpfs", FSOPEN_CLOEXEC);
	if (fs < 0)
		return -errno;
	if (mask_fsconfig(fs, FSCONFIG_SET_STRING, "size", "4k", 0) < 0 ||
	    mask_fsconfig(fs, FSCONFIG_SET_STRING, "nr_inodes", "2", 0) < 0 ||
	    mask_fsconfig(fs, FSCONFIG_SET_STRING, "mode", "0555", 0) < 0 ||
	    mask_fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return -errno;
	mnt = mask_fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY |
	    MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
	return mnt < 0 ? -errno : mnt;
}

/* Makes the tree at target (an O_PATH fd) a read-only bind of itself. */
static int
mask_rdonly(int target)
{
	_cleanup_close_ int clone = -1;
	struct compat_mount_attr attr = {
		.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
		    MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC,
	};

	clone = compat_open_tree(target, "", OPEN_TREE_CLONE |
	    OPEN_TREE_CLOEXEC | AT_EMPTY_PATH | AT_RECURSIVE);
	if (clone < 0)
		return -errno;
	if (compat_mount_setattr(clone, "", AT_EMPTY_PATH | AT_RECURSIVE,
	    &attr) < 0)
		return -errno;
	if (compat_move_mount(clone, "", target, "", MOVE_MOUNT_F_EMPTY_PATH |
	    MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return -errno;
	return 0;
}

/* Attaches a clone of the mount src over target. */
static int
mask_cover(int src, int target)
{
	_cleanup_close_ int clone = -1;

	clone = compat_open_tree(src, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC |
	    AT_EMPTY_PATH);
	if (clone < 0)
		return -errno;
	if (compat_move_mount(clone, "", target, "", MOVE_MOUNT_F_EMPTY_PATH |
	    MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return -errno;
	return 0;
}

/* Attaches a new empty read-only tmpfs over the directory target. */
static int
mask_cover_tmpfs(int target)
{
	_cleanup_close_ int mnt = -1;

	mnt = mask_empty_tmpfs();
	if (mnt < 0)
		return mnt;
	if (compat_move_mount(mnt, "", target, "", MOVE_MOUNT_F_EMPTY_PATH |
	    MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return -errno;
	return 0;
}

/* Applies one entry; a path the kernel does not have is skipped. */
static int
mask_one(int dirfd, const struct mask_entry *e, int *null_fd)
{
	_cleanup_close_ int target = -1;
	struct stat st;

	target = mask_open_beneath(dirfd, e->path);
	if (target == -ENOENT)
		return 0;
	if (target < 0)
		return target;
	if (fstat(target, &st) < 0)
		return -errno;
	if (S_ISLNK(st.st_mode))
		return -ELOOP;
	switch (e->how) {
	case MASK_RDONLY:
		return mask_rdonly(target);
	case MASK_FILE:
		if (S_ISDIR(st.st_mode))
			return -EISDIR;
		if (*null_fd < 0 && (*null_fd = mask_open_null()) < 0)
			return *null_fd;
		return mask_cover(*null_fd, target);
	case MASK_DIR:
		if (!S_ISDIR(st.st_mode))
			return -ENOTDIR;
		/*
		 * A directory the jail cannot open at all would be cleaner,
		 * but tools walk /proc and /sys and must find directories;
		 * an empty read-only tmpfs hides the contents and takes no
		 * writes.  A fresh instance per directory (attached as is)
		 * works on kernels that cannot clone detached mounts.
		 */
		return mask_cover_tmpfs(target);
	}
	return -EINVAL;
}

/* Applies a table of masks below dirfd; names the failing path. */
static int
mask_apply(int dirfd, const char *prefix, const struct mask_entry *tab,
    size_t n, char **ret_msg)
{
	_cleanup_close_ int null_fd = -1;
	int r;

	for (size_t i = 0; i < n; i++) {
		r = mask_one(dirfd, &tab[i], &null_fd);
		if (r < 0) {
			if (ret_msg != NULL)
				*ret_msg = xasprintf("%s/%s: %s", prefix,
				    tab[i].path, strerror(-r));
			return r;
		}
	}
	return 0;
}

/* Masks the jail's procfs; see mask.h. */
int
mask_apply_proc(int proc_dirfd, char **ret_msg)
{
	return mask_apply(proc_dirfd, "/proc", mask_proc,
	    ARRAY_SIZE(mask_proc), ret_msg);
}

/* Masks the jail's sysfs; see mask.h. */
int
mask_apply_sys(int sys_dirfd, char **ret_msg)
{
	return mask_apply(sys_dirfd, "/sys", mask_sys, ARRAY_SIZE(mask_sys),
	    ret_msg);
}
