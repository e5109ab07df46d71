/*
 * Unit tests of user: the jail's passwd/group parsed as hostile data,
 * the host lookups, user_become and the exec.clean environment.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "fixture.h"

#include "user.h"
#include "util.h"

static void put(const char *dir, const char *name, const char *content);

static const char passwd[] =
    "# comment\n"
    "root:x:0:0:root:/root:/bin/sh\n"
    "+:::::::\n"
    "-evil:x:0:0::/:/bin/sh\n"
    "short:x:5:5\n"
    "extra:x:6:6:a:/h:/bin/sh:more\n"
    "badid:x:12a:5::/h:/bin/sh\n"
    "neg:x:-1:5::/h:/bin/sh\n"
    "big:x:4294967295:5::/h:/bin/sh\n"
    "huge:x:99999999999:5::/h:/bin/sh\n"
    ":x:7:7::/h:/bin/sh\n"
    "jailuser:x:1001:1001:jail user:/home/jailuser:\n"
    "nohome:x:1002:1002:::/bin/ksh\n";

static const char group[] =
    "root:x:0:\n"
    "wheel:x:10:root,jailuser\n"
    "jailuser:x:1001:\n"
    "staff:x:50:other,jailuser2,jailuser\n"
    "bad:x:zz:jailuser\n"
    "short:x:51\n"
    "dup:x:10:jailuser\n";

Test(user, parse_by_name)
{
	struct user_info *u = NULL;

	cr_assert_eq(user_parse_db(passwd, group, "jailuser", 0, &u), 0);
	cr_assert_str_eq(u->name, "jailuser");
	cr_assert_eq(u->uid, 1001);
	cr_assert_eq(u->gid, 1001);
	cr_assert_str_eq(u->home, "/home/jailuser");
	cr_assert_str_eq(u->shell, "");
	/* primary first, then wheel and staff; bad lines and dups ignored */
	cr_assert_eq(u->ngroups, 3);
	cr_assert_eq(u->groups[0], 1001);
	cr_assert_eq(u->groups[1], 10);
	cr_assert_eq(u->groups[2], 50);
	user_info_free(u);
}

Test(user, parse_by_uid)
{
	struct user_info *u = NULL;

	cr_assert_eq(user_parse_db(passwd, NULL, NULL, 0, &u), 0);
	cr_assert_str_eq(u->name, "root");
	cr_assert_eq(u->ngroups, 1);
	user_info_free(u);
	cr_assert_eq(user_parse_db(passwd, NULL, "nohome", 0, &u), 0);
	cr_assert_str_eq(u->home, "/");
	cr_assert_str_eq(u->shell, "/bin/ksh");
	user_info_free(u);
}

Test(user, hostile_lines_are_skipped)
{
	static const char *names[] = { "+", "-evil", "evil", "short", "extra",
		"badid", "neg", "big", "huge", "" };
	struct user_info *u = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		cr_assert_eq(user_parse_db(passwd, group, names[i], 0, &u),
		    -ESRCH, "found \"%s\"", names[i]);
	cr_assert_eq(user_parse_db(passwd, group, NULL, 7, &u), -ESRCH);
	cr_assert_eq(user_parse_db("", "", "root", 0, &u), -ESRCH);
	cr_assert_eq(user_parse_db(":::::::\n::::::\n\n", "", NULL, 0, &u),
	    -ESRCH);
}

Test(user, long_lines)
{
	size_t n = 4 << 20;
	char *db = xmalloc(n + 64), *p = db;
	struct user_info *u = NULL;

	p += sprintf(p, "long:x:3:3:");
	memset(p, 'g', n);
	p += n;
	sprintf(p, ":/h:/bin/sh\nafter:x:4:4::/a:/bin/sh\n");
	cr_assert_eq(user_parse_db(db, NULL, "after", 0, &u), 0);
	cr_assert_eq(u->uid, 4);
	user_info_free(u);
	cr_assert_eq(user_parse_db(db, NULL, "long", 0, &u), 0);
	cr_assert_eq(u->uid, 3);
	user_info_free(u);
	free(db);
}

Test(user, many_groups_capped)
{
	size_t n = 70000;
	char *g = xmalloc(n * 24 + 1), *p = g;
	struct user_info *u = NULL;

	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "g%zu:x:%zu:jailuser\n", i, i + 2000);
	cr_assert_eq(user_parse_db(passwd, g, "jailuser", 0, &u), 0);
	cr_assert_leq(u->ngroups, (size_t)NGROUPS_MAX);
	cr_assert_eq(u->groups[0], 1001);
	user_info_free(u);
	free(g);
}

/*
 * Builds user_clean_env() in a child chrooted into root (a new user
 * namespace when not root) and returns it joined by newlines.
 */
static char *
clean_env_in(const char *root, const struct user_info *u)
{
	char buf[4096];
	size_t len = 0;
	int p[2], status;
	ssize_t n;
	pid_t pid;

	cr_assert_eq(pipe(p), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		char **env, *s;

		close(p[0]);
		if (geteuid() != 0 && unshare(CLONE_NEWUSER) < 0)
			_exit(99);
		if (chroot(root) < 0 || chdir("/") < 0)
			_exit(98);
		env = user_clean_env(u);
		s = strv_join(env, "\n");
		(void)!write(p[1], s, strlen(s));
		_exit(0);
	}
	close(p[1]);
	while (len < sizeof(buf) - 1 &&
	    (n = read(p[0], buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(p[0]);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 99)
		cr_skip_test("user namespaces unavailable");
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return xstrdup(buf);
}

static char envroot[512];

/* Removes the login.defs test root. */
static void
rmenvroot(void)
{
	char *cmd = xasprintf("rm -rf '%s'", envroot);

	(void)!system(cmd);
	free(cmd);
}

Test(user, clean_env, .fini = rmenvroot)
{
	struct user_info u = { .name = "jailuser", .uid = 1001,
		.home = "/home/j", .shell = "" };
	char *s, *etc;

	cr_assert_not_null(mkdtemp(fixture_path(envroot, sizeof(envroot),
	    "fshook-env.XXXXXX")));
	chmod(envroot, 0755);
	setenv("TERM", "vt100", 1);
	/* no login.defs: FreeBSD's fallback */
	s = clean_env_in(envroot, &u);
	cr_assert_str_eq(s, "TERM=vt100\nPATH=/bin:/usr/bin\nUSER=jailuser\n"
	    "HOME=/home/j\nSHELL=/bin/sh");
	free(s);
	unsetenv("TERM");
	/* the root's login.defs: ENV_PATH, ENV_SUPATH for root */
	etc = xasprintf("%s/etc", envroot);
	cr_assert_eq(mkdir(etc, 0755), 0);
	put(etc, "login.defs", "# c\nENV_SUPATHX PATH=/bad\n"
	    "ENV_SUPATH\tPATH=/sbin:/bin\n  ENV_PATH   /usr/bin:/bin  \n");
	u.shell = "/bin/ksh";
	s = clean_env_in(envroot, &u);
	cr_assert_str_eq(s, "PATH=/usr/bin:/bin\nUSER=jailuser\n"
	    "HOME=/home/j\nSHELL=/bin/ksh");
	free(s);
	u.uid = 0;
	s = clean_env_in(envroot, &u);
	cr_assert(strstr(s, "PATH=/sbin:/bin\n") != NULL, "%s", s);
	free(s);
	/* a jail's hostile value is not taken */
	put(etc, "login.defs", "ENV_SUPATH PATH=/bin;touch${IFS}/x\n");
	s = clean_env_in(envroot, &u);
	cr_assert(strstr(s, "PATH=/bin:/usr/bin\n") != NULL, "%s", s);
	free(s);
	free(etc);
}

Test(user, host_lookup)
{
	struct user_info *u = NULL;

	cr_assert_eq(user_lookup_host("root", &u), 0);
	cr_assert_eq(u->uid, 0);
	cr_assert_geq(u->ngroups, 1);
	user_info_free(u);
	cr_assert_eq(user_lookup_host_uid(0, &u), 0);
	cr_assert_str_eq(u->name, "root");
	user_info_free(u);
	cr_assert_eq(user_lookup_host("fshook-nosuchuser", &u), -ESRCH);
}

Test(user, become_nobody)
{
	struct user_info u = { .name = "nobody", .uid = 65534, .gid = 65534 };
	gid_t groups[2] = { 65534, 100 };
	int status;
	pid_t pid;

	if (geteuid() != 0)
		cr_skip_test("user_become needs root");
	u.groups = groups;
	u.ngroups = 2;
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		gid_t got[8];
		int n;

		if (user_become(&u) < 0)
			_exit(2);
		n = getgroups(8, got);
		_exit(getuid() == 65534 && geteuid() == 65534 &&
		    getgid() == 65534 && n == 2 &&
		    (got[0] == 100 || got[1] == 100) &&
		    setuid(0) < 0 ? 0 : 1);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Writes a file in dir, creating it. */
static void
put(const char *dir, const char *name, const char *content)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	cr_assert_not_null(f);
	fputs(content, f);
	fclose(f);
	free(p);
}

/*
 * Runs a lookup in a child chrooted into root (in a new user namespace
 * when not root), returning the lookup's result as exit code 100 + -r.
 */
static int
lookup_in(const char *root, const char *name)
{
	int status;
	pid_t pid = fork();

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		struct user_info *u = NULL;
		int r;

		char *proc = xasprintf("%s/proc", root);

		if (unshare((geteuid() != 0 ? CLONE_NEWUSER : 0) |
		    CLONE_NEWNS) < 0)
			_exit(99);
		/* the host's /proc in the "jail", for the magic-link case */
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
		    mount("/proc", proc, NULL, MS_BIND | MS_REC, NULL) < 0)
			_exit(96);
		if (chroot(root) < 0 || chdir("/") < 0)
			_exit(98);
		alarm(5);	/* a FIFO must not block */
		r = user_lookup_jail(name, &u);
		if (r == 0)
			_exit(u->uid == 1001 ? 0 : 97);
		_exit(100 + -r);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 99)
		cr_skip_test("user namespaces unavailable");
	cr_assert(WIFEXITED(status), "lookup died (status %#x)", status);
	return WEXITSTATUS(status);
}

static char root[512];


/* Removes the temporary jail root. */
static void
rmroot(void)
{
	char *cmd = xasprintf("rm -rf '%s'", root);

	(void)!system(cmd);
	free(cmd);
}

Test(user, jail_files_are_data, .fini = rmroot)
{
	char *etc, *p;

	cr_assert_not_null(mkdtemp(fixture_path(root, sizeof(root),
	    "fshook-user.XXXXXX")));
	etc = xasprintf("%s/etc", root);
	cr_assert_eq(mkdir(etc, 0755), 0);
	p = xasprintf("%s/proc", root);
	cr_assert_eq(mkdir(p, 0755), 0);
	free(p);
	put(etc, "passwd", passwd);
	put(etc, "group", group);
	cr_assert_eq(lookup_in(root, "jailuser"), 0);
	cr_assert_eq(lookup_in(root, "nosuch"), 100 + ESRCH);
	/* a FIFO as passwd: refused, without blocking */
	p = xasprintf("%s/passwd", etc);
	unlink(p);
	cr_assert_eq(mkfifo(p, 0644), 0);
	cr_assert_eq(lookup_in(root, "jailuser"), 100 + EINVAL);
	unlink(p);
	/* a huge (sparse) file: refused */
	{
		int fd = open(p, O_CREAT | O_WRONLY, 0644);

		cr_assert_geq(fd, 0);
		cr_assert_eq(ftruncate(fd, USER_DB_MAX + 1), 0);
		close(fd);
	}
	cr_assert_eq(lookup_in(root, "jailuser"), 100 + EFBIG);
	unlink(p);
	/* a NUL byte hiding lines: refused */
	{
		int fd = open(p, O_CREAT | O_WRONLY, 0644);

		cr_assert_geq(fd, 0);
		cr_assert_eq(write(fd, "x\0jailuser:x:1001:1001::/:/bin/sh\n",
		    34), 34);
		close(fd);
	}
	cr_assert_eq(lookup_in(root, "jailuser"), 100 + EINVAL);
	unlink(p);
	/* a magic link to an fd the lookup's process holds: refused */
	cr_assert_eq(symlink("/proc/self/fd/0", p), 0);
	cr_assert_eq(lookup_in(root, "jailuser"), 100 + ELOOP);
	unlink(p);
	cr_assert_eq(lookup_in(root, "jailuser"), 100 + ENOENT);
	free(p);
	free(etc);
}

/* Runs user_become in a rootless user namespace (setgroups denied). */
static int
become_in_userns(const struct user_info *u)
{
	int status;
	pid_t pid = fork();

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		char map[32];
		uid_t uid = geteuid();
		gid_t gid = getegid();
		const char *step = "";
		int r;

		if (unshare(CLONE_NEWUSER) < 0)
			_exit(99);
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
		if (util_write_file("/proc/self/setgroups", "deny") < 0 ||
		    util_write_file("/proc/self/uid_map", map) < 0)
			_exit(98);
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
		if (util_write_file("/proc/self/gid_map", map) < 0)
			_exit(98);
		r = user_become_step(u, &step);
		if (r == 0)
			_exit(0);
		_exit(strcmp(step, "initgroups") == 0 ? 10 : 11);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 99)
		cr_skip_test("user namespaces unavailable");
	cr_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

Test(user, rootless_setgroups_denied)
{
	gid_t only0[] = { 0 }, more[] = { 0, 5 };
	struct user_info u = { .name = "root", .uid = 0, .gid = 0,
		.groups = only0, .ngroups = 1 };

	/* root with no other group: fine without setgroups */
	cr_assert_eq(become_in_userns(&u), 0);
	/* a user with more groups must not silently lose them */
	u.groups = more;
	u.ngroups = 2;
	cr_assert_eq(become_in_userns(&u), 10);
}
