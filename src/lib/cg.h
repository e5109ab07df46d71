/*
 * cg.h - the cgroup v2 of a jail: created before its first process,
 * entered at birth (clone3 CLONE_INTO_CGROUP), limits written from rctl
 * rules, usage read back, removed with the jail.
 * CONTRACT owner: cg.
 *
 * Every jail's cgroup is PARENT/JID, PARENT being (the first that holds)
 *	$LJAIL_CGROUP			(an absolute path, tests use it)
 *	/sys/fs/cgroup/ljail.slice	root
 *	/sys/fs/cgroup/DIR/ljail.slice	rootless, DIR the parent of the
 *					caller's own cgroup (the delegated
 *					subtree: systemd Delegate=yes)
 * ljail writes only below PARENT, which it creates itself, and never
 * moves a process: processes are born into a jail's cgroup by clone3.
 * A cgroup whose jid has no registry record is stale (a killed ljail)
 * and removed by the next creation; one that still holds processes is
 * left alone.
 */
#ifndef LJAIL_CG_H
#define LJAIL_CG_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "rctl.h"

/* The controllers rules use, in the order messages name them. */
#define CG_CONTROLLERS "memory", "pids", "cpu", "io"

/* Whether /sys/fs/cgroup is a cgroup v2 (unified) hierarchy. */
bool cg_is_v2(void);
/* The parent directory of jails' cgroups (see above), malloc'd. */
char *cg_parent(void);
/*
 * Whether the controllers the limits need can be used for jails: 0, or
 * -EOPNOTSUPP and *ret_msg one line naming the first missing controller
 * and the fix (cgroup v1 host, controller not enabled or not delegated).
 */
int cg_check(const struct rctl_limits *l, char **ret_msg);
/*
 * Creates jail jid's cgroup (a stale one of that jid first removed) with
 * the controllers the parent offers, and opens it for CLONE_INTO_CGROUP
 * (ret_fd may be NULL).
 */
int cg_create(int jid, int *ret_fd);
/*
 * Writes the limits into jail jid's cgroup ("max" where none, so that a
 * removed rule is lifted); path is the jail's root, whose block device
 * io.max names.  On error *ret_msg says which file and why.
 */
int cg_set_limits(int jid, const struct rctl_limits *l, const char *path,
    char **ret_msg);
/* Whether jail jid has a cgroup. */
bool cg_exists(int jid);
/* Removes jail jid's cgroup once empty (waits up to a second). */
int cg_remove(int jid);
/*
 * Removes the empty cgroups under the parent whose jail is_live() says
 * is gone (rmdir leaves a cgroup with processes alone).
 */
void cg_sweep(bool (*is_live)(int jid, void *arg), void *arg);
/* The processes in jail jid's cgroup. */
int cg_procs(int jid, pid_t **ret, size_t *ret_n);

/* Usage of a jail's cgroup, as counted by the kernel. */
struct cg_usage {
	uint64_t cpu_usec;	/* cpu.stat usage_usec */
	uint64_t memory;	/* memory.current */
	uint64_t swap;		/* memory.swap.current */
	uint64_t pids;		/* pids.current */
	uint64_t io[4];		/* io.stat rbytes, wbytes, rios, wios */
};
int cg_usage(int jid, struct cg_usage *ret);

#endif
