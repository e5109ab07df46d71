/*
 * mask.h - what a jail must not see or write under /proc and /sys.
 * CONTRACT: fs_setup_root() calls these right after mounting procfs
 * (or sysfs) at the given directory fd, before pivot_root.  Owner: sec.
 */
#ifndef LJAIL_MASK_H
#define LJAIL_MASK_H

/* Makes /proc/sys, sysrq-trigger etc. read-only and masks info files. */
int mask_apply_proc(int proc_dirfd, char **ret_msg);
/* Masks writable /sys knobs (uevent_helper...) of a read-only sysfs. */
int mask_apply_sys(int sys_dirfd, char **ret_msg);

#endif
