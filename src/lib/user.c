/*
 * user.c - PLACEHOLDER until the user module lands: every function fails with
 * -ENOSYS (or does nothing where nothing is a safe answer).  The owner
 * replaces this file wholesale.
 */
#include "config.h"

#include <errno.h>

#include <stddef.h>

#include "user.h"

int
user_lookup_jail(const char *name, struct user_info **ret)
{
	return -ENOSYS;
}

int
user_lookup_host(const char *name, struct user_info **ret)
{
	return -ENOSYS;
}

int
user_become(const struct user_info *u)
{
	return -ENOSYS;
}

char **
user_clean_env(const struct user_info *u)
{
	return NULL;
}

void
user_info_free(struct user_info *u)
{
}
