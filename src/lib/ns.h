/*
 * ns.h - Linux namespaces and user-id maps for a jail.
 * CONTRACT owner: core (jail_/ns_/init_).
 */
#ifndef LJAIL_NS_H
#define LJAIL_NS_H

#include <stdbool.h>
#include <sys/types.h>

/* Size of the id range a jail gets when ljail runs as root. */
#define NS_IDMAP_COUNT 65536U

/* Writes uid_map/gid_map (and setgroups) of a child's user namespace. */
int ns_write_idmap(pid_t pid, uid_t host_base, unsigned count);
/* Rootless map: jail root = the caller, nothing else mapped. */
int ns_write_idmap_self(pid_t pid, uid_t uid, gid_t gid);

#endif
