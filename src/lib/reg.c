/*
 * reg.c - PLACEHOLDER until the reg module lands: every function fails with
 * -ENOSYS (or does nothing where nothing is a safe answer).  The owner
 * replaces this file wholesale.
 */
#include "config.h"

#include <errno.h>

#include "reg.h"

int
reg_open(struct reg **ret)
{
	return -ENOSYS;
}

void
reg_close(struct reg *r)
{
}

int
reg_lock(struct reg *r)
{
	return -ENOSYS;
}

void
reg_unlock(struct reg *r)
{
}

int
reg_reserve(struct reg *r, struct reg_jail *j)
{
	return -ENOSYS;
}

int
reg_update(struct reg *r, const struct reg_jail *j)
{
	return -ENOSYS;
}

int
reg_delete(struct reg *r, int jid)
{
	return -ENOSYS;
}

int
reg_list(struct reg *r, struct reg_jail ***ret, size_t *ret_n)
{
	return -ENOSYS;
}

int
reg_find(struct reg *r, const char *key, struct reg_jail **ret)
{
	return -ENOSYS;
}

int
reg_open_init(const struct reg_jail *j, int *ret_pidfd)
{
	return -ENOSYS;
}

void
reg_jail_free(struct reg_jail *j)
{
}

void
reg_jail_list_free(struct reg_jail **v, size_t n)
{
}
