/*
 * Unit tests of jail: quoting, create-only detection, and the life of a
 * real jail on the busybox test root driven through jail_run(),
 * jail_open() and jail_enter() (skipped, with the reason, without user
 * namespaces or while the registry module is not built).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include "fixture.h"

#include "filter.h"
#include "jail.h"
#include "jail_int.h"
#include "reg.h"
#include "util.h"

static struct conf_jail *jail_with(const char *name,
    const char *const *params);

Test(jail, kernel_params_for_traces)
{
	const char *p[] = { "path=/x y", "exec.start=sh /etc/rc", "persist",
	    "host.hostname=h", "mount.devfs", NULL };
	struct conf_jail *j = jail_with("k", p);
	char *s = jail_kernel_params(j);

	/* Pseudo-parameters (exec.*, mount.*) are jail(8)'s, not sent. */
	cr_expect_str_eq(s, " path=\"/x y\" persist host.hostname=h");
	free(s);
	conf_jail_free(j);
}

/* A jail with parameters "name=value" (or bare "name"). */
static struct conf_jail *
jail_with(const char *name, const char *const *params)
{
	struct conf_jail *j = conf_jail_new(name, name != NULL);
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

typedef const char *(*changed_fn)(const struct conf_jail *,
    const struct conf_jail *);

/* Expects fn to name want (NULL: nothing) for a jail of settings. */
static void
expect_changed(changed_fn fn, const struct conf_jail *live,
    const char *const *settings, const char *want)
{
	struct conf_jail *w = jail_with("j", settings);
	const char *got = fn(w, live);

	if (want == NULL)
		cr_expect_null(got, "%s: %s", settings[0], got);
	else
		cr_expect(got != NULL && strcmp(got, want) == 0,
		    "%s: want %s, got %s", settings[0], want,
		    got != NULL ? got : "(none)");
	conf_jail_free(w);
}

Test(jail, create_only_changes_are_found)
{
	const char *live_p[] = { "path=/a", "host.hostname=x", "vnet=new",
	    NULL };
	const char *same[] = { "path=/a", "host.hostname=y", "vnet", NULL };
	const char *path[] = { "path=/b", NULL };
	const char *vnet[] = { "vnet=inherit", NULL };
	const char *host[] = { "host=inherit", NULL };
	struct conf_jail *live = jail_with("j", live_p);

	expect_changed(jail_changed_create_only, live, same, NULL);
	expect_changed(jail_changed_create_only, live, path, "path");
	expect_changed(jail_changed_create_only, live, vnet, "vnet");
	expect_changed(jail_changed_create_only, live, host, "host");
	conf_jail_free(live);
}

Test(jail, restricting_changes_are_refused_while_running)
{
	const char *live_p[] = { "allow.raw_sockets", "securelevel=1",
	    "host.hostname=x", NULL };
	const char *same[] = { "allow.raw_sockets=1", "securelevel=01",
	    "host.hostname=y", "persist", "ip4.addr=192.0.2.1", "meta=m",
	    "enforce_statfs=2", "children.max=0", "allow.nomount",
	    "allow.nfsd", NULL };
	static const struct {
		const char *setting, *want;
	} refused[] = {
		{ "allow.noraw_sockets", "allow.raw_sockets" },
		{ "securelevel=3", "securelevel" },
		{ "children.max=2", "children.max" },
		{ "enforce_statfs=1", "enforce_statfs" },
		{ "allow.mount", "allow.mount" },
		{ "devfs_ruleset=4", "devfs_ruleset" },
	};
	struct conf_jail *live = jail_with("j", live_p);

	expect_changed(jail_changed_fixed, live, same, NULL);
	for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
		const char *one[] = { refused[i].setting, NULL };

		expect_changed(jail_changed_fixed, live, one, refused[i].want);
	}
	conf_jail_free(live);
}

/* ---------------------------------------------------------------- live */

static char rundir[512];
static char root[1024];

/* Removes the test's registry directory (each test makes its own). */
static void
rm_rundir(void)
{
	char *cmd;

	if (rundir[0] == '\0')
		return;
	cmd = xasprintf("rm -rf '%s'", rundir);
	(void)!system(cmd);
	free(cmd);
}

/* Skips unless a jail can be made here; sets LJAIL_RUNDIR and root. */
static void
need_jails(void)
{
	struct reg *reg;
	pid_t p;
	int st;

	p = fork();
	if (p == 0)
		_exit(unshare(CLONE_NEWUSER) == 0 ? 0 : 1);
	waitpid(p, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		cr_skip_test("user namespaces unavailable");
	cr_assert_not_null(mkdtemp(fixture_path(rundir, sizeof(rundir),
	    "ljail-core-reg.XXXXXX")));
	atexit(rm_rundir);
	setenv("LJAIL_RUNDIR", rundir, 1);
	if (reg_open(&reg) == -ENOSYS)
		cr_skip_test("the registry module is not built yet");
	reg_close(reg);
	snprintf(root, sizeof(root), "%s", fixture_root());
}

/* Runs one jail_run() over a jail made of params; returns its status. */
static int
run(unsigned op, const char *name, const char *const *params)
{
	struct conf_jail *j = jail_with(name, params);
	struct jail_request req;
	int r;

	memset(&req, 0, sizeof(req));
	req.op = op;
	req.verbose = 0;
	req.note_remove = name != NULL;	/* as with a config file */
	req.jails = &j;
	req.njails = 1;
	r = jail_run(&req);
	conf_jail_free(j);
	return r;
}

/* What a probe run inside the jail reports. */
struct probe {
	char hostname[65];
	unsigned uid;
	int nprocs;		/* entries of /proc that are processes */
	int host_mounts;	/* mountinfo lines outside /, /proc, /dev */
	int kill_host;		/* errno of kill(host pid, 0) */
	int created;		/* made /tmp/core-probe */
};

/* Enters jail key and fills *ret from inside; false if it could not. */
static bool
probe(const char *key, pid_t host_pid, struct probe *ret)
{
	struct jail_handle *h = NULL;
	int pfd[2], st, r;
	pid_t p;

	r = jail_open(key, &h);
	if (r < 0)
		return false;
	cr_assert_eq(pipe(pfd), 0);
	p = fork();
	if (p == 0) {
		struct probe pr;
		struct dirent *d;
		char *mi = NULL, *s;
		DIR *dir;
		int fd;

		close(pfd[0]);
		memset(&pr, 0, sizeof(pr));
		if (jail_enter(h) != 0)
			_exit(3);
		gethostname(pr.hostname, sizeof(pr.hostname) - 1);
		pr.uid = getuid();
		dir = opendir("/proc");
		while (dir != NULL && (d = readdir(dir)) != NULL)
			if (str_is_digits(d->d_name))
				pr.nprocs++;
		/* Field 5 of mountinfo is the mount point. */
		if (util_read_file("/proc/self/mountinfo", &mi, NULL) == 0)
			for (s = strtok(mi, "\n"); s != NULL;
			    s = strtok(NULL, "\n")) {
				char mp[512];

				if (sscanf(s, "%*s %*s %*s %*s %511s",
				    mp) == 1 &&
				    strcmp(mp, "/") != 0 &&
				    !str_has_prefix(mp, "/proc") &&
				    !str_has_prefix(mp, "/dev"))
					pr.host_mounts++;
			}
		pr.kill_host = kill(host_pid, 0) < 0 ? errno : 0;
		fd = open("/tmp/core-probe", O_WRONLY | O_CREAT | O_TRUNC,
		    0644);
		pr.created = fd >= 0;
		if (write(pfd[1], &pr, sizeof(pr)) != sizeof(pr))
			_exit(4);
		_exit(0);
	}
	close(pfd[1]);
	r = read(pfd[0], ret, sizeof(*ret)) == sizeof(*ret);
	close(pfd[0]);
	waitpid(p, &st, 0);
	jail_handle_free(h);
	return r && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* The host uid of a jail's init, from /proc/PID/status. */
static long
init_host_uid(const char *key)
{
	struct jail_handle *h = NULL;
	char path[64], *s = NULL, *u;
	long uid = -1;

	if (jail_open(key, &h) < 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)h->init_pid);
	if (util_read_file(path, &s, NULL) == 0 &&
	    (u = strstr(s, "\nUid:\t")) != NULL)
		uid = strtol(u + 6, NULL, 10);
	free(s);
	jail_handle_free(h);
	return uid;
}

Test(jail, persistent_jail_lives_until_removed, .init = cr_redirect_stdout)
{
	char host[65], path[4200], pathbuf[4200];
	const char *params[] = { "persist", "host.hostname=core-h1",
	    "mount.procfs",
	    pathbuf, NULL };
	const char *modp[] = { "host.hostname=core-h2", NULL };
	const char *none[] = { NULL };
	struct jail_handle *h = NULL;
	struct probe pr;
	struct stat sb;
	int pidfd;

	need_jails();
	snprintf(pathbuf, sizeof(pathbuf), "path=%s", root);
	snprintf(path, sizeof(path), "%s/tmp/core-probe", root);
	unlink(path);
	cr_assert_eq(run(JAIL_OP_START, "core1", params), 0);
	cr_assert(probe("core1", getpid(), &pr), "cannot enter core1");
	cr_expect_str_eq(pr.hostname, "core-h1");
	gethostname(host, sizeof(host));
	cr_expect_str_neq(host, "core-h1", "the host's name changed");
	cr_expect_eq(pr.uid, 0);
	/* init and the probe: nothing of the host's. */
	cr_expect_eq(pr.nprocs, 2, "processes seen inside: %d", pr.nprocs);
	cr_expect_eq(pr.kill_host, ESRCH, "a host process is visible");
	cr_expect_eq(pr.host_mounts, 0, "host mounts inside: %d",
	    pr.host_mounts);
	cr_expect(pr.created);
	/* A file the jail's root made is root's on disk. */
	cr_assert_eq(stat(path, &sb), 0);
	if (geteuid() == 0) {
		long uid = init_host_uid("core1");

		cr_expect_eq(sb.st_uid, 0);
		cr_expect_geq(uid, 65536, "init runs as host uid %ld", uid);
	} else
		cr_expect_eq(sb.st_uid, geteuid());
	unlink(path);
	/* -m renames it, live. */
	cr_assert_eq(run(JAIL_OP_SET, "core1", modp), 0);
	cr_assert(probe("core1", getpid(), &pr));
	cr_expect_str_eq(pr.hostname, "core-h2");
	unlink(path);
	/* -r removes it: no record, no init. */
	cr_assert_eq(jail_open("core1", &h), 0);
	pidfd = dup(h->init_pidfd);
	jail_handle_free(h);
	cr_assert_eq(run(JAIL_OP_STOP, "core1", none), 0);
	cr_expect_eq(jail_open("core1", &h), -ESRCH);
	struct pollfd pf = { .fd = pidfd, .events = POLLIN };
	cr_expect_eq(poll(&pf, 1, 0), 1, "init survived -r");
	cr_expect_stdout_eq_str("core1: created\ncore1: updated\n"
	    "core1: removed\n");
}

Test(jail, create_only_change_is_refused, .init = cr_redirect_stderr)
{
	char pathbuf[4200];
	const char *params[] = { "persist", pathbuf, NULL };
	const char *modp[] = { "path=/", NULL };
	const char *none[] = { NULL };

	need_jails();
	snprintf(pathbuf, sizeof(pathbuf), "path=%s", root);
	cr_assert_eq(run(JAIL_OP_START, "core2", params), 0);
	cr_expect_eq(run(JAIL_OP_SET, "core2", modp), 1);
	cr_expect_eq(run(JAIL_OP_START, "core2", params), 1);
	cr_assert_eq(run(JAIL_OP_STOP, "core2", none), 0);
	cr_expect_eq(run(JAIL_OP_STOP, "core2", none), 1);
	cr_expect_stderr_eq_str(
	    "ljail: core2: path cannot be changed after creation\n"
	    "ljail: \"core2\" already exists\n"
	    "ljail: \"core2\" not found\n");
}

/* The number of live records in the registry. */
static size_t
records(void)
{
	struct reg_jail **v = NULL;
	struct reg *reg;
	size_t n = 0;

	cr_assert_eq(reg_open(&reg), 0);
	cr_assert_eq(reg_list(reg, &v, &n), 0);
	reg_jail_list_free(v, n);
	reg_close(reg);
	return n;
}

Test(jail, failed_create_leaves_nothing, .init = cr_redirect_stderr)
{
	char pathbuf[4200], longname[120];
	const char *params[] = { "persist", pathbuf, longname, NULL };
	const char *missing[] = { "persist", "path=/nonexistent/core", NULL };
	struct jail_handle *h = NULL;

	need_jails();
	snprintf(pathbuf, sizeof(pathbuf), "path=%s", root);
	/* 64 bytes is Linux's limit; FreeBSD allows 255. */
	snprintf(longname, sizeof(longname), "host.hostname=%0100d", 0);
	cr_assert_eq(run(JAIL_OP_START, "core3", params), 1);
	cr_expect_eq(jail_open("core3", &h), -ESRCH);
	cr_expect_eq(records(), 0);
	/* No process left: the jail's init was our child and is reaped. */
	cr_expect_eq(waitpid(-1, NULL, WNOHANG), -1);
	cr_expect_eq(errno, ECHILD);
	cr_assert_eq(run(JAIL_OP_START, "core4", missing), 1);
	cr_expect_eq(records(), 0);
	cr_expect_eq(waitpid(-1, NULL, WNOHANG), -1);
	cr_expect_stderr_eq_str(
	    "ljail: core3: host.hostname: Invalid argument\n"
	    "ljail: core4: path /nonexistent/core: "
	    "No such file or directory\n");
}

Test(jail, nopersist_jail_ends_with_its_last_process,
    .init = cr_redirect_stdout)
{
	char pathbuf[4200];
	const char *params[] = { "persist", "mount.procfs", pathbuf, NULL };
	const char *off[] = { "nopersist", NULL };
	struct jail_handle *h = NULL;
	int go[2], in[2], st, pidfd;
	pid_t p;
	char c;

	need_jails();
	snprintf(pathbuf, sizeof(pathbuf), "path=%s", root);
	cr_assert_eq(run(JAIL_OP_START, "core5", params), 0);
	cr_assert_eq(jail_open("core5", &h), 0);
	pidfd = dup(h->init_pidfd);
	/* One process in the jail, waiting for a byte. */
	cr_assert_eq(pipe(go), 0);
	cr_assert_eq(pipe(in), 0);
	p = fork();
	if (p == 0) {
		close(go[1]);
		close(in[0]);
		if (jail_enter(h) != 0)
			_exit(3);
		if (write(in[1], "i", 1) != 1)
			_exit(5);
		_exit(read(go[0], &c, 1) == 1 ? 0 : 4);
	}
	close(go[0]);
	close(in[1]);
	cr_assert_eq(read(in[0], &c, 1), 1, "could not enter core5");
	jail_handle_free(h);
	cr_assert_eq(run(JAIL_OP_SET, "core5", off), 0);
	struct pollfd pf = { .fd = pidfd, .events = POLLIN };
	cr_expect_eq(poll(&pf, 1, 300), 0, "jail ended with a process in it");
	cr_assert_eq(write(go[1], "x", 1), 1);
	waitpid(p, &st, 0);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	cr_expect_eq(poll(&pf, 1, 3000), 1, "empty nopersist jail stayed");
	/* We made its init, so we reap it (ljail exits long before). */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		continue;
	cr_expect_eq(jail_open("core5", &h), -ESRCH);
}

/* In a child: the errno of a few calls a jail's filter refuses. */
static int
refused_errnos(int how, const struct conf_jail *j)
{
	int pfd[2], e[3] = { 0, 0, 0 }, st;
	pid_t p;

	cr_assert_eq(pipe(pfd), 0);
	p = fork();
	if (p == 0) {
		int r = 0;

		if (how == 1)
			r = filter_apply(j);
		else if (how == 2)
			r = jail_filter_apply(j);
		if (r < 0)
			_exit(3);
		e[0] = syscall(SYS_init_module, NULL, 0, "") < 0 ? errno : 0;
		e[1] = syscall(SYS_kexec_load, 0, 0, NULL, 0) < 0 ? errno : 0;
		e[2] = syscall(SYS_open_by_handle_at, -1, NULL, 0) < 0 ?
		    errno : 0;
		_exit(write(pfd[1], e, sizeof(e)) == sizeof(e) ? 0 : 4);
	}
	close(pfd[1]);
	cr_assert_eq(read(pfd[0], e, sizeof(e)), (ssize_t)sizeof(e));
	close(pfd[0]);
	waitpid(p, &st, 0);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return e[0] * 10000 + e[1] * 100 + e[2];
}

Test(jail, prepared_filter_is_the_jail_filter)
{
	const char *p[] = { "allow.raw_sockets", NULL };
	struct conf_jail *j = jail_with("f", p), *other = jail_with("g", p);
	int plain, applied, prepared;

	if (geteuid() != 0)
		cr_skip_test("needs root (a filter without no_new_privs)");
	plain = refused_errnos(0, j);
	applied = refused_errnos(1, j);
	cr_assert_eq(jail_filter_prepare(j, NULL), 0);
	prepared = refused_errnos(2, j);
	cr_expect_neq(applied, plain, "the filter refuses nothing here");
	cr_expect_eq(prepared, applied, "prepared %d, compiled %d",
	    prepared, applied);
	/* Another jail's conf is compiled, never given this program. */
	cr_expect_eq(refused_errnos(2, other), applied);
	cr_assert_eq(jail_filter_prepare(NULL, NULL), 0);
	cr_expect_eq(refused_errnos(2, j), applied);
	conf_jail_free(j);
	conf_jail_free(other);
}

Test(jail, cached_filter_is_the_jail_filter)
{
	const char *p[] = { "allow.raw_sockets", NULL };
	struct conf_jail *j = jail_with("f", p);
	char dir[512], cmd[1024];
	struct reg *reg;
	int applied;

	fixture_path(dir, sizeof(dir), "ljail-fcache.XXXXXX");
	if (geteuid() != 0)
		cr_skip_test("needs root (a filter without no_new_privs)");
	cr_assert_not_null(mkdtemp(dir));
	setenv("LJAIL_RUNDIR", dir, 1);
	cr_assert_eq(reg_open(&reg), 0);
	applied = refused_errnos(1, j);
	/* The first compiles and stores, the second loads what was stored. */
	cr_assert_eq(jail_filter_prepare(j, reg), 0);
	cr_expect_eq(refused_errnos(2, j), applied);
	cr_assert_eq(jail_filter_prepare(j, reg), 0);
	cr_expect_eq(refused_errnos(2, j), applied, "the cached program "
	    "differs from the compiled one");
	jail_filter_forget(j);
	reg_close(reg);
	conf_jail_free(j);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

Test(jail, rollback_of_a_config_jail_says_removed, .init = cr_redirect_stdout)
{
	char pathbuf[4200];
	const char *params[] = { "persist", "exec.created=/bin/false",
	    pathbuf, NULL };
	struct jail_handle *h = NULL;

	need_jails();
	snprintf(pathbuf, sizeof(pathbuf), "path=%s", root);
	cr_assert_eq(run(JAIL_OP_START, "core6", params), 1);
	cr_expect_eq(jail_open("core6", &h), -ESRCH);
	cr_expect_eq(records(), 0);
	cr_expect_eq(waitpid(-1, NULL, WNOHANG), -1, "init left behind");
	cr_expect_stdout_eq_str("core6: created\ncore6: removed\n");
}
