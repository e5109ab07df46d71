/*
 * fs_mount.c - building the jail's file system view in its own mount
 * namespace: the jail root, the mount entries, procfs and sysfs, then
 * pivot_root so that no host mount remains reachable.
 *
 * Every mount here uses the new mount API (fsopen/fsmount/open_tree/
 * move_mount) onto an O_PATH fd of the target that openat2() resolved
 * inside the jail root with RESOLVE_IN_ROOT and no symlinks at all: a
 * jailed root can plant symlinks in the jail tree between two starts,
 * and a path-based mount(2) would follow them onto host paths (the runc
 * CVE-2019-19921 family).  With an fd, what is mounted over is exactly
 * the directory that was checked.
 *
 * Nothing is unmounted on removal: every mount lives in the jail's mount
 * namespace and the kernel takes them all down, innermost first, when the
 * namespace's last process exits.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "fs_int.h"
#include "mask.h"
#include "ns.h"
#include "util.h"

/* A mount option that only sets or clears a VFS flag. */
struct fs_flag_opt {
	const char *name;
	unsigned set;
	unsigned clr;
};

static const struct fs_flag_opt fs_flag_opts[] = {
	{ "ro", MOUNT_ATTR_RDONLY, 0 },
	{ "rdonly", MOUNT_ATTR_RDONLY, 0 },
	{ "rw", 0, MOUNT_ATTR_RDONLY },
	{ "nosuid", MOUNT_ATTR_NOSUID, 0 },
	{ "suid", 0, MOUNT_ATTR_NOSUID },
	{ "noexec", MOUNT_ATTR_NOEXEC, 0 },
	{ "exec", 0, MOUNT_ATTR_NOEXEC },
	{ "nodev", MOUNT_ATTR_NODEV, 0 },
	{ "dev", 0, MOUNT_ATTR_NODEV },
	{ "noatime", MOUNT_ATTR_NOATIME, 0 },
	{ "nodiratime", MOUNT_ATTR_NODIRATIME, 0 },
	{ "strictatime", MOUNT_ATTR_STRICTATIME, 0 },
	{ "relatime", 0, 0 },
	/* fstab(5) words that mean nothing to an explicit mount */
	{ "defaults", 0, 0 },
	{ "auto", 0, 0 },
	{ "noauto", 0, 0 },
	{ "late", 0, 0 },
	{ "failok", 0, 0 },
	{ "userquota", 0, 0 },
	{ "groupquota", 0, 0 },
};

/* Frees the fs-specific part of parsed options. */
void
fs_opts_clear(struct fs_opts *o)
{
	strv_free(o->data);
	o->data = NULL;
}

/* Parses a comma list of mount options. */
int
fs_opts_parse(const char *options, struct fs_opts *ret, char **ret_msg)
{
	_cleanup_free_ char *copy = xstrdup(options != NULL ? options : "");
	struct fs_opts o = { .ruleset = -1 };
	char *save = NULL;

	for (char *w = strtok_r(copy, ",", &save); w != NULL;
	    w = strtok_r(NULL, ",", &save)) {
		bool found = false;

		for (size_t i = 0; i < ARRAY_SIZE(fs_flag_opts); i++) {
			if (strcmp(w, fs_flag_opts[i].name) != 0)
				continue;
			o.attr = (o.attr & ~fs_flag_opts[i].clr) |
			    fs_flag_opts[i].set;
			o.attr_clr = (o.attr_clr & ~fs_flag_opts[i].set) |
			    fs_flag_opts[i].clr;
			found = true;
		}
		if (found)
			continue;
		/* Linux fstab style: "/src /dst none bind,ro" */
		if (strcmp(w, "bind") == 0 || strcmp(w, "rbind") == 0) {
			o.bind = true;
			continue;
		}
		if (str_has_prefix(w, "ruleset=")) {
			long long n;

			if (param_parse_int(w + 8, &n) < 0 || n < 0 ||
			    n > 65535) {
				*ret_msg = xasprintf("mount: %s: bad devfs "
				    "ruleset", w);
				fs_opts_clear(&o);
				return -EINVAL;
			}
			o.ruleset = (int)n;
			continue;
		}
		/* FreeBSD tmpfs calls nr_inodes "inodes". */
		if (str_has_prefix(w, "inodes=")) {
			_cleanup_free_ char *t = xasprintf("nr_%s", w);

			strv_push(&o.data, t);
			continue;
		}
		strv_push(&o.data, w);
	}
	*ret = o;
	return 0;
}

/* How ljail mounts one fstype of a mount entry. */
enum fs_kind {
	FS_BIND,
	FS_NEW,		/* a new superblock of the Linux type */
	FS_PROC,
	FS_SYSFS,
	FS_DEVFS,
	FS_FDESCFS,
};

static const struct {
	const char *fstype;	/* as in a FreeBSD (or Linux) fstab */
	enum fs_kind kind;
	const char *linux_type;
} fs_types[] = {
	{ "nullfs", FS_BIND, NULL },
	{ "bind", FS_BIND, NULL },
	{ "tmpfs", FS_NEW, "tmpfs" },
	{ "mqueue", FS_NEW, "mqueue" },
	{ "procfs", FS_PROC, "proc" },
	{ "linprocfs", FS_PROC, "proc" },
	{ "proc", FS_PROC, "proc" },
	{ "linsysfs", FS_SYSFS, "sysfs" },
	{ "sysfs", FS_SYSFS, "sysfs" },
	{ "devfs", FS_DEVFS, NULL },
	{ "fdescfs", FS_FDESCFS, NULL },
};

/* Finds an fstype; -1 if ljail cannot mount it. */
static int
fs_type_index(const char *fstype)
{
	for (size_t i = 0; i < ARRAY_SIZE(fs_types); i++)
		if (strcmp(fs_types[i].fstype, fstype) == 0)
			return (int)i;
	return -1;
}

/* Finds the fstype of an entry; -1 if ljail cannot mount it. */
static int
fs_entry_type(const struct fs_mount_entry *e)
{
	const char *fstype = e->fstype;

	/* a Linux bind line: any type (usually "none") with "bind" */
	if (strstr(e->options, "bind") != NULL) {
		struct fs_opts o;
		char *msg = NULL;

		if (fs_opts_parse(e->options, &o, &msg) == 0) {
			bool bind = o.bind;

			fs_opts_clear(&o);
			if (bind)
				fstype = "nullfs";
		}
		free(msg);
	}
	return fs_type_index(fstype);
}

/* Refuses fstypes ljail cannot provide (ufs, zfs, nfs, block devices). */
int
fs_fstype_check(const struct fs_mount_entry *e, char **ret_msg)
{
	int i = fs_entry_type(e);

	if (i < 0) {
		*ret_msg = xasprintf("mount: %s: fstype %s is not supported "
		    "by ljail (nullfs, tmpfs, procfs, devfs, fdescfs, "
		    "linsysfs, mqueue)", e->host_target, e->fstype);
		return -EOPNOTSUPP;
	}
	if (fs_types[i].kind == FS_FDESCFS &&
	    strcmp(e->target, "/dev/fd") != 0) {
		*ret_msg = xasprintf("mount: %s: ljail provides fdescfs only "
		    "as /dev/fd", e->host_target);
		return -EOPNOTSUPP;
	}
	return 0;
}

/* Opens a path inside the jail root, following no symlink at all. */
int
fs_open_in_root(int root_fd, const char *path, int flags)
{
	struct open_how how = {
		.flags = (uint64_t)(O_PATH | O_CLOEXEC | flags),
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS |
		    RESOLVE_NO_MAGICLINKS,
	};
	int fd = compat_openat2(root_fd, path, &how);

	return fd < 0 ? -errno : fd;
}

/* Creates a new superblock of fstype and attaches it onto target_fd. */
int
fs_mount_new(const char *fstype, const struct fs_opts *o, int target_fd,
    int *ret_mnt_fd)
{
	_cleanup_close_ int fsfd = -1, mfd = -1;

	fsfd = fs_sys_fsopen(fstype, FSOPEN_CLOEXEC);
	if (fsfd < 0)
		return -errno;
	for (size_t i = 0; o->data != NULL && o->data[i] != NULL; i++) {
		_cleanup_free_ char *key = xstrdup(o->data[i]);
		char *eq = strchr(key, '=');
		int r;

		if (eq != NULL) {
			*eq = '\0';
			r = fs_sys_fsconfig(fsfd, FSCONFIG_SET_STRING, key,
			    eq + 1, 0);
		} else
			r = fs_sys_fsconfig(fsfd, FSCONFIG_SET_FLAG, key, NULL,
			    0);
		if (r < 0)
			return -errno;
	}
	if (fs_sys_fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return -errno;
	mfd = fs_sys_fsmount(fsfd, FSMOUNT_CLOEXEC, o->attr);
	if (mfd < 0)
		return -errno;
	if (compat_move_mount(mfd, "", target_fd, "",
	    MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return -errno;
	if (ret_mnt_fd != NULL)
		*ret_mnt_fd = TAKE_FD(mfd);
	return 0;
}

static int fs_attach_tree(int tree, unsigned attr, int target_fd);

/*
 * Bind-mounts the tree at (dirfd, path) onto target_fd.  The copy is
 * recursive (a non-recursive copy of a tree with locked submounts is
 * refused in a user namespace, and would reveal what they cover) and its
 * flags are set on the detached copy before it is attached, so a
 * read-only bind is never writable, not even for an instant.
 */
static int
fs_mount_bind_at(int dirfd, const char *path, unsigned flags, unsigned attr,
    int target_fd)
{
	_cleanup_close_ int tree = -1;

	tree = compat_open_tree(dirfd, path, OPEN_TREE_CLONE |
	    OPEN_TREE_CLOEXEC | AT_RECURSIVE | flags);
	if (tree < 0)
		return -errno;
	return fs_attach_tree(tree, attr, target_fd);
}

/* Sets the flags of a detached tree, then attaches it onto target_fd. */
static int
fs_attach_tree(int tree, unsigned attr, int target_fd)
{
	if (attr != 0) {
		struct compat_mount_attr ma = { .attr_set = attr };

		if (compat_mount_setattr(tree, "", AT_EMPTY_PATH |
		    AT_RECURSIVE, &ma) < 0)
			return -errno;
	}
	if (compat_move_mount(tree, "", target_fd, "",
	    MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return -errno;
	return 0;
}

/* Bind-mounts a host path onto target_fd (recursive). */
int
fs_mount_bind(const char *source, unsigned attr, int target_fd)
{
	return fs_mount_bind_at(AT_FDCWD, source, 0, attr, target_fd);
}

/* Bind-mounts what the O_PATH fd source_fd refers to onto target_fd. */
int
fs_mount_bind_fd(int source_fd, unsigned attr, int target_fd)
{
	return fs_mount_bind_at(source_fd, "", AT_EMPTY_PATH, attr,
	    target_fd);
}

/*
 * Host sources: opened by fs_open_sources() before the id change (O_PATH),
 * or given as idmapped detached trees by fs_give_source(), one per entry.
 */
static struct {
	char **name;
	int *fd;
	bool *tree;
	size_t n;
} fs_sources;

/* Closes and forgets the sources fs_open_sources() opened. */
static void
fs_sources_drop(void)
{
	for (size_t i = 0; i < fs_sources.n; i++)
		if (fs_sources.fd[i] >= 0)
			close(fs_sources.fd[i]);
	strv_free(fs_sources.name);
	free(fs_sources.fd);
	free(fs_sources.tree);
	fs_sources.name = NULL;
	fs_sources.fd = NULL;
	fs_sources.tree = NULL;
	fs_sources.n = 0;
}

/* Remembers an fd for a host source. */
static void
fs_sources_add(const char *source, int fd, bool tree)
{
	fs_sources.fd = xrealloc(fs_sources.fd,
	    (fs_sources.n + 1) * sizeof(int));
	fs_sources.tree = xrealloc(fs_sources.tree,
	    (fs_sources.n + 1) * sizeof(bool));
	fs_sources.fd[fs_sources.n] = fd;
	fs_sources.tree[fs_sources.n++] = tree;
	strv_push(&fs_sources.name, source);
}

/* Takes a source's idmapped tree (fs_give_source), in order. */
void
fs_give_source(const char *source, int tree_fd)
{
	fs_sources_add(source, tree_fd, true);
}

/* The fd fs_open_sources() opened for a host source, or -1. */
static int
fs_source_fd(const char *source)
{
	for (size_t i = 0; i < fs_sources.n; i++)
		if (!fs_sources.tree[i] && fs_sources.fd[i] >= 0 &&
		    strcmp(fs_sources.name[i], source) == 0)
			return fs_sources.fd[i];
	return -1;
}

/* Hands out the next unused idmapped tree given for a source, or -1. */
static int
fs_source_take_tree(const char *source)
{
	for (size_t i = 0; i < fs_sources.n; i++)
		if (fs_sources.tree[i] && fs_sources.fd[i] >= 0 &&
		    strcmp(fs_sources.name[i], source) == 0)
			return TAKE_FD(fs_sources.fd[i]);
	return -1;
}

/* Tells whether a source was given as an idmapped tree. */
static bool
fs_source_has_tree(const char *source)
{
	for (size_t i = 0; i < fs_sources.n; i++)
		if (fs_sources.tree[i] &&
		    strcmp(fs_sources.name[i], source) == 0)
			return true;
	return false;
}

/* Tells whether an entry binds a host directory outside the jail path. */
bool
fs_entry_is_host_bind(const struct fs_mount_entry *e)
{
	int k = fs_entry_type(e);

	return k >= 0 && fs_types[k].kind == FS_BIND &&
	    e->source_in_jail == NULL;
}

/* The host sources of the jail's nullfs entries, one per entry. */
int
fs_bind_sources(const struct conf_jail *j, char ***ret, char **ret_msg)
{
	struct fs_mount_entry **v = NULL;
	char **names = xcalloc(1, sizeof(*names));
	int r;

	r = fs_mount_entries(j, &v, ret_msg);
	if (r < 0) {
		strv_free(names);
		return r;
	}
	for (size_t i = 0; v[i] != NULL; i++)
		if (fs_entry_is_host_bind(v[i]))
			strv_push(&names, v[i]->source);
	fs_mount_entries_free(v);
	*ret = names;
	return 0;
}

/* Opens the host sources of nullfs entries while still the host's root. */
int
fs_open_sources(const struct conf_jail *j, char **ret_msg)
{
	struct fs_mount_entry **v = NULL;
	int r;

	r = fs_mount_entries(j, &v, ret_msg);
	if (r < 0)
		return r;
	for (size_t i = 0; v[i] != NULL; i++) {
		int k = fs_entry_type(v[i]), fd;

		if (k < 0 || fs_types[k].kind != FS_BIND ||
		    v[i]->source_in_jail != NULL ||
		    fs_source_has_tree(v[i]->source) ||
		    fs_source_fd(v[i]->source) >= 0)
			continue;
		fd = open(v[i]->source, O_PATH | O_CLOEXEC);
		/* The source is what is missing or closed, not the target. */
		if (fd < 0) {
			r = -errno;
			*ret_msg = xasprintf("mount: %s: %s", v[i]->source,
			    strerror(-r));
			fs_mount_entries_free(v);
			fs_sources_drop();
			return r;
		}
		fs_sources_add(v[i]->source, fd, false);
	}
	fs_mount_entries_free(v);
	return 0;
}

/*
 * Walks rel inside the root as check_path() does, one component at a
 * time, and names the first symlinked or missing one; NULL if none.
 */
static char *
fs_walk_msg(const char *pname, int root_fd, const char *rel,
    const char *shown, size_t off)
{
	_cleanup_free_ char *copy = xstrdup(rel);
	_cleanup_close_ int dir = fcntl(root_fd, F_DUPFD_CLOEXEC, 3);
	char *save = NULL;

	for (char *c = strtok_r(copy, "/", &save); dir >= 0 && c != NULL;
	    c = strtok_r(NULL, "/", &save)) {
		size_t end = off + (size_t)(c - copy) + strlen(c);
		struct stat st;
		int fd;

		if (strcmp(c, ".") == 0 || strcmp(c, "..") == 0)
			return NULL;	/* never walk out of the root */
		fd = openat(dir, c, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT)
			return xasprintf("%s: %.*s: %s", pname, (int)end,
			    shown, strerror(ENOENT));
		if (fd < 0)
			return NULL;
		close(dir);
		dir = fd;
		if (fstat(fd, &st) == 0 && S_ISLNK(st.st_mode))
			return xasprintf("%s: %.*s is a symbolic link", pname,
			    (int)end, shown);
	}
	return NULL;
}

/* jail(8)'s message for a target refused inside the root. */
char *
fs_target_msg(const char *pname, int root_fd, const char *rel,
    const char *shown, int r)
{
	size_t slen = strlen(shown), rlen = strlen(rel);
	char *msg = NULL;

	if ((r == -ELOOP || r == -ENOENT) && rlen <= slen &&
	    strcmp(shown + slen - rlen, rel) == 0)
		msg = fs_walk_msg(pname, root_fd, rel, shown, slen - rlen);
	if (msg != NULL)
		return msg;
	if (r == -ELOOP)
		return xasprintf("%s: %s: refusing a path through a symbolic "
		    "link", pname, shown);
	return xasprintf("%s: %s: %s", pname, shown, strerror(-r));
}

/* Calls a mask_ function; a mask module not built yet is not an error. */
static int
fs_mask(int (*fn)(int, char **), int dirfd, char **ret_msg)
{
	char *msg = NULL;
	int r = fn(dirfd, &msg);

	if (r == -ENOSYS) {
		free(msg);
		util_debug("fs: mask not built yet, nothing masked");
		return 0;
	}
	if (r < 0) {
		*ret_msg = msg != NULL ? msg : xasprintf("mask: %s",
		    strerror(-r));
		return r;
	}
	free(msg);
	return 0;
}

/*
 * Mounts a proc of the jail's PID namespace at target and masks it;
 * when optional, a missing target means no /proc (a symlink is still
 * refused).
 */
static int
fs_mount_proc(const struct conf_jail *j, int root_fd, const char *pname,
    const char *target, const char *shown, bool optional, char **ret_msg)
{
	long long children_max = 0;
	struct fs_opts o = {
		.attr = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
		    MOUNT_ATTR_NOEXEC,
	};
	_cleanup_close_ int t = -1, mnt = -1;
	int r;

	t = fs_open_in_root(root_fd, target, O_DIRECTORY);
	if (t == -ENOENT && optional)
		return 0;
	if (t < 0) {
		*ret_msg = fs_target_msg(pname, root_fd, target, shown, t);
		return t;
	}
	(void)conf_jail_int(j, P_CHILDREN_MAX, &children_max);
	r = fs_mount_new("proc", &o, t, &mnt);
	/*
	 * Linux mounts a proc in a user namespace only where a proc without
	 * anything mounted over its files is visible: inside a jail whose
	 * /proc is masked (children.max 0, so no jail is made there anyway)
	 * this fails, and is said so rather than leaving the parent's.
	 */
	if (r == -EPERM && ns_in_jail()) {
		*ret_msg = xasprintf("%s: %s: %s (the parent jail's /proc is "
		    "masked)", pname, shown, strerror(-r));
		return r;
	}
	if (r < 0) {
		*ret_msg = xasprintf("%s: %s: %s", pname, shown, strerror(-r));
		return r;
	}
	/*
	 * A jail that may make jails may also mount and unmount, masks
	 * included, so they would not hold against its root; and Linux
	 * gives a jail made inside a /proc of its own only where a proc
	 * with nothing mounted over it is visible.  So none: the host's
	 * sysctls stay the host root's, which this jail's root is not (an
	 * identity-mapped jail may not mount, jail_create.c).
	 */
	if (children_max > 0)
		return 0;
	return fs_mask(mask_apply_proc, mnt, ret_msg);
}

/* Mounts a read-only sysfs at target and masks it. */
static int
fs_mount_sys(int root_fd, const char *pname, const char *target,
    const char *shown, char **ret_msg)
{
	struct fs_opts o = {
		.attr = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
		    MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC,
	};
	_cleanup_close_ int t = -1, mnt = -1;
	int r;

	t = fs_open_in_root(root_fd, target, O_DIRECTORY);
	if (t < 0) {
		*ret_msg = fs_target_msg(pname, root_fd, target, shown, t);
		return t;
	}
	r = fs_mount_new("sysfs", &o, t, &mnt);
	if (r < 0) {
		*ret_msg = xasprintf("%s: %s: %s", pname, shown, strerror(-r));
		return r;
	}
	return fs_mask(mask_apply_sys, mnt, ret_msg);
}

/*
 * Mounts one "mount"/mount.fstab entry inside the jail root; *dev_done
 * tells whether ljail's devfs is on /dev yet.
 */
static int
fs_mount_entry(const struct conf_jail *j, int root_fd,
    const struct fs_mount_entry *e, bool *dev_done, char **ret_msg)
{
	_cleanup_close_ int t = -1;
	struct fs_opts o;
	int i, r;

	r = fs_fstype_check(e, ret_msg);
	if (r < 0)
		return r;
	i = fs_entry_type(e);
	r = fs_opts_parse(e->options, &o, ret_msg);
	if (r < 0)
		return r;
	switch (fs_types[i].kind) {
	case FS_PROC:
		fs_opts_clear(&o);
		return fs_mount_proc(j, root_fd, "mount", e->target,
		    e->host_target, false, ret_msg);
	case FS_SYSFS:
		fs_opts_clear(&o);
		return fs_mount_sys(root_fd, "mount", e->target,
		    e->host_target, ret_msg);
	case FS_DEVFS:
		fs_opts_clear(&o);
		r = fs_dev_setup(root_fd, e->target, e->host_target,
		    o.ruleset >= 0 ? o.ruleset : fs_dev_ruleset(j), false,
		    ret_msg);
		if (r == 0 && strcmp(e->target, "/dev") == 0)
			*dev_done = true;
		return r;
	case FS_FDESCFS:
		fs_opts_clear(&o);
		/*
		 * The links go into ljail's /dev, never into the jail's
		 * own directory on disk: a devfs entry must come first, as
		 * on FreeBSD, where /dev/fd is inside the devfs.
		 */
		if (!*dev_done) {
			*ret_msg = xasprintf("mount: %s: fdescfs needs a devfs "
			    "on /dev before it", e->host_target);
			return -ENOENT;
		}
		t = fs_open_in_root(root_fd, "/dev", O_DIRECTORY);
		if (t < 0) {
			*ret_msg = fs_target_msg("mount", root_fd, "/dev",
			    e->host_target, t);
			return t;
		}
		r = fs_dev_fd_links(t);
		if (r < 0)
			*ret_msg = xasprintf("mount: %s: %s", e->host_target,
			    strerror(-r));
		return r;
	case FS_BIND:
	case FS_NEW:
		break;
	}
	t = fs_open_in_root(root_fd, e->target, 0);
	if (t < 0) {
		fs_opts_clear(&o);
		*ret_msg = fs_target_msg("mount", root_fd, e->target,
		    e->host_target, t);
		return t;
	}
	if (fs_types[i].kind == FS_BIND) {
		if (o.data != NULL) {
			*ret_msg = xasprintf("mount: %s: nullfs option %s is "
			    "not supported", e->host_target, o.data[0]);
			fs_opts_clear(&o);
			return -EINVAL;
		}
		if (e->source_in_jail != NULL) {
			_cleanup_close_ int src = -1;

			src = fs_open_in_root(root_fd, e->source_in_jail, 0);
			if (src < 0) {
				fs_opts_clear(&o);
				*ret_msg = fs_target_msg("mount", root_fd,
				    e->source_in_jail, e->source, src);
				return src;
			}
			r = fs_mount_bind_fd(src, o.attr, t);
		} else if (fs_source_has_tree(e->source)) {
			/*
			 * Idmapped like the jail's root by ljail (it needs
			 * the host's CAP_SYS_ADMIN): the host's root files
			 * are the jail root's.  A detached tree is attached
			 * once; each entry got its own.
			 */
			_cleanup_close_ int tree = -1;

			tree = fs_source_take_tree(e->source);
			r = tree < 0 ? -EBADF : fs_attach_tree(tree, o.attr,
			    t);
		} else if (fs_source_fd(e->source) >= 0)
			r = fs_mount_bind_fd(fs_source_fd(e->source), o.attr,
			    t);
		else
			r = fs_mount_bind(e->source, o.attr, t);
	} else
		r = fs_mount_new(fs_types[i].linux_type, &o, t, NULL);
	fs_opts_clear(&o);
	if (r < 0)
		*ret_msg = xasprintf("mount: %s: %s", e->host_target,
		    strerror(-r));
	return r;
}

/* The host path of a directory of the jail, for messages. */
static char *
fs_shown(const struct conf_jail *j, const char *dir)
{
	const char *path = conf_jail_has(j, P_PATH) ?
	    conf_jail_str(j, P_PATH) : NULL;
	size_t len = path != NULL ? strlen(path) : 0;

	while (len > 0 && path[len - 1] == '/')
		len--;
	return xasprintf("%.*s%s", (int)len, path != NULL ? path : "", dir);
}

/*
 * A jail that may make jails (children.max > 0), and every jail on the
 * host's "/", gets a registry of its own: a fresh tmpfs on its
 * /run/ljail, where ljail run by the jail's root looks.  It hides what
 * the tree holds there (the host's registry, for a jail on "/"), so a
 * nested ljail finds an empty registry of its own, not one it may not
 * open, and it goes with the jail's mount namespace, and so do the
 * records of the jails made inside.  A tree without /run/ljail gets
 * none: a nested ljail then makes the directory in the jail's files.
 */
static int
fs_mount_registry(const struct conf_jail *j, int root_fd, char **ret_msg)
{
	struct fs_opts o = {
		.attr = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
		    MOUNT_ATTR_NOEXEC,
		.ruleset = -1,
	};
	_cleanup_close_ int fd = -1;
	long long max = 0;
	int r;

	const char *path = conf_jail_has(j, P_PATH) ?
	    conf_jail_str(j, P_PATH) : NULL;

	if ((conf_jail_int(j, P_CHILDREN_MAX, &max) < 0 || max <= 0) &&
	    path != NULL && *path != '\0' && strcmp(path, "/") != 0)
		return 0;
	fd = fs_open_in_root(root_fd, "/run/ljail", O_DIRECTORY);
	if (fd == -ENOENT)
		return 0;
	if (fd < 0) {
		*ret_msg = xasprintf("children.max: /run/ljail: %s",
		    strerror(-fd));
		return fd;
	}
	strv_push(&o.data, "mode=0700");
	strv_push(&o.data, "size=64m");
	r = fs_mount_new("tmpfs", &o, fd, NULL);
	fs_opts_clear(&o);
	if (r < 0)
		*ret_msg = xasprintf("children.max: /run/ljail: %s",
		    strerror(-r));
	return r;
}

/* Mounts the entries and the mount.* booleans, in FreeBSD's order. */
static int
fs_mount_all(const struct conf_jail *j, int root_fd, char **ret_msg)
{
	struct fs_mount_entry **v = NULL;
	bool devfs = conf_jail_bool(j, P_MOUNT_DEVFS), dev_done = false;
	bool fdescfs = conf_jail_bool(j, P_MOUNT_FDESCFS);
	bool explicit;
	int r;

	r = fs_mount_entries(j, &v, ret_msg);
	if (r < 0)
		return r;
	for (size_t i = 0; r == 0 && v[i] != NULL; i++)
		r = fs_mount_entry(j, root_fd, v[i], &dev_done, ret_msg);
	fs_mount_entries_free(v);
	if (r < 0)
		return r;
	/*
	 * fdescfs alone gets a /dev holding just the fd links (ruleset 1
	 * plus fd): ljail cannot mount a per-process fd directory over a
	 * directory of the jail tree.
	 */
	if (devfs) {
		_cleanup_free_ char *shown = fs_shown(j, "/dev");

		r = fs_dev_setup(root_fd, "/dev", shown, fs_dev_ruleset(j),
		    fdescfs, ret_msg);
	} else if (fdescfs) {
		_cleanup_free_ char *shown = fs_shown(j, "/dev");

		r = fs_dev_setup(root_fd, "/dev", shown, 1, true, ret_msg);
	}
	if (r == 0 && fs_proc_wanted(j, &explicit)) {
		_cleanup_free_ char *shown = fs_shown(j, "/proc");

		r = fs_mount_proc(j, root_fd, "mount.procfs", "/proc", shown,
		    !explicit, ret_msg);
	}
	if (r == 0 && conf_jail_bool(j, P_MOUNT_SYSFS)) {
		_cleanup_free_ char *shown = fs_shown(j, "/sys");

		r = fs_mount_sys(root_fd, "mount.sysfs", "/sys", shown,
		    ret_msg);
	}
	if (r == 0)
		r = fs_mount_registry(j, root_fd, ret_msg);
	return r;
}

/*
 * Moves into the attached jail root and detaches the old root:
 * pivot_root(".", ".") stacks the old root on top of the new one, and
 * the lazy unmount of "." takes it (and every host mount under it) away.
 * Propagation is already private, so nothing of this reaches the host.
 */
static int
fs_pivot(int root_fd, char **ret_msg)
{
	if (fchdir(root_fd) < 0 || syscall(SYS_pivot_root, ".", ".") < 0) {
		int r = -errno;

		*ret_msg = xasprintf("pivot_root: %s", strerror(errno));
		return r;
	}
	if (umount2(".", MNT_DETACH) < 0 || chdir("/") < 0) {
		int r = -errno;

		*ret_msg = xasprintf("detaching the host root: %s",
		    strerror(errno));
		return r;
	}
	return 0;
}

static int fs_setup_root_fds(const struct conf_jail *j, int root_fd,
    char **ret_msg);

/* Builds the jail's root in the current mount namespace and enters it. */
int
fs_setup_root(const struct conf_jail *j, int root_fd, char **ret_msg)
{
	int r = fs_setup_root_fds(j, root_fd, ret_msg);

	fs_sources_drop();
	return r;
}

/* fs_setup_root() with the sources fs_open_sources() may have opened. */
static int
fs_setup_root_fds(const struct conf_jail *j, int root_fd, char **ret_msg)
{
	const char *path = conf_jail_str(j, P_PATH);
	_cleanup_close_ int own = -1;
	int tree = root_fd;
	int r;

	if (path == NULL || *path == '\0')
		path = "/";
	/*
	 * First of all: on a host with shared propagation (systemd) every
	 * mount below would otherwise show up on the host as well.
	 */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		r = -errno;
		*ret_msg = xasprintf("making mounts private: %s",
		    strerror(errno));
		return r;
	}
	if (tree < 0 && (!conf_jail_has(j, P_PATH) || strcmp(path, "/") == 0)) {
		/*
		 * No path: the jail shares the host's tree (in its private
		 * copy of the mount table), as FreeBSD's jail on "/" does;
		 * a recursive bind and pivot of "/" would change nothing
		 * but the cost.
		 */
		own = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (own < 0) {
			r = -errno;
			*ret_msg = xasprintf("path /: %s", strerror(errno));
			return r;
		}
		r = fs_mount_all(j, own, ret_msg);
		if (r == 0 && chdir("/") < 0) {
			r = -errno;
			*ret_msg = xasprintf("chdir /: %s", strerror(errno));
		}
		return r;
	}
	if (tree < 0) {
		own = compat_open_tree(AT_FDCWD, path, OPEN_TREE_CLONE |
		    OPEN_TREE_CLOEXEC | AT_RECURSIVE);
		if (own < 0) {
			r = -errno;
			*ret_msg = xasprintf("path %s: %s", path,
			    strerror(errno));
			return r;
		}
		tree = own;
	}
	/*
	 * pivot_root needs the new root attached in this namespace.  It
	 * goes on top of "/", never onto the path by name: here the ids are
	 * the jail's, and a host directory above the path that only the
	 * host's root may search (mode 0700, the advice against F9) would
	 * refuse the lookup.  "/" needs no search permission, and from
	 * here on the tree is reached through its fd only.
	 */
	if (compat_move_mount(tree, "", AT_FDCWD, "/",
	    MOVE_MOUNT_F_EMPTY_PATH) < 0) {
		r = -errno;
		*ret_msg = xasprintf("path %s: %s", path, strerror(errno));
		return r;
	}
	r = fs_mount_all(j, tree, ret_msg);
	if (r < 0)
		return r;
	return fs_pivot(tree, ret_msg);
}
