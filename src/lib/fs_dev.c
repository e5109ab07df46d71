/*
 * fs_dev.c - the jail's /dev: FreeBSD's devfs with a ruleset, emulated by
 * a small tmpfs holding bind mounts of a few host device nodes, a private
 * devpts and the /dev/fd links.
 *
 * Nodes cannot be created with mknod in a user namespace (and a tmpfs
 * mounted there is nodev anyway), so each allowed node is an empty file
 * with the host's node bind-mounted over it.  Only the character devices
 * of the ruleset are ever bound, each checked to be the expected major:
 * minor, so no host disk, /dev/mem or /dev/kmsg can reach a jail.
 *
 * Rulesets (FreeBSD's /etc/defaults/devfs.rules numbers, each a superset
 * of the one before):
 *   1  devfsrules_hide_all: an empty /dev
 *   2  devfsrules_unhide_basic: null zero full random urandom
 *   3  devfsrules_unhide_login: 2 plus tty, ptmx and pts (a private
 *      devpts instance), fd stdin stdout stderr
 *   4  devfsrules_jail (FreeBSD's default for mount.devfs): 3 plus shm
 *   5  devfsrules_jail_vnet: as 4 (pf has no Linux counterpart)
 *   0  no ruleset: on FreeBSD the whole devfs; ljail never exposes the
 *      host's /dev and gives ruleset 4.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "fs_int.h"
#include "util.h"

/* A host character device a ruleset may show. */
struct fs_dev_node {
	const char *name;
	unsigned major, minor;
	int min_ruleset;	/* shown from this ruleset on */
};

static const struct fs_dev_node fs_dev_nodes[] = {
	{ "null", 1, 3, 2 },
	{ "zero", 1, 5, 2 },
	{ "full", 1, 7, 2 },
	{ "random", 1, 8, 2 },
	{ "urandom", 1, 9, 2 },
	{ "tty", 5, 0, 3 },
};

/* Tells whether ljail knows a devfs ruleset number. */
bool
fs_dev_ruleset_known(long long ruleset)
{
	return ruleset >= 0 && ruleset <= 5;
}

/* The ruleset mount.devfs uses (devfs_ruleset, FreeBSD's default 4). */
int
fs_dev_ruleset(const struct conf_jail *j)
{
	long long n;

	if (!conf_jail_has(j, P_DEVFS_RULESET))
		return 4;
	if (conf_jail_int(j, P_DEVFS_RULESET, &n) < 0 || n < 0 || n > 65535)
		return -1;
	return (int)n;
}

/*
 * Opens the host's nodes a ruleset shows, before anything is mounted
 * (with no path the jail's /dev is the host's, soon covered), checking
 * each is the real node (CVE-2025-31133: a node source swapped for
 * something else); a missing one is -1 and skipped.
 */
static int
fs_dev_open_nodes(int ruleset, int *fds, char **ret_msg)
{
	for (size_t i = 0; i < ARRAY_SIZE(fs_dev_nodes); i++)
		fds[i] = -1;
	for (size_t i = 0; i < ARRAY_SIZE(fs_dev_nodes); i++) {
		const struct fs_dev_node *n = &fs_dev_nodes[i];
		_cleanup_free_ char *host = xasprintf("/dev/%s", n->name);
		struct stat st;

		if (ruleset < n->min_ruleset)
			continue;
		fds[i] = open(host, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fds[i] < 0)
			continue;
		if (fstat(fds[i], &st) < 0 || !S_ISCHR(st.st_mode) ||
		    major(st.st_rdev) != n->major ||
		    minor(st.st_rdev) != n->minor) {
			*ret_msg = xasprintf("mount.devfs: %s: not the "
			    "expected device %u:%u", host, n->major,
			    n->minor);
			return -EINVAL;
		}
	}
	return 0;
}

/* Closes what fs_dev_open_nodes() opened. */
static void
fs_dev_close_nodes(int *fds)
{
	for (size_t i = 0; i < ARRAY_SIZE(fs_dev_nodes); i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* Binds one host node over a fresh empty file in the jail's /dev. */
static int
fs_dev_bind_node(int dev_fd, const struct fs_dev_node *n, int src,
    char **ret_msg)
{
	_cleanup_close_ int t = -1;
	int r;

	t = openat(dev_fd, n->name, O_CREAT | O_EXCL | O_RDONLY | O_CLOEXEC |
	    O_NOFOLLOW, 0666);
	if (t < 0) {
		r = -errno;
		*ret_msg = xasprintf("mount.devfs: /dev/%s: %s", n->name,
		    strerror(errno));
		return r;
	}
	r = fs_mount_bind_fd(src, 0, t);
	if (r < 0)
		*ret_msg = xasprintf("mount.devfs: /dev/%s: %s", n->name,
		    strerror(-r));
	return r;
}

/* Creates a symlink in the jail's /dev unless one is there already. */
static int
fs_dev_link(int dev_fd, const char *target, const char *name)
{
	if (symlinkat(target, dev_fd, name) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

/* Makes the /dev/fd, stdin, stdout, stderr links (fdescfs). */
int
fs_dev_fd_links(int dev_fd)
{
	int r;

	r = fs_dev_link(dev_fd, "/proc/self/fd", "fd");
	if (r == 0)
		r = fs_dev_link(dev_fd, "/proc/self/fd/0", "stdin");
	if (r == 0)
		r = fs_dev_link(dev_fd, "/proc/self/fd/1", "stdout");
	if (r == 0)
		r = fs_dev_link(dev_fd, "/proc/self/fd/2", "stderr");
	return r;
}

/* Makes a directory in /dev and mounts a new fs on it. */
static int
fs_dev_submount(int dev_fd, const char *name, mode_t mode, const char *type,
    char **data, unsigned attr, char **ret_msg)
{
	struct fs_opts o = { .attr = attr, .data = data, .ruleset = -1 };
	_cleanup_close_ int t = -1;
	int r = 0;

	if (mkdirat(dev_fd, name, 0700) < 0 && errno != EEXIST)
		r = -errno;
	if (r == 0) {
		t = openat(dev_fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (t < 0 || fchmodat(dev_fd, name, mode, 0) < 0)
			r = -errno;
	}
	if (r == 0)
		r = fs_mount_new(type, &o, t, NULL);
	if (r < 0)
		*ret_msg = xasprintf("mount.devfs: /dev/%s: %s", name,
		    strerror(-r));
	return r;
}

/* Fills the tmpfs /dev with what the ruleset shows. */
static int
fs_dev_populate(int dev_fd, int ruleset, const int *nodes, bool fd_links,
    char **ret_msg)
{
	int r = 0;

	for (size_t i = 0; r == 0 && i < ARRAY_SIZE(fs_dev_nodes); i++)
		if (nodes[i] >= 0)
			r = fs_dev_bind_node(dev_fd, &fs_dev_nodes[i],
			    nodes[i], ret_msg);
	if (r < 0)
		return r;
	if (ruleset >= 3) {
		/*
		 * A private devpts instance: the jail sees only its own
		 * ptys, never the host's.  ptmxmode=0666 because the pts
		 * ptmx node is what /dev/ptmx points to.
		 */
		char *pts[] = { "newinstance", "ptmxmode=0666", "mode=0620",
			NULL };

		r = fs_dev_submount(dev_fd, "pts", 0755, "devpts", pts,
		    MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, ret_msg);
		if (r < 0)
			return r;
		r = fs_dev_link(dev_fd, "pts/ptmx", "ptmx");
		if (r == 0)
			fd_links = true;
	}
	if (r == 0 && ruleset >= 4) {
		char *shm[] = { "mode=1777", NULL };

		r = fs_dev_submount(dev_fd, "shm", 01777, "tmpfs", shm,
		    MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, ret_msg);
		if (r < 0)
			return r;
	}
	if (r == 0 && fd_links)
		r = fs_dev_fd_links(dev_fd);
	if (r < 0 && *ret_msg == NULL)
		*ret_msg = xasprintf("mount.devfs: %s", strerror(-r));
	return r;
}

/* Mounts a tmpfs at target inside the jail root and populates it. */
int
fs_dev_setup(int root_fd, const char *target, const char *shown,
    int ruleset, bool fd_links, char **ret_msg)
{
	/* Small on purpose: /dev holds links and mount points only. */
	char *data[] = { "mode=0755", "size=64k", "nr_inodes=256", NULL };
	struct fs_opts o = {
		.attr = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC,
		.data = data,
		.ruleset = -1,
	};
	_cleanup_close_ int t = -1, mnt = -1;
	int nodes[ARRAY_SIZE(fs_dev_nodes)];
	int r;

	if (!fs_dev_ruleset_known(ruleset)) {
		*ret_msg = xasprintf("mount.devfs: devfs_ruleset %d: ljail "
		    "knows rulesets 0 to 5", ruleset);
		return -EINVAL;
	}
	if (ruleset == 0)
		ruleset = 4;
	t = fs_open_in_root(root_fd, target, O_DIRECTORY);
	if (t < 0) {
		*ret_msg = fs_target_msg("mount.devfs", root_fd, target, shown,
		    t);
		return t;
	}
	r = fs_dev_open_nodes(ruleset, nodes, ret_msg);
	if (r == 0) {
		r = fs_mount_new("tmpfs", &o, t, &mnt);
		if (r < 0)
			*ret_msg = xasprintf("mount.devfs: %s: %s", target,
			    strerror(-r));
	}
	if (r == 0)
		r = fs_dev_populate(mnt, ruleset, nodes, fd_links, ret_msg);
	fs_dev_close_nodes(nodes);
	return r;
}
