/*
 * ns_rootless.c - what a jail made by an unprivileged user can have:
 * the caller's subordinate ids mapped through newuidmap/newgidmap, and
 * the one-line diagnoses of what blocks or limits rootless jails on a
 * machine (see ns.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "ns.h"
#include "util.h"

#ifndef NS_GET_OWNER_UID
#define NS_GET_OWNER_UID 0xb704	/* _IO(0xb7, 0x4), linux/nsfs.h */
#endif

/* Where the helpers are looked for when PATH is not set. */
#define NS_DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"

/* Picks the largest range for name or id out of an /etc/subuid file. */
int
ns_subid_find(const char *file, const char *name, unsigned long id,
    unsigned long *ret_start, unsigned long *ret_count)
{
	_cleanup_free_ char *buf = NULL;
	unsigned long best_start = 0, best_count = 0;
	size_t len;
	char *line, *next;

	if (util_read_file(file, &buf, &len) < 0)
		return -ENOENT;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		char owner[256];
		unsigned long start, count;
		bool mine;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (sscanf(line, "%255[^:]:%lu:%lu", owner, &start,
		    &count) != 3 || count == 0)
			continue;
		/* A line names the user or gives its uid (shadow takes both). */
		mine = (name != NULL && strcmp(owner, name) == 0) ||
		    (str_is_digits(owner) &&
		    strtoul(owner, NULL, 10) == id);
		if (mine && count > best_count) {
			best_start = start;
			best_count = count;
		}
	}
	if (best_count == 0)
		return -ENOENT;
	*ret_start = best_start;
	*ret_count = best_count;
	return 0;
}

/* Finds an executable helper on PATH; NULL if there is none. */
static char *
ns_helper_find(const char *prog)
{
	const char *path = getenv("PATH");
	_cleanup_free_ char *dirs = NULL;
	char *dir, *save = NULL;

	dirs = xstrdup(path != NULL ? path : NS_DEFAULT_PATH);
	for (dir = strtok_r(dirs, ":", &save); dir != NULL;
	    dir = strtok_r(NULL, ":", &save)) {
		_cleanup_free_ char *file = NULL;

		if (dir[0] != '/')
			continue;	/* never a helper relative to the cwd */
		file = xasprintf("%s/%s", dir, prog);
		if (access(file, X_OK) == 0)
			return TAKE_PTR(file);
	}
	return NULL;
}

/*
 * Tells whether a helper can do its work: newuidmap writes maps an
 * unprivileged process may not, so it must be set-user-ID root or carry
 * file capabilities (Fedora's), on a file system that honours them.
 */
static bool
ns_helper_usable(const char *file)
{
	struct statvfs vfs;
	struct stat st;

	if (stat(file, &st) < 0 || statvfs(file, &vfs) < 0)
		return false;
	if (vfs.f_flag & ST_NOSUID)
		return false;
	return ((st.st_mode & S_ISUID) && st.st_uid == 0) ||
	    getxattr(file, "security.capability", NULL, 0) > 0;
}

/* Reads the caller's ranges and whether the helpers are there. */
enum ns_subid_state
ns_subids_lookup(const char *etc, const char *name, uid_t uid,
    struct ns_subids *ret)
{
	_cleanup_free_ char *subuid = xasprintf("%s/subuid", etc);
	_cleanup_free_ char *subgid = xasprintf("%s/subgid", etc);
	_cleanup_free_ char *nuid = NULL, *ngid = NULL;
	unsigned long us, uc, gs, gc;

	/* /etc/subgid is keyed by the user too, not by a group. */
	if (ns_subid_find(subuid, name, uid, &us, &uc) < 0 ||
	    ns_subid_find(subgid, name, uid, &gs, &gc) < 0)
		return NS_SUBID_NONE;
	ret->uid_start = us;
	ret->gid_start = gs;
	ret->count = uc < gc ? uc : gc;
	/* Jail root is the caller: the ranges give ids 1 and up. */
	if (ret->count > NS_IDMAP_COUNT - 1)
		ret->count = NS_IDMAP_COUNT - 1;
	nuid = ns_helper_find("newuidmap");
	ngid = ns_helper_find("newgidmap");
	if (nuid == NULL || ngid == NULL)
		return NS_SUBID_NO_HELPER;
	if (!ns_helper_usable(nuid) || !ns_helper_usable(ngid))
		return NS_SUBID_BAD_HELPER;
	return NS_SUBID_OK;
}

/* The caller's login name, or NULL. */
static char *
ns_self_name(void)
{
	struct passwd *pw = getpwuid(geteuid());

	return pw != NULL ? xstrdup(pw->pw_name) : NULL;
}

/* Looks the caller's own ranges up. */
enum ns_subid_state
ns_subids_self(struct ns_subids *ret)
{
	_cleanup_free_ char *name = ns_self_name();

	return ns_subids_lookup("/etc", name, geteuid(), ret);
}

/* Runs one helper; its stderr becomes *ret_msg when it fails. */
static int
ns_run_helper(const char *prog, pid_t pid, unsigned long self,
    unsigned long start, unsigned long count, char **ret_msg)
{
	_cleanup_free_ char *file = ns_helper_find(prog);
	char a_pid[24], a_self[24], a_start[24], a_count[24], out[512];
	char *argv[] = { (char *)prog, a_pid, (char *)"0", a_self,
		(char *)"1", (char *)"1", a_start, a_count, NULL };
	int p[2], status;
	size_t got = 0;
	ssize_t n;
	pid_t child;

	if (file == NULL) {
		if (ret_msg != NULL)
			*ret_msg = xasprintf("%s: not found (package "
			    "uidmap)", prog);
		return -ENOENT;
	}
	snprintf(a_pid, sizeof(a_pid), "%d", (int)pid);
	snprintf(a_self, sizeof(a_self), "%lu", self);
	snprintf(a_start, sizeof(a_start), "%lu", start);
	snprintf(a_count, sizeof(a_count), "%lu", count);
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	child = fork();
	if (child < 0) {
		int e = errno;

		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (child == 0) {
		/* Its messages are ours to report, in one line. */
		if (dup2(p[1], STDERR_FILENO) < 0 ||
		    dup2(p[1], STDOUT_FILENO) < 0)
			_exit(127);
		execv(file, argv);
		_exit(127);
	}
	close(p[1]);
	while (got < sizeof(out) - 1) {
		n = read(p[0], out + got, sizeof(out) - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(p[0]);
	out[got] = '\0';
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	out[strcspn(out, "\n")] = '\0';
	if (ret_msg != NULL) {
		if (out[0] == '\0')
			*ret_msg = xasprintf("%s: exit status %d", prog,
			    WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
			    WTERMSIG(status));
		else if (str_has_prefix(out, prog))
			*ret_msg = xstrdup(out);
		else
			*ret_msg = xasprintf("%s: %s", prog, out);
	}
	return -EPERM;
}

/* Maps root onto the caller and 1..count onto the ranges, by the helpers. */
int
ns_write_idmap_subid(pid_t pid, uid_t uid, gid_t gid,
    const struct ns_subids *s, char **ret_msg)
{
	int r;

	/*
	 * newgidmap leaves setgroups allowed when it maps a subordinate
	 * range: the administrator who gave the range allowed the groups
	 * in it (shadow's rule; only a map of the caller's own gid gets
	 * "deny", CVE-2014-8989).
	 */
	r = ns_run_helper("newuidmap", pid, uid, s->uid_start, s->count,
	    ret_msg);
	if (r < 0)
		return r;
	return ns_run_helper("newgidmap", pid, gid, s->gid_start, s->count,
	    ret_msg);
}

/* Says why a rootless jail has only root, and how to get more. */
char *
ns_only_root_hint(enum ns_subid_state state, const char *name)
{
	const char *who = name != NULL ? name : "USER";

	switch (state) {
	case NS_SUBID_NONE:
		return xasprintf("a rootless jail without subordinate ids "
		    "has only root: an administrator can give %s a range "
		    "(usermod --add-subuids 100000-165535 --add-subgids "
		    "100000-165535 %s), then recreate the jail", who, who);
	case NS_SUBID_NO_HELPER:
		return xstrdup("a rootless jail has only root without "
		    "newuidmap and newgidmap: install them (package uidmap), "
		    "then recreate the jail");
	case NS_SUBID_BAD_HELPER:
		return xstrdup("a rootless jail has only root: newuidmap or "
		    "newgidmap cannot raise privileges here (not set-user-ID "
		    "root, no file capability, or on a nosuid mount, as in "
		    "a container); reinstall them (package uidmap) or run "
		    "where they work, then recreate the jail");
	case NS_SUBID_OK:
	default:
		return xasprintf("this rootless jail was made without %s's "
		    "subordinate ids and has only root: recreate it",
		    who);
	}
}

static bool ns_only_root;
static char *ns_only_root_text;

/* Remembers, before joining a jail, whether it maps only its root. */
void
ns_remember_jail(pid_t init_pid)
{
	_cleanup_free_ char *map = NULL, *name = NULL;
	_cleanup_close_ int fd = -1;
	unsigned long total = 0, in, out, count;
	struct ns_subids s;
	struct passwd *pw;
	uid_t owner, uid;
	char path[64];
	size_t len;

	ns_only_root = false;
	free(ns_only_root_text);
	ns_only_root_text = NULL;
	snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)init_pid);
	if (util_read_file(path, &map, &len) < 0)
		return;
	for (char *line = map; line != NULL && *line != '\0'; ) {
		if (sscanf(line, "%lu %lu %lu", &in, &out, &count) == 3)
			total += count;
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	if (total != 1)
		return;
	ns_only_root = true;
	/*
	 * The ranges that would help are its owner's: root entering a
	 * user's jail is told about that user's.
	 */
	owner = geteuid();
	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)init_pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && ioctl(fd, NS_GET_OWNER_UID, &uid) == 0)
		owner = uid;
	pw = getpwuid(owner);
	name = pw != NULL ? xstrdup(pw->pw_name) : NULL;
	ns_only_root_text = ns_only_root_hint(ns_subids_lookup("/etc", name,
	    owner, &s), name);
}

/* The hint for the jail joined last, if it maps only root. */
const char *
ns_jail_only_root(void)
{
	return ns_only_root ? ns_only_root_text : NULL;
}

/* Reads an integer from root + path; -errno if there is none. */
static int
ns_read_long(const char *root, const char *path, long *ret)
{
	_cleanup_free_ char *file = xasprintf("%s%s", root, path);
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r = util_read_file(file, &buf, &len);

	if (r < 0)
		return r;
	if (sscanf(buf, "%ld", ret) != 1)
		return -EINVAL;
	return 0;
}

/*
 * Tells whether ljail runs without an AppArmor profile of its own: the
 * label of the calling process is "unconfined" (or AppArmor is absent).
 */
static bool
ns_apparmor_unconfined(const char *root)
{
	static const char *const files[] = {
		"/proc/self/attr/apparmor/current", "/proc/self/attr/current",
	};

	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		_cleanup_free_ char *file = xasprintf("%s%s", root, files[i]);
		_cleanup_free_ char *buf = NULL;
		size_t len;

		if (util_read_file(file, &buf, &len) < 0 || len == 0)
			continue;
		return str_has_prefix(buf, "unconfined");
	}
	return true;
}

/*
 * The lines that stop user namespaces outright: for uid (root is held
 * back only by the namespace limit).
 */
static void
ns_check_userns(const char *root, uid_t uid, char ***lines)
{
	long v;

	if (uid != 0 && ns_read_long(root,
	    "/proc/sys/kernel/unprivileged_userns_clone", &v) == 0 && v == 0)
		strv_push(lines, "kernel.unprivileged_userns_clone is 0: "
		    "users cannot make user namespaces, so no rootless "
		    "jail; as root: sysctl -w "
		    "kernel.unprivileged_userns_clone=1");
	if (ns_read_long(root, "/proc/sys/user/max_user_namespaces",
	    &v) == 0 && v == 0)
		strv_push(lines, "user.max_user_namespaces is 0: no user "
		    "namespace can be made, so no jail at all; as root: "
		    "sysctl -w user.max_user_namespaces=65536");
	/*
	 * Ubuntu 23.10+: the namespace is made, but a program without a
	 * profile allowing "userns" gets no capability in it, so the first
	 * mount fails with EPERM; say so instead of that mount's errno.
	 */
	if (uid != 0 && ns_read_long(root,
	    "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
	    &v) == 0 && v != 0 && ns_apparmor_unconfined(root))
		strv_push(lines, "kernel.apparmor_restrict_unprivileged_userns "
		    "is 1 and ljail runs without an AppArmor profile: its "
		    "user namespaces get no capability; as root load "
		    "ljail's profile (apparmor_parser -r "
		    "/etc/apparmor.d/ljail, installed with ljail) or "
		    "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0");
}

/* A line naming the first mount over a /proc file (a container's mask). */
static void
ns_check_proc(const char *root, char ***lines)
{
	_cleanup_free_ char *file = xasprintf("%s/proc/self/mountinfo", root);
	_cleanup_free_ char *buf = NULL;
	size_t len;

	if (util_read_file(file, &buf, &len) < 0)
		return;
	for (char *line = buf; line != NULL && *line != '\0'; ) {
		char target[512];

		/* "ID PARENT MAJ:MIN ROOT TARGET ...": the fifth field. */
		if (sscanf(line, "%*s %*s %*s %*s %511s", target) == 1 &&
		    str_has_prefix(target, "/proc/") &&
		    strcmp(target, "/proc/sys/fs/binfmt_misc") != 0) {
			_cleanup_free_ char *l = xasprintf("/proc has mounts "
			    "over its files (%s: a container's masks): a "
			    "jail cannot mount its own /proc here "
			    "(mount.procfs, nested jails); run the "
			    "container with /proc unmasked (podman "
			    "--security-opt unmask=ALL, docker "
			    "--security-opt systempaths=unconfined)", target);

			strv_push(lines, l);
			return;
		}
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
}

/* Everything that blocks or limits rootless jails here, with the fix. */
char **
ns_check_host(const char *root, uid_t uid)
{
	char **lines = NULL;
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	const char *rundir = getenv("LJAIL_RUNDIR");
	_cleanup_free_ char *etc = xasprintf("%s/etc", root);

	ns_check_userns(root, uid, &lines);
	if (uid != 0) {
		_cleanup_free_ char *name = NULL, *hint = NULL;
		struct passwd *pw = getpwuid(uid);
		struct ns_subids s;
		enum ns_subid_state st;

		name = pw != NULL ? xstrdup(pw->pw_name) : NULL;
		st = ns_subids_lookup(etc, name, uid, &s);
		if (st != NS_SUBID_OK) {
			hint = ns_only_root_hint(st, name);
			strv_push(&lines, hint);
		}
		if ((rundir == NULL || *rundir == '\0') &&
		    (xdg == NULL || xdg[0] != '/')) {
			_cleanup_free_ char *l = xasprintf("XDG_RUNTIME_DIR "
			    "is not set: the registry of your jails is "
			    "/tmp/ljail-%u (yours alone, mode 0700); ljls "
			    "and ljexec look there too while it stays unset",
			    (unsigned)uid);

			strv_push(&lines, l);
		}
	}
	ns_check_proc(root, &lines);
	return lines;
}

/* The first line that makes user namespaces unusable, or NULL. */
char *
ns_userns_blocker(const char *root, uid_t uid)
{
	_cleanup_strv_free_ char **lines = NULL;

	ns_check_userns(root, uid, &lines);
	if (lines == NULL)
		return NULL;
	return xstrdup(lines[0]);
}
