/*
 * Unit tests of fs: fstab line parsing, every fs_check message, and
 * fs_setup_root on a real jail root inside a user+mount+pid namespace
 * (skipped with the reason when user namespaces are unavailable).
 *
 * Root tests fork: the grandchild is PID 1 of a new PID namespace, runs
 * fs_setup_root and its checks, and reports failures as text over a pipe,
 * then _exit()s (after pivot_root the host is gone, so it must not run
 * atexit handlers such as LeakSanitizer's).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "fixture.h"

#include "compat.h"
#include "conf.h"
#include "fs.h"
#include "util.h"

/* ------------------------------------------------------------ helpers */

/* A config jail with some parameters ("name=value" or bare "name"). */
static struct conf_jail *
mkjail(bool from_config, ...)
{
	struct conf_jail *j = conf_jail_new(from_config ? "t" : NULL,
	    from_config);
	va_list ap;
	const char *kv;

	va_start(ap, from_config);
	while ((kv = va_arg(ap, const char *)) != NULL) {
		char *name = xstrdup(kv), *eq = strchr(name, '=');

		if (eq != NULL) {
			char *vals[] = { eq + 1, NULL };

			*eq = '\0';
			conf_jail_set(j, name, vals, false, NULL, 0);
		} else
			conf_jail_set(j, name, NULL, false, NULL, 0);
		free(name);
	}
	va_end(ap);
	return j;
}

/* Runs fs_check and asserts its return value and message. */
static void
expect_check(struct conf_jail *j, int want, const char *want_msg)
{
	char *msg = NULL;
	int r = fs_check(j, &msg);

	cr_assert_eq(r, want, "fs_check returned %d (%s), want %d", r,
	    msg != NULL ? msg : "no message", want);
	if (want_msg == NULL)
		cr_assert_null(msg, "unexpected message %s", msg);
	else {
		cr_assert_not_null(msg);
		cr_assert_str_eq(msg, want_msg);
	}
	free(msg);
	conf_jail_free(j);
}

/* Writes a whole file, creating it. */
static int
put(const char *path, const char *content)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -errno;
	fputs(content, f);
	return fclose(f) == 0 ? 0 : -errno;
}

static char tmpdir[512];

/* Makes a private temporary directory with a few jail-like subdirs. */
static const char *
mkroot(void)
{
	static const char *dirs[] = { "dev", "proc", "sys", "tmp", "mnt",
		"etc", "ro", "a", "a/b" };
	char p[1024];

	fixture_path(tmpdir, sizeof(tmpdir), "fshook-test.XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
	chmod(tmpdir, 0755);
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		snprintf(p, sizeof(p), "%s/%s", tmpdir, dirs[i]);
		cr_assert_eq(mkdir(p, 0755), 0);
	}
	snprintf(p, sizeof(p), "%s/etc/marker", tmpdir);
	cr_assert_eq(put(p, "host\n"), 0);
	return tmpdir;
}

/* Removes the temporary root (no mount can be left in it). */
static void
rmroot(void)
{
	char cmd[1024];

	if (tmpdir[0] == '\0')
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	(void)!system(cmd);
	tmpdir[0] = '\0';
}

static void rmboth(void);

/* Every test's temporary roots go, whether it passed or failed. */
TestSuite(fs, .fini = rmboth);
TestSuite(fs_root, .fini = rmboth);

/* ------------------------------------------------------------ parsing */

Test(fs, parse_full_line)
{
	struct fs_mount_entry *e = NULL;
	char *msg = NULL;

	cr_assert_eq(fs_parse_mount_line("/src\t/j/mnt  nullfs ro,nosuid 0 0",
	    false, &e, &msg), 0);
	cr_assert_str_eq(e->source, "/src");
	cr_assert_str_eq(e->host_target, "/j/mnt");
	cr_assert_str_eq(e->fstype, "nullfs");
	cr_assert_str_eq(e->options, "ro,nosuid");
	fs_mount_entry_free(e);
}

Test(fs, parse_default_options)
{
	struct fs_mount_entry *e = NULL;
	char *msg = NULL;

	cr_assert_eq(fs_parse_mount_line("tmpfs /j/tmp tmpfs", false, &e,
	    &msg), 0);
	cr_assert_str_eq(e->options, "rw");
	fs_mount_entry_free(e);
}

Test(fs, parse_vis_decoding)
{
	struct fs_mount_entry *e = NULL;
	char *msg = NULL;

	cr_assert_eq(fs_parse_mount_line("/my\\040src /j/a\\sb\\\\c nullfs rw",
	    false, &e, &msg), 0);
	cr_assert_str_eq(e->source, "/my src");
	cr_assert_str_eq(e->host_target, "/j/a b\\c");
	fs_mount_entry_free(e);
	cr_assert_eq(fs_parse_mount_line("/x\\t\\M-a\\^A /j nullfs", false,
	    &e, &msg), 0);
	cr_assert_str_eq(e->source, "/x\t\341\001");
	fs_mount_entry_free(e);
}

Test(fs, parse_bad_vis)
{
	static const char *bad[] = { "/a\\q /j nullfs", "/a /j\\ nullfs",
		"/a\\M /j nullfs", "/a\\^ /j nullfs", "/a\\777 /j nullfs" };

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct fs_mount_entry *e = NULL;
		char *msg = NULL, *want;

		cr_assert_eq(fs_parse_mount_line(bad[i], false, &e, &msg),
		    -EINVAL, "%s", bad[i]);
		want = xasprintf("mount: %s: fstab parse error", bad[i]);
		cr_assert_str_eq(msg, want);
		free(want);
		free(msg);
	}
}

Test(fs, parse_missing_information)
{
	struct fs_mount_entry *e = NULL;
	char *msg = NULL;

	cr_assert_eq(fs_parse_mount_line("/a /b", false, &e, &msg), -EINVAL);
	cr_assert_str_eq(msg, "mount: /a /b: missing information");
	free(msg);
	msg = NULL;
	cr_assert_eq(fs_parse_mount_line("/a", false, &e, &msg), -EINVAL);
	cr_assert_str_eq(msg, "mount: /a: missing information");
	free(msg);
}

Test(fs, parse_blank_and_comments)
{
	struct fs_mount_entry *e = (void *)1;
	char *msg = NULL;

	cr_assert_eq(fs_parse_mount_line(" \t\v\f\r", false, &e, &msg), 0);
	cr_assert_null(e);
	e = (void *)1;
	cr_assert_eq(fs_parse_mount_line("# a comment", true, &e, &msg), 0);
	cr_assert_null(e);
	cr_assert_eq(fs_parse_mount_line("/a /b tmpfs rw # c", true, &e,
	    &msg), 0);
	cr_assert_str_eq(e->options, "rw");
	fs_mount_entry_free(e);
	/* in a "mount" value '#' is an ordinary character */
	cr_assert_eq(fs_parse_mount_line("/a /b tmpfs #x", false, &e, &msg),
	    0);
	cr_assert_str_eq(e->options, "#x");
	fs_mount_entry_free(e);
	cr_assert_eq(fs_parse_mount_line("/a /b # tmpfs", true, &e, &msg),
	    -EINVAL);
	cr_assert_str_eq(msg, "mount: /a /b # tmpfs: missing information");
	free(msg);
}

Test(fs, parse_hostile_line)
{
	size_t n = 1 << 20;
	char *line = xmalloc(n + 1);
	struct fs_mount_entry *e = NULL;
	char *msg = NULL;

	memset(line, 'a', n);
	line[0] = '/';
	line[n] = '\0';
	cr_assert_eq(fs_parse_mount_line(line, true, &e, &msg), -EINVAL);
	free(msg);
	for (size_t i = 0; i < n; i++)
		line[i] = (i % 2 == 1) ? ' ' : '\\';
	cr_assert_eq(fs_parse_mount_line(line, true, &e, &msg), -EINVAL);
	free(msg);
	free(line);
}

Test(fs, entries_relocated_in_order, .fini = rmroot)
{
	const char *root = mkroot();
	char fstab[1024], *content, *msg = NULL;
	struct fs_mount_entry **v = NULL;
	struct conf_jail *j;
	char *l1 = xasprintf("tmpfs %s/tmp tmpfs rw", root);
	char *l2 = xasprintf("/src %s/mnt nullfs ro", root);

	snprintf(fstab, sizeof(fstab), "%s/fstab", root);
	content = xasprintf("# jail fstab\n\n/h %s/a/b nullfs ro 0 0\n", root);
	cr_assert_eq(put(fstab, content), 0);
	j = mkjail(true, NULL);
	{
		char *path[] = { (char *)root, NULL };
		char *mnt[] = { l1, l2, NULL };
		char *files[] = { fstab, NULL };

		conf_jail_set(j, "path", path, false, NULL, 0);
		conf_jail_set(j, "mount", mnt, false, NULL, 0);
		conf_jail_set(j, "mount.fstab", files, false, NULL, 0);
	}
	cr_assert_eq(fs_mount_entries(j, &v, &msg), 0, "%s", msg);
	cr_assert_eq(strv_length((char **)v), 3);
	cr_assert_str_eq(v[0]->target, "/tmp");
	cr_assert_str_eq(v[1]->target, "/mnt");
	cr_assert_str_eq(v[2]->target, "/a/b");
	cr_assert_str_eq(v[2]->source, "/h");
	fs_mount_entries_free(v);
	expect_check(j, 0, NULL);
	free(l1);
	free(l2);
	free(content);
}

/* ------------------------------------------------------------ fs_check */

Test(fs, check_no_path_is_fine)
{
	expect_check(mkjail(true, NULL), 0, NULL);
}

Test(fs, check_relative_path_config)
{
	expect_check(mkjail(true, "path=tmp", NULL), -EINVAL,
	    "path tmp: not an absolute pathname");
}

Test(fs, check_relative_path_command_line)
{
	cr_assert_eq(chdir("/"), 0);
	expect_check(mkjail(false, "path=tmp", NULL), 0, NULL);
}

Test(fs, check_missing_path)
{
	expect_check(mkjail(true, "path=/nonexistent/fshook", NULL), -ENOENT,
	    "path /nonexistent/fshook: No such file or directory");
}

Test(fs, check_path_not_directory)
{
	expect_check(mkjail(true, "path=/etc/passwd", NULL), -ENOTDIR,
	    "path /etc/passwd: Not a directory");
}

Test(fs, check_devfs_without_path)
{
	expect_check(mkjail(true, "mount.devfs", NULL), -EINVAL,
	    "mount.devfs: no jail root path defined");
	expect_check(mkjail(true, "mount.procfs", NULL), -EINVAL,
	    "mount.procfs: no jail root path defined");
	expect_check(mkjail(true, "mount.fdescfs", NULL), -EINVAL,
	    "mount.fdescfs: no jail root path defined");
	expect_check(mkjail(true, "mount.nodevfs", NULL), 0, NULL);
}

Test(fs, check_fstab_missing)
{
	expect_check(mkjail(true, "mount.fstab=/nonexistent/fstab", NULL),
	    -ENOENT, "mount.fstab: /nonexistent/fstab: No such file or "
	    "directory");
}

Test(fs, check_mount_messages, .fini = rmroot)
{
	const char *root = mkroot();
	char *p = xasprintf("path=%s", root), *m, *want, *link;

	m = xasprintf("mount=/src mnt nullfs ro");
	expect_check(mkjail(true, p, m, NULL), -EINVAL,
	    "mount: mnt: not an absolute pathname");
	free(m);

	m = xasprintf("mount=/src %s/nosuch/x nullfs ro", root);
	want = xasprintf("mount: %s/nosuch: No such file or directory", root);
	expect_check(mkjail(true, p, m, NULL), -ENOENT, want);
	free(m);
	free(want);

	link = xasprintf("%s/mnt/link", root);
	cr_assert_eq(symlink("/etc", link), 0);
	m = xasprintf("mount=/src %s/mnt/link/x nullfs ro", root);
	want = xasprintf("mount: %s is a symbolic link", link);
	expect_check(mkjail(true, p, m, NULL), -ELOOP, want);
	free(m);
	free(want);

	m = xasprintf("mount=/src /elsewhere nullfs ro");
	want = xasprintf("mount: /elsewhere: not below the jail path %s",
	    root);
	expect_check(mkjail(true, p, m, NULL), -EINVAL, want);
	free(m);
	free(want);

	m = xasprintf("mount=/dev/sda1 %s/mnt ufs rw", root);
	want = xasprintf("mount: %s/mnt: fstype ufs is not supported by ljail "
	    "(nullfs, tmpfs, procfs, devfs, fdescfs, linsysfs, mqueue)", root);
	expect_check(mkjail(true, p, m, NULL), -EOPNOTSUPP, want);
	free(m);
	free(want);

	m = xasprintf("mount=/a %s/mnt", root);
	want = xasprintf("mount: /a %s/mnt: missing information", root);
	expect_check(mkjail(true, p, m, NULL), -EINVAL, want);
	free(m);
	free(want);

	m = xasprintf("mount=/a\\z %s/mnt nullfs", root);
	want = xasprintf("mount: /a\\z %s/mnt nullfs: fstab parse error", root);
	expect_check(mkjail(true, p, m, NULL), -EINVAL, want);
	free(m);
	free(want);

	m = xasprintf("mount=");
	expect_check(mkjail(true, p, m, NULL), 0, NULL);
	free(m);
	free(link);
	free(p);
}

Test(fs, check_special_dirs, .fini = rmroot)
{
	const char *root = mkroot();
	char *p = xasprintf("path=%s", root), *d, *want;

	expect_check(mkjail(true, p, "mount.devfs", "mount.procfs",
	    "mount.fdescfs", "mount.sysfs", NULL), 0, NULL);
	expect_check(mkjail(true, p, "mount.devfs", "devfs_ruleset=9", NULL),
	    -EINVAL, "mount.devfs: devfs_ruleset 9: ljail knows rulesets "
	    "0 to 5");
	d = xasprintf("%s/proc", root);
	cr_assert_eq(rmdir(d), 0);
	cr_assert_eq(symlink("/proc", d), 0);
	want = xasprintf("mount.procfs: %s is a symbolic link", d);
	expect_check(mkjail(true, p, "mount.procfs", NULL), -ELOOP, want);
	free(want);
	free(d);
	d = xasprintf("%s/dev", root);
	cr_assert_eq(rmdir(d), 0);
	want = xasprintf("mount.devfs: %s: No such file or directory", d);
	expect_check(mkjail(true, p, "mount.devfs", NULL), -ENOENT, want);
	free(want);
	free(d);
	free(p);
}

/* ------------------------------------------------- jails in namespaces */

static int report_fd = -1;

/* Reports a failure from inside the jail and ends the jailed process. */
__attribute__((format(printf, 1, 2), noreturn)) static void
jfail(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		(void)!write(report_fd, buf, strlen(buf));
	_exit(1);
}

#define JCHECK(cond, ...)                                                 \
	do {                                                              \
		if (!(cond))                                              \
			jfail(__VA_ARGS__);                               \
	} while (0)

/* Maps the caller to root in a fresh user namespace (with the others). */
static int
enter_namespaces(int extra)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | extra) < 0)
		return -errno;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
	if (util_write_file("/proc/self/setgroups", "deny") < 0 ||
	    util_write_file("/proc/self/uid_map", map) < 0)
		return -errno;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
	if (util_write_file("/proc/self/gid_map", map) < 0)
		return -errno;
	return 0;
}

struct jail_run {
	struct conf_jail *j;
	int root_fd;
	int extra_ns;		/* e.g. CLONE_NEWNET for sysfs */
	int want_r;		/* expected fs_setup_root result */
	const char *want_msg;	/* expected message when want_r < 0 */
	void (*inside)(void);	/* checks after a successful setup */
	void (*after_fail)(void);	/* checks after an expected failure */
};

/* The jailed PID 1: sets the root up and runs the checks. */
__attribute__((noreturn)) static void
jail_child(const struct jail_run *run)
{
	char *msg = NULL;
	int r = fs_setup_root(run->j, run->root_fd, &msg);

	if (run->want_r != 0) {
		JCHECK(r == run->want_r, "fs_setup_root returned %d (%s), "
		    "want %d", r, msg != NULL ? msg : "-", run->want_r);
		JCHECK(msg != NULL && strcmp(msg, run->want_msg) == 0,
		    "message \"%s\", want \"%s\"", msg != NULL ? msg : "-",
		    run->want_msg);
		if (run->after_fail != NULL)
			run->after_fail();
		_exit(0);
	}
	JCHECK(r == 0, "fs_setup_root: %d: %s", r, msg != NULL ? msg : "-");
	JCHECK(getpid() == 1, "not PID 1 of the jail");
	if (run->inside != NULL)
		run->inside();
	_exit(0);
}

/* Forks into new namespaces, runs the jail and asserts it passed. */
static void
jail_run(const struct jail_run *run)
{
	char buf[2048] = "";
	size_t len = 0;
	int pfd[2], status;
	ssize_t n;
	pid_t pid;

	cr_assert_eq(pipe2(pfd, O_CLOEXEC), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		int r;
		pid_t init;

		close(pfd[0]);
		report_fd = pfd[1];
		r = enter_namespaces(run->extra_ns);
		if (r < 0) {
			dprintf(report_fd, "user namespaces unavailable: %s",
			    strerror(-r));
			_exit(77);
		}
		init = fork();
		if (init < 0)
			_exit(2);
		if (init == 0)
			jail_child(run);
		if (waitpid(init, &status, 0) < 0)
			_exit(3);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status));
	}
	close(pfd[1]);
	while (len < sizeof(buf) - 1 &&
	    (n = read(pfd[0], buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(pfd[0]);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
		cr_skip_test("%s", buf);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "jail failed (status %#x): %s", status, buf);
}

/* Tells whether the current mount table has a mount point at path. */
static bool
is_mounted_at(const char *path)
{
	char *buf = NULL, *line, *save = NULL;
	bool found = false;

	if (util_read_file("/proc/self/mountinfo", &buf, NULL) < 0)
		return false;
	for (line = strtok_r(buf, "\n", &save); line != NULL && !found;
	    line = strtok_r(NULL, "\n", &save)) {
		char mp[4096];

		if (sscanf(line, "%*s %*s %*s %*s %4095s", mp) == 1 &&
		    strcmp(mp, path) == 0)
			found = true;
	}
	free(buf);
	return found;
}

/* A jail for the temporary root with the given extra parameters. */
static struct conf_jail *
root_jail(const char *first, ...)
{
	struct conf_jail *j = conf_jail_new("t", true);
	char *path[] = { tmpdir, NULL };
	va_list ap;

	conf_jail_set(j, "path", path, false, NULL, 0);
	va_start(ap, first);
	for (const char *kv = first; kv != NULL;
	    kv = va_arg(ap, const char *)) {
		char *name = xstrdup(kv), *eq = strchr(name, '=');

		if (eq != NULL) {
			char *vals[] = { eq + 1, NULL };

			*eq = '\0';
			conf_jail_set(j, name, vals, false, NULL, 0);
		} else
			conf_jail_set(j, name, NULL, false, NULL, 0);
		free(name);
	}
	va_end(ap);
	return j;
}

/* Lists a directory's names, sorted, joined by spaces. */
static char *
list_dir(const char *path)
{
	struct dirent **names;
	char **v = NULL, *s;
	int n = scandir(path, &names, NULL, alphasort);

	if (n < 0)
		return xasprintf("(%s)", strerror(errno));
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.')
			strv_push(&v, names[i]->d_name);
		free(names[i]);
	}
	free(names);
	s = strv_join(v, " ");
	strv_free(v);
	return s;
}

/* Inside: only the jail's own mounts are in the mount table. */
static void
inside_no_host_mounts(void)
{
	static const char *allowed[] = { "/", "/tmp", "/proc", "/dev",
		"/dev/pts", "/dev/shm", "/dev/null", "/dev/zero", "/dev/full",
		"/dev/random", "/dev/urandom", "/dev/tty" };
	char *buf = NULL, *line, *save = NULL, *m, cwd[4096];
	struct stat st;

	JCHECK(util_read_file("/proc/self/mountinfo", &buf, NULL) == 0,
	    "no mountinfo");
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char mp[4096];
		bool ok = false;

		JCHECK(sscanf(line, "%*s %*s %*s %*s %4095s", mp) == 1,
		    "bad mountinfo line %s", line);
		for (size_t i = 0; i < ARRAY_SIZE(allowed); i++)
			ok = ok || strcmp(mp, allowed[i]) == 0;
		/* mask_apply_proc's read-only binds and masks of the
		 * jail's own proc. */
		ok = ok || str_has_prefix(mp, "/proc/");
		JCHECK(ok, "host mount visible in the jail: %s", line);
	}
	free(buf);
	JCHECK(util_read_file("/etc/marker", &m, NULL) == 0 &&
	    strcmp(m, "host\n") == 0, "jail root not at /");
	free(m);
	JCHECK(stat("/bin", &st) < 0 && errno == ENOENT,
	    "the host's /bin is visible");
	JCHECK(getcwd(cwd, sizeof(cwd)) != NULL && strcmp(cwd, "/") == 0,
	    "cwd is not the jail root");
}

Test(fs_root, no_host_mount_after_pivot, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1,
		.inside = inside_no_host_mounts };
	char *m;

	mkroot();
	m = xasprintf("mount=tmpfs %s/tmp tmpfs rw,size=1m", tmpdir);
	run.j = root_jail("mount.devfs", "mount.procfs", m, NULL);
	jail_run(&run);
	/* F7: nothing of the jail leaked into the host's mount table. */
	cr_assert_not(is_mounted_at(tmpdir));
	cr_assert_not(is_mounted_at(strchr(m, ' ') + 1));
	conf_jail_free(run.j);
	free(m);
}

/* Inside: /dev is ruleset 4 and its nodes work. */
static void
inside_dev_jail(void)
{
	char *names = list_dir("/dev"), buf[16] = "x", link[64];
	int fd;
	ssize_t n;

	JCHECK(strcmp(names, "fd full null ptmx pts random shm stderr stdin "
	    "stdout tty urandom zero") == 0, "/dev has: %s", names);
	free(names);
	fd = open("/dev/null", O_WRONLY);
	JCHECK(fd >= 0 && write(fd, "x", 1) == 1, "/dev/null: %s",
	    strerror(errno));
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	JCHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf) &&
	    buf[0] == 0 && buf[15] == 0, "/dev/zero: %s", strerror(errno));
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	JCHECK(fd >= 0 && write(fd, "x", 1) < 0 && errno == ENOSPC,
	    "/dev/full does not fill");
	close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	JCHECK(fd >= 0 && read(fd, buf, 8) == 8, "/dev/urandom");
	close(fd);
	n = readlink("/dev/fd", link, sizeof(link) - 1);
	JCHECK(n > 0, "/dev/fd is not a link");
	link[n] = '\0';
	JCHECK(strcmp(link, "/proc/self/fd") == 0, "/dev/fd -> %s", link);
	JCHECK(access("/dev/stdin", F_OK) == 0, "/dev/stdin does not resolve");
	n = readlink("/dev/ptmx", link, sizeof(link) - 1);
	JCHECK(n == 8 && memcmp(link, "pts/ptmx", 8) == 0, "/dev/ptmx link");
	JCHECK(mknod("/dev/sda", S_IFBLK | 0600, makedev(8, 0)) < 0,
	    "mknod of a block device succeeded");
}

Test(fs_root, dev_ruleset_4, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_dev_jail };

	mkroot();
	run.j = root_jail("mount.devfs", "mount.procfs", NULL);
	jail_run(&run);
	conf_jail_free(run.j);
}

Test(fs_root, dev_ruleset_0_is_jail_set, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_dev_jail };

	mkroot();
	run.j = root_jail("mount.devfs", "devfs_ruleset=0", "mount.procfs",
	    NULL);
	jail_run(&run);
	conf_jail_free(run.j);
}

/* Inside: ruleset 1 is an empty /dev. */
static void
inside_dev_empty(void)
{
	char *names = list_dir("/dev");

	JCHECK(strcmp(names, "") == 0, "/dev has: %s", names);
	free(names);
}

Test(fs_root, dev_ruleset_1, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_dev_empty };

	mkroot();
	run.j = root_jail("mount.devfs", "devfs_ruleset=1", NULL);
	jail_run(&run);
	conf_jail_free(run.j);
}

/* Inside: ruleset 2 has the basic nodes only. */
static void
inside_dev_basic(void)
{
	char *names = list_dir("/dev");

	JCHECK(strcmp(names, "full null random urandom zero") == 0,
	    "/dev has: %s", names);
	free(names);
}

Test(fs_root, dev_ruleset_2_fstab_devfs, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_dev_basic };
	char *m;

	mkroot();
	/* a devfs fstab entry with its own ruleset option */
	m = xasprintf("mount=devfs %s/dev devfs ruleset=2", tmpdir);
	run.j = root_jail(m, NULL);
	jail_run(&run);
	conf_jail_free(run.j);
	free(m);
}

/* Inside: fdescfs alone gives the fd links. */
static void
inside_fdescfs(void)
{
	char *names = list_dir("/dev");

	JCHECK(strcmp(names, "fd stderr stdin stdout") == 0, "/dev has: %s",
	    names);
	free(names);
}

Test(fs_root, fdescfs_alone, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_fdescfs };

	mkroot();
	run.j = root_jail("mount.fdescfs", NULL);
	jail_run(&run);
	conf_jail_free(run.j);
}

/* Inside: a private devpts hands out a working pty pair. */
static void
inside_devpts(void)
{
	char buf[8];
	const char *name;
	int m, s;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	JCHECK(m >= 0, "posix_openpt: %s", strerror(errno));
	JCHECK(grantpt(m) == 0 && unlockpt(m) == 0, "grantpt/unlockpt: %s",
	    strerror(errno));
	name = ptsname(m);
	JCHECK(name != NULL && strcmp(name, "/dev/pts/0") == 0,
	    "ptsname %s (not a private instance?)", name ? name : "-");
	s = open(name, O_RDWR | O_NOCTTY);
	JCHECK(s >= 0, "open %s: %s", name, strerror(errno));
	JCHECK(write(m, "hi\n", 3) == 3, "write master");
	JCHECK(read(s, buf, sizeof(buf)) == 3 && memcmp(buf, "hi\n", 3) == 0,
	    "read slave");
	close(s);
	close(m);
}

Test(fs_root, devpts_works, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_devpts };

	mkroot();
	run.j = root_jail("mount.devfs", NULL);
	jail_run(&run);
	conf_jail_free(run.j);
}

static char hostdir[512];

/* Makes a host directory outside the jail with a file in it. */
static void
mkhostdir(void)
{
	char p[1024];

	fixture_path(hostdir, sizeof(hostdir), "fshook-host.XXXXXX");
	cr_assert_not_null(mkdtemp(hostdir));
	chmod(hostdir, 0755);
	snprintf(p, sizeof(p), "%s/file", hostdir);
	cr_assert_eq(put(p, "host file\n"), 0);
}

/* Removes the jail root and the host directory. */
static void
rmboth(void)
{
	char cmd[1024];

	rmroot();
	if (hostdir[0] == '\0')
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", hostdir);
	(void)!system(cmd);
	hostdir[0] = '\0';
}

/* After the refused mount: the host directory is not covered. */
static void
after_symlink_refused(void)
{
	char p[1024], *c = NULL;

	JCHECK(!is_mounted_at(hostdir), "a mount covers the host path %s",
	    hostdir);
	snprintf(p, sizeof(p), "%s/file", hostdir);
	JCHECK(util_read_file(p, &c, NULL) == 0 &&
	    strcmp(c, "host file\n") == 0, "host file changed");
	free(c);
}

Test(fs_root, planted_symlink_target_refused, .fini = rmboth)
{
	struct jail_run run = { .root_fd = -1, .want_r = -ELOOP,
		.after_fail = after_symlink_refused };
	char link[1024], *m, *want, *c = NULL;

	mkroot();
	mkhostdir();
	/* a jailed root planted mnt/evil -> host dir after fs_check ran */
	snprintf(link, sizeof(link), "%s/mnt/evil", tmpdir);
	cr_assert_eq(symlink(hostdir, link), 0);
	m = xasprintf("mount=tmpfs %s tmpfs rw", link);
	want = xasprintf("mount: %s is a symbolic link", link);
	run.j = root_jail(m, NULL);
	run.want_msg = want;
	jail_run(&run);
	snprintf(link, sizeof(link), "%s/file", hostdir);
	cr_assert_eq(util_read_file(link, &c, NULL), 0);
	cr_assert_str_eq(c, "host file\n");
	cr_assert_not(is_mounted_at(hostdir));
	free(c);
	free(m);
	free(want);
	conf_jail_free(run.j);
}

Test(fs_root, planted_dev_symlink_refused, .fini = rmboth)
{
	struct jail_run run = { .root_fd = -1, .want_r = -ELOOP,
		.after_fail = after_symlink_refused };
	char dev[1024], *want;

	mkroot();
	mkhostdir();
	snprintf(dev, sizeof(dev), "%s/dev", tmpdir);
	cr_assert_eq(rmdir(dev), 0);
	cr_assert_eq(symlink(hostdir, dev), 0);
	want = xasprintf("mount.devfs: %s is a symbolic link", dev);
	run.want_msg = want;
	run.j = root_jail("mount.devfs", NULL);
	jail_run(&run);
	free(want);
	cr_assert_not(is_mounted_at(hostdir));
	conf_jail_free(run.j);
}

Test(fs_root, planted_relative_symlink_refused, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .want_r = -ELOOP };
	char link[1024], *m, *want;

	mkroot();
	snprintf(link, sizeof(link), "%s/a/b/up", tmpdir);
	cr_assert_eq(symlink("../../../../../../etc", link), 0);
	m = xasprintf("mount=tmpfs %s/x tmpfs rw", link);
	want = xasprintf("mount: %s is a symbolic link", link);
	run.j = root_jail(m, NULL);
	run.want_msg = want;
	jail_run(&run);
	free(m);
	free(want);
	conf_jail_free(run.j);
}

/* Inside: /ro is a read-only bind of the host directory. */
static void
inside_ro_bind(void)
{
	char *c = NULL;
	int fd;

	JCHECK(util_read_file("/ro/file", &c, NULL) == 0 &&
	    strcmp(c, "host file\n") == 0, "bind source not visible");
	free(c);
	fd = open("/ro/new", O_CREAT | O_WRONLY, 0644);
	JCHECK(fd < 0 && errno == EROFS, "created a file in a ro bind (%s)",
	    fd < 0 ? strerror(errno) : "no error");
	fd = open("/ro/file", O_WRONLY | O_APPEND);
	JCHECK(fd < 0 && errno == EROFS, "opened a ro bind file for writing");
	fd = open("/a/b/new", O_CREAT | O_WRONLY, 0644);
	JCHECK(fd >= 0, "rw bind not writable: %s", strerror(errno));
	close(fd);
}

Test(fs_root, ro_bind_is_read_only, .fini = rmboth)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_ro_bind };
	char *m1, *m2, p[1024];

	mkroot();
	mkhostdir();
	m1 = xasprintf("mount=%s %s/ro nullfs ro", hostdir, tmpdir);
	m2 = xasprintf("%s %s/a/b nullfs rw", hostdir, tmpdir);
	run.j = root_jail(m1, NULL);
	{
		char *v[] = { m2, NULL };

		conf_jail_set(run.j, "mount", v, true, NULL, 0);
	}
	jail_run(&run);
	snprintf(p, sizeof(p), "%s/new", hostdir);
	cr_assert_eq(access(p, F_OK), 0, "rw bind did not reach the source");
	conf_jail_free(run.j);
	free(m1);
	free(m2);
}

/* Inside: /proc is the jail's PID namespace. */
static void
inside_proc(void)
{
	char link[16], *names;
	ssize_t n = readlink("/proc/self", link, sizeof(link) - 1);
	struct stat st;

	JCHECK(n > 0, "/proc/self: %s", strerror(errno));
	link[n] = '\0';
	JCHECK(strcmp(link, "1") == 0, "/proc/self -> %s", link);
	names = list_dir("/proc");
	JCHECK(strncmp(names, "1 ", 2) == 0 && strchr(names, '2') == NULL,
	    "other pids visible: %s", names);
	free(names);
	JCHECK(stat("/tmp", &st) == 0 && (st.st_mode & 07777) == 0700,
	    "tmpfs mode option not applied (%o)", st.st_mode & 07777);
}

Test(fs_root, procfs_of_the_jail, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_proc };
	char *m;

	mkroot();
	m = xasprintf("mount=tmpfs %s/tmp tmpfs mode=0700,size=1m,nosuid",
	    tmpdir);
	run.j = root_jail("mount.procfs", m, NULL);
	jail_run(&run);
	conf_jail_free(run.j);
	free(m);
}

/* Inside: /sys is a read-only sysfs. */
static void
inside_sysfs(void)
{
	struct statvfs sv;

	JCHECK(access("/sys/kernel", F_OK) == 0, "/sys not mounted");
	JCHECK(statvfs("/sys", &sv) == 0 && (sv.f_flag & ST_RDONLY),
	    "/sys is writable");
}

Test(fs_root, sysfs_read_only, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .extra_ns = CLONE_NEWNET,
		.inside = inside_sysfs };

	mkroot();
	run.j = root_jail("mount.sysfs", NULL);
	jail_run(&run);
	conf_jail_free(run.j);
}

Test(fs_root, unsupported_fstype_in_setup, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .want_r = -EOPNOTSUPP };
	char *m, *want;

	mkroot();
	m = xasprintf("mount=/dev/sda1 %s/mnt zfs rw", tmpdir);
	want = xasprintf("mount: %s/mnt: fstype zfs is not supported by ljail "
	    "(nullfs, tmpfs, procfs, devfs, fdescfs, linsysfs, mqueue)",
	    tmpdir);
	run.j = root_jail(m, NULL);
	run.want_msg = want;
	jail_run(&run);
	free(m);
	free(want);
	conf_jail_free(run.j);
}

/* Inside: the jail root is the tree the parent prepared. */
static void
inside_prepared_root(void)
{
	char *c = NULL;

	JCHECK(util_read_file("/etc/marker", &c, NULL) == 0 &&
	    strcmp(c, "host\n") == 0, "prepared root not at /");
	free(c);
}

Test(fs_root, root_fd_from_parent, .fini = rmroot)
{
	struct jail_run run = { .inside = inside_prepared_root };

	if (geteuid() != 0)
		cr_skip_test("open_tree of a host path needs root");
	mkroot();
	run.root_fd = compat_open_tree(AT_FDCWD, tmpdir, OPEN_TREE_CLONE |
	    OPEN_TREE_CLOEXEC | AT_RECURSIVE);
	cr_assert_geq(run.root_fd, 0, "open_tree: %s", strerror(errno));
	run.j = root_jail(NULL);
	jail_run(&run);
	close(run.root_fd);
	conf_jail_free(run.j);
}

/* Inside: with no path the jail sees the host's tree. */
static void
inside_host_view(void)
{
	char cwd[64];

	JCHECK(access("/etc/passwd", F_OK) == 0, "no /etc/passwd");
	JCHECK(getcwd(cwd, sizeof(cwd)) != NULL && strcmp(cwd, "/") == 0,
	    "cwd not /");
}

Test(fs_root, no_path_shares_host_view)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_host_view };

	run.j = conf_jail_new("t", true);
	jail_run(&run);
	conf_jail_free(run.j);
}

/* After the refused bind: nothing of the host is bound into the jail. */
static void
after_source_refused(void)
{
	char p[1024];

	snprintf(p, sizeof(p), "%s/mnt/file", tmpdir);
	JCHECK(access(p, F_OK) != 0, "a host directory was bound into the "
	    "jail through a planted source symlink");
}

Test(fs_root, planted_symlink_source_refused, .fini = rmboth)
{
	struct jail_run run = { .root_fd = -1, .want_r = -ELOOP,
		.after_fail = after_source_refused };
	char link[1024], *m, *want;

	mkroot();
	mkhostdir();
	/* the jail's own data dir, bound elsewhere in the jail, swapped */
	snprintf(link, sizeof(link), "%s/a/data", tmpdir);
	cr_assert_eq(symlink(hostdir, link), 0);
	m = xasprintf("mount=%s %s/mnt nullfs rw", link, tmpdir);
	want = xasprintf("mount: %s is a symbolic link", link);
	run.j = root_jail(m, NULL);
	run.want_msg = want;
	jail_run(&run);
	conf_jail_free(run.j);
	free(m);
	free(want);
}

/* Inside: a bind from inside the jail tree works. */
static void
inside_source_in_jail(void)
{
	char *c = NULL;

	JCHECK(util_read_file("/mnt/marker", &c, NULL) == 0 &&
	    strcmp(c, "host\n") == 0, "in-jail bind source not visible");
	free(c);
	JCHECK(open("/mnt/x", O_CREAT | O_WRONLY, 0644) < 0 && errno == EROFS,
	    "ro in-jail bind writable");
}

Test(fs_root, bind_source_inside_jail, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1,
		.inside = inside_source_in_jail };
	char *m;

	mkroot();
	m = xasprintf("mount=%s/etc %s/mnt nullfs ro", tmpdir, tmpdir);
	run.j = root_jail(m, NULL);
	jail_run(&run);
	conf_jail_free(run.j);
	free(m);
}

Test(fs, check_planted_source)
{
	const char *root = mkroot();
	char *p = xasprintf("path=%s", root), *m, *want, *link;

	link = xasprintf("%s/a/data", root);
	cr_assert_eq(symlink("/etc", link), 0);
	m = xasprintf("mount=%s %s/mnt nullfs ro", link, root);
	want = xasprintf("mount: %s is a symbolic link", link);
	expect_check(mkjail(true, p, m, NULL), -ELOOP, want);
	rmroot();
	free(m);
	free(want);
	free(link);
	free(p);
}

/* Inside: /ro is a read-only bind (Linux "none bind,ro" line). */
static void
inside_linux_bind(void)
{
	char *c = NULL;

	JCHECK(util_read_file("/ro/file", &c, NULL) == 0 &&
	    strcmp(c, "host file\n") == 0, "bind source not visible");
	free(c);
	JCHECK(open("/ro/new", O_CREAT | O_WRONLY, 0644) < 0 &&
	    errno == EROFS, "ro bind writable");
}

Test(fs_root, linux_style_bind_line, .fini = rmboth)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_linux_bind };
	char *m;

	mkroot();
	mkhostdir();
	m = xasprintf("mount=%s %s/ro none bind,ro 0 0", hostdir, tmpdir);
	run.j = root_jail(m, NULL);
	expect_check(root_jail(m, NULL), 0, NULL);
	jail_run(&run);
	conf_jail_free(run.j);
	free(m);
}

/* Inside: /proc is there although mount.procfs was not set. */
static void
inside_proc_default(void)
{
	char link[16];
	ssize_t n = readlink("/proc/self", link, sizeof(link) - 1);

	JCHECK(n == 1 && link[0] == '1', "no /proc of the jail by default");
}

Test(fs_root, proc_by_default, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_proc_default };

	mkroot();
	run.j = root_jail(NULL);
	jail_run(&run);
	conf_jail_free(run.j);
}

/* Inside: mount.noprocfs leaves /proc an empty directory. */
static void
inside_no_proc(void)
{
	char *names = list_dir("/proc");

	JCHECK(strcmp(names, "") == 0, "/proc mounted: %s", names);
	free(names);
}

Test(fs_root, noprocfs_means_none, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_no_proc };

	mkroot();
	run.j = root_jail("mount.noprocfs", NULL);
	jail_run(&run);
	conf_jail_free(run.j);
}

Test(fs_root, proc_default_without_a_proc_dir, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1 };
	char p[1024];

	mkroot();
	snprintf(p, sizeof(p), "%s/proc", tmpdir);
	cr_assert_eq(rmdir(p), 0);
	run.j = root_jail(NULL);
	expect_check(root_jail(NULL), 0, NULL);
	jail_run(&run);
	conf_jail_free(run.j);
}

Test(fs_root, proc_default_symlink_refused, .fini = rmboth)
{
	struct jail_run run = { .root_fd = -1, .want_r = -ELOOP,
		.after_fail = after_symlink_refused };
	char p[1024], *want;

	mkroot();
	mkhostdir();
	snprintf(p, sizeof(p), "%s/proc", tmpdir);
	cr_assert_eq(rmdir(p), 0);
	cr_assert_eq(symlink(hostdir, p), 0);
	want = xasprintf("mount.procfs: %s is a symbolic link", p);
	expect_check(root_jail(NULL), -ELOOP, want);
	run.want_msg = want;
	run.j = root_jail(NULL);
	jail_run(&run);
	conf_jail_free(run.j);
	free(want);
}

/* Inside: the tmpfs of the root-only fstab is mounted. */
static void
inside_fstab_tmpfs(void)
{
	struct stat st;

	JCHECK(stat("/a", &st) == 0 && (st.st_mode & 07777) == 0711,
	    "fstab entry not mounted (mode %o)", st.st_mode & 07777);
}

Test(fs_root, root_only_fstab_read_before_the_jail, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .inside = inside_fstab_tmpfs };
	char fstab[1024], *line, *f;

	if (geteuid() != 0)
		cr_skip_test("a root-only file needs root");
	mkroot();
	snprintf(fstab, sizeof(fstab), "%s.fstab", tmpdir);
	line = xasprintf("tmpfs %s/a tmpfs mode=0711 0 0\n", tmpdir);
	cr_assert_eq(put(fstab, line), 0);
	cr_assert_eq(chmod(fstab, 0600), 0);
	f = xasprintf("mount.fstab=%s", fstab);
	run.j = root_jail(f, NULL);
	/* as ljail does: checked on the host, then set up as the jail */
	expect_check(root_jail(f, NULL), 0, NULL);
	{
		char *msg = NULL;

		cr_assert_eq(fs_check(run.j, &msg), 0, "%s", msg);
	}
	unlink(fstab);	/* gone: only the cached text remains */
	jail_run(&run);
	conf_jail_free(run.j);
	free(line);
	free(f);
}

Test(fs_root, missing_component_named, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .want_r = -ENOENT };
	char *m, *want;

	mkroot();
	/* checked before exec.prepare could create it: named at setup */
	m = xasprintf("mount=tmpfs %s/a/nosuch/deeper tmpfs rw", tmpdir);
	want = xasprintf("mount: %s/a/nosuch: No such file or directory",
	    tmpdir);
	run.j = root_jail(m, NULL);
	run.want_msg = want;
	jail_run(&run);
	conf_jail_free(run.j);
	free(m);
	free(want);
}

Test(fs, check_with_exec_prepare_defers_missing_files)
{
	/* exec.prepare may create the file system: missing is not yet bad */
	expect_check(mkjail(true, "path=/nonexistent/fshook-j",
	    "exec.prepare=mkdir -p /nonexistent/fshook-j", "mount.devfs",
	    "mount.fstab=/nonexistent/fshook.fstab",
	    "mount=tmpfs /nonexistent/fshook-j/tmp tmpfs rw", NULL), 0, NULL);
	/* what is wrong whatever prepare does still is */
	expect_check(mkjail(true, "path=/nonexistent/fshook-j",
	    "exec.prepare=true", "mount=tmpfs /elsewhere tmpfs rw", NULL),
	    -EINVAL, "mount: /elsewhere: not below the jail path "
	    "/nonexistent/fshook-j");
	expect_check(mkjail(true, "path=/etc/passwd", "exec.prepare=true",
	    NULL), -ENOTDIR, "path /etc/passwd: Not a directory");
}

Test(fs_root, devfs_on_the_host_tree_view)
{
	/* path=/: the jail's /dev is the host's, covered by the devfs */
	struct jail_run run = { .root_fd = -1, .inside = inside_dev_jail };

	run.j = conf_jail_new("t", true);
	{
		char *path[] = { "/", NULL };

		conf_jail_set(run.j, "path", path, false, NULL, 0);
		conf_jail_set(run.j, "mount.devfs", NULL, false, NULL, 0);
	}
	jail_run(&run);
	conf_jail_free(run.j);
}

Test(fs_root, fdescfs_entry_needs_devfs_first, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1, .want_r = -ENOENT };
	char *m, *want, p[1024];

	mkroot();
	m = xasprintf("mount=fdescfs %s/dev/fd fdescfs rw", tmpdir);
	want = xasprintf("mount: %s/dev/fd: fdescfs needs a devfs on /dev "
	    "before it", tmpdir);
	run.j = root_jail(m, NULL);
	run.want_msg = want;
	jail_run(&run);
	/* nothing was written into the jail's own /dev */
	snprintf(p, sizeof(p), "%s/dev/fd", tmpdir);
	cr_assert_neq(access(p, F_OK), 0);
	conf_jail_free(run.j);
	free(m);
	free(want);
}

/* Inside: devfs then fdescfs entries give the fd links. */
static void
inside_devfs_fdescfs_entries(void)
{
	char link[32];
	ssize_t n = readlink("/dev/fd", link, sizeof(link) - 1);

	JCHECK(n > 0, "no /dev/fd");
	link[n] = '\0';
	JCHECK(strcmp(link, "/proc/self/fd") == 0, "/dev/fd -> %s", link);
}

Test(fs_root, devfs_then_fdescfs_entries, .fini = rmroot)
{
	struct jail_run run = { .root_fd = -1,
		.inside = inside_devfs_fdescfs_entries };
	char *m1, *m2;

	mkroot();
	m1 = xasprintf("mount=devfs %s/dev devfs ruleset=2", tmpdir);
	m2 = xasprintf("fdescfs %s/dev/fd fdescfs rw", tmpdir);
	run.j = root_jail(m1, NULL);
	{
		char *v[] = { m2, NULL };

		conf_jail_set(run.j, "mount", v, true, NULL, 0);
	}
	/* fs_check accepts it although /dev/fd is not on disk */
	{
		char *msg = NULL;

		cr_assert_eq(fs_check(run.j, &msg), 0, "%s", msg);
	}
	jail_run(&run);
	conf_jail_free(run.j);
	free(m1);
	free(m2);
}

/* ------------------------------------------------------------ F9 warning */

/* fs_path_exposed's verdict on a path below tmpdir/a/b. */
static bool
exposed(const char *sub, char **ret_msg)
{
	char p[1024];
	struct conf_jail *j;
	bool r;

	snprintf(p, sizeof(p), "path=%s/%s", tmpdir, sub);
	j = mkjail(false, p, NULL);
	*ret_msg = NULL;
	r = fs_path_exposed(j, ret_msg);
	conf_jail_free(j);
	return r;
}

Test(fs, path_exposed_f9_warning)
{
	char *msg = NULL, *want = NULL;
	char a[1024];

	if (geteuid() != 0)
		cr_skip_test("fs_path_exposed warns only when ljail is root");
	mkroot();
	snprintf(a, sizeof(a), "%s/a", tmpdir);
	/* every directory searchable by others: warned, the path named */
	cr_assert(exposed("a/b", &msg));
	want = xasprintf("path %s/a/b: reachable by other users: "
	    "set-user-ID files made by the jail's root would run as root on "
	    "the host; make a parent directory mode 0700", tmpdir);
	cr_assert_str_eq(msg, want);
	free(msg);
	free(want);
	/* a root-owned 0700 directory on the way closes it */
	cr_assert_eq(chmod(a, 0700), 0);
	cr_assert_not(exposed("a/b", &msg));
	cr_assert_null(msg);
	/* group search by a non-root group opens it again */
	cr_assert_eq(chown(a, 0, 100), 0);
	cr_assert_eq(chmod(a, 0710), 0);
	cr_assert(exposed("a/b", &msg));
	free(msg);
	/* ... but not by group 0 */
	cr_assert_eq(chown(a, 0, 0), 0);
	cr_assert_not(exposed("a/b", &msg));
	/* a directory another user owns is theirs to open: reachable */
	cr_assert_eq(chown(a, 65534, 0), 0);
	cr_assert_eq(chmod(a, 0700), 0);
	cr_assert(exposed("a/b", &msg));
	free(msg);
	/* the jail path itself closed is enough too */
	cr_assert_eq(chown(a, 0, 0), 0);
	cr_assert_eq(chmod(a, 0755), 0);
	cr_assert_eq(chmod(tmpdir, 0700), 0);
	cr_assert_not(exposed("a/b", &msg));
	cr_assert_eq(chmod(tmpdir, 0755), 0);
	cr_assert_eq(chmod(a, 0755), 0);
	snprintf(a, sizeof(a), "%s/a/b", tmpdir);
	cr_assert_eq(chmod(a, 0700), 0);
	cr_assert_not(exposed("a/b", &msg));
	/* no path, or "/": nothing of the jail's on a separate tree */
	{
		struct conf_jail *j = mkjail(false, "path=/", NULL);

		cr_assert_not(fs_path_exposed(j, &msg));
		conf_jail_free(j);
		j = mkjail(false, NULL);
		cr_assert_not(fs_path_exposed(j, &msg));
		conf_jail_free(j);
	}
}

/* ------------------------------------------- sources below a 0700 dir */

/*
 * Runs fs_setup_root as ljail's jail does: a new user namespace whose
 * ids the parent maps onto a private range, the sources opened first
 * (when opened) while still the host's root, then the switch to the
 * jail's root and the setup in a new PID 1.  Returns the setup's result
 * through the exit status: 0, or the errno; *msg_buf gets its message.
 */
static int
closed_source_run(struct conf_jail *j, bool opened, char *msg_buf,
    size_t msg_len)
{
	int go[2], ready[2], msgp[2], status;
	char c = 0, map[64];
	ssize_t n;
	pid_t pid;

	cr_assert_eq(pipe2(go, O_CLOEXEC), 0);
	cr_assert_eq(pipe2(ready, O_CLOEXEC), 0);
	cr_assert_eq(pipe2(msgp, O_CLOEXEC), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		char *msg = NULL;
		pid_t init;
		int r;

		if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID) < 0)
			_exit(200);
		(void)!write(ready[1], &c, 1);
		if (read(go[0], &c, 1) != 1)
			_exit(201);
		if (opened && fs_open_sources(j, &msg) < 0)
			_exit(202);
		if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0)
			_exit(203);
		init = fork();
		if (init < 0)
			_exit(204);
		if (init == 0) {
			r = fs_setup_root(j, -1, &msg);
			/* the source's file, through the bind */
			if (r == 0 && access("/mnt/closed-file", F_OK) < 0)
				r = -ENOENT;
			if (msg != NULL)
				(void)!write(msgp[1], msg, strlen(msg));
			_exit(-r);
		}
		if (waitpid(init, &status, 0) < 0 || !WIFEXITED(status))
			_exit(205);
		_exit(WEXITSTATUS(status));
	}
	close(msgp[1]);
	cr_assert_eq(read(ready[0], &c, 1), 1, "child could not unshare");
	snprintf(map, sizeof(map), "/proc/%d/uid_map", (int)pid);
	cr_assert_eq(util_write_file(map, "0 3170000 65536"), 0);
	snprintf(map, sizeof(map), "/proc/%d/gid_map", (int)pid);
	cr_assert_eq(util_write_file(map, "0 3170000 65536"), 0);
	cr_assert_eq(write(go[1], &c, 1), 1);
	n = read(msgp[0], msg_buf, msg_len - 1);
	msg_buf[n > 0 ? n : 0] = '\0';
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	close(go[0]);
	close(go[1]);
	close(ready[0]);
	close(ready[1]);
	close(msgp[0]);
	cr_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

Test(fs_root, nullfs_source_below_a_0700_directory)
{
	struct conf_jail *j;
	char src[1024], msg[512], *m, *want;
	int st;

	if (geteuid() != 0)
		cr_skip_test("mapping a private id range needs root");
	mkroot();
	mkhostdir();
	snprintf(src, sizeof(src), "%s/data", hostdir);
	cr_assert_eq(mkdir(src, 0755), 0);
	m = xasprintf("%s/closed-file", src);
	cr_assert_eq(put(m, "closed\n"), 0);
	free(m);
	cr_assert_eq(chmod(hostdir, 0700), 0);
	m = xasprintf("mount=%s %s/mnt nullfs ro", src, tmpdir);
	j = root_jail(m, NULL);
	/* looked up by name as the jail's root: the 0700 directory refuses */
	st = closed_source_run(j, false, msg, sizeof(msg));
	if (st == 200)
		cr_skip_test("user namespaces unavailable");
	want = xasprintf("mount: %s/mnt: %s", tmpdir, strerror(EACCES));
	cr_assert_eq(st, EACCES, "setup exit %d (%s), want EACCES", st, msg);
	cr_assert_str_eq(msg, want);
	/* opened first, while still the host's root: bound */
	st = closed_source_run(j, true, msg, sizeof(msg));
	cr_assert_eq(st, 0, "setup exit %d (%s)", st, msg);
	free(want);
	free(m);
	conf_jail_free(j);
}
