/*
 * fs.c - PLACEHOLDER until the fs module lands: every function fails with
 * -ENOSYS (or does nothing where nothing is a safe answer).  The owner
 * replaces this file wholesale.
 */
#include "config.h"

#include <errno.h>

#include "fs.h"

int
fs_check(const struct conf_jail *j, char **ret_msg)
{
	return 0;
}

int
fs_setup_root(const struct conf_jail *j, int root_fd, char **ret_msg)
{
	return -ENOSYS;
}
