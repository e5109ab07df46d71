/*
 * net.c - PLACEHOLDER until the net module lands: every function fails with
 * -ENOSYS (or does nothing where nothing is a safe answer).  The owner
 * replaces this file wholesale.
 */
#include "config.h"

#include <errno.h>

#include "net.h"

int
net_check(const struct conf_jail *j, char **ret_msg)
{
	return 0;
}

int
net_setup(const struct conf_jail *j, int netns_fd, int jid, char **ret_msg)
{
	return -ENOSYS;
}

int
net_teardown(const struct conf_jail *j, int netns_fd, int jid)
{
	return 0;
}

int
net_lo_up(void)
{
	return -ENOSYS;
}
