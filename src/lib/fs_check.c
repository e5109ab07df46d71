/*
 * fs_check.c - reading the mount entries of a jail ("mount" values and
 * mount.fstab files) and checking path and mountpoints before anything is
 * created, with jail(8)'s messages (§1.7, §1.8 of the spec).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs_int.h"
#include "ns.h"
#include "util.h"

/* Frees one entry. */
void
fs_mount_entry_free(struct fs_mount_entry *e)
{
	if (e == NULL)
		return;
	free(e->source);
	free(e->target);
	free(e->fstype);
	free(e->options);
	free(e->host_target);
	free(e->source_in_jail);
	free(e->line);
	free(e);
}

/* Frees a NULL-terminated vector of entries. */
void
fs_mount_entries_free(struct fs_mount_entry **v)
{
	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		fs_mount_entry_free(v[i]);
	free(v);
}

/* Tells whether c is an octal digit. */
static bool
is_octal(char c)
{
	return c >= '0' && c <= '7';
}

/*
 * Decodes a vis(3)-encoded field as strunvis(3) does for the escapes
 * fstab files use (\040, \\, \t, \n, \s, \E, \^X, \M-X, \M^X); anything
 * else after a backslash, or a trailing backslash, is an error.
 */
static int
fs_unvis(const char *in, char **ret)
{
	_cleanup_free_ char *out = xmalloc(strlen(in) + 1);
	char *o = out;

	for (const char *p = in; *p != '\0'; p++) {
		unsigned meta = 0;

		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		p++;
		if (is_octal(*p)) {
			unsigned v = 0;

			for (int k = 0; k < 3 && is_octal(*p); k++, p++)
				v = v * 8 + (unsigned)(*p - '0');
			p--;
			if (v > 0377)
				return -EINVAL;
			*o++ = (char)v;
			continue;
		}
		switch (*p) {
		case '\\': *o++ = '\\'; continue;
		case 'n': *o++ = '\n'; continue;
		case 'r': *o++ = '\r'; continue;
		case 't': *o++ = '\t'; continue;
		case 'b': *o++ = '\b'; continue;
		case 'a': *o++ = '\a'; continue;
		case 'v': *o++ = '\v'; continue;
		case 'f': *o++ = '\f'; continue;
		case 's': *o++ = ' '; continue;
		case 'E': *o++ = '\033'; continue;
		case '$': continue;	/* hidden marker */
		case 'M':
			meta = 0200;
			p++;
			if (*p == '-') {
				if (p[1] == '\0')
					return -EINVAL;
				*o++ = (char)(meta | (unsigned char)p[1]);
				p++;
				continue;
			}
			if (*p != '^')
				return -EINVAL;
			__attribute__((fallthrough));
		case '^':
			p++;
			if (*p == '\0')
				return -EINVAL;
			*o++ = (char)(meta | (*p == '?' ? 0177u :
			    ((unsigned char)*p & 037u)));
			continue;
		default:
			return -EINVAL;
		}
	}
	*o = '\0';
	*ret = TAKE_PTR(out);
	return 0;
}

/* Tells whether c separates fstab fields. */
static bool
is_fstab_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* Parses one fstab-format line into an entry. */
int
fs_parse_mount_line(const char *line, bool is_file,
    struct fs_mount_entry **ret, char **ret_msg)
{
	_cleanup_free_ char *copy = xstrdup(line);
	char *field[4] = { NULL, NULL, NULL, NULL };
	struct fs_mount_entry *e;
	size_t nfields = 0;
	char *p = copy;

	if (is_file) {
		char *hash = strchr(copy, '#');

		if (hash != NULL)
			*hash = '\0';
	}
	for (;;) {
		while (is_fstab_blank(*p))
			p++;
		if (*p == '\0')
			break;
		if (nfields < ARRAY_SIZE(field))
			field[nfields] = p;
		nfields++;
		while (*p != '\0' && !is_fstab_blank(*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	if (nfields == 0) {
		*ret = NULL;
		return 0;
	}
	if (nfields < 3) {
		*ret_msg = xasprintf("mount: %s: missing information", line);
		return -EINVAL;
	}
	e = xcalloc(1, sizeof(*e));
	if (fs_unvis(field[0], &e->source) < 0 ||
	    fs_unvis(field[1], &e->host_target) < 0) {
		fs_mount_entry_free(e);
		*ret_msg = xasprintf("mount: %s: fstab parse error", line);
		return -EINVAL;
	}
	e->fstype = xstrdup(field[2]);
	e->options = xstrdup(field[3] != NULL ? field[3] : "rw");
	e->target = xstrdup(e->host_target);
	e->line = xstrdup(line);
	*ret = e;
	return 0;
}

/* The jail path without trailing slashes, or NULL when none is set. */
static char *
fs_jail_path(const struct conf_jail *j)
{
	const char *path;
	size_t len;

	/* Not conf_jail_str(): its table default "/" is not "set". */
	if (!conf_jail_has(j, P_PATH))
		return NULL;
	path = conf_jail_str(j, P_PATH);
	if (path == NULL || *path == '\0')
		return NULL;
	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	return xstrndup(path, len);
}

/* If target lies strictly below root, the rest after root ("/x"), else NULL. */
static const char *
fs_below(const char *target, const char *root)
{
	size_t len = strlen(root);

	if (strcmp(root, "/") == 0)
		return target[0] == '/' && target[1] != '\0' ? target : NULL;
	if (strncmp(target, root, len) != 0 || target[len] != '/')
		return NULL;
	return target + len;
}

/*
 * Makes an entry's target relative to the jail root.  FreeBSD mounts
 * the host path as written; ljail mounts inside the jail's own mount
 * namespace, so a mountpoint outside the jail path would be invisible
 * to the jail and is refused instead of silently doing nothing.
 */
static int
fs_entry_relocate(struct fs_mount_entry *e, const char *path, char **ret_msg)
{
	char real[PATH_MAX];
	const char *rest;

	if (e->host_target[0] != '/') {
		*ret_msg = xasprintf("mount: %s: not an absolute pathname",
		    e->host_target);
		return -EINVAL;
	}
	if (path == NULL)
		return 0;	/* no jail path: the jail sees "/" */
	rest = fs_below(e->host_target, path);
	if (rest == NULL && realpath(path, real) != NULL)
		rest = fs_below(e->host_target, real);
	if (rest == NULL) {
		*ret_msg = xasprintf("mount: %s: not below the jail path %s",
		    e->host_target, path);
		return -EINVAL;
	}
	free(e->target);
	e->target = xstrdup(rest);
	/*
	 * A bind source inside the jail tree is the jail root's to change:
	 * it is resolved inside the root too, or a planted symlink would
	 * bind a host directory into the jail.
	 */
	if (strcmp(path, "/") != 0) {
		rest = fs_below(e->source, path);
		if (rest == NULL && realpath(path, real) != NULL)
			rest = fs_below(e->source, real);
		if (rest != NULL)
			e->source_in_jail = xstrdup(rest);
	}
	return 0;
}

/* Appends the entries of one line to a vector (blank lines add nothing). */
static int
fs_entries_add(struct fs_mount_entry ***v, size_t *n, const char *line,
    bool is_file, const char *path, char **ret_msg)
{
	struct fs_mount_entry *e = NULL;
	int r;

	r = fs_parse_mount_line(line, is_file, &e, ret_msg);
	if (r < 0 || e == NULL)
		return r;
	r = fs_entry_relocate(e, path, ret_msg);
	if (r < 0) {
		fs_mount_entry_free(e);
		return r;
	}
	*v = xreallocarray(*v, *n + 2, sizeof(**v));
	(*v)[(*n)++] = e;
	(*v)[*n] = NULL;
	return 0;
}

/*
 * mount.fstab files as ljail read them, by path.  fs_check() reads them
 * on the host with ljail's own ids; fs_setup_root() runs in the jail's
 * first process, a clone of ljail that already has the jail's ids and
 * may not be allowed to read a root-only fstab: it finds the same text
 * here (its memory is a copy), which is also exactly what was checked.
 * The cache stays reachable until exit, so it is no leak.
 */
static struct fs_fstab_text {
	char *path;
	char *text;
} *fs_fstab_cache;
static size_t fs_fstab_ncache;

/* Reads an fstab file, or returns the text read before (a copy). */
static int
fs_fstab_read(const char *file, char **ret)
{
	char *buf = NULL;
	int r;

	for (size_t i = 0; i < fs_fstab_ncache; i++)
		if (strcmp(fs_fstab_cache[i].path, file) == 0) {
			*ret = xstrdup(fs_fstab_cache[i].text);
			return 0;
		}
	r = util_read_file(file, &buf, NULL);
	if (r < 0)
		return r;
	fs_fstab_cache = xreallocarray(fs_fstab_cache, fs_fstab_ncache + 1,
	    sizeof(*fs_fstab_cache));
	fs_fstab_cache[fs_fstab_ncache].path = xstrdup(file);
	fs_fstab_cache[fs_fstab_ncache].text = xstrdup(buf);
	fs_fstab_ncache++;
	*ret = buf;
	return 0;
}

/*
 * Reads every entry of a jail; lenient skips a missing fstab file (which
 * exec.prepare may yet create).
 */
static int
fs_mount_entries_at(const struct conf_jail *j, bool lenient,
    struct fs_mount_entry ***ret, char **ret_msg)
{
	char *const *lines = conf_jail_list(j, P_MOUNT);
	char *const *files = conf_jail_list(j, P_MOUNT_FSTAB);
	_cleanup_free_ char *path = fs_jail_path(j);
	struct fs_mount_entry **v = xcalloc(1, sizeof(*v));
	size_t n = 0;
	int r = 0;

	for (size_t i = 0; r == 0 && lines != NULL && lines[i] != NULL; i++)
		r = fs_entries_add(&v, &n, lines[i], false, path, ret_msg);
	for (size_t i = 0; r == 0 && files != NULL && files[i] != NULL; i++) {
		_cleanup_free_ char *buf = NULL;
		char *line, *save = NULL;

		r = fs_fstab_read(files[i], &buf);
		if (r == -ENOENT && lenient) {
			r = 0;
			continue;
		}
		if (r < 0) {
			*ret_msg = xasprintf("mount.fstab: %s: %s", files[i],
			    strerror(-r));
			break;
		}
		for (line = strtok_r(buf, "\n", &save); r == 0 && line != NULL;
		    line = strtok_r(NULL, "\n", &save))
			r = fs_entries_add(&v, &n, line, true, path, ret_msg);
	}
	if (r < 0) {
		fs_mount_entries_free(v);
		return r;
	}
	*ret = v;
	return 0;
}

/* Reads every entry of a jail: "mount" values, then mount.fstab files. */
int
fs_mount_entries(const struct conf_jail *j, struct fs_mount_entry ***ret,
    char **ret_msg)
{
	return fs_mount_entries_at(j, false, ret, ret_msg);
}

/*
 * With exec.prepare (which may create the jail's file system, FreeBSD
 * runs it before any check) a missing file is not yet an error: the
 * jail's first process checks again, resolving inside the root.
 */
static int
fs_tolerate(bool prepare, int r, char **ret_msg)
{
	if (!prepare || r != -ENOENT)
		return r;
	free(*ret_msg);
	*ret_msg = NULL;
	return 0;
}

/*
 * FreeBSD's check_path(): a mountpoint below the jail path must not pass
 * through a symbolic link (a jailed root could plant one to make the
 * host mount over its own files), and every component must exist.
 */
static int
fs_check_mountpoint(const char *pname, const char *target, const char *path,
    char **ret_msg)
{
	_cleanup_free_ char *t = xstrdup(target);
	struct stat st;
	size_t plen;
	char *p;

	if (target[0] != '/') {
		*ret_msg = xasprintf("%s: %s: not an absolute pathname", pname,
		    target);
		return -EINVAL;
	}
	if (path == NULL)
		return 0;
	plen = strcmp(path, "/") == 0 ? 0 : strlen(path);
	if (strncmp(t, path, plen) != 0 || t[plen] != '/') {
		char real[PATH_MAX];

		/* Below the resolved path (a relative or linked "path"). */
		if (realpath(path, real) == NULL || strcmp(real, path) == 0)
			return 0;
		return fs_check_mountpoint(pname, target, real, ret_msg);
	}
	for (p = t + plen; p != NULL;) {
		p = strchr(p + 1, '/');
		if (p != NULL)
			*p = '\0';
		if (lstat(t, &st) < 0) {
			int r = -errno;

			*ret_msg = xasprintf("%s: %s: %s", pname, t,
			    strerror(errno));
			return r;
		}
		if (S_ISLNK(st.st_mode)) {
			*ret_msg = xasprintf("%s: %s is a symbolic link", pname,
			    t);
			return -ELOOP;
		}
		if (p != NULL) {
			*p = '/';
			if (p[1] == '\0')
				break;	/* trailing slash */
		}
	}
	return 0;
}

/* Checks the path parameter (§1.7 creation details). */
static int
fs_check_path(const struct conf_jail *j, const char *path, char **ret_msg)
{
	struct stat st;

	if (j->from_config && path[0] != '/') {
		*ret_msg = xasprintf("path %s: not an absolute pathname", path);
		return -EINVAL;
	}
	if (stat(path, &st) < 0) {
		int r = -errno;

		*ret_msg = xasprintf("path %s: %s", path, strerror(errno));
		return r;
	}
	if (!S_ISDIR(st.st_mode)) {
		*ret_msg = xasprintf("path %s: %s", path, strerror(ENOTDIR));
		return -ENOTDIR;
	}
	return 0;
}

/* Checks one of mount.devfs/fdescfs/procfs/sysfs: its directory. */
static int
fs_check_special(const struct conf_jail *j, enum param_id id, const char *path,
    const char *dir, char **ret_msg)
{
	_cleanup_free_ char *target = NULL;

	if (!conf_jail_bool(j, id))
		return 0;
	if (path == NULL) {
		*ret_msg = xasprintf("%s: no jail root path defined",
		    param_table[id].name);
		return -EINVAL;
	}
	target = xasprintf("%s%s", strcmp(path, "/") == 0 ? "" : path, dir);
	return fs_check_mountpoint(param_table[id].name, target, path, ret_msg);
}

/* Whether the jail gets a /proc (mount.procfs, or by default). */
bool
fs_proc_wanted(const struct conf_jail *j, bool *ret_explicit)
{
	*ret_explicit = conf_jail_has(j, P_MOUNT_PROCFS);
	if (*ret_explicit)
		return conf_jail_bool(j, P_MOUNT_PROCFS);
	/*
	 * By default every jail gets its own, a jail on "/" too: the host's
	 * /proc would show it every host process, by pids that mean nothing
	 * in its PID namespace (a nested ljail writes id maps by pid), and
	 * without the masks.
	 */
	return true;
}

/* Checks the /proc mount point, explicit (mount.procfs) or by default. */
static int
fs_check_proc(const struct conf_jail *j, const char *path, char **ret_msg)
{
	_cleanup_free_ char *target = NULL;
	bool explicit;
	int r;

	if (!fs_proc_wanted(j, &explicit) || (path == NULL && !explicit))
		return 0;
	if (explicit)
		return fs_check_special(j, P_MOUNT_PROCFS, path, "/proc",
		    ret_msg);
	/* By default: a missing /proc means none, a symlink is refused. */
	target = xasprintf("%s/proc", path);
	r = fs_check_mountpoint("mount.procfs", target, path, ret_msg);
	if (r == -ENOENT) {
		free(*ret_msg);
		*ret_msg = NULL;
		r = 0;
	}
	return r;
}

/* Validates path and every mount entry before anything is created. */
int
fs_check(const struct conf_jail *j, char **ret_msg)
{
	_cleanup_free_ char *path = fs_jail_path(j);
	bool prepare = conf_jail_list(j, P_EXEC_PREPARE) != NULL;
	struct fs_mount_entry **v = NULL;
	int r;

	if (path != NULL) {
		char real[PATH_MAX];

		r = fs_tolerate(prepare, fs_check_path(j, path, ret_msg),
		    ret_msg);
		if (r < 0)
			return r;
		/* a command-line jail's relative path, as the kernel would */
		if (path[0] != '/' && realpath(path, real) != NULL) {
			free(path);
			path = xstrdup(real);
		}
	}
	r = fs_mount_entries_at(j, prepare, &v, ret_msg);
	if (r < 0)
		return r;
	for (size_t i = 0; r == 0 && v[i] != NULL; i++) {
		struct fs_opts o;

		_cleanup_free_ char *mp = xstrdup(v[i]->host_target);

		/* /dev/fd appears with the devfs: check /dev, as it is now */
		if (strcmp(v[i]->fstype, "fdescfs") == 0 &&
		    strrchr(mp, '/') != NULL && strrchr(mp, '/') != mp)
			*strrchr(mp, '/') = '\0';
		r = fs_tolerate(prepare, fs_check_mountpoint("mount", mp, path,
		    ret_msg), ret_msg);
		if (r == 0 && v[i]->source_in_jail != NULL)
			r = fs_tolerate(prepare, fs_check_mountpoint("mount",
			    v[i]->source, path, ret_msg), ret_msg);
		if (r == 0)
			r = fs_fstype_check(v[i], ret_msg);
		if (r == 0)
			r = fs_opts_parse(v[i]->options, &o, ret_msg);
		if (r == 0)
			fs_opts_clear(&o);
	}
	fs_mount_entries_free(v);
	if (r < 0)
		return r;
	r = fs_tolerate(prepare, fs_check_special(j, P_MOUNT_DEVFS, path,
	    "/dev", ret_msg), ret_msg);
	if (r == 0 && conf_jail_bool(j, P_MOUNT_DEVFS) &&
	    !fs_dev_ruleset_known(fs_dev_ruleset(j))) {
		*ret_msg = xasprintf("mount.devfs: devfs_ruleset %d: "
		    "ljail knows rulesets 0 to 5", fs_dev_ruleset(j));
		r = -EINVAL;
	}
	if (r == 0)
		r = fs_tolerate(prepare, fs_check_special(j, P_MOUNT_FDESCFS,
		    path, "/dev", ret_msg), ret_msg);
	if (r == 0)
		r = fs_tolerate(prepare, fs_check_proc(j, path, ret_msg),
		    ret_msg);
	if (r == 0)
		r = fs_tolerate(prepare, fs_check_special(j, P_MOUNT_SYSFS,
		    path, "/sys", ret_msg), ret_msg);
	return r;
}

/* Whether a directory lets only the host's root search it. */
static bool
fs_dir_closed(const struct stat *st)
{
	if (st->st_uid != 0 || (st->st_mode & S_IXOTH) != 0)
		return false;
	return (st->st_mode & S_IXGRP) == 0 || st->st_gid == 0;
}

/* Whether host users other than root can reach a directory (real path). */
static bool
fs_dir_exposed(char *real)
{
	/* every directory from "/" down to the path itself */
	for (char *p = real;;) {
		struct stat st;
		char c;

		p += strcspn(p, "/");
		c = *p;
		*p = '\0';
		if (stat(p == real ? "/" : real, &st) < 0 ||
		    fs_dir_closed(&st)) {
			*p = c;
			return false;
		}
		*p = c;
		if (c == '\0')
			break;
		p++;
	}
	return true;
}

/*
 * The first writable nullfs source outside the path that other users can
 * reach, or NULL: it is idmapped like the root, so what the jail's root
 * makes there is host root's too.
 */
static char *
fs_source_exposed(const struct conf_jail *j)
{
	struct fs_mount_entry **v = NULL;
	_cleanup_free_ char *msg = NULL;
	char *found = NULL, real[PATH_MAX];

	if (fs_mount_entries(j, &v, &msg) < 0)
		return NULL;
	for (size_t i = 0; v[i] != NULL && found == NULL; i++) {
		struct fs_opts o;
		_cleanup_free_ char *m = NULL;

		if (!fs_entry_is_host_bind(v[i]) ||
		    fs_opts_parse(v[i]->options, &o, &m) < 0)
			continue;
		if (!(o.attr & MOUNT_ATTR_RDONLY) &&
		    realpath(v[i]->source, real) != NULL &&
		    fs_dir_exposed(real))
			found = xstrdup(v[i]->source);
		fs_opts_clear(&o);
	}
	fs_mount_entries_free(v);
	return found;
}

/* Whether host users other than root can reach the jail's path. */
bool
fs_path_exposed(const struct conf_jail *j, char **ret_msg)
{
	_cleanup_free_ char *path = fs_jail_path(j);
	char real[PATH_MAX], *src;

	/*
	 * Only host root's jails make files as host root: not rootless ones,
	 * nor those made inside a jail (its ids are not the host's).
	 */
	if (geteuid() != 0 || ns_in_jail() || path == NULL ||
	    realpath(path, real) == NULL || strcmp(real, "/") == 0)
		return false;
	if (fs_dir_exposed(real)) {
		*ret_msg = xasprintf("path %s: reachable by other users: "
		    "set-user-ID files made by the jail's root would run as "
		    "root on the host; make a parent directory mode 0700",
		    path);
		return true;
	}
	src = fs_source_exposed(j);
	if (src == NULL)
		return false;
	*ret_msg = xasprintf("mount: %s: reachable by other users: "
	    "set-user-ID files made by the jail's root would run as root on "
	    "the host; mount it ro or make a parent directory mode 0700", src);
	free(src);
	return true;
}
