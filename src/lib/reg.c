/*
 * reg.c - the registry of live jails.
 *
 * FreeBSD's kernel knows every jail; on Linux a jail is a set of
 * namespaces held by its init, and ljail keeps the bookkeeping in a
 * directory (layout in reg.h).  Three rules make it safe:
 *
 * - Trust: the directory, its subdirectories and every record must be
 *   owned by the caller's euid and not writable by group or others, and
 *   are opened with O_NOFOLLOW relative to the directory fd.  Nothing
 *   written inside a jail is ever read here (a nested ljail has its own
 *   registry inside its own root).
 * - Atomicity: a record is written to a temporary file and renamed over
 *   the old one, so a reader sees the old or the new record, never half.
 * - Liveness: a record names its init by pid and start time (and the boot
 *   it was written in), so a recycled pid is never mistaken for the jail.
 *   Stale records are deleted under the lock after a second look.
 *
 * Every operation that changes the registry runs under one flock(2) on
 * "lock"; readers need no lock.  Reserve cost does not grow with the
 * number of jails: jids come from a counter, names from an index of
 * symlinks, id ranges from numbered slots.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "compat.h"
#include "reg.h"
#include "util.h"

/* A record larger than this is corrupt. */
#define REG_RECORD_MAX (4U << 20)
#define REG_SLOTS ((0xFFFF0000UL - REG_ID_BASE) / REG_ID_COUNT)
#define REG_NAME_MAX 255
/* Longer encoded names are hashed. */
#define REG_KEY_MAX 240

struct reg {
	int dirfd;
	int jailsfd;
	int namesfd;
	int slotsfd;
	int kidsfd;
	int lockfd;
	int locked;		/* lock depth: reg_lock nests */
	long long root_limit;	/* descendants allowed in all, -1: any */
	char *path;
	char boot_id[64];
};

/* Checks that an fd is a directory we own that nobody else may write. */
static int
reg_check_dir(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	/*
	 * Whoever else could write here could plant records that make
	 * ljexec join a process of their choosing: refuse.
	 */
	if (st.st_uid != geteuid() || (st.st_mode & 022) != 0)
		return -EPERM;
	return 0;
}

/* Opens (creating, 0700) a trusted directory relative to dirfd. */
static int
reg_open_dir(int dirfd, const char *name, int *ret_fd)
{
	int fd, r;

	/* Opened first: it exists but in a new registry (one call less). */
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		if (mkdirat(dirfd, name, 0700) < 0 && errno != EEXIST)
			return -errno;
		fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	}
	/* A symlink or a file where our directory should be: planted. */
	if (fd < 0)
		return errno == ELOOP || errno == ENOTDIR ? -EPERM : -errno;
	r = reg_check_dir(fd);
	if (r < 0) {
		close(fd);
		return r;
	}
	*ret_fd = fd;
	return 0;
}

/* The registry directory of the caller, as a new string. */
static char *
reg_default_path(void)
{
	const char *s = getenv("LJAIL_RUNDIR");

	if (s != NULL && *s != '\0')
		return xstrdup(s);
	if (geteuid() == 0)
		return xstrdup("/run/ljail");
	s = getenv("XDG_RUNTIME_DIR");
	if (s != NULL && s[0] == '/')
		return xasprintf("%s/ljail", s);
	return xasprintf("/tmp/ljail-%u", (unsigned)geteuid());
}

/* Reads this boot's id, so records of an earlier boot are stale. */
static void
reg_read_boot_id(struct reg *r)
{
	char *buf = NULL;
	size_t i;

	if (util_read_file("/proc/sys/kernel/random/boot_id", &buf, NULL) < 0) {
		snprintf(r->boot_id, sizeof(r->boot_id), "unknown");
		return;
	}
	for (i = 0; buf[i] != '\0' && i + 1 < sizeof(r->boot_id); i++) {
		if (!isxdigit((unsigned char)buf[i]) && buf[i] != '-')
			break;
		r->boot_id[i] = buf[i];
	}
	r->boot_id[i] = '\0';
	free(buf);
}

/* Opens the registry, creating what is missing. */
int
reg_open(struct reg **ret)
{
	struct reg *r = xcalloc(1, sizeof(*r));
	struct stat st;
	int rc;

	r->dirfd = r->jailsfd = r->namesfd = r->slotsfd = r->kidsfd =
	    r->lockfd = -1;
	r->path = reg_default_path();
	r->root_limit = -1;
	/* A symlink in place of the registry could point anywhere: refuse. */
	if (lstat(r->path, &st) == 0 && S_ISLNK(st.st_mode)) {
		rc = -EPERM;
		goto fail;
	}
	if (mkdir(r->path, 0700) < 0 && errno != EEXIST) {
		rc = -errno;
		goto fail;
	}
	r->dirfd = open(r->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (r->dirfd < 0) {
		rc = errno == ELOOP ? -EPERM : -errno;
		goto fail;
	}
	rc = reg_check_dir(r->dirfd);
	if (rc < 0)
		goto fail;
	rc = reg_open_dir(r->dirfd, "jails", &r->jailsfd);
	if (rc < 0)
		goto fail;
	rc = reg_open_dir(r->dirfd, "names", &r->namesfd);
	if (rc < 0)
		goto fail;
	rc = reg_open_dir(r->dirfd, "slots", &r->slotsfd);
	if (rc < 0)
		goto fail;
	rc = reg_open_dir(r->dirfd, "kids", &r->kidsfd);
	if (rc < 0)
		goto fail;
	reg_read_boot_id(r);
	*ret = r;
	return 0;
fail:
	reg_close(r);
	return rc;
}

/* Limits the number of jails in this registry (a jail's children.max). */
void
reg_set_root_limit(struct reg *r, long long max)
{
	r->root_limit = max;
}

/* Closes the registry (releasing the lock if held). */
void
reg_close(struct reg *r)
{
	if (r == NULL)
		return;
	if (r->lockfd >= 0)
		close(r->lockfd);
	if (r->kidsfd >= 0)
		close(r->kidsfd);
	if (r->slotsfd >= 0)
		close(r->slotsfd);
	if (r->namesfd >= 0)
		close(r->namesfd);
	if (r->jailsfd >= 0)
		close(r->jailsfd);
	if (r->dirfd >= 0)
		close(r->dirfd);
	free(r->path);
	free(r);
}

/* The registry's directory. */
const char *
reg_path(const struct reg *r)
{
	return r->path;
}

/* Takes the registry lock (nested calls only count). */
int
reg_lock(struct reg *r)
{
	struct stat st;

	if (r->locked > 0) {
		r->locked++;
		return 0;
	}
	if (r->lockfd < 0) {
		r->lockfd = openat(r->dirfd, "lock", O_RDWR | O_CREAT |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (r->lockfd < 0)
			return -errno;
		if (fstat(r->lockfd, &st) < 0 || !S_ISREG(st.st_mode) ||
		    st.st_uid != geteuid()) {
			close(r->lockfd);
			r->lockfd = -1;
			return -EPERM;
		}
	}
	while (flock(r->lockfd, LOCK_EX) < 0)
		if (errno != EINTR)
			return -errno;
	r->locked = 1;
	return 0;
}

/* Drops one level of the registry lock. */
void
reg_unlock(struct reg *r)
{
	if (r->locked <= 0)
		return;
	if (--r->locked == 0)
		(void)flock(r->lockfd, LOCK_UN);
}

/* Start time of a live (not zombie) process in clock ticks since boot. */
int
reg_proc_start(pid_t pid, unsigned long long *ret)
{
	char path[64], *buf = NULL, *p;
	unsigned long long v = 0;
	int rc, field;

	if (pid <= 0)
		return -ESRCH;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	rc = util_read_file(path, &buf, NULL);
	if (rc < 0)
		return rc == -ENOENT ? -ESRCH : rc;
	/* comm may hold spaces and ')': fields start after the last ')'. */
	p = strrchr(buf, ')');
	if (p == NULL) {
		free(buf);
		return -EINVAL;
	}
	p++;
	/* A zombie has exited: its namespaces are gone, it is no init. */
	if (p[0] == ' ' && (p[1] == 'Z' || p[1] == 'X' || p[1] == 'x')) {
		free(buf);
		return -ESRCH;
	}
	/* p is at " S ppid ...": field 3 is the state; 22 is starttime. */
	for (field = 2; field < 22 && p != NULL; field++) {
		p = strchr(p, ' ');
		if (p != NULL)
			p++;
	}
	if (p == NULL || !isdigit((unsigned char)*p)) {
		free(buf);
		return -EINVAL;
	}
	while (isdigit((unsigned char)*p))
		v = v * 10 + (unsigned)(*p++ - '0');
	free(buf);
	*ret = v;
	return 0;
}

/* Tells whether pid is the process that started at start. */
static bool
reg_proc_is(pid_t pid, unsigned long long start)
{
	unsigned long long now;

	return reg_proc_start(pid, &now) == 0 && now == start;
}

/* Tells whether a record describes something that still exists. */
static bool
reg_jail_is_live(const struct reg_jail *j)
{
	if (j->init_pid > 0)
		return reg_proc_is(j->init_pid, j->init_start);
	return reg_proc_is(j->owner_pid, j->owner_start);
}

/* ---------------------------------------------------------- records */

/* Appends an escaped string: ":" + bytes, or "-" for NULL. */
static void
reg_put_str(FILE *f, const char *s)
{
	if (s == NULL) {
		fputc('-', f);
		return;
	}
	fputc(':', f);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\')
			fputs("\\\\", f);
		else if (c <= ' ' || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

/* Formats a record; the boot id makes it stale after a reboot. */
char *
reg_record_format(const struct reg_jail *j, const char *boot_id)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		abort();
	fprintf(f, "ljail-record 1\nboot ");
	reg_put_str(f, boot_id);
	fprintf(f, "\njid %d\nname ", j->jid);
	reg_put_str(f, j->name);
	fprintf(f, "\nparent %d\npath ", j->parent);
	reg_put_str(f, j->path);
	fprintf(f, "\ninit %d %llu\nowner %d %llu\nids %lu %lu\ndying %d\n",
	    (int)j->init_pid, j->init_start, (int)j->owner_pid,
	    j->owner_start, j->id_base, j->id_count, j->dying ? 1 : 0);
	if (j->conf != NULL) {
		fprintf(f, "conf %d ", j->conf->from_config ? 1 : 0);
		reg_put_str(f, j->conf->name);
		fputc('\n', f);
		for (size_t i = 0; i < j->conf->nparams; i++) {
			const struct conf_param *p = &j->conf->params[i];

			fprintf(f, "param %ld ", p->values != NULL ?
			    (long)strv_length(p->values) : -1L);
			reg_put_str(f, p->name);
			fputc('\n', f);
			for (size_t k = 0; p->values != NULL &&
			    p->values[k] != NULL; k++) {
				fputs("value ", f);
				reg_put_str(f, p->values[k]);
				fputc('\n', f);
			}
		}
	}
	fputs("end\n", f);
	if (fclose(f) != 0)
		abort();
	return buf;
}

/* Decodes one escaped string field; -EINVAL if malformed. */
static int
reg_get_str(const char *s, bool allow_null, char **ret)
{
	char *out, *o;

	if (strcmp(s, "-") == 0 && allow_null) {
		*ret = NULL;
		return 0;
	}
	if (*s++ != ':')
		return -EINVAL;
	out = o = xmalloc(strlen(s) + 1);
	while (*s != '\0') {
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			goto bad;
		if (*s != '\\') {
			*o++ = *s++;
			continue;
		}
		if (s[1] == '\\') {
			*o++ = '\\';
			s += 2;
		} else if (s[1] == 'x' && isxdigit((unsigned char)s[2]) &&
		    isxdigit((unsigned char)s[3])) {
			char hex[3] = { s[2], s[3], '\0' };
			long c = strtol(hex, NULL, 16);

			if (c == 0)
				goto bad;
			*o++ = (char)c;
			s += 4;
		} else
			goto bad;
	}
	*o = '\0';
	*ret = out;
	return 0;
bad:
	free(out);
	return -EINVAL;
}

/* Parses a whole unsigned decimal number no larger than max. */
static int
reg_get_num(const char *s, unsigned long long max, unsigned long long *ret)
{
	unsigned long long v = 0;

	if (*s == '\0' || (s[0] == '0' && s[1] != '\0'))
		return -EINVAL;
	for (; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s))
			return -EINVAL;
		if (v > (max - (unsigned)(*s - '0')) / 10)
			return -EINVAL;
		v = v * 10 + (unsigned)(*s - '0');
	}
	*ret = v;
	return 0;
}

/* Splits a line into at most n space-separated fields; returns the count. */
static size_t
reg_split(char *line, char **f, size_t n)
{
	size_t k = 0;

	while (k < n) {
		f[k++] = line;
		line = strchr(line, ' ');
		if (line == NULL)
			break;
		*line++ = '\0';
	}
	return line == NULL ? k : n + 1;
}

/* Parses the fields of "init"/"owner": pid and start time. */
static int
reg_get_proc(char **f, pid_t *ret_pid, unsigned long long *ret_start)
{
	unsigned long long pid, start;

	if (reg_get_num(f[1], INT_MAX, &pid) < 0 ||
	    reg_get_num(f[2], ULLONG_MAX, &start) < 0)
		return -EINVAL;
	*ret_pid = (pid_t)pid;
	*ret_start = start;
	return 0;
}

/*
 * Parses a record.  Everything is checked: a record that does not parse
 * exactly is corrupt (-EINVAL); one of another boot is stale (-ESTALE).
 */
int
reg_record_parse(const char *text, size_t len, const char *boot_id,
    struct reg_jail **ret)
{
	struct reg_jail *j = xcalloc(1, sizeof(*j));
	char *copy, *line, *next, *f[5], *s, **values = NULL;
	char *pname = NULL;
	unsigned long long v, v2;
	long want = 0;		/* value lines still expected */
	unsigned seen = 0;
	bool ended = false, pnull = false;
	int rc = -EINVAL;
	size_t nf;

	if (len == 0 || len > REG_RECORD_MAX || memchr(text, '\0', len) ||
	    text[len - 1] != '\n') {
		free(j);
		return -EINVAL;
	}
	copy = xstrndup(text, len);
	j->parent = 0;
	for (line = copy; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		*next++ = '\0';
		if (ended)
			goto out;
		nf = reg_split(line, f, 4);
		if (want > 0) {
			if (nf != 2 || strcmp(f[0], "value") != 0 ||
			    reg_get_str(f[1], false, &s) < 0)
				goto out;
			strv_push(&values, s);
			free(s);
			if (--want == 0) {
				conf_jail_set(j->conf, pname, values, false,
				    NULL, 0);
				strv_free(values);
				values = NULL;
				free(pname);
				pname = NULL;
			}
			continue;
		}
#define ONCE(bit) do { if (seen & (1U << (bit))) goto out; \
		seen |= 1U << (bit); } while (0)
		if (seen == 0) {
			if (nf != 2 || strcmp(f[0], "ljail-record") != 0 ||
			    strcmp(f[1], "1") != 0)
				goto out;
			seen = 1;
		} else if (strcmp(f[0], "boot") == 0 && nf == 2) {
			ONCE(1);
			if (reg_get_str(f[1], false, &s) < 0)
				goto out;
			if (boot_id != NULL && strcmp(s, boot_id) != 0)
				rc = -ESTALE;
			free(s);
			if (rc == -ESTALE)
				goto out;
		} else if (strcmp(f[0], "jid") == 0 && nf == 2) {
			ONCE(2);
			if (reg_get_num(f[1], REG_JID_MAX, &v) < 0 || v == 0)
				goto out;
			j->jid = (int)v;
		} else if (strcmp(f[0], "name") == 0 && nf == 2) {
			ONCE(3);
			if (reg_get_str(f[1], false, &j->name) < 0 ||
			    j->name[0] == '\0' ||
			    strlen(j->name) > REG_NAME_MAX)
				goto out;
		} else if (strcmp(f[0], "parent") == 0 && nf == 2) {
			ONCE(4);
			if (strcmp(f[1], "0") != 0 &&
			    reg_get_num(f[1], REG_JID_MAX, &v) < 0)
				goto out;
			j->parent = strcmp(f[1], "0") == 0 ? 0 : (int)v;
		} else if (strcmp(f[0], "path") == 0 && nf == 2) {
			ONCE(5);
			if (reg_get_str(f[1], true, &j->path) < 0)
				goto out;
		} else if (strcmp(f[0], "init") == 0 && nf == 3) {
			ONCE(6);
			if (strcmp(f[1], "0") == 0 && strcmp(f[2], "0") == 0)
				j->init_pid = 0;
			else if (reg_get_proc(f, &j->init_pid,
			    &j->init_start) < 0)
				goto out;
		} else if (strcmp(f[0], "owner") == 0 && nf == 3) {
			ONCE(7);
			if (strcmp(f[1], "0") == 0 && strcmp(f[2], "0") == 0)
				j->owner_pid = 0;
			else if (reg_get_proc(f, &j->owner_pid,
			    &j->owner_start) < 0)
				goto out;
		} else if (strcmp(f[0], "ids") == 0 && nf == 3) {
			ONCE(8);
			if ((strcmp(f[1], "0") != 0 &&
			    reg_get_num(f[1], UINT32_MAX, &v) < 0) ||
			    (strcmp(f[2], "0") != 0 &&
			    reg_get_num(f[2], UINT32_MAX, &v2) < 0))
				goto out;
			j->id_base = strcmp(f[1], "0") == 0 ? 0 :
			    (unsigned long)v;
			j->id_count = strcmp(f[2], "0") == 0 ? 0 :
			    (unsigned long)v2;
			if (j->id_base + j->id_count > 0x100000000ULL)
				goto out;
		} else if (strcmp(f[0], "dying") == 0 && nf == 2) {
			ONCE(9);
			if (strcmp(f[1], "0") != 0 && strcmp(f[1], "1") != 0)
				goto out;
			j->dying = f[1][0] == '1';
		} else if (strcmp(f[0], "conf") == 0 && nf == 3) {
			ONCE(10);
			if ((strcmp(f[1], "0") != 0 &&
			    strcmp(f[1], "1") != 0) ||
			    reg_get_str(f[2], true, &s) < 0)
				goto out;
			j->conf = conf_jail_new(s, f[1][0] == '1');
			free(s);
		} else if (strcmp(f[0], "param") == 0 && nf == 3 &&
		    j->conf != NULL) {
			if (reg_get_str(f[2], false, &pname) < 0 ||
			    pname[0] == '\0')
				goto out;
			if (strcmp(f[1], "-1") == 0) {
				pnull = true;
				want = 0;
			} else if (reg_get_num(f[1], 1000000, &v) == 0 ||
			    strcmp(f[1], "0") == 0) {
				pnull = false;
				want = strcmp(f[1], "0") == 0 ? 0 : (long)v;
			} else
				goto out;
			if (want == 0) {
				char *empty[] = { NULL };

				conf_jail_set(j->conf, pname,
				    pnull ? NULL : empty, false, NULL, 0);
				free(pname);
				pname = NULL;
			}
		} else if (strcmp(f[0], "end") == 0 && nf == 1) {
			ended = true;
		} else
			goto out;
#undef ONCE
	}
	/* Header, boot, jid, name, init, owner, ids are required. */
	if (!ended || want != 0 || (seen & 0x1cf) != 0x1cf)
		goto out;
	if (j->conf == NULL)
		j->conf = conf_jail_new(NULL, false);
	rc = 0;
out:
	free(pname);
	strv_free(values);
	free(copy);
	if (rc < 0) {
		reg_jail_free(j);
		return rc;
	}
	*ret = j;
	return 0;
}

/* Reads and parses jails/JID; -ENOENT, -EINVAL (corrupt), -ESTALE. */
static int
reg_read(struct reg *r, int jid, struct reg_jail **ret)
{
	char name[16], *buf;
	struct stat st;
	struct reg_jail *j;
	int fd, rc;

	snprintf(name, sizeof(name), "%d", jid);
	fd = openat(r->jailsfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK);
	if (fd < 0)
		return errno == ELOOP ? -EINVAL : -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 022) != 0 ||
	    st.st_size <= 0 || st.st_size > (off_t)REG_RECORD_MAX) {
		close(fd);
		return -EINVAL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	rc = util_read_full(fd, buf, (size_t)st.st_size);
	close(fd);
	if (rc < 0) {
		free(buf);
		return rc == -EIO ? -EINVAL : rc;
	}
	buf[st.st_size] = '\0';
	rc = reg_record_parse(buf, (size_t)st.st_size, r->boot_id, &j);
	free(buf);
	if (rc < 0)
		return rc;
	if (j->jid != jid) {
		reg_jail_free(j);
		return -EINVAL;
	}
	*ret = j;
	return 0;
}

/* Writes a small file atomically: temp file, then rename. */
static int
reg_write_at_len(int dirfd, const char *name, const void *data, size_t len)
{
	char tmp[64];
	int fd, rc;

	snprintf(tmp, sizeof(tmp), ".tmp.%d.%s", (int)getpid(), name);
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST) {
		/* Left by a killed process that had our pid: ours to reuse. */
		(void)unlinkat(dirfd, tmp, 0);
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
	}
	if (fd < 0)
		return -errno;
	/*
	 * No fsync: the registry lives on tmpfs (/run, XDG_RUNTIME_DIR),
	 * and after a reboot every record is stale anyway (boot id).
	 */
	rc = util_write_full(fd, data, len);
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && renameat(dirfd, tmp, dirfd, name) < 0)
		rc = -errno;
	if (rc < 0)
		(void)unlinkat(dirfd, tmp, 0);
	return rc;
}

static int
reg_write_at(int dirfd, const char *name, const char *data)
{
	return reg_write_at_len(dirfd, name, data, strlen(data));
}

/* Writes jails/JID. */
static int
reg_write(struct reg *r, const struct reg_jail *j)
{
	_cleanup_free_ char *text = reg_record_format(j, r->boot_id);
	char name[16];

	snprintf(name, sizeof(name), "%d", j->jid);
	return reg_write_at(r->jailsfd, name, text);
}

/* ------------------------------------------------------ name index */

/* 64-bit FNV-1a, for names too long to be a file name. */
static uint64_t
reg_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* The index key of a name: the name, %-encoded, or "#" + a hash. */
static void
reg_name_key(const char *name, char *key, size_t size)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+,:@=";
	size_t o = 0;

	for (const char *s = name; *s != '\0'; s++) {
		if (o + 4 >= REG_KEY_MAX || o + 4 >= size) {
			snprintf(key, size, "#%016llx",
			    (unsigned long long)reg_hash(name));
			return;
		}
		/* "." is kept except first, so no key is "." or "..". */
		if (strchr(safe, *s) != NULL || (*s == '.' && s != name))
			key[o++] = *s;
		else
			o += (size_t)snprintf(key + o, size - o, "%%%02x",
			    (unsigned char)*s);
	}
	key[o] = '\0';
}

/* Reads a symlink dirfd/name whose target is a jid; 0 if none. */
static int
reg_read_link(int dirfd, const char *name)
{
	char buf[16];
	unsigned long long v;
	ssize_t n = readlinkat(dirfd, name, buf, sizeof(buf) - 1);

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (reg_get_num(buf, REG_JID_MAX, &v) < 0)
		return 0;
	return (int)v;
}

/* Points dirfd/name at jid (replacing what is there). */
static int
reg_write_link(int dirfd, const char *name, int jid)
{
	char target[16];

	char tmp[32];
	int rc = 0;

	/*
	 * A new entry is made in place (symlinkat is atomic: a lockless
	 * reader sees no entry, then the whole one); one that replaces
	 * another goes through a rename, so lockless readers never miss
	 * the entry.  Two renames fewer per jail start.
	 */
	snprintf(target, sizeof(target), "%d", jid);
	if (symlinkat(target, dirfd, name) == 0)
		return 0;
	if (errno != EEXIST)
		return -errno;
	snprintf(tmp, sizeof(tmp), ".tmp.%d.link", (int)getpid());
	if (symlinkat(target, dirfd, tmp) < 0 && (errno != EEXIST ||
	    unlinkat(dirfd, tmp, 0) < 0 || symlinkat(target, dirfd, tmp) < 0))
		return -errno;
	if (renameat(dirfd, tmp, dirfd, name) < 0) {
		rc = -errno;
		(void)unlinkat(dirfd, tmp, 0);
	}
	return rc;
}

/* Removes dirfd/name if it still points at jid. */
static void
reg_drop_link(int dirfd, const char *name, int jid)
{
	if (reg_read_link(dirfd, name) == jid)
		(void)unlinkat(dirfd, name, 0);
}

/*
 * The children index: kids/PARENT.CHILD -> CHILD for every jail with a
 * parent, so removing a jail finds out whether it has descendants
 * without reading every record (that made -r of n jails cost n^2).
 */
static void
reg_kid_key(int parent, int jid, char *key, size_t size)
{
	snprintf(key, size, "%d.%d", parent, jid);
}

static int
reg_write_kid(struct reg *r, int parent, int jid)
{
	char key[32];

	if (parent <= 0)
		return 0;
	reg_kid_key(parent, jid, key, sizeof(key));
	return reg_write_link(r->kidsfd, key, jid);
}

static void
reg_drop_kid(struct reg *r, int parent, int jid)
{
	char key[32];

	if (parent <= 0)
		return;
	reg_kid_key(parent, jid, key, sizeof(key));
	reg_drop_link(r->kidsfd, key, jid);
}

/* Removes a record and its index entries (lock held). */
static void
reg_remove_locked(struct reg *r, int jid, const struct reg_jail *j)
{
	char name[REG_KEY_MAX + 16];

	if (j != NULL) {
		reg_name_key(j->name, name, sizeof(name));
		reg_drop_link(r->namesfd, name, jid);
		reg_drop_kid(r, j->parent, jid);
		if (j->id_base >= REG_ID_BASE && j->id_count > 0) {
			unsigned long first = (j->id_base - REG_ID_BASE) /
			    REG_ID_COUNT;
			unsigned long last = (j->id_base + j->id_count - 1 -
			    REG_ID_BASE) / REG_ID_COUNT;

			for (unsigned long s = first; s <= last &&
			    s < REG_SLOTS; s++) {
				snprintf(name, sizeof(name), "%lu", s);
				reg_drop_link(r->slotsfd, name, jid);
			}
		}
	}
	snprintf(name, sizeof(name), "%d", jid);
	(void)unlinkat(r->jailsfd, name, 0);
}

/*
 * Looks at jails/JID under the lock: returns 1 with the record if it is
 * live, 0 if there is none (a stale or corrupt one is removed).
 */
static int
reg_get_live_locked(struct reg *r, int jid, struct reg_jail **ret)
{
	struct reg_jail *j = NULL;
	int rc = reg_read(r, jid, &j);

	if (rc == -ENOENT)
		return 0;
	if (rc == 0 && reg_jail_is_live(j)) {
		if (ret != NULL)
			*ret = j;
		else
			reg_jail_free(j);
		return 1;
	}
	if (rc < 0 && rc != -EINVAL && rc != -ESTALE)
		return rc;
	util_debug("reg: removing stale record %d", jid);
	reg_remove_locked(r, jid, j);
	reg_jail_free(j);
	return 0;
}

/* Finds the live jail with a name (lock held or not); 0 if none. */
static int
reg_find_name(struct reg *r, const char *name, bool locked,
    struct reg_jail **ret)
{
	char key[REG_KEY_MAX + 16];
	struct reg_jail *j = NULL;
	int jid, rc;

	reg_name_key(name, key, sizeof(key));
	jid = reg_read_link(r->namesfd, key);
	if (jid == 0)
		return 0;
	if (locked)
		rc = reg_get_live_locked(r, jid, &j);
	else {
		rc = reg_read(r, jid, &j);
		rc = rc == 0 && reg_jail_is_live(j) ? 1 : 0;
	}
	if (rc <= 0) {
		reg_jail_free(j);
		if (locked)
			reg_drop_link(r->namesfd, key, jid);
		return rc;
	}
	if (strcmp(j->name, name) != 0) {
		reg_jail_free(j);
		return -EBUSY;	/* hash collision of two long names */
	}
	*ret = j;
	return 1;
}

/* ------------------------------------------------------ reservation */

static int reg_scan(struct reg *r, bool creating, struct reg_jail ***ret,
    size_t *ret_n);
static const struct reg_jail *reg_list_get(struct reg_jail *const *v,
    size_t n, int jid);

/*
 * Checks children.max of the new jail's parent and every ancestor, as
 * FreeBSD does: each may hold at most that many descendants, counting
 * those still being created (-EMLINK, "prison limit exceeded").
 */
static int
reg_check_limits(struct reg *r, int parent)
{
	struct reg_jail **v = NULL;
	const struct reg_jail *a;
	size_t n = 0, depth = 0;
	long long max;
	int rc;

	if (parent == 0 && r->root_limit < 0)
		return 0;
	rc = reg_scan(r, true, &v, &n);
	if (rc < 0)
		return rc;
	/* Inside a jail: every record here is one of its descendants. */
	if (r->root_limit >= 0 && (long long)n >= r->root_limit) {
		reg_jail_list_free(v, n);
		return -EMLINK;
	}
	for (a = reg_list_get(v, n, parent); a != NULL && depth <= n;
	    a = a->parent != 0 ? reg_list_get(v, n, a->parent) : NULL,
	    depth++) {
		if (conf_jail_int(a->conf, P_CHILDREN_MAX, &max) < 0)
			max = 0;
		if (reg_descendants_count(v, n, a) >= max) {
			rc = -EMLINK;
			break;
		}
	}
	reg_jail_list_free(v, n);
	return rc;
}

/* Checks a jail name with FreeBSD's rules; sets the parent jid. */
static int
reg_check_name(struct reg *r, const char *name, int jid, int self,
    int *ret_parent)
{
	const char *last = strrchr(name, '.');
	struct reg_jail *p = NULL;
	unsigned long long v;
	int rc;

	if (name[0] == '\0')
		return -EINVAL;
	if (strlen(name) > REG_NAME_MAX)
		return -ENAMETOOLONG;
	last = last != NULL ? last + 1 : name;
	/* The last component may be numeric only if it is the jid. */
	if (str_is_digits(last) && (reg_get_num(last, REG_JID_MAX, &v) < 0 ||
	    (int)v != jid))
		return -EINVAL;
	rc = reg_find_name(r, name, true, &p);
	if (rc < 0)
		return rc;
	if (rc > 0) {
		bool other = p->jid != self && !p->dying;

		reg_jail_free(p);
		if (other)
			return -EEXIST;
	}
	*ret_parent = 0;
	if (last != name) {
		/* "a.b" is child b of the live jail a. */
		_cleanup_free_ char *pname = xstrndup(name,
		    (size_t)(last - 1 - name));

		p = NULL;
		rc = reg_find_name(r, pname, true, &p);
		if (rc < 0)
			return rc;
		if (rc == 0 || p->init_pid == 0) {
			reg_jail_free(p);
			return -ENOENT;
		}
		*ret_parent = p->jid;
		reg_jail_free(p);
		if (self == 0)
			return reg_check_limits(r, *ret_parent);
	}
	return self == 0 ? reg_check_limits(r, 0) : 0;
}

/* Reads the counter of the last allocated jid. */
static int
reg_last_jid(struct reg *r)
{
	char buf[16];
	unsigned long long v;
	ssize_t n;
	int fd = openat(r->dirfd, "next", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (reg_get_num(buf, REG_JID_MAX, &v) < 0)
		return 0;
	return (int)v;
}

/* The size limit of meta and env (see reg.h). */
size_t
reg_meta_maxbufsize(struct reg *r)
{
	_cleanup_close_ int fd = -1;
	unsigned long long v;
	struct stat st;
	char buf[24];
	ssize_t n;

	fd = openat(r->dirfd, "meta_maxbufsize", O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC);
	/* Believed only if nobody but us could have written it. */
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 022) != 0)
		return PARAM_META_MAXBUFSIZE;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return PARAM_META_MAXBUFSIZE;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (reg_get_num(buf, REG_META_MAXBUFSIZE_MAX, &v) < 0)
		return PARAM_META_MAXBUFSIZE;
	return (size_t)v;
}

/* Tells whether [base, base+count) overlaps any live jail's range. */
static int
reg_range_busy(struct reg *r, unsigned long base, unsigned long count,
    int self)
{
	struct reg_jail **v = NULL;
	size_t n = 0;
	int rc = reg_list(r, &v, &n), busy = 0;

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		const struct reg_jail *o = v[i];

		if (o->jid != self && o->id_count > 0 &&
		    base < o->id_base + o->id_count &&
		    o->id_base < base + count)
			busy = 1;
	}
	reg_jail_list_free(v, n);
	return busy;
}

/* Tells whether an id slot is held by a live jail (lock held). */
static int
reg_slot_busy(struct reg *r, unsigned long slot)
{
	char name[24];
	int jid, rc;

	snprintf(name, sizeof(name), "%lu", slot);
	jid = reg_read_link(r->slotsfd, name);
	if (jid == 0) {
		(void)unlinkat(r->slotsfd, name, 0);
		return 0;
	}
	rc = reg_get_live_locked(r, jid, NULL);
	if (rc == 0)
		(void)unlinkat(r->slotsfd, name, 0);
	return rc;
}

/* Allocates the id range of a new jail (lock held). */
static int
reg_alloc_ids(struct reg *r, struct reg_jail *j, int jid)
{
	unsigned long base = j->id_base, first, last, s;
	unsigned long long v;
	const char *text;
	char name[24];
	int rc;

	if (j->id_count == 0)
		j->id_count = REG_ID_COUNT;
	if (base == 0 && j->conf != NULL &&
	    (text = conf_jail_str(j->conf, P_LJAIL_IDMAP_BASE)) != NULL) {
		if (reg_get_num(text, UINT32_MAX, &v) < 0)
			return -EINVAL;
		base = (unsigned long)v;
	}
	if (base != 0) {
		if ((unsigned long long)base + j->id_count > 0x100000000ULL)
			return -EINVAL;
		rc = reg_range_busy(r, base, j->id_count, jid);
		if (rc != 0)
			return rc < 0 ? rc : -EBUSY;
		j->id_base = base;
	} else {
		unsigned long want = (j->id_count + REG_ID_COUNT - 1) /
		    REG_ID_COUNT, found = 0, start, i;

		/*
		 * Probe from the slot of the jid: jids are handed out in
		 * order, so that slot is nearly always free and a reserve
		 * costs the same with 10 or 10000 jails.
		 */
		start = (unsigned long)(jid - 1) % REG_SLOTS;
		for (i = 0, s = start; i < REG_SLOTS; i++) {
			s = (start + i) % REG_SLOTS;
			if (s == 0)
				found = 0;	/* a run cannot wrap */
			rc = reg_slot_busy(r, s);
			if (rc < 0)
				return rc;
			found = rc ? 0 : found + 1;
			if (found == want)
				break;
		}
		if (found < want)
			return -EAGAIN;
		j->id_base = REG_ID_BASE + (s + 1 - want) * REG_ID_COUNT;
	}
	if (j->id_base < REG_ID_BASE)
		return 0;
	first = (j->id_base - REG_ID_BASE) / REG_ID_COUNT;
	last = (j->id_base + j->id_count - 1 - REG_ID_BASE) / REG_ID_COUNT;
	for (s = first; s <= last && s < REG_SLOTS; s++) {
		snprintf(name, sizeof(name), "%lu", s);
		rc = reg_write_link(r->slotsfd, name, jid);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The jid a numeric name asks for, 0 if the name is not all digits. */
static int
reg_numeric_name(const char *name)
{
	unsigned long long v;

	if (name == NULL || !str_is_digits(name))
		return 0;
	if (reg_get_num(name, REG_JID_MAX, &v) < 0)
		return -EINVAL;
	return (int)v;
}

/* Finds the next free jid after the counter, without taking it. */
static int
reg_peek_jid(struct reg *r, int *ret)
{
	int start = reg_last_jid(r), jid = start, rc;

	for (unsigned long i = 0; i < REG_JID_MAX; i++) {
		jid = jid >= REG_JID_MAX ? 1 : jid + 1;
		rc = reg_get_live_locked(r, jid, NULL);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			*ret = jid;
			return 0;
		}
	}
	return -EAGAIN;
}

/* Reserves a jid, a name and an id range under the lock. */
int
reg_reserve(struct reg *r, struct reg_jail *j)
{
	char key[REG_KEY_MAX + 16], buf[16];
	bool auto_jid = false;
	long long ll;
	int jid = j->jid, rc, parent = 0;

	if (j->name == NULL && j->conf != NULL &&
	    conf_jail_str(j->conf, P_NAME) != NULL)
		j->name = xstrdup(conf_jail_str(j->conf, P_NAME));
	if (jid == 0 && j->conf != NULL &&
	    conf_jail_int(j->conf, P_JID, &ll) == 0) {
		if (ll < 0 || ll > REG_JID_MAX)
			return -EINVAL;
		jid = (int)ll;
	}
	if (jid < 0 || jid > REG_JID_MAX)
		return -EINVAL;
	if (j->path == NULL && j->conf != NULL &&
	    conf_jail_str(j->conf, P_PATH) != NULL)
		j->path = xstrdup(conf_jail_str(j->conf, P_PATH));
	rc = reg_lock(r);
	if (rc < 0)
		return rc;
	/* A numeric name and no jid: the name is the jid (FreeBSD). */
	if (jid == 0) {
		rc = reg_numeric_name(j->name);
		if (rc < 0)
			goto out;
		jid = rc;
	}
	if (jid == 0) {
		rc = reg_peek_jid(r, &jid);
		if (rc < 0)
			goto out;
		auto_jid = true;
	} else {
		rc = reg_get_live_locked(r, jid, NULL);
		if (rc != 0) {
			rc = rc < 0 ? rc : -EEXIST;
			goto out;
		}
	}
	if (j->name == NULL || j->name[0] == '\0') {
		free(j->name);
		j->name = xasprintf("%d", jid);
	}
	rc = reg_check_name(r, j->name, jid, 0, &parent);
	if (rc < 0)
		goto out;
	j->jid = jid;
	j->parent = parent;
	j->init_pid = 0;
	j->init_start = 0;
	j->dying = false;
	j->owner_pid = getpid();
	rc = reg_proc_start(j->owner_pid, &j->owner_start);
	if (rc < 0)
		goto out;
	rc = reg_alloc_ids(r, j, jid);
	if (rc == 0)
		rc = reg_write(r, j);
	if (rc == 0) {
		reg_name_key(j->name, key, sizeof(key));
		rc = reg_write_link(r->namesfd, key, jid);
	}
	if (rc == 0)
		rc = reg_write_kid(r, parent, jid);
	if (rc == 0 && auto_jid) {
		snprintf(buf, sizeof(buf), "%d\n", jid);
		rc = reg_write_at(r->dirfd, "next", buf);
	}
	if (rc < 0)
		reg_remove_locked(r, jid, j);
out:
	reg_unlock(r);
	return rc;
}

/* Rewrites a record; keeps the name index in step with a new name. */
int
reg_update(struct reg *r, const struct reg_jail *j)
{
	char key[REG_KEY_MAX + 16], oldkey[REG_KEY_MAX + 16];
	struct reg_jail *old = NULL;
	int rc, parent;

	if (j->jid <= 0 || j->jid > REG_JID_MAX || j->name == NULL)
		return -EINVAL;
	rc = reg_lock(r);
	if (rc < 0)
		return rc;
	rc = reg_read(r, j->jid, &old);
	if (rc < 0) {
		rc = rc == -ENOENT || rc == -ESTALE || rc == -EINVAL ?
		    -ENOENT : rc;
		goto out;
	}
	reg_name_key(j->name, key, sizeof(key));
	reg_name_key(old->name, oldkey, sizeof(oldkey));
	if (strcmp(old->name, j->name) != 0) {
		rc = reg_check_name(r, j->name, j->jid, j->jid, &parent);
		if (rc < 0)
			goto out;
	}
	rc = reg_write(r, j);
	if (rc == 0 && reg_read_link(r->namesfd, key) != j->jid)
		rc = reg_write_link(r->namesfd, key, j->jid);
	if (rc == 0 && strcmp(key, oldkey) != 0)
		reg_drop_link(r->namesfd, oldkey, j->jid);
	if (rc == 0 && old->parent != j->parent) {
		rc = reg_write_kid(r, j->parent, j->jid);
		reg_drop_kid(r, old->parent, j->jid);
	}
out:
	reg_jail_free(old);
	reg_unlock(r);
	return rc;
}

/* Deletes a record and its index entries. */
int
reg_delete(struct reg *r, int jid)
{
	struct reg_jail *j = NULL;
	int rc;

	if (jid <= 0 || jid > REG_JID_MAX)
		return -EINVAL;
	rc = reg_lock(r);
	if (rc < 0)
		return rc;
	rc = reg_read(r, jid, &j);
	if (rc == 0 || rc == -EINVAL || rc == -ESTALE) {
		reg_remove_locked(r, jid, j);
		rc = 0;
	}
	reg_jail_free(j);
	reg_unlock(r);
	return rc;
}

/* Orders records by jid. */
static int
reg_cmp_jid(const void *a, const void *b)
{
	const struct reg_jail *x = *(struct reg_jail *const *)a;
	const struct reg_jail *y = *(struct reg_jail *const *)b;

	return (x->jid > y->jid) - (x->jid < y->jid);
}

/* Tells whether a directory entry is a temporary file of a dead writer. */
static bool
reg_is_dead_temp(const char *name)
{
	unsigned long pid = 0;

	if (!str_has_prefix(name, ".tmp."))
		return false;
	for (name += 5; isdigit((unsigned char)*name); name++)
		pid = pid * 10 + (unsigned)(*name - '0');
	return pid > 0 && pid < INT_MAX && kill((pid_t)pid, 0) < 0 &&
	    errno == ESRCH;
}

/* Removes stale records found by a lockless scan, under the lock. */
static void
reg_clean(struct reg *r, const int *stale, size_t nstale, char **temps)
{
	if (reg_lock(r) < 0)
		return;
	for (size_t i = 0; i < nstale; i++)
		(void)reg_get_live_locked(r, stale[i], NULL);
	for (size_t i = 0; temps != NULL && temps[i] != NULL; i++)
		if (reg_is_dead_temp(temps[i]))
			(void)unlinkat(r->jailsfd, temps[i], 0);
	reg_unlock(r);
}

/* Lists live records in jid order; "creating" ones too if asked. */
static int
reg_scan(struct reg *r, bool creating, struct reg_jail ***ret, size_t *ret_n)
{
	struct reg_jail **v = NULL, *j;
	size_t n = 0, nstale = 0;
	int *stale = NULL, fd, rc = 0;
	char **temps = NULL;
	struct dirent *de;
	unsigned long long jid;
	DIR *d;

	fd = openat(r->jailsfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	if (d == NULL) {
		rc = -errno;
		close(fd);
		return rc;
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		if (reg_is_dead_temp(de->d_name)) {
			strv_push(&temps, de->d_name);
			continue;
		}
		if (reg_get_num(de->d_name, REG_JID_MAX, &jid) < 0 || jid == 0)
			continue;
		j = NULL;
		rc = reg_read(r, (int)jid, &j);
		if (rc == -ENOENT) {
			rc = 0;
			continue;
		}
		if (rc == 0 && reg_jail_is_live(j)) {
			if (j->init_pid > 0 || creating) {
				v = xreallocarray(v, n + 1, sizeof(*v));
				v[n++] = j;
			} else
				reg_jail_free(j);
			continue;
		}
		reg_jail_free(j);
		if (rc < 0 && rc != -EINVAL && rc != -ESTALE)
			break;
		rc = 0;
		stale = xreallocarray(stale, nstale + 1, sizeof(*stale));
		stale[nstale++] = (int)jid;
	}
	if (rc == 0 && errno != 0)
		rc = -errno;
	closedir(d);
	if (nstale > 0 || temps != NULL)
		reg_clean(r, stale, nstale, temps);
	free(stale);
	strv_free(temps);
	if (rc < 0) {
		reg_jail_list_free(v, n);
		return rc;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), reg_cmp_jid);
	*ret = v;
	*ret_n = n;
	return 0;
}

/* Lists live jails in jid order. */
int
reg_list(struct reg *r, struct reg_jail ***ret, size_t *ret_n)
{
	return reg_scan(r, false, ret, ret_n);
}

/* Lists live jails in jid order, those being created included. */
int
reg_list_all(struct reg *r, struct reg_jail ***ret, size_t *ret_n)
{
	return reg_scan(r, true, ret, ret_n);
}

/* Finds a live jail by jid or name. */
int
reg_find(struct reg *r, const char *key, struct reg_jail **ret)
{
	struct reg_jail *j = NULL;
	unsigned long long v = 0;
	int rc;

	if (key == NULL || key[0] == '\0')
		return -ESRCH;
	if (str_is_digits(key) && strspn(key, "0") != strlen(key)) {
		const char *s = key + strspn(key, "0");

		if (reg_get_num(s, REG_JID_MAX, &v) < 0)
			return -ESRCH;
		rc = reg_read(r, (int)v, &j);
		if (rc == -ENOENT)
			return -ESRCH;
		if (rc == 0 && reg_jail_is_live(j)) {
			if (j->init_pid == 0) {
				reg_jail_free(j);
				return -ESRCH;
			}
			*ret = j;
			return 0;
		}
		reg_jail_free(j);
		if (rc < 0 && rc != -EINVAL && rc != -ESTALE)
			return rc;
		if (reg_lock(r) == 0) {
			(void)reg_get_live_locked(r, (int)v, NULL);
			reg_unlock(r);
		}
		return -ESRCH;
	}
	rc = reg_find_name(r, key, false, &j);
	if (rc < 0)
		return rc == -EBUSY ? -ESRCH : rc;
	if (rc == 0) {
		/* Maybe a stale record behind the name: clean it up. */
		if (reg_lock(r) == 0) {
			if (reg_find_name(r, key, true, &j) > 0)
				reg_jail_free(j);
			reg_unlock(r);
		}
		return -ESRCH;
	}
	if (j->init_pid == 0) {
		reg_jail_free(j);
		return -ESRCH;
	}
	*ret = j;
	return 0;
}

/* Opens a pidfd on the jail's init, checking its start time. */
int
reg_open_init(const struct reg_jail *j, int *ret_pidfd)
{
	unsigned long long start;
	int fd;

	if (j->init_pid <= 0)
		return -ESRCH;
	fd = compat_pidfd_open(j->init_pid, 0);
	if (fd < 0)
		return errno == ESRCH ? -ESRCH : -errno;
	/*
	 * The pid may have been recycled before pidfd_open: the start time,
	 * read after the pidfd pins the process, tells; and the pidfd must
	 * still answer signal 0, so the process did not exit in between.
	 */
	if (reg_proc_start(j->init_pid, &start) < 0 ||
	    start != j->init_start ||
	    compat_pidfd_send_signal(fd, 0, NULL, 0) < 0) {
		close(fd);
		return -ESRCH;
	}
	*ret_pidfd = fd;
	return 0;
}

/* Finds a jid in a jid-sorted list. */
static const struct reg_jail *
reg_list_get(struct reg_jail *const *v, size_t n, int jid)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid]->jid == jid)
			return v[mid];
		if (v[mid]->jid < jid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Tells whether jid may have child jails (an entry of the kids index). */
bool
reg_may_have_children(struct reg *r, int jid)
{
	char prefix[16];
	struct dirent *de;
	bool found = false;
	size_t len;
	DIR *d;
	int fd;

	fd = openat(r->kidsfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return true;	/* cannot tell: the caller scans */
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return true;
	}
	len = (size_t)snprintf(prefix, sizeof(prefix), "%d.", jid);
	while (!found && (de = readdir(d)) != NULL) {
		char name[16];
		int kid;

		if (strncmp(de->d_name, prefix, len) != 0)
			continue;
		kid = reg_read_link(r->kidsfd, de->d_name);
		snprintf(name, sizeof(name), "%d", kid);
		/* An entry whose record is gone is left from a crash. */
		found = kid > 0 && faccessat(r->jailsfd, name, F_OK,
		    AT_SYMLINK_NOFOLLOW) == 0;
	}
	closedir(d);
	return found;
}

/* Counts the live descendants of jid in a reg_list() result. */
int
reg_children_count(struct reg_jail *const *v, size_t n, int jid)
{
	int count = 0;

	for (size_t i = 0; i < n; i++) {
		const struct reg_jail *p = v[i];

		for (size_t depth = 0; p != NULL && p->parent != 0 &&
		    depth < n; depth++) {
			if (p->parent == jid) {
				count++;
				break;
			}
			p = reg_list_get(v, n, p->parent);
		}
	}
	return count;
}

/* Every live descendant of j, made here or inside a jail (reg.h). */
int
reg_descendants_count(struct reg_jail *const *v, size_t n,
    const struct reg_jail *j)
{
	int count;

	if (j->nested)
		return reg_nested_count(j);
	count = reg_children_count(v, n, j->jid) + reg_nested_count(j);
	for (size_t i = 0; i < n; i++) {
		const struct reg_jail *p = v[i];

		for (size_t depth = 0; p != NULL && p->parent != 0 &&
		    depth < n; depth++) {
			if (p->parent == j->jid) {
				count += reg_nested_count(v[i]);
				break;
			}
			p = reg_list_get(v, n, p->parent);
		}
	}
	return count;
}

/* Frees a record. */
void
reg_jail_free(struct reg_jail *j)
{
	if (j == NULL)
		return;
	free(j->name);
	free(j->path);
	free(j->owner);
	conf_jail_free(j->conf);
	free(j);
}

/* Frees a reg_list() result. */
void
reg_jail_list_free(struct reg_jail **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		reg_jail_free(v[i]);
	free(v);
}

/* ------------------------------------------------------------ cache */

/* A cached blob larger than this is not one of ours. */
#define REG_CACHE_MAX (1U << 20)
/* Entries kept; beyond, the cache starts again. */
#define REG_CACHE_ENTRIES 64

/* The cache file of a key: its hash, in hex. */
static void
reg_cache_name(const char *key, char *name, size_t size)
{
	snprintf(name, size, "%016llx", (unsigned long long)reg_hash(key));
}

/* Opens cache/, a trusted directory like the others; -errno if not. */
static int
reg_cache_dir(struct reg *r)
{
	int fd = -1;
	int rc = reg_open_dir(r->dirfd, "cache", &fd);

	return rc < 0 ? rc : fd;
}

/* Finds the blob stored under key (see reg.h). */
int
reg_cache_get(struct reg *r, const char *key, void **ret, size_t *ret_len)
{
	_cleanup_close_ int dir = reg_cache_dir(r), fd = -1;
	_cleanup_free_ char *buf = NULL;
	size_t klen = strlen(key) + 1;
	char name[24];
	struct stat st;
	int rc;

	if (dir < 0)
		return dir;
	reg_cache_name(key, name, sizeof(name));
	fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* Trusted as records are: a regular file of ours nobody else wrote. */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 022) != 0 ||
	    (size_t)st.st_size <= klen || st.st_size > (off_t)REG_CACHE_MAX)
		return -EINVAL;
	buf = xmalloc((size_t)st.st_size);
	rc = util_read_full(fd, buf, (size_t)st.st_size);
	if (rc < 0)
		return rc;
	/* The whole key is in the file: a hash collision is a miss. */
	if (memcmp(buf, key, klen) != 0)
		return -ENOENT;
	*ret_len = (size_t)st.st_size - klen;
	*ret = xmalloc(*ret_len);
	memcpy(*ret, buf + klen, *ret_len);
	return 0;
}

/* Stores a blob under key (see reg.h). */
int
reg_cache_put(struct reg *r, const char *key, const void *data, size_t len)
{
	_cleanup_close_ int dir = reg_cache_dir(r);
	_cleanup_free_ char *buf = NULL;
	size_t klen = strlen(key) + 1, n = 0;
	struct dirent *de;
	char name[24];
	DIR *d;
	int fd;

	if (dir < 0)
		return dir;
	if (klen + len > REG_CACHE_MAX)
		return -EFBIG;
	/* Bounded: past the limit the old entries go (cheap to rebuild). */
	fd = openat(dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d = fd >= 0 ? fdopendir(fd) : NULL;
	if (d == NULL && fd >= 0)
		close(fd);
	while (d != NULL && (de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	if (d != NULL && n >= REG_CACHE_ENTRIES) {
		rewinddir(d);
		while ((de = readdir(d)) != NULL)
			if (de->d_name[0] != '.')
				(void)unlinkat(dir, de->d_name, 0);
	}
	if (d != NULL)
		closedir(d);
	buf = xmalloc(klen + len);
	memcpy(buf, key, klen);
	memcpy(buf + klen, data, len);
	reg_cache_name(key, name, sizeof(name));
	return reg_write_at_len(dir, name, buf, klen + len);
}
