/*
 * ns.c - namespaces and id maps of a jail (see ns.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compat.h"
#include "conf.h"
#include "ns.h"
#include "param.h"
#include "util.h"

/* The namespaces a jail can have, with their /proc/PID/ns names. */
static const struct {
	unsigned long flag;
	const char *name;
} ns_table[] = {
	{ CLONE_NEWUSER, "user" },
	{ CLONE_NEWNS, "mnt" },
	{ CLONE_NEWPID, "pid" },
	{ CLONE_NEWUTS, "uts" },
	{ CLONE_NEWIPC, "ipc" },
	{ CLONE_NEWNET, "net" },
	{ CLONE_NEWCGROUP, "cgroup" },
};

/* True if the jail shares the host's System V IPC. */
static bool
ns_ipc_inherited(const struct conf_jail *j)
{
	static const enum param_id sysv[] = { P_SYSVMSG, P_SYSVSEM, P_SYSVSHM };
	size_t i;

	if (conf_jail_bool(j, P_ALLOW_SYSVIPC))
		return true;
	/*
	 * Linux has one IPC namespace for the three object kinds: share the
	 * host's only when all three say inherit, else a private one (a
	 * "disable" one is then closed by the seccomp filter).
	 */
	for (i = 0; i < ARRAY_SIZE(sysv); i++)
		if (!conf_jail_has(j, sysv[i]) ||
		    conf_jail_jailsys(j, sysv[i]) != JAILSYS_INHERIT)
			return false;
	return true;
}

/* Chooses the namespaces of a jail from its parameters. */
unsigned long
ns_jail_flags(const struct conf_jail *j)
{
	unsigned long flags;
	bool vnet;

	flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWCGROUP;
	if (conf_jail_jailsys(j, P_HOST) != JAILSYS_INHERIT ||
	    conf_jail_has(j, P_HOST_HOSTNAME) ||
	    conf_jail_has(j, P_HOST_DOMAINNAME))
		flags |= CLONE_NEWUTS;
	if (!ns_ipc_inherited(j))
		flags |= CLONE_NEWIPC;
	vnet = conf_jail_has(j, P_VNET) &&
	    conf_jail_jailsys(j, P_VNET) == JAILSYS_NEW;
	/* ip4=inherit is FreeBSD's "all host addresses": the host stack. */
	if (vnet ||
	    !((conf_jail_has(j, P_IP4) &&
	    conf_jail_jailsys(j, P_IP4) == JAILSYS_INHERIT) ||
	    (conf_jail_has(j, P_IP6) &&
	    conf_jail_jailsys(j, P_IP6) == JAILSYS_INHERIT)))
		flags |= CLONE_NEWNET;
	return flags;
}

/* Forks into new namespaces with clone3(), with a pidfd. */
pid_t
ns_clone(unsigned long flags, int *ret_pidfd)
{
	return ns_clone_into(flags, -1, ret_pidfd);
}

/* ns_clone(), the child born in the cgroup cgroup_fd (if >= 0). */
pid_t
ns_clone_into(unsigned long flags, int cgroup_fd, int *ret_pidfd)
{
	struct compat_clone_args args;
	int pidfd = -1;
	pid_t pid;

	memset(&args, 0, sizeof(args));
	args.flags = flags | CLONE_PIDFD;
	args.pidfd = (uint64_t)(uintptr_t)&pidfd;
	args.exit_signal = SIGCHLD;
	/*
	 * Born in the jail's cgroup: no process of the jail ever runs
	 * outside its limits, and nothing is moved between cgroups.
	 */
	if (cgroup_fd >= 0) {
		args.flags |= CLONE_INTO_CGROUP;
		args.cgroup = (uint64_t)cgroup_fd;
	}
	pid = compat_clone3(&args);
	/* clone(2) cannot enter a cgroup: no fallback then. */
	if (pid < 0 && cgroup_fd >= 0)
		return -errno;
	/*
	 * A jail's filter answers clone3 with ENOSYS (seccomp cannot read
	 * its flags); clone(2), whose flags it can read, then gives the
	 * real answer: EPERM when the jail may not make jails.  clone(2)
	 * returns the pidfd through its parent_tid argument, the third on
	 * every architecture but s390, where the first two are swapped.
	 */
	if (pid < 0 && errno == ENOSYS) {
#if defined(__s390__) || defined(__s390x__)
		pid = (pid_t)syscall(SYS_clone, 0L, flags | CLONE_PIDFD |
		    SIGCHLD, &pidfd, NULL, 0L);
#else
		pid = (pid_t)syscall(SYS_clone, flags | CLONE_PIDFD | SIGCHLD,
		    NULL, &pidfd, NULL, 0L);
#endif
	}
	if (pid < 0)
		return -errno;
	if (pid > 0)
		*ret_pidfd = pidfd;
	return pid;
}

/* Writes one /proc/PID/FILE of a child. */
static int
ns_write_proc(pid_t pid, const char *file, const char *data)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	return util_write_file(path, data);
}

/* Maps a child's ids 0..count-1 onto host_base. */
int
ns_write_idmap(pid_t pid, uid_t host_base, unsigned count)
{
	char map[64];
	int r;

	snprintf(map, sizeof(map), "0 %lu %u\n", (unsigned long)host_base,
	    count);
	r = ns_write_proc(pid, "uid_map", map);
	if (r < 0)
		return r;
	return ns_write_proc(pid, "gid_map", map);
}

/* Maps a child's root onto the caller, nothing else. */
int
ns_write_idmap_self(pid_t pid, uid_t uid, gid_t gid)
{
	char map[64];
	int r;

	/*
	 * An unprivileged writer must deny setgroups before gid_map
	 * (CVE-2014-8989: dropping groups could bypass negative group
	 * permissions).
	 */
	r = ns_write_proc(pid, "setgroups", "deny");
	if (r < 0)
		return r;
	snprintf(map, sizeof(map), "0 %lu 1\n", (unsigned long)uid);
	r = ns_write_proc(pid, "uid_map", map);
	if (r < 0)
		return r;
	snprintf(map, sizeof(map), "0 %lu 1\n", (unsigned long)gid);
	return ns_write_proc(pid, "gid_map", map);
}

/* Tells whether the caller's user namespace is not the initial one. */
bool
ns_in_jail(void)
{
	_cleanup_free_ char *map = NULL;
	unsigned long in, out, count;
	size_t len;
	int n;

	if (util_read_file("/proc/self/uid_map", &map, &len) < 0)
		return false;
	/* The initial namespace maps every id onto itself, in one line. */
	n = sscanf(map, "%lu %lu %lu", &in, &out, &count);
	return !(n == 3 && in == 0 && out == 0 && count == 4294967295UL &&
	    strchr(map, '\n') == map + len - 1);
}

/*
 * Turns one of our /proc/self/{uid,gid}_map files into the same ranges
 * mapped onto themselves: "inside outside count" -> "inside inside count".
 */
static char *
ns_inherit_map(const char *file)
{
	_cleanup_free_ char *map = NULL, *out = xstrdup("");
	unsigned long in, host, count;
	char path[32];
	size_t len;

	snprintf(path, sizeof(path), "/proc/self/%s", file);
	if (util_read_file(path, &map, &len) < 0)
		return NULL;
	for (char *line = map; *line != '\0'; ) {
		char *next = strchr(line, '\n'), *more;

		if (sscanf(line, "%lu %lu %lu", &in, &host, &count) == 3) {
			more = xasprintf("%s%lu %lu %lu\n", out, in, in, count);
			free(out);
			out = more;
		}
		if (next == NULL)
			break;
		line = next + 1;
	}
	if (*out == '\0')
		return NULL;
	return TAKE_PTR(out);
}

/* Maps a child's ids onto ours, range by range (a jail inside a jail). */
int
ns_write_idmap_inherit(pid_t pid)
{
	_cleanup_free_ char *uids = ns_inherit_map("uid_map");
	_cleanup_free_ char *gids = ns_inherit_map("gid_map");
	int r;

	if (uids == NULL || gids == NULL)
		return -EINVAL;
	r = ns_write_proc(pid, "uid_map", uids);
	if (r < 0)
		return r;
	return ns_write_proc(pid, "gid_map", gids);
}

#define NS_USERNS_LIMIT "/proc/sys/user/max_user_namespaces"

/* Sets the caller's user namespace's limit on user namespaces below it. */
int
ns_set_userns_limit(long long max)
{
	char buf[24];

	if (max < 0)
		max = 0;
	if (max > INT_MAX)
		max = INT_MAX;
	snprintf(buf, sizeof(buf), "%lld\n", max);
	return util_write_file(NS_USERNS_LIMIT, buf);
}

/* That limit as set for the caller's user namespace; -errno if unknown. */
long long
ns_userns_limit(void)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	long long v;
	int r = util_read_file(NS_USERNS_LIMIT, &buf, &len);

	if (r < 0)
		return r;
	if (sscanf(buf, "%lld", &v) != 1 || v < 0)
		return -EINVAL;
	return v;
}

/* Makes an idmapped detached copy of a tree for a child's user namespace. */
int
ns_idmap_tree(const char *path, pid_t pid, int *ret_fd)
{
	_cleanup_close_ int tree = -1;
	_cleanup_close_ int userns = -1;
	struct compat_mount_attr attr;
	char nspath[64];

	snprintf(nspath, sizeof(nspath), "/proc/%d/ns/user", (int)pid);
	userns = open(nspath, O_RDONLY | O_CLOEXEC);
	if (userns < 0)
		return -errno;
	tree = compat_open_tree(AT_FDCWD, path,
	    OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
	if (tree < 0)
		return -errno;
	memset(&attr, 0, sizeof(attr));
	attr.attr_set = MOUNT_ATTR_IDMAP;
	attr.userns_fd = (uint64_t)userns;
	if (compat_mount_setattr(tree, "", AT_EMPTY_PATH | AT_RECURSIVE,
	    &attr) < 0)
		return -errno;
	*ret_fd = TAKE_FD(tree);
	return 0;
}

/*
 * Tells whether setgroups is denied in our user namespace: inside a
 * rootless jail it is, for good, and so in every jail made inside it.
 */
static int ns_groups_denied = -1;

void
ns_remember_self(void)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;

	ns_groups_denied = util_read_file("/proc/self/setgroups", &buf,
	    &len) == 0 && strncmp(buf, "deny", 4) == 0;
}

static bool
ns_setgroups_denied(void)
{
	if (ns_groups_denied < 0)
		ns_remember_self();
	return ns_groups_denied > 0;
}

/* Becomes root of the current user namespace. */
int
ns_become_root(bool rootless)
{
	if (setresgid(0, 0, 0) < 0)
		return -errno;
	/*
	 * As root the host's supplementary groups (gid 0 among them) must
	 * not follow us in: they would still count on host files.  A
	 * rootless map denies setgroups; the caller's groups stay then, as
	 * they would outside.  Root entering a user's jail that denies it
	 * has dropped them before (jail_enter): nothing is left to drop.
	 */
	if (!rootless && setgroups(0, NULL) < 0 && !ns_setgroups_denied() &&
	    getgroups(0, NULL) != 0)
		return -errno;
	if (setresuid(0, 0, 0) < 0)
		return -errno;
	return 0;
}

/* Lists the namespaces of pid that are not the caller's. */
int
ns_differing(pid_t pid, unsigned long *ret_flags)
{
	unsigned long flags = 0;
	struct stat self, other;
	char path[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ns_table); i++) {
		snprintf(path, sizeof(path), "/proc/self/ns/%s",
		    ns_table[i].name);
		if (stat(path, &self) < 0)
			return -errno;
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid,
		    ns_table[i].name);
		if (stat(path, &other) < 0)
			return -errno;
		if (self.st_ino != other.st_ino || self.st_dev != other.st_dev)
			flags |= ns_table[i].flag;
	}
	*ret_flags = flags;
	return 0;
}

/* Joins namespaces of a process through its pidfd. */
int
ns_enter(int pidfd, unsigned long flags)
{
	if (setns(pidfd, (int)flags) < 0)
		return -errno;
	return 0;
}

/* Runs fn in a helper inside pidfd's namespaces, collects its output. */
int
ns_run_forked(int pidfd, unsigned long flags, int (*fn)(int out, void *arg),
    void *arg, char **ret_buf, size_t *ret_len)
{
	_cleanup_free_ char *buf = NULL;
	int pfd[2], status;
	size_t len = 0;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -errno;
	}
	if (pid == 0) {
		close(pfd[0]);
		_exit(setns(pidfd, (int)flags) < 0 || fn(pfd[1], arg) < 0 ?
		    1 : 0);
	}
	close(pfd[1]);
	for (;;) {
		ssize_t n;

		buf = xrealloc(buf, len + 4097);
		n = read(pfd[0], buf + len, 4096);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -EPERM;
	*ret_buf = TAKE_PTR(buf);
	*ret_len = len;
	return 0;
}

/* In ns_run_forked's helper: writes uname()'s names. */
static int
ns_write_uts(int out, void *arg)
{
	struct utsname u;

	(void)arg;
	if (uname(&u) < 0)
		return -errno;
	return write(out, &u, sizeof(u)) == (ssize_t)sizeof(u) ? 0 : -EIO;
}

/* In a forked helper: joins pidfd's user and UTS namespaces, uname. */
static int
ns_read_uts_forked(int pidfd, struct utsname *ret)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	/* The jail's user namespace holds the right over its UTS. */
	r = ns_run_forked(pidfd, CLONE_NEWUSER | CLONE_NEWUTS, ns_write_uts,
	    NULL, &buf, &len);
	if (r < 0)
		return r;
	if (len != sizeof(*ret))
		return -EPERM;
	memcpy(ret, buf, sizeof(*ret));
	return 0;
}

/* Reads the names of the UTS namespace of pidfd's process (see ns.h). */
int
ns_read_uts(pid_t pid, int pidfd, struct utsname *ret)
{
	_cleanup_close_ int own = -1;
	struct stat self, other;
	struct utsname u;
	char path[64];
	int r;

	snprintf(path, sizeof(path), "/proc/%d/ns/uts", (int)pid);
	own = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
	if (own < 0 || fstat(own, &self) < 0 || stat(path, &other) < 0)
		return -errno;
	if (self.st_ino == other.st_ino && self.st_dev == other.st_dev)
		return 1;
	/*
	 * Root holds CAP_SYS_ADMIN over every jail's namespaces: a setns
	 * there and back, no process.  Otherwise (rootless) only a helper
	 * that joins the jail's user namespace may enter, for good.
	 */
	if (setns(pidfd, CLONE_NEWUTS) < 0)
		return ns_read_uts_forked(pidfd, ret);
	r = uname(&u) < 0 ? -errno : 0;
	/* Staying in the jail's namespace would falsify what follows. */
	if (setns(own, CLONE_NEWUTS) < 0)
		abort();
	if (r == 0)
		*ret = u;
	return r;
}
