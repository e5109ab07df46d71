/*
 * ns.c - PLACEHOLDER until the ns module lands: every function fails with
 * -ENOSYS (or does nothing where nothing is a safe answer).  The owner
 * replaces this file wholesale.
 */
#include "config.h"

#include <errno.h>

#include "ns.h"

int
ns_write_idmap(pid_t pid, uid_t host_base, unsigned count)
{
	return -ENOSYS;
}

int
ns_write_idmap_self(pid_t pid, uid_t uid, gid_t gid)
{
	return -ENOSYS;
}
