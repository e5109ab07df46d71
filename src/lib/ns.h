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
#include <sys/utsname.h>

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
 * A rootless jail's own users.  When the administrator gave the caller
 * subordinate ids (/etc/subuid and /etc/subgid, keyed by user name or
 * uid) and shadow's set-user-ID helpers newuidmap/newgidmap (package
 * uidmap) are installed, jail root is still the caller but jail ids
 * 1..count map onto the ranges, so exec.jail_user, chown and daemons
 * that drop privileges work.  ljail itself stays unprivileged: the
 * helpers check the ranges.  Without them only root is mapped.
 */
struct ns_subids {
	unsigned long uid_start;
	unsigned long gid_start;
	unsigned long count;	/* ids besides root, < NS_IDMAP_COUNT */
};

enum ns_subid_state {
	NS_SUBID_OK,		/* ranges and helpers: a full map */
	NS_SUBID_NONE,		/* no range for the caller */
	NS_SUBID_NO_HELPER,	/* ranges, but newuidmap/newgidmap missing */
	NS_SUBID_BAD_HELPER,	/* ranges, helpers that cannot raise
				   privileges (not set-user-ID root, no
				   file capability, or a nosuid mount) */
};

/*
 * The largest range of file (an /etc/subuid-style file) for the user
 * called name or numbered id: 0, or -ENOENT when there is none.
 */
int ns_subid_find(const char *file, const char *name, unsigned long id,
    unsigned long *ret_start, unsigned long *ret_count);
/*
 * The caller's ranges from etc/subuid and etc/subgid (etc is "/etc"
 * but in tests) and whether the helpers are on PATH and usable.
 */
enum ns_subid_state ns_subids_lookup(const char *etc, const char *name,
    uid_t uid, struct ns_subids *ret);
/* That for the caller (its name from the user database). */
enum ns_subid_state ns_subids_self(struct ns_subids *ret);
/*
 * Writes a child's maps with newuidmap and newgidmap: 0 -> uid/gid,
 * 1..count -> the ranges.  On failure *ret_msg (may be NULL) says why
 * in one line (the helper's own message).
 */
int ns_write_idmap_subid(pid_t pid, uid_t uid, gid_t gid,
    const struct ns_subids *s, char **ret_msg);
/*
 * Why a rootless jail has only root, and the fix, in one line (no
 * trailing newline), for the state found and the user called name.
 */
char *ns_only_root_hint(enum ns_subid_state state, const char *name);
/*
 * Before joining a jail (host /proc and /etc still visible): remembers
 * whether its user namespace maps nothing but root and, if so, the
 * hint above.  ns_jail_only_root() then gives the hint, or NULL when
 * the jail has other ids.
 */
void ns_remember_jail(pid_t init_pid);
const char *ns_jail_only_root(void);

/*
 * What blocks or limits rootless jails on this machine, one line each
 * with its fix (NULL when nothing): the user namespace sysctls,
 * AppArmor's restriction of unprivileged user namespaces, subordinate
 * ids and their helpers, the registry's place without XDG_RUNTIME_DIR,
 * a /proc with mounts over it (a container).  root is "" but in tests,
 * where it is a directory standing for "/".  uid is the caller's: for
 * root only the user namespace limit and /proc count.
 */
char **ns_check_host(const char *root, uid_t uid);
/*
 * The line of ns_check_host() that stops the caller's user namespaces
 * from working at all, or NULL: what a failed rootless creation says
 * instead of the errno of the step that met it.
 */
char *ns_userns_blocker(const char *root, uid_t uid);

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

/*
 * Reads the host and domain names in force in the UTS namespace of the
 * process pid (pidfd refers to it) into *ret: 0, or 1 if that namespace
 * is the caller's own (nothing read), or -errno.
 */
int ns_read_uts(pid_t pid, int pidfd, struct utsname *ret);
/*
 * Runs fn(out, arg) in a forked helper that has joined the namespaces
 * flags of pidfd's process (a rootless caller may join a jail's user
 * namespace only for good, so never in itself) and collects what fn
 * wrote to out: a new NUL-terminated buffer and its length.  fn returns
 * 0 or -errno; -EPERM if the helper could not join or fn failed.
 */
int ns_run_forked(int pidfd, unsigned long flags,
    int (*fn)(int out, void *arg), void *arg, char **ret_buf,
    size_t *ret_len);

#endif
