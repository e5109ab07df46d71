/*
 * mask.c - PLACEHOLDER until the mask module lands: every function fails with
 * -ENOSYS (or does nothing where nothing is a safe answer).  The owner
 * replaces this file wholesale.
 */
#include "config.h"

#include <errno.h>

#include "mask.h"

int
mask_apply_proc(int proc_dirfd, char **ret_msg)
{
	return -ENOSYS;
}

int
mask_apply_sys(int sys_dirfd, char **ret_msg)
{
	return -ENOSYS;
}
