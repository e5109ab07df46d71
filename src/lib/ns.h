/*
 * ns.h - Linux namespaces and user-id maps for a jail: which namespaces a
 * jail gets, the clone3() that makes its PID 1, the id maps the parent
 * writes, the idmapped copy of the jail root, and joining a live jail.
 * CONTRACT owner: core (jail_/ns_/init_).
 */
#ifndef LJAIL_NS_H
#define LJAIL_NS_H

#include <stdbool.h>
#include <sys/types.h>

#include "conf.h"

/* Size of the id range a jail gets when ljail runs as root. */
#define NS_IDMAP_COUNT 65536U

/*
 * The CLONE_NEW* flags of a jail: user, mount, PID and cgroup always;
 * UTS unless host=inherit; IPC unless System V IPC is inherited
 * (allow.sysvipc, or sysvmsg, sysvsem and sysvshm all "inherit"); network
 * unless ip4 or ip6 is "inherit" (and vnet is not "new").
 */
unsigned long ns_jail_flags(const struct conf_jail *j);

/*
 * clone3() with the given CLONE_NEW* flags and CLONE_PIDFD: like fork(),
 * returns 0 in the child and the child's pid in the parent, where
 * *ret_pidfd gets a pidfd on the child.  -errno on failure.
 */
pid_t ns_clone(unsigned long flags, int *ret_pidfd);
/* ns_clone() with CLONE_INTO_CGROUP when cgroup_fd >= 0 (clone3 only). */
pid_t ns_clone_into(unsigned long flags, int cgroup_fd, int *ret_pidfd);

/* Writes uid_map/gid_map (and setgroups) of a child's user namespace. */
int ns_write_idmap(pid_t pid, uid_t host_base, unsigned count);
/* Rootless map: jail root = the caller, nothing else mapped. */
int ns_write_idmap_self(pid_t pid, uid_t uid, gid_t gid);

/*
 * Jails inside a jail.  ns_in_jail() tells whether the caller's user
 * namespace is not the initial one; a jail made from there shares its
 * parent's ids as FreeBSD's nested jails do (ns_write_idmap_inherit
 * maps each of our ranges onto itself: no private range, no idmap).
 * children.max is also the kernel's max_user_namespaces of the jail's
 * user namespace (ns_set_userns_limit, called in the jail); a nested
 * ljail reads it back with ns_userns_limit().
 */
bool ns_in_jail(void);
int ns_write_idmap_inherit(pid_t pid);
int ns_set_userns_limit(long long max);
long long ns_userns_limit(void);

/*
 * Clones the tree at path (recursively, detached) and idmaps it through
 * the user namespace of pid, so that host id 0 on disk is the jail's
 * root.  -EINVAL/-EOPNOTSUPP/-ENOSYS/-EPERM when the kernel or a file
 * system underneath cannot idmap.
 */
int ns_idmap_tree(const char *path, pid_t pid, int *ret_fd);

/*
 * Reads what /proc/self says of our user namespace (whether setgroups is
 * denied, as in a rootless jail and every jail made inside one) while it
 * still can: after setns() into a jail's mount namespace, /proc is the
 * jail's, where the caller has no /proc/self.  Otherwise read on first use.
 */
void ns_remember_self(void);

/*
 * In a process that has just entered (or created) a user namespace:
 * becomes its uid/gid 0, and (unless rootless, where the map denies
 * setgroups) drops every supplementary group.
 */
int ns_become_root(bool rootless);

/* The namespaces (CLONE_NEW* flags) of pid that differ from ours. */
int ns_differing(pid_t pid, unsigned long *ret_flags);

/*
 * Joins the namespaces in flags of the process behind pidfd in one
 * setns(); the PID namespace applies to children only (fork after).
 */
int ns_enter(int pidfd, unsigned long flags);

#endif
