/*
 * jail_rctl.h - rctl rules applied to jails: ljrctl's operations (add,
 * remove, show, usage) and the steps of a jail's creation and removal
 * that give it its cgroup and limits.  Syntax and storage are rctl's,
 * the cgroup is cg's; this is where they meet the registry.
 * CONTRACT owner: jail_rctl.  Front end: ljrctl.
 *
 * The operations return 0 or -errno; on error *ret_msg is the line to
 * print after "ljrctl: " (rctl(8)'s wording), on success *ret_text (for
 * show and usage) the lines to print.
 */
#ifndef LJAIL_JAIL_RCTL_H
#define LJAIL_JAIL_RCTL_H

#include <stdbool.h>

struct jail_state;

/*
 * Adds a rule to the store; if the jail runs, its limits change at once.
 * Refused (nothing stored) when this host cannot enforce it.
 */
int jail_rctl_add(const char *rule, char **ret_msg);
/* Removes the stored rules matching filter; running jails follow. */
int jail_rctl_remove(const char *filter, char **ret_msg);
/*
 * The stored rules matching filter; all: with those of rctl.conf (what
 * a jail created now would get, ljrctl -l).
 */
int jail_rctl_show(const char *filter, bool human, bool all, char **ret_text,
    char **ret_msg);
/* Usage of a running jail, "resource=value" lines in FreeBSD's order. */
int jail_rctl_usage(const char *filter, bool human, char **ret_text,
    char **ret_msg);

/*
 * Creation step "rctl", before the clone: reads the jail's rules (the
 * store, then rctl.conf), refuses them where they cannot be enforced,
 * creates the jail's cgroup and writes its limits.  Prints its errors.
 */
int jail_rctl_setup(struct jail_state *st);
/* Its undo: removes the cgroup (the jail is dead by then). */
void jail_rctl_undo(struct jail_state *st);
/*
 * The jail's cgroup opened for CLONE_INTO_CGROUP, or -1 if it has none
 * (INT_MAX, a bad fd, if it has one that cannot be opened).
 */
int jail_rctl_cgroup_fd(const struct jail_state *st);
/* After the clone, before init runs: its rlimits.  Prints its errors. */
int jail_rctl_spawned(struct jail_state *st);
/* After removal (init gone): the cgroup goes. */
void jail_rctl_removed(struct jail_state *st);

struct jail_handle;
/*
 * For a process about to enter jail h (jail_enter): lowers its own
 * rlimits to the jail's rules and returns the jail's cgroup opened for
 * CLONE_INTO_CGROUP, or -1 if the jail has none (INT_MAX if it cannot
 * be opened, so that the clone fails).
 */
int jail_rctl_enter(const struct jail_handle *h);

#endif
