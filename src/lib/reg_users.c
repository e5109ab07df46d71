/*
 * reg_users.c - root's view of users' registries: the rootless jails of
 * every user, for root's ljls (see reg.h).
 *
 * A user's registry is written by that user, so root believes nothing in
 * it that the kernel does not confirm: every directory and record is
 * opened without following links and must belong to the user and be
 * writable by no one else, and a record counts only if the process it
 * names runs with the record's start time, as that user (all four uids),
 * in a user namespace of its own that the user owns.  Such a record can
 * at worst name another process of the same user's; nothing is entered
 * or signalled through it here.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ns.h"
#include "reg.h"
#include "util.h"

#ifndef NS_GET_OWNER_UID
#define NS_GET_OWNER_UID 0xb704	/* _IO(0xb7, 0x4), linux/nsfs.h */
#endif

/* Records are small; anything bigger is not one. */
#define REG_USERS_RECORD_MAX (1024 * 1024)

/* Opens a directory of uid's that no one else may write; -errno if not. */
static int
reg_users_open_dir(int at, const char *name, uid_t uid)
{
	return util_open_owned_dir(at, name, uid);
}

/* Reads one record file of uid's: regular, its, small. */
static int
reg_users_read(int dirfd, const char *name, uid_t uid, char **ret,
    size_t *ret_len)
{
	_cleanup_close_ int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC);
	_cleanup_free_ char *buf = NULL;
	struct stat st;
	int r;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode) || st.st_uid != uid ||
	    st.st_size > REG_USERS_RECORD_MAX)
		return -EPERM;
	buf = xmalloc((size_t)st.st_size + 1);
	r = util_read_full(fd, buf, (size_t)st.st_size);
	if (r < 0)
		return r;
	buf[st.st_size] = '\0';
	*ret_len = (size_t)st.st_size;
	*ret = TAKE_PTR(buf);
	return 0;
}

/* Tells whether every uid of the Uid: line of /proc/PID/status is uid. */
static bool
reg_users_runs_as(pid_t pid, uid_t uid)
{
	_cleanup_free_ char *buf = NULL;
	unsigned long r, e, s, f;
	char path[64], *line;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (util_read_file(path, &buf, NULL) < 0)
		return false;
	line = strstr(buf, "\nUid:");
	if (line == NULL ||
	    sscanf(line, "\nUid: %lu %lu %lu %lu", &r, &e, &s, &f) != 4)
		return false;
	return r == uid && e == uid && s == uid && f == uid;
}

/* Tells whether pid is in a user namespace, not ours, that uid owns. */
bool
reg_pid_in_userns_of(pid_t pid, uid_t uid)
{
	_cleanup_close_ int fd = -1;
	struct stat self, other;
	char path[64];
	uid_t owner;

	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &other) < 0 ||
	    stat("/proc/self/ns/user", &self) < 0)
		return false;
	if (self.st_ino == other.st_ino && self.st_dev == other.st_dev)
		return false;
	if (ioctl(fd, NS_GET_OWNER_UID, &owner) < 0)
		return false;
	return owner == uid;
}

/* Whether the kernel confirms a user's record (see the top). */
static bool
reg_users_confirmed(const struct reg_jail *j, uid_t uid)
{
	unsigned long long start;

	if (j->init_pid <= 0 || reg_proc_start(j->init_pid, &start) < 0 ||
	    start != j->init_start)
		return false;
	if (!reg_users_runs_as(j->init_pid, uid) ||
	    !reg_pid_in_userns_of(j->init_pid, uid))
		return false;
	/* The pid may have been recycled while we looked: once more. */
	return reg_proc_start(j->init_pid, &start) == 0 &&
	    start == j->init_start;
}

/* Adds the confirmed jails of one user's registry (at/name) to *v. */
static void
reg_users_scan(int at, const char *name, uid_t uid, const char *boot_id,
    struct reg_jail ***v, size_t *n)
{
	_cleanup_close_ int reg = reg_users_open_dir(at, name, uid);
	_cleanup_close_ int jails = -1;
	_cleanup_free_ char *owner = NULL;
	struct passwd *pw;
	struct dirent *de;
	DIR *d;

	if (reg < 0)
		return;
	jails = reg_users_open_dir(reg, "jails", uid);
	if (jails < 0)
		return;
	d = fdopendir(jails);
	if (d == NULL)
		return;
	jails = -1;		/* the DIR has it now */
	pw = getpwuid(uid);
	owner = pw != NULL ? xstrdup(pw->pw_name) :
	    xasprintf("%u", (unsigned)uid);
	while ((de = readdir(d)) != NULL) {
		_cleanup_free_ char *buf = NULL;
		struct reg_jail *j = NULL;
		size_t len = 0;

		if (!str_is_digits(de->d_name))
			continue;
		if (reg_users_read(dirfd(d), de->d_name, uid, &buf, &len) < 0 ||
		    reg_record_parse(buf, len, boot_id, &j) < 0)
			continue;
		if (!reg_users_confirmed(j, uid)) {
			reg_jail_free(j);
			continue;
		}
		j->owner = xstrdup(owner);
		j->owner_uid = uid;
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		(*v)[(*n)++] = j;
	}
	closedir(d);
}

/* Reads a directory's entries of the form PREFIX<uid>, calling scan. */
static void
reg_users_walk(const char *dir, const char *prefix, const char *sub,
    const char *boot_id, struct reg_jail ***v, size_t *n)
{
	_cleanup_close_ int fd = open(dir, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	struct dirent *de;
	DIR *d;

	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (d == NULL)
		return;
	fd = -1;
	while ((de = readdir(d)) != NULL) {
		const char *num = de->d_name + strlen(prefix);
		unsigned long uid;

		if (!str_has_prefix(de->d_name, prefix) || !str_is_digits(num))
			continue;
		uid = strtoul(num, NULL, 10);
		/* root's own registry is not a user's */
		if (uid == 0 || uid >= 0xFFFFFFFFUL)
			continue;
		if (sub == NULL) {
			reg_users_scan(dirfd(d), de->d_name, (uid_t)uid,
			    boot_id, v, n);
		} else {
			_cleanup_close_ int home = reg_users_open_dir(dirfd(d),
			    de->d_name, (uid_t)uid);

			if (home >= 0)
				reg_users_scan(home, sub, (uid_t)uid, boot_id,
				    v, n);
		}
	}
	closedir(d);
}

/* Orders users' jails by owner, then jid. */
static int
reg_users_cmp(const void *a, const void *b)
{
	const struct reg_jail *x = *(struct reg_jail *const *)a;
	const struct reg_jail *y = *(struct reg_jail *const *)b;

	if (x->owner_uid != y->owner_uid)
		return x->owner_uid < y->owner_uid ? -1 : 1;
	return (x->jid > y->jid) - (x->jid < y->jid);
}

/* Lists the confirmed jails of every user's default registry. */
int
reg_list_users(struct reg_jail ***ret, size_t *ret_n)
{
	_cleanup_free_ char *boot = NULL;
	struct reg_jail **v = NULL;
	size_t n = 0;

	*ret = NULL;
	*ret_n = 0;
	/*
	 * Host root only: elsewhere /proc and /tmp are not the host's.  And
	 * only with the default registry: LJAIL_RUNDIR asks for one.
	 */
	if (geteuid() != 0 || ns_in_jail() ||
	    (getenv("LJAIL_RUNDIR") != NULL && *getenv("LJAIL_RUNDIR") != '\0'))
		return 0;
	if (util_read_file("/proc/sys/kernel/random/boot_id", &boot,
	    NULL) < 0)
		return 0;
	boot[strcspn(boot, "\n")] = '\0';
	reg_users_walk("/run/user", "", "ljail", boot, &v, &n);
	reg_users_walk("/tmp", "ljail-", NULL, boot, &v, &n);
	if (n > 1)
		qsort(v, n, sizeof(*v), reg_users_cmp);
	*ret = v;
	*ret_n = n;
	return 0;
}

/*
 * Counts the descendants of j among the jails of j's registry in v,
 * those made inside them included (reg_descendants_count).
 */
int
reg_owner_children_count(struct reg_jail *const *v, size_t n,
    const struct reg_jail *j)
{
	size_t lo = 0, hi;

	/* v: the caller's jails by jid, then users' by owner and jid. */
	while (lo < n && (v[lo]->owner == NULL) != (j->owner == NULL))
		lo++;
	while (lo < n && j->owner != NULL && v[lo]->owner_uid != j->owner_uid)
		lo++;
	for (hi = lo; hi < n && (v[hi]->owner == NULL) ==
	    (j->owner == NULL) && v[hi]->owner_uid == v[lo]->owner_uid; hi++)
		;
	return reg_descendants_count(v + lo, hi - lo, j);
}

/* Finds one user's jail by jid or name among reg_list_users()'s. */
int
reg_find_user(const char *key, struct reg_jail **ret)
{
	struct reg_jail **v = NULL, *found = NULL;
	bool jid = str_is_digits(key) && strspn(key, "0") != strlen(key);
	long want = jid && strlen(key) <= 9 ? strtol(key, NULL, 10) : -1;
	size_t n = 0;
	int r;

	r = reg_list_users(&v, &n);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++) {
		bool match = jid ? v[i]->jid == want :
		    v[i]->name != NULL && strcmp(v[i]->name, key) == 0;

		if (!match)
			continue;
		if (found != NULL) {
			r = -ENOTUNIQ;
			break;
		}
		found = v[i];
		v[i] = NULL;
	}
	reg_jail_list_free(v, n);
	if (r < 0) {
		reg_jail_free(found);
		return r;
	}
	if (found == NULL)
		return -ESRCH;
	*ret = found;
	return 0;
}
