/* Unit tests of ns: which namespaces a jail gets, id maps, idmapped trees. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "fixture.h"

#include "conf.h"
#include "ns.h"
#include "util.h"

/* A jail with parameters "name=value" (or bare "name"). */
static struct conf_jail *
jail_with(const char *const *params)
{
	struct conf_jail *j = conf_jail_new("t", true);
	size_t i;

	for (i = 0; params[i] != NULL; i++) {
		char *s = xstrdup(params[i]), *eq = strchr(s, '=');
		char *v[2] = { eq != NULL ? eq + 1 : NULL, NULL };

		if (eq != NULL)
			*eq = '\0';
		conf_jail_set(j, s, eq != NULL ? v : NULL, false, NULL, 0);
		free(s);
	}
	return j;
}

#define ALL (CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWCGROUP | \
	CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET)

Test(ns, default_jail_gets_every_namespace)
{
	const char *p[] = { NULL };
	struct conf_jail *j = jail_with(p);

	cr_assert_eq(ns_jail_flags(j), (unsigned long)ALL);
	conf_jail_free(j);
}

Test(ns, inherit_shares_the_host_namespace)
{
	const char *host[] = { "host=inherit", NULL };
	const char *ip4[] = { "ip4=inherit", NULL };
	const char *ip4vnet[] = { "ip4=inherit", "vnet=new", NULL };
	const char *ipc[] = { "allow.sysvipc", NULL };
	const char *sysv3[] = { "sysvmsg=inherit", "sysvsem=inherit",
	    "sysvshm=inherit", NULL };
	const char *sysv2[] = { "sysvmsg=inherit", "sysvsem=inherit",
	    "sysvshm=new", NULL };
	const char *hostname[] = { "host=inherit", "host.hostname=x", NULL };
	struct {
		const char *const *p;
		unsigned long want;
	} c[] = {
		{ host, ALL & ~CLONE_NEWUTS },
		{ ip4, ALL & ~CLONE_NEWNET },
		{ ip4vnet, ALL },
		{ ipc, ALL & ~CLONE_NEWIPC },
		{ sysv3, ALL & ~CLONE_NEWIPC },
		{ sysv2, ALL },
		{ hostname, ALL },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		struct conf_jail *j = jail_with(c[i].p);

		cr_expect_eq(ns_jail_flags(j), c[i].want, "case %zu", i);
		conf_jail_free(j);
	}
}

/* True if this process may create user namespaces. */
static bool
userns_ok(void)
{
	pid_t p = fork();
	int st;

	if (p == 0)
		_exit(unshare(CLONE_NEWUSER) == 0 ? 0 : 1);
	waitpid(p, &st, 0);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/*
 * Clones a child in a new user (and UTS) namespace that waits for a byte
 * on a pipe, becomes root of its namespace and writes its uid and gid to
 * the pipe back; returns its pid.
 */
static pid_t
spawn_waiting(int *ret_go, int *ret_back, int *ret_pidfd)
{
	int go[2], back[2];
	pid_t pid;

	cr_assert_eq(pipe(go), 0);
	cr_assert_eq(pipe(back), 0);
	pid = ns_clone(CLONE_NEWUSER | CLONE_NEWUTS, ret_pidfd);
	cr_assert_geq(pid, 0, "clone: %s", strerror((int)-pid));
	if (pid == 0) {
		char c;
		unsigned ids[2];

		close(go[1]);
		close(back[0]);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		if (ns_become_root(true) < 0)
			_exit(3);
		ids[0] = getuid();
		ids[1] = getgid();
		if (write(back[1], ids, sizeof(ids)) != sizeof(ids))
			_exit(4);
		/* Stay until the parent is done looking at us. */
		if (read(go[0], &c, 1) < 0)
			_exit(5);
		_exit(0);
	}
	close(go[0]);
	close(back[1]);
	*ret_go = go[1];
	*ret_back = back[0];
	return pid;
}

Test(ns, self_map_makes_the_caller_root)
{
	int go, back, pidfd, st;
	unsigned ids[2];
	char *status = NULL, path[64];
	pid_t pid;

	if (!userns_ok())
		cr_skip_test("user namespaces unavailable");
	pid = spawn_waiting(&go, &back, &pidfd);
	cr_assert_eq(ns_write_idmap_self(pid, geteuid(), getegid()), 0);
	cr_assert_eq(write(go, "g", 1), 1);
	cr_assert_eq(read(back, ids, sizeof(ids)), (ssize_t)sizeof(ids));
	cr_expect_eq(ids[0], 0);
	cr_expect_eq(ids[1], 0);
	/* On the host the child is still the caller. */
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	cr_assert_eq(util_read_file(path, &status, NULL), 0);
	char want[64];
	snprintf(want, sizeof(want), "\nUid:\t%u\t%u", geteuid(), geteuid());
	cr_expect_not_null(strstr(status, want), "%s", status);
	free(status);
	/* setgroups was denied, as an unprivileged writer must. */
	snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)pid);
	cr_assert_eq(util_read_file(path, &status, NULL), 0);
	cr_expect_str_eq(status, "deny\n");
	free(status);
	close(go);
	waitpid(pid, &st, 0);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

Test(ns, range_map_puts_jail_root_on_the_private_range)
{
	int go, back, pidfd, st;
	unsigned ids[2];
	char *status = NULL, path[64];
	pid_t pid;

	if (geteuid() != 0)
		cr_skip_test("needs root");
	if (!userns_ok())
		cr_skip_test("user namespaces unavailable");
	pid = spawn_waiting(&go, &back, &pidfd);
	cr_assert_eq(ns_write_idmap(pid, 3000000, NS_IDMAP_COUNT), 0);
	cr_assert_eq(write(go, "g", 1), 1);
	cr_assert_eq(read(back, ids, sizeof(ids)), (ssize_t)sizeof(ids));
	cr_expect_eq(ids[0], 0);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	cr_assert_eq(util_read_file(path, &status, NULL), 0);
	cr_expect_not_null(strstr(status, "\nUid:\t3000000\t3000000"), "%s",
	    status);
	cr_expect_not_null(strstr(status, "\nGid:\t3000000\t3000000"), "%s",
	    status);
	free(status);
	snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)pid);
	cr_assert_eq(util_read_file(path, &status, NULL), 0);
	cr_expect_not_null(strstr(status, "3000000"), "%s", status);
	cr_expect_not_null(strstr(status, "65536"), "%s", status);
	free(status);
	close(go);
	waitpid(pid, &st, 0);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

Test(ns, idmapped_tree_shows_disk_root_as_jail_root)
{
	char dir[512], file[600];
	int go, back, pidfd, tree, st;
	unsigned ids[2];
	struct stat sb;
	pid_t pid;

	fixture_path(dir, sizeof(dir), "ljail-core-ns.XXXXXX");
	if (geteuid() != 0)
		cr_skip_test("needs root");
	if (!userns_ok())
		cr_skip_test("user namespaces unavailable");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/f", dir);
	int fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0644);
	cr_assert_geq(fd, 0);
	close(fd);
	cr_assert_eq(chown(file, 0, 0), 0);
	pid = spawn_waiting(&go, &back, &pidfd);
	cr_assert_eq(ns_write_idmap(pid, 3100000, NS_IDMAP_COUNT), 0);
	st = ns_idmap_tree(dir, pid, &tree);
	if (st == -EINVAL || st == -EOPNOTSUPP) {
		close(go);
		unlink(file);
		rmdir(dir);
		cr_skip_test("%s cannot be idmapped here", dir);
	}
	cr_assert_eq(st, 0, "ns_idmap_tree: %s", strerror(-st));
	/* Through the idmapped tree, disk uid 0 is the jail's root. */
	cr_assert_eq(fstatat(tree, "f", &sb, 0), 0);
	cr_expect_eq(sb.st_uid, 3100000);
	cr_expect_eq(sb.st_gid, 3100000);
	/* Outside it the file is still host root's. */
	cr_assert_eq(stat(file, &sb), 0);
	cr_expect_eq(sb.st_uid, 0);
	close(tree);
	cr_assert_eq(write(go, "g", 1), 1);
	cr_assert_eq(read(back, ids, sizeof(ids)), (ssize_t)sizeof(ids));
	close(go);
	waitpid(pid, &st, 0);
	unlink(file);
	rmdir(dir);
}

Test(ns, idmap_of_a_missing_path_fails)
{
	int fd = -1;

	if (geteuid() != 0)
		cr_skip_test("needs root (open_tree needs CAP_SYS_ADMIN)");
	cr_expect_eq(ns_idmap_tree("/nonexistent/ljail", getpid(), &fd),
	    -ENOENT);
	cr_expect_eq(fd, -1);
}

Test(ns, differing_and_enter)
{
	unsigned long flags = 1;
	int go, back, pidfd, st;
	unsigned ids[2];
	char name[64];
	pid_t pid;

	cr_assert_eq(ns_differing(getpid(), &flags), 0);
	cr_expect_eq(flags, 0);
	if (!userns_ok())
		cr_skip_test("user namespaces unavailable");
	pid = spawn_waiting(&go, &back, &pidfd);
	cr_assert_eq(ns_write_idmap_self(pid, geteuid(), getegid()), 0);
	cr_assert_eq(write(go, "g", 1), 1);
	cr_assert_eq(read(back, ids, sizeof(ids)), (ssize_t)sizeof(ids));
	cr_assert_eq(ns_differing(pid, &flags), 0);
	cr_expect_eq(flags, (unsigned long)(CLONE_NEWUSER | CLONE_NEWUTS));
	/* A helper joins both and renames the child's host. */
	pid_t h = fork();
	if (h == 0) {
		if (ns_enter(pidfd, flags) < 0)
			_exit(1);
		_exit(sethostname("ljail-core-ns", 13) == 0 ? 0 : 2);
	}
	waitpid(h, &st, 0);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %d", st);
	gethostname(name, sizeof(name));
	cr_expect_str_neq(name, "ljail-core-ns");
	close(go);
	waitpid(pid, &st, 0);
}
