/*
 * jail.c - PLACEHOLDER until the jail module lands: every function fails with
 * -ENOSYS (or does nothing where nothing is a safe answer).  The owner
 * replaces this file wholesale.
 */
#include "config.h"

#include <errno.h>

#include <stdio.h>

#include "jail.h"

int
jail_run(const struct jail_request *req)
{
	fprintf(stderr, "ljail: creating jails is not built yet\n");
	return 1;
}

int
jail_enter(const struct jail_handle *h)
{
	return -ENOSYS;
}

void
jail_handle_free(struct jail_handle *h)
{
}
