/*
 * user.c - users for commands: the host's database through NSS, or the
 * jail's /etc/passwd and /etc/group parsed as plain data.
 *
 * A jail's files are written by its root, so they are never handed to
 * NSS (whose modules would run host code on jail data, e.g. nsswitch or
 * a crafted compat entry) and they are parsed defensively: regular files
 * only, opened without blocking (a FIFO would hang the host command),
 * bounded in size, and every line validated field by field.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "compat.h"
#include "user.h"
#include "util.h"

/* Frees a user. */
void
user_info_free(struct user_info *u)
{
	if (u == NULL)
		return;
	free(u->name);
	free(u->home);
	free(u->shell);
	free(u->groups);
	free(u);
}

/* Parses a decimal id; false unless it is a valid uid/gid (not -1). */
static bool
user_parse_id(const char *s, unsigned *ret)
{
	unsigned long long v = 0;

	if (!str_is_digits(s) || strlen(s) > 10)
		return false;
	for (; *s != '\0'; s++)
		v = v * 10 + (unsigned)(*s - '0');
	if (v >= UINT32_MAX)
		return false;
	*ret = (unsigned)v;
	return true;
}

/*
 * Splits a line into exactly n ':'-separated fields, in place; false if
 * the count differs.
 */
static bool
user_split(char *line, char **field, size_t n)
{
	size_t i = 0;

	field[i++] = line;
	for (char *p = line; *p != '\0'; p++) {
		if (*p != ':')
			continue;
		if (i == n)
			return false;
		*p = '\0';
		field[i++] = p + 1;
	}
	return i == n;
}

/* Appends a gid to the group list (duplicates removed later). */
static void
user_add_group(struct user_info *u, gid_t gid)
{
	if (u->ngroups % 64 == 0)
		u->groups = xreallocarray(u->groups, u->ngroups + 64,
		    sizeof(*u->groups));
	u->groups[u->ngroups++] = gid;
}

/* Orders gids for qsort. */
static int
user_gid_cmp(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Sorts and de-duplicates the supplementary groups, keeping the primary
 * gid first, and caps them at NGROUPS_MAX (setgroups' limit): a jail's
 * group file may list a user in any number of groups.
 */
static void
user_groups_finish(struct user_info *u)
{
	size_t n = 1;

	if (u->ngroups < 2)
		return;
	qsort(u->groups + 1, u->ngroups - 1, sizeof(*u->groups),
	    user_gid_cmp);
	for (size_t i = 1; i < u->ngroups; i++) {
		if (u->groups[i] == u->groups[0] ||
		    (n > 1 && u->groups[i] == u->groups[n - 1]))
			continue;
		u->groups[n++] = u->groups[i];
	}
	u->ngroups = n > NGROUPS_MAX ? NGROUPS_MAX : n;
}

/* Tells whether a comma-separated member list names the user. */
static bool
user_is_member(const char *members, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = members; *p != '\0';) {
		const char *end = strchr(p, ',');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

		if (n == len && strncmp(p, name, n) == 0)
			return true;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return false;
}

/* Fills the supplementary groups of u from group file text. */
static void
user_parse_groups(struct user_info *u, const char *group)
{
	_cleanup_free_ char *copy = xstrdup(group != NULL ? group : "");
	char *line, *save = NULL;

	user_add_group(u, u->gid);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *f[4];
		unsigned gid;

		if (line[0] == '#' || line[0] == '+' || line[0] == '-')
			continue;
		if (!user_split(line, f, 4) || f[0][0] == '\0' ||
		    !user_parse_id(f[2], &gid))
			continue;
		if (user_is_member(f[3], u->name))
			user_add_group(u, (gid_t)gid);
	}
	user_groups_finish(u);
}

/* Finds a user by name (or by uid when name is NULL) in passwd text. */
int
user_parse_db(const char *passwd, const char *group, const char *name,
    uid_t uid, struct user_info **ret)
{
	_cleanup_free_ char *copy = xstrdup(passwd);
	char *line, *save = NULL;

	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		struct user_info *u;
		unsigned id, gid;
		char *f[7];

		/* NIS compat entries would mean "ask NSS": never. */
		if (line[0] == '#' || line[0] == '+' || line[0] == '-')
			continue;
		if (!user_split(line, f, 7) || f[0][0] == '\0' ||
		    !user_parse_id(f[2], &id) || !user_parse_id(f[3], &gid))
			continue;
		if (name != NULL ? strcmp(f[0], name) != 0 : id != uid)
			continue;
		u = xcalloc(1, sizeof(*u));
		u->name = xstrdup(f[0]);
		u->uid = (uid_t)id;
		u->gid = (gid_t)gid;
		u->home = xstrdup(f[5][0] != '\0' ? f[5] : "/");
		u->shell = xstrdup(f[6]);
		user_parse_groups(u, group);
		*ret = u;
		return 0;
	}
	return -ESRCH;
}

/* Reads a jail database file: a bounded regular file, never blocking. */
static int
user_read_db(const char *path, char **ret)
{
	struct open_how how = {
		.flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
		.resolve = RESOLVE_NO_MAGICLINKS,
	};
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *buf = NULL;
	struct stat st;
	size_t len = 0;

	/*
	 * No magic links: /etc/passwd -> /proc/self/fd/N would hand us a
	 * host file ljail still holds open while it enters the jail.
	 */
	fd = compat_openat2(AT_FDCWD, path, &how);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	if ((unsigned long long)st.st_size > USER_DB_MAX)
		return -EFBIG;
	buf = xmalloc((size_t)st.st_size + 1);
	while (len < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + len, (size_t)st.st_size - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	/* A NUL inside would silently cut lines: refuse the file. */
	if (strlen(buf) != len)
		return -EINVAL;
	*ret = TAKE_PTR(buf);
	return 0;
}

/* Looks a user up in the jail's files, by name or by uid. */
static int
user_lookup_jail_any(const char *name, uid_t uid, struct user_info **ret)
{
	_cleanup_free_ char *passwd = NULL, *group = NULL;
	int r;

	r = user_read_db("/etc/passwd", &passwd);
	if (r < 0)
		return r;
	/* A missing group file only means no supplementary groups. */
	(void)user_read_db("/etc/group", &group);
	return user_parse_db(passwd, group, name, uid, ret);
}

/* Looks a user up in the jail's /etc/passwd by name. */
int
user_lookup_jail(const char *name, struct user_info **ret)
{
	return user_lookup_jail_any(name, 0, ret);
}

/* Looks a user up in the jail's /etc/passwd by uid. */
int
user_lookup_jail_uid(uid_t uid, struct user_info **ret)
{
	return user_lookup_jail_any(NULL, uid, ret);
}

/* Builds a user_info from an NSS entry, with its group list. */
static int
user_from_passwd(const struct passwd *pw, struct user_info **ret)
{
	struct user_info *u = xcalloc(1, sizeof(*u));
	int n = 64;

	u->name = xstrdup(pw->pw_name);
	u->uid = pw->pw_uid;
	u->gid = pw->pw_gid;
	u->home = xstrdup(pw->pw_dir != NULL && *pw->pw_dir ? pw->pw_dir :
	    "/");
	u->shell = xstrdup(pw->pw_shell != NULL ? pw->pw_shell : "");
	for (;;) {
		int got = n;

		u->groups = xreallocarray(u->groups, (size_t)n,
		    sizeof(*u->groups));
		if (getgrouplist(u->name, u->gid, u->groups, &got) >= 0) {
			u->ngroups = (size_t)got;
			break;
		}
		if (got <= n || got > NGROUPS_MAX) {
			user_info_free(u);
			return -EINVAL;
		}
		n = got;
	}
	*ret = u;
	return 0;
}

/*
 * getpwnam(3)'s errno after NULL: 0, ENOENT, ESRCH, EBADF and EPERM all
 * mean "not found" (the man page's note), anything else is an error.
 */
static int
user_nss_error(void)
{
	if (errno == 0 || errno == ENOENT || errno == ESRCH ||
	    errno == EBADF || errno == EPERM)
		return -ESRCH;
	return -errno;
}

/* Looks a user up in the host's database by name. */
int
user_lookup_host(const char *name, struct user_info **ret)
{
	struct passwd *pw;

	errno = 0;
	pw = getpwnam(name);
	if (pw == NULL)
		return user_nss_error();
	return user_from_passwd(pw, ret);
}

/* Looks a user up in the host's database by uid. */
int
user_lookup_host_uid(uid_t uid, struct user_info **ret)
{
	struct passwd *pw;

	errno = 0;
	pw = getpwuid(uid);
	if (pw == NULL)
		return user_nss_error();
	return user_from_passwd(pw, ret);
}

/*
 * Becomes the user: groups first, then the gid, then the uid, since each
 * step needs the privilege the next one gives up.
 */
int
user_become_step(const struct user_info *u, const char **ret_step)
{
	if (setgroups(u->ngroups, u->groups) < 0) {
		/*
		 * A rootless jail's user namespace denies setgroups; a user
		 * with no group but its primary one loses nothing by that
		 * (the gid is set just below), anyone else must fail.
		 */
		if (errno != EPERM || u->ngroups > 1 ||
		    (u->ngroups == 1 && u->groups[0] != u->gid)) {
			*ret_step = "initgroups";
			return -errno;
		}
	}
	if (setgid(u->gid) < 0) {
		*ret_step = "setgid";
		return -errno;
	}
	if (setuid(u->uid) < 0) {
		*ret_step = "setusercontext";
		return -errno;
	}
	return 0;
}

/* Becomes the user (setgroups, setgid, setuid). */
int
user_become(const struct user_info *u)
{
	const char *step;

	return user_become_step(u, &step);
}

/* Tells whether a PATH value is plain: directories of safe characters. */
static bool
user_path_is_plain(const char *v)
{
	if (*v == '\0')
		return false;
	for (; *v != '\0'; v++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789/:._+-", *v) == NULL)
			return false;
	return true;
}

/*
 * PATH for exec.clean from the current root's /etc/login.defs (Linux's
 * stand-in for login.conf's path capability): ENV_SUPATH for root,
 * ENV_PATH for others, else FreeBSD's fallback /bin:/usr/bin.  In a
 * jail the file is the jail root's, read as data and only taken when
 * its value is a plain list of directories.
 */
static char *
user_login_path(uid_t uid)
{
	const char *key = uid == 0 ? "ENV_SUPATH" : "ENV_PATH";
	_cleanup_free_ char *buf = NULL;
	char *line, *save = NULL;

	if (user_read_db("/etc/login.defs", &buf) < 0)
		return xstrdup("/bin:/usr/bin");
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		size_t klen = strlen(key);
		char *v = line;

		while (*v == ' ' || *v == '\t')
			v++;
		if (strncmp(v, key, klen) != 0 ||
		    (v[klen] != ' ' && v[klen] != '\t'))
			continue;
		v += klen;
		while (*v == ' ' || *v == '\t')
			v++;
		if (str_has_prefix(v, "PATH="))
			v += 5;
		v[strcspn(v, " \t\r")] = '\0';
		if (user_path_is_plain(v))
			return xstrdup(v);
	}
	return xstrdup("/bin:/usr/bin");
}

/* The exec.clean environment for a user. */
char **
user_clean_env(const struct user_info *u)
{
	const char *term = getenv("TERM");
	char **env = xcalloc(1, sizeof(*env));
	_cleanup_free_ char *user = NULL, *home = NULL, *shell = NULL;
	_cleanup_free_ char *t = NULL, *path = NULL, *pathvar = NULL;

	if (term != NULL) {
		t = xasprintf("TERM=%s", term);
		strv_push(&env, t);
	}
	path = user_login_path(u->uid);
	pathvar = xasprintf("PATH=%s", path);
	strv_push(&env, pathvar);
	user = xasprintf("USER=%s", u->name);
	home = xasprintf("HOME=%s", u->home);
	shell = xasprintf("SHELL=%s", *u->shell != '\0' ? u->shell :
	    "/bin/sh");
	strv_push(&env, user);
	strv_push(&env, home);
	strv_push(&env, shell);
	return env;
}
