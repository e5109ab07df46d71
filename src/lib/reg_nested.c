/*
 * reg_nested.c - counting the jails made inside a jail, from outside it.
 *
 * A jail that may make jails keeps their records in a registry of its
 * own, /run/ljail in its own root (jail_create.c, fs_mount.c).  Its
 * parent never trusts that directory: the jail's root writes it.  So a
 * record counts here only when the kernel confirms it: the process it
 * names, by pid in the jail's PID namespace and start time, must be a
 * child of the jail's init (a nested init is reparented to it once the
 * nested ljail exits) living in a user namespace other than the jail's.
 * A forged record can at most count a process that is a jail in all but
 * name, which the jail's root may make anyway (children.max > 0).
 *
 * Used for display only (children.cur, and the host's own children.max
 * check): nothing is ever signalled or entered from here.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "compat.h"
#include "param.h"
#include "reg.h"
#include "util.h"

/* A nested record is small; anything larger is not one of ours. */
#define NESTED_RECORD_MAX (64U * 1024)
#ifndef FUSE_SUPER_MAGIC
#define FUSE_SUPER_MAGIC 0x65735546
#endif
/* Children of one init looked at, at most. */
#define NESTED_KIDS_MAX 4096

/* Levels of jails inside jails looked at, at most. */
#define NESTED_DEPTH_MAX 16

struct nested_kid {
	pid_t pid;			/* in the jail's PID namespace */
	pid_t host;			/* the same process, as we see it */
	unsigned long long start;
};

/* The last field of the NSpid line of /proc/PID/status; 0 if none. */
static int
nested_ns_level(pid_t pid, size_t level, pid_t *ret)
{
	_cleanup_free_ char *buf = NULL;
	char path[64], *line, *save = NULL;
	size_t n = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (util_read_file(path, &buf, NULL) < 0)
		return -ESRCH;
	line = strstr(buf, "\nNSpid:");
	if (line == NULL)
		return -ENOENT;
	line += strlen("\nNSpid:");
	*strchrnul(line, '\n') = '\0';
	for (char *w = strtok_r(line, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (n++ == level) {
			*ret = (pid_t)atoi(w);
			return 0;
		}
	}
	return -ENOENT;
}

/* How many namespace levels deep pid is (fields of its NSpid line). */
static size_t
nested_depth(pid_t pid)
{
	pid_t p;
	size_t level = 0;

	while (nested_ns_level(pid, level, &p) == 0)
		level++;
	return level;
}

/* Tells whether two processes are in the same user namespace. */
static bool
nested_same_userns(pid_t a, pid_t b)
{
	struct stat sa, sb;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)a);
	if (stat(path, &sa) < 0)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)b);
	if (stat(path, &sb) < 0)
		return true;
	return sa.st_ino == sb.st_ino && sa.st_dev == sb.st_dev;
}

/* The children of init that are jails: their pids inside, start times. */
static size_t
nested_kids(pid_t init, struct nested_kid **ret)
{
	_cleanup_free_ char *buf = NULL;
	struct nested_kid *v = NULL;
	char path[96], *save = NULL;
	size_t n = 0, level;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)init,
	    (int)init);
	if (util_read_file(path, &buf, NULL) < 0)
		return 0;
	/* init's own pid inside its namespace is the last of its NSpid. */
	level = nested_depth(init);
	if (level == 0)
		return 0;
	for (char *w = strtok_r(buf, " \n", &save); w != NULL &&
	    n < NESTED_KIDS_MAX; w = strtok_r(NULL, " \n", &save)) {
		pid_t kid = (pid_t)atoi(w), inside;
		unsigned long long start;

		if (kid <= 0 || nested_same_userns(kid, init) ||
		    nested_ns_level(kid, level - 1, &inside) < 0 ||
		    reg_proc_start(kid, &start) < 0)
			continue;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n].pid = inside;
		v[n].host = kid;
		v[n].start = start;
		n++;
	}
	*ret = v;
	return n;
}

/* Reads one untrusted record below dirfd; NULL if it is not one. */
static struct reg_jail *
nested_read(int dirfd, const char *name)
{
	_cleanup_free_ char *buf = NULL;
	_cleanup_close_ int fd = -1;
	struct reg_jail *j = NULL;
	struct stat st;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size <= 0 || st.st_size > (off_t)NESTED_RECORD_MAX)
		return NULL;
	buf = xmalloc((size_t)st.st_size + 1);
	if (util_read_full(fd, buf, (size_t)st.st_size) < 0)
		return NULL;
	buf[st.st_size] = '\0';
	if (reg_record_parse(buf, (size_t)st.st_size, NULL, &j) < 0)
		return NULL;
	return j;
}

/*
 * Opens run/ljail/jails below the jail's root one step at a time, never
 * following a symlink or leaving the root, and never looking a name up
 * in a FUSE file system: the jail's root could serve it and make us
 * wait forever.
 */
static int
nested_open_dir(int root, struct open_how *how)
{
	static const char *const steps[] = { "run", "ljail", "jails" };
	int fd = -1, at = root;

	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		struct statfs sf;

		how->flags = (uint64_t)(O_PATH | O_DIRECTORY | O_CLOEXEC);
		fd = compat_openat2(at, steps[i], how);
		if (at != root)
			close(at);
		if (fd < 0)
			return -errno;
		if (fstatfs(fd, &sf) < 0 || sf.f_type == FUSE_SUPER_MAGIC) {
			close(fd);
			return -EPERM;
		}
		at = fd;
	}
	how->flags = (uint64_t)(O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	fd = compat_openat2(at, ".", how);
	close(at);
	return fd < 0 ? -errno : fd;
}

/* Adds a confirmed record n of jail j to *v, as the viewer sees it. */
static struct reg_jail *
nested_add(const struct reg_jail *j, struct reg_jail *n, pid_t host,
    struct reg_jail ***v, size_t *nv)
{
	char *name = xasprintf("%s.%s", j->name != NULL ? j->name : "",
	    n->name != NULL ? n->name : "");
	const char *jp = j->path != NULL ? j->path : "/";

	free(n->name);
	n->name = name;
	/* Its path in the jail's tree, seen from here. */
	if (strcmp(jp, "/") != 0 && n->path != NULL) {
		char *path = xasprintf("%s%s", jp,
		    strcmp(n->path, "/") == 0 ? "" : n->path);

		free(n->path);
		n->path = path;
	}
	n->init_pid = host;
	n->parent = j->jid;
	n->nested = true;
	*v = xreallocarray(*v, *nv + 1, sizeof(**v));
	(*v)[(*nv)++] = n;
	return n;
}

/* The jails made inside j, and inside them, appended to *v. */
static void
nested_collect(const struct reg_jail *j, size_t depth, struct reg_jail ***v,
    size_t *nv)
{
	struct open_how how = {
		.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS |
		    RESOLVE_NO_MAGICLINKS,
	};
	_cleanup_free_ struct nested_kid *kids = NULL;
	_cleanup_close_ int root = -1;
	struct dirent *de;
	size_t nkids, first = *nv;
	char path[64];
	int fd;
	long long max = 0;
	DIR *d;

	if (depth >= NESTED_DEPTH_MAX || j == NULL || j->init_pid <= 0 ||
	    j->conf == NULL ||
	    conf_jail_int(j->conf, P_CHILDREN_MAX, &max) < 0 || max <= 0)
		return;
	nkids = nested_kids(j->init_pid, &kids);
	if (nkids == 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/root", (int)j->init_pid);
	root = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return;
	fd = nested_open_dir(root, &how);
	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		struct reg_jail *n;
		size_t i;

		if (!str_is_digits(de->d_name))
			continue;
		n = nested_read(dirfd(d), de->d_name);
		if (n == NULL)
			continue;
		for (i = 0; i < nkids; i++)
			if (n->init_pid > 0 && kids[i].pid == n->init_pid &&
			    kids[i].start == n->init_start)
				break;
		if (i == nkids) {
			reg_jail_free(n);
			continue;
		}
		kids[i].pid = 0;	/* counted once */
		nested_add(j, n, kids[i].host, v, nv);
	}
	closedir(d);
	/* Then what those made: a grandchild counts for every ancestor. */
	for (size_t k = first, end = *nv; k < end; k++)
		nested_collect((*v)[k], depth + 1, v, nv);
}

/* Lists the live jails made inside jail j, at any depth (see reg.h). */
int
reg_nested_list(const struct reg_jail *j, struct reg_jail ***ret,
    size_t *ret_n)
{
	struct reg_jail **v = NULL;
	size_t n = 0;

	nested_collect(j, 0, &v, &n);
	*ret = v;
	*ret_n = n;
	return 0;
}

/* Counts the live jails made inside jail j, at any depth. */
int
reg_nested_count(const struct reg_jail *j)
{
	struct reg_jail **v = NULL;
	size_t n = 0;

	nested_collect(j, 0, &v, &n);
	reg_jail_list_free(v, n);
	return (int)n;
}

/* v with the jails made inside each after it (see reg.h). */
void
reg_with_nested(struct reg_jail *const *v, size_t n, struct reg_jail ***ret,
    size_t *ret_n)
{
	struct reg_jail **out = NULL;
	size_t nout = 0;

	for (size_t i = 0; i < n; i++) {
		struct reg_jail **nv = NULL;
		size_t nn = 0;

		(void)reg_nested_list(v[i], &nv, &nn);
		out = xreallocarray(out, nout + nn + 1, sizeof(*out));
		out[nout++] = v[i];
		for (size_t k = 0; k < nn; k++)
			out[nout++] = nv[k];
		free(nv);
	}
	*ret = out;
	*ret_n = nout;
}

/* Frees a reg_with_nested() result: the array and the nested records. */
void
reg_nested_free(struct reg_jail **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i]->nested)
			reg_jail_free(v[i]);
	free(v);
}
