/* Unit tests of ns: which namespaces a jail gets, id maps, idmapped trees. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* A scratch directory standing for "/" in the rootless checks. */
static char *
fake_root(void)
{
	char tmpl[] = "/tmp/ljail-test-ns.XXXXXX";
	const char *tmp = getenv("TMPDIR");
	char *dir = tmp != NULL && tmp[0] == '/' ?
	    xasprintf("%s/ljail-test-ns.XXXXXX", tmp) : xstrdup(tmpl);

	cr_assert_not_null(mkdtemp(dir));
	return dir;
}

/* Removes a fake root. */
static void
fake_root_free(char *root)
{
	char *cmd = xasprintf("/bin/rm -rf '%s'", root);

	cr_assert_eq(system(cmd), 0);
	free(cmd);
	free(root);
}

/* Writes root/path (making its directories), cr_assert on failure. */
static void
fake_file(const char *root, const char *path, const char *text)
{
	char *file = xasprintf("%s/%s", root, path);

	for (char *p = file + strlen(root) + 1; (p = strchr(p, '/')) != NULL;
	    p++) {
		*p = '\0';
		(void)mkdir(file, 0755);
		*p = '/';
	}
	FILE *f = fopen(file, "w");

	cr_assert_not_null(f, "%s", file);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
	free(file);
}

/* Tells whether one of lines contains s. */
static bool
lines_have(char **lines, const char *s)
{
	for (size_t i = 0; lines != NULL && lines[i] != NULL; i++)
		if (strstr(lines[i], s) != NULL)
			return true;
	return false;
}

Test(ns, subid_find_takes_the_users_largest_range_by_name_or_uid)
{
	char *root = fake_root(), *file = xasprintf("%s/subuid", root);
	unsigned long start = 0, count = 0;

	fake_file(root, "subuid", "# comment\nother:100000:65536\n"
	    "alice:200000:1000\n4242:300000:65536\nalice:bad\n");
	cr_assert_eq(ns_subid_find(file, "alice", 4242, &start, &count), 0);
	cr_assert_eq(start, 300000);
	cr_assert_eq(count, 65536);
	cr_assert_eq(ns_subid_find(file, "alice", 1, &start, &count), 0);
	cr_assert_eq(start, 200000);
	cr_assert_eq(count, 1000);
	cr_assert_eq(ns_subid_find(file, "bob", 1, &start, &count), -ENOENT);
	free(file);
	file = xasprintf("%s/missing", root);
	cr_assert_eq(ns_subid_find(file, "alice", 1, &start, &count), -ENOENT);
	free(file);
	fake_root_free(root);
}

Test(ns, subids_lookup_needs_both_ranges_and_caps_them_at_65535)
{
	char *root = fake_root();
	struct ns_subids s;
	enum ns_subid_state st;

	fake_file(root, "subuid", "alice:100000:100000\n");
	cr_assert_eq(ns_subids_lookup(root, "alice", 4242, &s), NS_SUBID_NONE,
	    "no subgid: no map");
	fake_file(root, "subgid", "alice:500000:65536\n");
	st = ns_subids_lookup(root, "alice", 4242, &s);
	cr_assert(st == NS_SUBID_OK || st == NS_SUBID_NO_HELPER);
	cr_assert_eq(s.uid_start, 100000);
	cr_assert_eq(s.gid_start, 500000);
	cr_assert_eq(s.count, NS_IDMAP_COUNT - 1, "jail root is the caller");
	/* The helpers are found on PATH only. */
	setenv("PATH", "/nonexistent", 1);
	cr_assert_eq(ns_subids_lookup(root, "alice", 4242, &s),
	    NS_SUBID_NO_HELPER);
	/* Helpers that cannot raise privileges (plain executables). */
	fake_file(root, "bin/newuidmap", "#!/bin/sh\nexit 1\n");
	fake_file(root, "bin/newgidmap", "#!/bin/sh\nexit 1\n");
	{
		char *bin = xasprintf("%s/bin", root);
		char *f1 = xasprintf("%s/newuidmap", bin);
		char *f2 = xasprintf("%s/newgidmap", bin);

		cr_assert_eq(chmod(f1, 0755), 0);
		cr_assert_eq(chmod(f2, 0755), 0);
		setenv("PATH", bin, 1);
		cr_assert_eq(ns_subids_lookup(root, "alice", 4242, &s),
		    NS_SUBID_BAD_HELPER);
		free(bin);
		free(f1);
		free(f2);
	}
	fake_root_free(root);
}

Test(ns, only_root_hint_names_the_fix)
{
	char *s = ns_only_root_hint(NS_SUBID_NONE, "alice");

	cr_assert(strstr(s, "without subordinate ids has only root") != NULL,
	    "%s", s);
	cr_assert(strstr(s, "usermod --add-subuids 100000-165535 "
	    "--add-subgids 100000-165535 alice") != NULL, "%s", s);
	cr_assert_null(strchr(s, '\n'));
	free(s);
	s = ns_only_root_hint(NS_SUBID_NO_HELPER, "alice");
	cr_assert(strstr(s, "newuidmap") != NULL &&
	    strstr(s, "package uidmap") != NULL, "%s", s);
	free(s);
	s = ns_only_root_hint(NS_SUBID_BAD_HELPER, "alice");
	cr_assert(strstr(s, "cannot raise privileges") != NULL, "%s", s);
	free(s);
}

Test(ns, check_host_names_each_blocker_with_its_fix)
{
	char *root = fake_root();
	char **lines;
	char *why;

	/* A machine where nothing is in the way. */
	fake_file(root, "proc/sys/user/max_user_namespaces", "1000\n");
	fake_file(root, "proc/self/mountinfo",
	    "22 1 0:5 / /proc rw - proc proc rw\n"
	    "23 22 0:6 / /proc/sys/fs/binfmt_misc rw - autofs x rw\n");
	/* uid 4242 has no name here: its lines give the uid. */
	fake_file(root, "etc/subuid", "4242:100000:65536\n");
	fake_file(root, "etc/subgid", "4242:100000:65536\n");
	setenv("XDG_RUNTIME_DIR", "/run/user/4242", 1);
	unsetenv("LJAIL_RUNDIR");
	lines = ns_check_host(root, 0);
	cr_assert_null(lines, "root, nothing blocking: %s", lines[0]);
	cr_assert_null(ns_userns_blocker(root, 4242));

	/* Debian's switch, the namespace limit, AppArmor without a profile. */
	fake_file(root, "proc/sys/kernel/unprivileged_userns_clone", "0\n");
	fake_file(root, "proc/sys/user/max_user_namespaces", "0\n");
	fake_file(root, "proc/sys/kernel/apparmor_restrict_unprivileged_userns",
	    "1\n");
	fake_file(root, "proc/self/attr/current", "unconfined\n");
	lines = ns_check_host(root, 0);
	cr_assert_eq(strv_length(lines), 1, "root: only the limit counts");
	cr_assert(lines_have(lines, "sysctl -w user.max_user_namespaces="));
	strv_free(lines);
	lines = ns_check_host(root, 4242);
	cr_assert_eq(strv_length(lines), 3, "a user: all three");
	cr_assert(lines_have(lines, "sysctl -w "
	    "kernel.unprivileged_userns_clone=1"));
	cr_assert(lines_have(lines, "sysctl -w user.max_user_namespaces="));
	cr_assert(lines_have(lines, "kernel.apparmor_restrict_unprivileged_"
	    "userns is 1 and ljail runs without an AppArmor profile"));
	cr_assert(lines_have(lines,
	    "apparmor_parser -r /etc/apparmor.d/ljail"));
	strv_free(lines);
	why = ns_userns_blocker(root, 4242);
	cr_assert_not_null(why);
	cr_assert(strstr(why, "unprivileged_userns_clone") != NULL);
	free(why);
	why = ns_userns_blocker(root, 0);
	cr_assert_not_null(why);
	cr_assert(strstr(why, "user.max_user_namespaces is 0") != NULL, "%s",
	    why);
	free(why);

	/* Only AppArmor, with ljail's profile loaded: not in the way. */
	fake_file(root, "proc/sys/kernel/unprivileged_userns_clone", "1\n");
	fake_file(root, "proc/sys/user/max_user_namespaces", "1000\n");
	why = ns_userns_blocker(root, 4242);
	cr_assert_not_null(why);
	cr_assert(strstr(why, "apparmor_restrict_unprivileged_userns") != NULL);
	free(why);
	fake_file(root, "proc/self/attr/current", "ljail (unconfined)\n");
	cr_assert_null(ns_userns_blocker(root, 4242));

	/* A user: its ranges (by name or uid), XDG_RUNTIME_DIR, /proc masks. */
	setenv("PATH", "/nonexistent", 1);
	lines = ns_check_host(root, 4242);
	cr_assert_eq(strv_length(lines), 1);
	cr_assert(lines_have(lines, "package uidmap"), "%s", lines[0]);
	strv_free(lines);
	fake_file(root, "etc/subgid", "other:100000:65536\n");
	unsetenv("XDG_RUNTIME_DIR");
	fake_file(root, "proc/self/mountinfo",
	    "22 1 0:5 / /proc rw - proc proc rw\n"
	    "23 22 0:6 /null /proc/kcore rw - devtmpfs x rw\n");
	lines = ns_check_host(root, 4242);
	cr_assert_eq(strv_length(lines), 3);
	cr_assert(lines_have(lines, "without subordinate ids has only root"));
	cr_assert(lines_have(lines, "XDG_RUNTIME_DIR is not set: the registry "
	    "of your jails is /tmp/ljail-4242"));
	cr_assert(lines_have(lines, "/proc has mounts over its files "
	    "(/proc/kcore"));
	strv_free(lines);
	fake_root_free(root);
}
