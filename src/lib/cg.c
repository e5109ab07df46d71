/*
 * cg.c - a jail's cgroup v2 (see cg.h).
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <time.h>

#include "compat.h"
#include "cg.h"
#include "util.h"

#define CG_MOUNT "/sys/fs/cgroup"

/* Whether /sys/fs/cgroup is cgroup2. */
bool
cg_is_v2(void)
{
	/* Asked on every start and entry; the answer holds for the boot. */
	static int known = -1;
	struct statfs sf;

	if (known < 0)
		known = statfs(CG_MOUNT, &sf) == 0 &&
		    (unsigned long)sf.f_type == CGROUP2_SUPER_MAGIC;
	return known == 1;
}

/* The caller's own cgroup directory (0::PATH of /proc/self/cgroup). */
static char *
cg_self(void)
{
	_cleanup_free_ char *buf = NULL;
	char *p, *nl;

	if (util_read_file("/proc/self/cgroup", &buf, NULL) < 0)
		return NULL;
	p = strstr(buf, "0::/");
	if (p == NULL || (p != buf && p[-1] != '\n'))
		return NULL;
	p += 3;
	nl = strchr(p, '\n');
	if (nl != NULL)
		*nl = '\0';
	return xasprintf(CG_MOUNT "%s", strcmp(p, "/") == 0 ? "" : p);
}

/* The parent of jails' cgroups. */
char *
cg_parent(void)
{
	const char *s = getenv("LJAIL_CGROUP");
	_cleanup_free_ char *self = NULL;
	char *slash;

	if (s != NULL && s[0] == '/')
		return xstrdup(s);
	if (geteuid() == 0)
		return xstrdup(CG_MOUNT "/ljail.slice");
	/*
	 * Rootless: beside the caller's own cgroup, in the subtree systemd
	 * delegated (a process may not sit in a cgroup that has children
	 * with controllers, so not below it).
	 */
	self = cg_self();
	if (self == NULL)
		return xstrdup(CG_MOUNT "/ljail.slice");
	slash = strrchr(self, '/');
	if (slash != NULL && slash > self + strlen(CG_MOUNT))
		*slash = '\0';
	return xasprintf("%s/ljail.slice", self);
}

/* Whether the space-separated list holds word. */
static bool
cg_list_has(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || isspace((unsigned char)p[-1])) &&
		    (p[n] == '\0' || isspace((unsigned char)p[n])))
			return true;
	return false;
}

/*
 * The controllers jails can get: those of the parent if it exists, else
 * those its own parent hands down (cgroup.subtree_control).
 */
static char *
cg_offered(const char *parent)
{
	_cleanup_free_ char *path = xasprintf("%s/cgroup.controllers",
	    parent);
	const char *slash = strrchr(parent, '/');
	char *buf = NULL;

	if (util_read_file(path, &buf, NULL) == 0)
		return buf;
	if (slash == NULL)
		return xstrdup("");
	free(path);
	path = xasprintf("%.*s/cgroup.subtree_control",
	    (int)(slash - parent), parent);
	if (util_read_file(path, &buf, NULL) == 0)
		return buf;
	return xstrdup("");
}

/* Whether the limits can be enforced here (see cg.h). */
int
cg_check(const struct rctl_limits *l, char **ret_msg)
{
	static const char *const ctls[] = { CG_CONTROLLERS };
	_cleanup_free_ char *parent = NULL, *offered = NULL;
	bool v2 = cg_is_v2();

	*ret_msg = NULL;
	if (v2) {
		parent = cg_parent();
		offered = cg_offered(parent);
	}
	for (size_t i = 0; i < ARRAY_SIZE(ctls); i++) {
		if (!rctl_limits_need(l, ctls[i]))
			continue;
		if (!v2) {
			*ret_msg = xasprintf("cgroup v2 controller '%s' not "
			    "available: " CG_MOUNT " is not cgroup v2; boot "
			    "with systemd.unified_cgroup_hierarchy=1 "
			    "cgroup_no_v1=all", ctls[i]);
			return -EOPNOTSUPP;
		}
		if (cg_list_has(offered, ctls[i]))
			continue;
		if (geteuid() == 0)
			*ret_msg = xasprintf("cgroup v2 controller '%s' not "
			    "available for %s: enable it in the parent's "
			    "cgroup.subtree_control", ctls[i], parent);
		else
			*ret_msg = xasprintf("cgroup v2 controller '%s' not "
			    "delegated to %s: add a systemd drop-in with "
			    "Delegate=yes (user@.service)", ctls[i], parent);
		return -EOPNOTSUPP;
	}
	return 0;
}

/* PARENT/JID, malloc'd. */
static char *
cg_path(int jid)
{
	_cleanup_free_ char *parent = cg_parent();

	return xasprintf("%s/%d", parent, jid);
}

/* Writes one file of a cgroup directory. */
static int
cg_write(const char *dir, const char *file, const char *data)
{
	_cleanup_free_ char *path = xasprintf("%s/%s", dir, file);

	return util_write_file(path, data);
}

/*
 * Creates the parent (ours: "ljail.slice") and hands every controller it
 * has down to jails.  Nothing above it is written: a controller missing
 * there is the administrator's to enable (cg_check says so).
 */
static int
cg_make_parent(const char *parent)
{
	static const char *const ctls[] = { CG_CONTROLLERS };
	_cleanup_free_ char *have = NULL, *on = NULL;
	_cleanup_free_ char *cpath = xasprintf("%s/cgroup.controllers",
	    parent);
	_cleanup_free_ char *spath = xasprintf("%s/cgroup.subtree_control",
	    parent);

	if (mkdir(parent, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (util_read_file(cpath, &have, NULL) < 0)
		return -EOPNOTSUPP;
	if (util_read_file(spath, &on, NULL) < 0)
		on = xstrdup("");
	for (size_t i = 0; i < ARRAY_SIZE(ctls); i++) {
		char word[16];

		if (!cg_list_has(have, ctls[i]) || cg_list_has(on, ctls[i]))
			continue;
		snprintf(word, sizeof(word), "+%s", ctls[i]);
		if (util_write_file(spath, word) < 0)
			util_debug("%s: %s: %s", spath, word, strerror(errno));
	}
	return 0;
}

/* Removes an empty cgroup directory, waiting up to a second for it. */
static int
cg_rmdir(const char *path)
{
	for (int i = 0; i < 100; i++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		if (rmdir(path) == 0 || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			return -errno;
		/* The last processes of a killed jail are still exiting. */
		nanosleep(&ts, NULL);
	}
	return -EBUSY;
}

/* Creates and opens jail jid's cgroup. */
int
cg_create(int jid, int *ret_fd)
{
	_cleanup_free_ char *parent = cg_parent();
	_cleanup_free_ char *path = xasprintf("%s/%d", parent, jid);
	int fd, r;

	r = cg_make_parent(parent);
	if (r < 0)
		return r;
	/*
	 * Why a jail cannot lift its own limits: it is born in this cgroup
	 * and in a cgroup namespace rooted here (CLONE_NEWCGROUP with
	 * CLONE_INTO_CGROUP: the namespace root is the target); from
	 * inside, migrations above a namespace root are refused, and with
	 * nsdelegate (systemd mounts cgroup2 so) writes to its limit files
	 * too.  The files stay the creator's, and a jail's root is another
	 * uid unless ids are 1:1 or rootless
	 * (the rootless caller is the jail's root and could lift them
	 * from outside anyway: rootless limits bound mishaps, not the
	 * user).
	 */
	/* The jid is ours now: a cgroup under it is a dead jail's. */
	if (rmdir(path) < 0 && errno != ENOENT)
		return errno == EBUSY ? -EBUSY : -errno;
	if (mkdir(path, 0755) < 0)
		return -errno;
	if (ret_fd == NULL)
		return 0;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		rmdir(path);
		return r;
	}
	*ret_fd = fd;
	return 0;
}

/* Whether jail jid has a cgroup. */
bool
cg_exists(int jid)
{
	_cleanup_free_ char *path = cg_path(jid);
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* "max" or the number. */
static void
cg_num(uint64_t v, char *buf, size_t size)
{
	if (v == UINT64_MAX)
		snprintf(buf, size, "max");
	else
		snprintf(buf, size, "%" PRIu64, v);
}

/*
 * The whole block device holding path, as "MAJ:MIN" (io.max takes
 * disks, not partitions).
 */
static int
cg_block_dev(const char *path, char *buf, size_t size)
{
	_cleanup_free_ char *part = NULL, *dev = NULL;
	char sys[128];
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	snprintf(sys, sizeof(sys), "/sys/dev/block/%u:%u",
	    major(st.st_dev), minor(st.st_dev));
	if (access(sys, F_OK) < 0)
		return -ENOTBLK;
	snprintf(buf, size, "%u:%u", major(st.st_dev), minor(st.st_dev));
	part = xasprintf("%s/partition", sys);
	if (access(part, F_OK) == 0) {
		_cleanup_free_ char *pdev = xasprintf("%s/../dev", sys);
		char *nl;

		if (util_read_file(pdev, &dev, NULL) < 0)
			return -ENOTBLK;
		nl = strchr(dev, '\n');
		if (nl != NULL)
			*nl = '\0';
		snprintf(buf, size, "%s", dev);
	}
	return 0;
}

/* Writes one limit; the message names the file. */
static int
cg_set(const char *dir, const char *file, const char *data,
    char **ret_msg)
{
	int r = cg_write(dir, file, data);

	if (r < 0)
		*ret_msg = xasprintf("%s/%s: %s", dir, file, strerror(-r));
	return r;
}

/* Whether the cgroup has the file (its controller is enabled). */
static bool
cg_has(const char *dir, const char *file)
{
	_cleanup_free_ char *path = xasprintf("%s/%s", dir, file);

	return access(path, F_OK) == 0;
}

/* Writes the limits into jail jid's cgroup. */
int
cg_set_limits(int jid, const struct rctl_limits *l, const char *path,
    char **ret_msg)
{
	_cleanup_free_ char *dir = cg_path(jid);
	char buf[256], num[4][32];
	int r;

	*ret_msg = NULL;
	r = cg_check(l, ret_msg);
	if (r < 0)
		return r;
	if (cg_has(dir, "memory.max")) {
		cg_num(l->memory_max, num[0], sizeof(num[0]));
		r = cg_set(dir, "memory.max", num[0], ret_msg);
		if (r < 0)
			return r;
	}
	if (cg_has(dir, "memory.swap.max")) {
		cg_num(l->swap_max, num[0], sizeof(num[0]));
		r = cg_set(dir, "memory.swap.max", num[0], ret_msg);
		if (r < 0)
			return r;
	} else if (l->swap_max != UINT64_MAX) {
		*ret_msg = xasprintf("%s/memory.swap.max: no swap accounting "
		    "(kernel without CONFIG_MEMCG_SWAP or swapaccount=0)",
		    dir);
		return -EOPNOTSUPP;
	}
	if (cg_has(dir, "pids.max")) {
		cg_num(l->pids_max, num[0], sizeof(num[0]));
		r = cg_set(dir, "pids.max", num[0], ret_msg);
		if (r < 0)
			return r;
	}
	if (cg_has(dir, "cpu.max")) {
		/* pcpu is percent of one CPU: quota per 100 ms period. */
		if (l->pcpu == UINT64_MAX)
			snprintf(buf, sizeof(buf), "max 100000");
		else
			snprintf(buf, sizeof(buf), "%" PRIu64 " 100000",
			    l->pcpu * 1000 < 1000 ? 1000 : l->pcpu * 1000);
		r = cg_set(dir, "cpu.max", buf, ret_msg);
		if (r < 0)
			return r;
	}
	if (cg_has(dir, "io.max")) {
		char dev[32];

		r = cg_block_dev(path, dev, sizeof(dev));
		if (r < 0 && rctl_limits_need(l, "io")) {
			*ret_msg = xasprintf("io.max: %s is on no block "
			    "device", path);
			return r;
		}
		if (r == 0) {
			for (int i = 0; i < 4; i++)
				cg_num(l->io[i], num[i], sizeof(num[i]));
			snprintf(buf, sizeof(buf), "%s rbps=%s wbps=%s "
			    "riops=%s wiops=%s", dev, num[0], num[1], num[2],
			    num[3]);
			r = cg_set(dir, "io.max", buf, ret_msg);
			if (r < 0 && rctl_limits_need(l, "io"))
				return r;
			free(*ret_msg);
			*ret_msg = NULL;
		}
	}
	return 0;
}

/* Removes jail jid's cgroup. */
int
cg_remove(int jid)
{
	_cleanup_free_ char *path = cg_path(jid);

	return cg_rmdir(path);
}

/* Whether a cgroup (or one below it) holds processes. */
static bool
cg_populated(const char *dir)
{
	_cleanup_free_ char *path = xasprintf("%s/cgroup.events", dir);
	_cleanup_free_ char *buf = NULL;

	if (util_read_file(path, &buf, NULL) < 0)
		return true;
	return strstr(buf, "populated 1") != NULL;
}

/* Removes the empty cgroups of jails that are gone. */
void
cg_sweep(bool (*is_live)(int jid, void *arg), void *arg)
{
	_cleanup_free_ char *parent = cg_parent();
	struct dirent *e;
	DIR *d;

	d = opendir(parent);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		_cleanup_free_ char *path = NULL;

		if (!str_is_digits(e->d_name) || e->d_type != DT_DIR)
			continue;
		/* A cgroup with processes is a live jail's: not asked. */
		path = xasprintf("%s/%s", parent, e->d_name);
		if (cg_populated(path) || is_live(atoi(e->d_name), arg))
			continue;
		if (rmdir(path) == 0)
			util_debug("removed stale cgroup %s", path);
	}
	closedir(d);
}

/* The processes in jail jid's cgroup. */
int
cg_procs(int jid, pid_t **ret, size_t *ret_n)
{
	_cleanup_free_ char *dir = cg_path(jid);
	_cleanup_free_ char *path = xasprintf("%s/cgroup.procs", dir);
	_cleanup_free_ char *buf = NULL;
	pid_t *v = NULL;
	size_t n = 0;
	char *p, *line;
	int r;

	r = util_read_file(path, &buf, NULL);
	if (r < 0)
		return r;
	p = buf;
	while ((line = strsep(&p, "\n")) != NULL) {
		if (*line == '\0')
			continue;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = (pid_t)strtol(line, NULL, 10);
	}
	*ret = v;
	*ret_n = n;
	return 0;
}

/* Reads one number file; 0 if it is missing. */
static uint64_t
cg_read_num(const char *dir, const char *file)
{
	_cleanup_free_ char *path = xasprintf("%s/%s", dir, file);
	_cleanup_free_ char *buf = NULL;

	if (util_read_file(path, &buf, NULL) < 0)
		return 0;
	return strtoull(buf, NULL, 10);
}

/* Usage of jail jid's cgroup. */
int
cg_usage(int jid, struct cg_usage *u)
{
	static const char *const io_keys[] = { "rbytes=", "wbytes=", "rios=",
		"wios=" };
	_cleanup_free_ char *dir = cg_path(jid);
	_cleanup_free_ char *stat = NULL, *io = NULL;
	_cleanup_free_ char *spath = xasprintf("%s/cpu.stat", dir);
	_cleanup_free_ char *ipath = xasprintf("%s/io.stat", dir);
	char *p;

	memset(u, 0, sizeof(*u));
	if (!cg_exists(jid))
		return -ENOENT;
	u->memory = cg_read_num(dir, "memory.current");
	u->swap = cg_read_num(dir, "memory.swap.current");
	u->pids = cg_read_num(dir, "pids.current");
	if (util_read_file(spath, &stat, NULL) == 0 &&
	    (p = strstr(stat, "usage_usec ")) != NULL)
		u->cpu_usec = strtoull(p + strlen("usage_usec "), NULL, 10);
	/* io.stat: one line per device; the jail's usage is their sum. */
	if (util_read_file(ipath, &io, NULL) == 0) {
		for (size_t k = 0; k < ARRAY_SIZE(io_keys); k++)
			for (p = io; (p = strstr(p, io_keys[k])) != NULL;
			    p += strlen(io_keys[k]))
				if (p == io || p[-1] == ' ')
					u->io[k] += strtoull(p +
					    strlen(io_keys[k]), NULL, 10);
	}
	return 0;
}
