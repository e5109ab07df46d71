/*
 * Unit tests of hook: the metacharacter rule, and hook_run with real host
 * commands (exit statuses, signals, exec errors, timeouts, environment,
 * exec.clean, users, fds, background).  Messages are checked byte for
 * byte: stdout and stderr are redirected to files around each run.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "fixture.h"

#include "caps.h"
#include "compat.h"
#include "conf.h"
#include "fs.h"
#include "hook.h"
#include "init.h"
#include "jail.h"
#include "ns.h"
#include "util.h"

/* ------------------------------------------------------------ splitting */

/* Splits and asserts the resulting argv (joined by '|') and background. */
static void
expect_split(const char *cmd, const char *want, bool want_bg)
{
	char **argv = NULL, *joined;
	bool bg = !want_bg;

	cr_assert_eq(hook_split_command(cmd, &argv, &bg), 0);
	joined = strv_join(argv, "|");
	cr_assert_str_eq(joined, want, "split \"%s\": %s", cmd, joined);
	cr_assert_eq(bg, want_bg, "background of \"%s\"", cmd);
	free(joined);
	strv_free(argv);
}

Test(hook, split_plain_words)
{
	expect_split("/bin/echo a b", "/bin/echo|a|b", false);
	expect_split("  echo\ta\f\vb\r\nc  ", "echo|a|b|c", false);
	expect_split("", "", false);
	expect_split(" \t ", "", false);
	/* characters that are not metacharacters stay plain */
	expect_split("a=b c#d e%f @g ^h +i -j ,k .l /m :n", "a=b|c#d|e%f|@g|"
	    "^h|+i|-j|,k|.l|/m|:n", false);
}

Test(hook, split_every_metacharacter)
{
	static const char meta[] = "!\"$&'()*;<>?[\\]`{|}~";

	cr_assert_eq(strlen(meta), 20);
	for (size_t i = 0; meta[i] != '\0'; i++) {
		char *cmd = xasprintf("echo a%cb", meta[i]);
		char *want = xasprintf("/bin/sh|-c|%s", cmd);

		expect_split(cmd, want, false);
		free(cmd);
		free(want);
	}
}

Test(hook, split_background)
{
	expect_split("sleep 10&", "sleep|10", true);
	expect_split("sleep 10 &", "sleep|10", true);
	expect_split("&", "", true);
	/* '&' not last, doubled, or with another metacharacter: a shell */
	expect_split("sleep 10 & ", "/bin/sh|-c|sleep 10 & ", false);
	expect_split("a && b", "/bin/sh|-c|a && b", false);
	expect_split("a&&", "/bin/sh|-c|a&&", false);
	expect_split("echo $x &", "/bin/sh|-c|echo $x &", false);
	expect_split("echo x; b&", "/bin/sh|-c|echo x; b&", false);
}

/* ------------------------------------------------------------ running */

/*
 * Temporary files and directories of a test, removed after it whether
 * it passed or failed (the suites' .fini).
 */
static char *tmp_paths[8];
static size_t ntmp_paths;

/* Registers a temporary path for removal after the test. */
static void
tmp_add(const char *path)
{
	if (ntmp_paths < ARRAY_SIZE(tmp_paths))
		tmp_paths[ntmp_paths++] = xstrdup(path);
}

/* Removes every registered temporary path. */
static void
tmp_clean(void)
{
	for (size_t i = 0; i < ntmp_paths; i++) {
		char *cmd = xasprintf("rm -rf '%s'", tmp_paths[i]);

		(void)!system(cmd);
		free(cmd);
		free(tmp_paths[i]);
	}
	ntmp_paths = 0;
}

TestSuite(hook, .fini = tmp_clean);
TestSuite(hook_jail, .fini = tmp_clean);

static char outpath[512], errpath[512];
static int saved_out = -1, saved_err = -1;

/* Sends stdout and stderr to temporary files. */
static void
capture_start(void)
{
	int o, e;

	fflush(stdout);
	fflush(stderr);
	fixture_path(outpath, sizeof(outpath), "fshook-out.XXXXXX");
	fixture_path(errpath, sizeof(errpath), "fshook-err.XXXXXX");
	o = mkstemp(outpath);
	e = mkstemp(errpath);
	cr_assert(o >= 0 && e >= 0);
	tmp_add(outpath);
	tmp_add(errpath);
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	dup2(o, STDOUT_FILENO);
	dup2(e, STDERR_FILENO);
	close(o);
	close(e);
}

/* Restores stdout/stderr and returns what was written to them. */
static void
capture_end(char **ret_out, char **ret_err)
{
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(saved_out);
	close(saved_err);
	cr_assert_eq(util_read_file(outpath, ret_out, NULL), 0);
	cr_assert_eq(util_read_file(errpath, ret_err, NULL), 0);
	unlink(outpath);
	unlink(errpath);
}

/* A jail configuration: "name=value", bare "name", or "+name=value". */
static struct conf_jail *
mkconf(bool from_config, const char *first, ...)
{
	struct conf_jail *j = conf_jail_new(from_config ? "t" : NULL,
	    from_config);
	va_list ap;

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

struct result {
	int r;
	int status;
	char *out;
	char *err;
};

/* Runs exec.prestart (a system list) of a config and captures output. */
static struct result
run_list(struct conf_jail *j, enum param_id list, bool in_jail,
    const char *label, int verbose)
{
	struct hook_ctx ctx = { .conf = j, .label = label, .jid = 7,
		.name = "t", .path = "/srv/fshook", .verbose = verbose };
	struct result res;

	res.status = -12345;
	capture_start();
	res.r = hook_run(&ctx, list, in_jail, &res.status);
	capture_end(&res.out, &res.err);
	return res;
}

/* Runs commands as exec.prestart of a jail named t. */
static struct result
run_cmds(const char *first, ...)
{
	struct conf_jail *j = conf_jail_new("t", true);
	struct result res;
	va_list ap;

	va_start(ap, first);
	for (const char *c = first; c != NULL; c = va_arg(ap, const char *)) {
		char *vals[] = { (char *)c, NULL };

		conf_jail_set(j, "exec.prestart", vals, true, NULL, 0);
	}
	va_end(ap);
	res = run_list(j, P_EXEC_PRESTART, false, "t", 0);
	conf_jail_free(j);
	return res;
}

/* Frees a result's captured text. */
static void
result_free(struct result *res)
{
	free(res->out);
	free(res->err);
}

Test(hook, success_is_silent)
{
	struct result res = run_cmds("true", "/bin/true", NULL);

	cr_assert_eq(res.r, 0);
	cr_assert_eq(res.status, 0);
	cr_assert_str_eq(res.err, "");
	cr_assert_str_eq(res.out, "");
	result_free(&res);
}

Test(hook, failed_message_and_status)
{
	struct result res = run_cmds("false", NULL);

	cr_assert_eq(res.r, -ECHILD);
	cr_assert_eq(res.status, 1);
	cr_assert_str_eq(res.err, "ljail: t: false: failed\n");
	result_free(&res);
	res = run_cmds("sh -c 'exit 3'", NULL);
	cr_assert_eq(res.status, 3);
	cr_assert_str_eq(res.err,
	    "ljail: t: /bin/sh -c sh -c 'exit 3': failed\n");
	result_free(&res);
}

Test(hook, signal_message)
{
	struct result res = run_cmds("kill -9 $$", NULL);

	cr_assert_eq(res.r, -ECHILD);
	cr_assert_eq(res.status, 128 + 9);
	cr_assert_str_eq(res.err,
	    "ljail: t: /bin/sh -c kill -9 $$: exited on signal 9\n");
	result_free(&res);
}

Test(hook, exec_failure_message)
{
	struct result res = run_cmds("/nonexistent/fshook-prog arg", NULL);

	cr_assert_eq(res.r, -ECHILD);
	cr_assert_eq(res.status, 1);
	cr_assert_str_eq(res.err, "ljail: t: exec /nonexistent/fshook-prog: "
	    "No such file or directory\n"
	    "ljail: t: /nonexistent/fshook-prog arg: failed\n");
	result_free(&res);
}

Test(hook, stops_at_first_failure)
{
	char file[512], *touch;
	struct result res;
	int fd;

	fd = mkstemp(fixture_path(file, sizeof(file), "fshook-stop.XXXXXX"));
	cr_assert_geq(fd, 0);
	tmp_add(file);
	close(fd);
	unlink(file);
	touch = xasprintf("touch %s", file);
	res = run_cmds("true", "false", touch, NULL);
	cr_assert_eq(res.r, -ECHILD);
	cr_assert_neq(access(file, F_OK), 0, "ran a command after a failure");
	result_free(&res);
	res = run_cmds("true", touch, NULL);
	cr_assert_eq(res.r, 0);
	cr_assert_eq(access(file, F_OK), 0, "second command did not run");
	unlink(file);
	free(touch);
	result_free(&res);
}

Test(hook, label_null_for_command_line_jails)
{
	struct conf_jail *j = mkconf(false, "exec.prestart=false", NULL);
	struct result res = run_list(j, P_EXEC_PRESTART, false, NULL, 0);

	cr_assert_str_eq(res.err, "ljail: false: failed\n");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook, command_line_command_is_one_argv)
{
	struct conf_jail *j = conf_jail_new(NULL, false);
	char *vals[] = { "/bin/echo", "a  b", "$HOME;", NULL };
	struct result res;

	conf_jail_set(j, "command", vals, false, NULL, 0);
	res = run_list(j, P_COMMAND, false, NULL, 0);
	cr_assert_eq(res.r, 0);
	cr_assert_str_eq(res.out, "a  b $HOME;\n");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook, config_command_is_split)
{
	struct conf_jail *j = mkconf(true, "command=/bin/echo a  b", NULL);
	struct result res = run_list(j, P_COMMAND, false, "t", 0);

	cr_assert_str_eq(res.out, "a b\n");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook, verbose_trace)
{
	struct conf_jail *j = mkconf(true, "exec.prestart=true",
	    "exec.system_user=root", NULL);
	struct result res;

	if (geteuid() != 0)
		cr_skip_test("exec.system_user needs root");
	res = run_list(j, P_EXEC_PRESTART, false, "t", 1);
	cr_assert_eq(res.r, 0);
	cr_assert_str_eq(res.out, "t: run command as root: true\n");
	result_free(&res);
	conf_jail_free(j);
	j = mkconf(true, "exec.prestart=true", NULL);
	res = run_list(j, P_EXEC_PRESTART, false, NULL, 1);
	cr_assert_str_eq(res.out, "run command: true\n");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook, environment_has_jid_jname_jpath)
{
	struct result res = run_cmds("sh -c 'echo \"$JID $JNAME $JPATH\"'",
	    NULL);

	cr_assert_eq(res.r, 0);
	cr_assert_str_eq(res.out, "7 t /srv/fshook\n");
	result_free(&res);
}

/* The host's exec.clean PATH: login.defs, as user_clean_env reads it. */
static const char *
host_clean_path(uid_t uid)
{
	static char path[512];
	char line[1024];
	FILE *f = fopen("/etc/login.defs", "r");

	strcpy(path, "/bin:/usr/bin");
	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		char key[32], val[512];

		if (sscanf(line, " %31s %511s", key, val) == 2 &&
		    strcmp(key, uid == 0 ? "ENV_SUPATH" : "ENV_PATH") == 0) {
			strcpy(path, strncmp(val, "PATH=", 5) == 0 ? val + 5 :
			    val);
			break;
		}
	}
	if (f != NULL)
		fclose(f);
	return path;
}

Test(hook, exec_clean_environment)
{
	struct conf_jail *j = mkconf(true, "exec.prestart=/usr/bin/env",
	    "exec.clean", NULL);
	struct passwd *pw = getpwuid(getuid());
	struct result res;
	char *want;

	cr_assert_not_null(pw);
	setenv("TERM", "fshook-term", 1);
	setenv("FSHOOK_SECRET", "leak", 1);
	res = run_list(j, P_EXEC_PRESTART, false, "t", 0);
	cr_assert_eq(res.r, 0, "%s", res.err);
	want = xasprintf("TERM=fshook-term\nPATH=%s\nUSER=%s\n"
	    "HOME=%s\nSHELL=%s\n", host_clean_path(pw->pw_uid), pw->pw_name,
	    pw->pw_dir, *pw->pw_shell ? pw->pw_shell : "/bin/sh");
	cr_assert_str_eq(res.out, want);
	free(want);
	result_free(&res);
	conf_jail_free(j);
	/* and the cwd is the user's home */
	j = mkconf(true, "exec.prestart=/bin/pwd", "exec.clean", NULL);
	cr_assert_eq(chdir("/tmp"), 0);
	res = run_list(j, P_EXEC_PRESTART, false, "t", 0);
	want = xasprintf("%s\n", pw->pw_dir);
	cr_assert_str_eq(res.out, want);
	free(want);
	result_free(&res);
	conf_jail_free(j);
}

Test(hook, system_user)
{
	struct conf_jail *j;
	struct result res;

	if (geteuid() != 0)
		cr_skip_test("exec.system_user needs root");
	if (getpwnam("nobody") == NULL)
		cr_skip_test("no user nobody on this host");
	j = mkconf(true, "exec.prestart=sh -c 'id -u; id -g; echo $USER'",
	    "exec.system_user=nobody", NULL);
	res = run_list(j, P_EXEC_PRESTART, false, "t", 0);
	cr_assert_eq(res.r, 0, "%s", res.err);
	{
		struct passwd *pw = getpwnam("nobody");
		char *want = xasprintf("%u\n%u\nnobody\n", pw->pw_uid,
		    pw->pw_gid);

		cr_assert_str_eq(res.out, want);
		free(want);
	}
	result_free(&res);
	conf_jail_free(j);
}

Test(hook, unknown_system_user)
{
	struct conf_jail *j = mkconf(true, "exec.prestart=id -u",
	    "exec.system_user=fshook-nosuchuser", NULL);
	struct result res = run_list(j, P_EXEC_PRESTART, false, "t", 0);

	cr_assert_eq(res.r, -ECHILD);
	cr_assert_str_eq(res.err, "ljail: t: fshook-nosuchuser: no such user\n"
	    "ljail: t: id -u: failed\n");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook, timeout_kills_the_process_group)
{
	char pidfile[512], *cmd, *buf = NULL;
	struct conf_jail *j;
	struct timespec t0, t1;
	struct result res;
	pid_t bgpid;
	int fd;

	fd = mkstemp(fixture_path(pidfile, sizeof(pidfile), "fshook-pid.XXXXXX"));
	cr_assert_geq(fd, 0);
	tmp_add(pidfile);
	close(fd);
	/* the grandchild sleep must die too, not only the shell */
	cmd = xasprintf("exec.prestart=sh -c 'sleep 30 & echo $! > %s; wait'",
	    pidfile);
	j = mkconf(true, cmd, "exec.timeout=1", NULL);
	cr_assert_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	res = run_list(j, P_EXEC_PRESTART, false, "t", 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cr_assert_eq(res.r, -ETIMEDOUT);
	cr_assert_eq(res.status, 1);
	{
		char *want = xasprintf("ljail: t: /bin/sh -c %s: timed out\n",
		    cmd + strlen("exec.prestart="));

		cr_assert_str_eq(res.err, want);
		free(want);
	}
	cr_assert_lt(t1.tv_sec - t0.tv_sec, 5, "took %lds",
	    (long)(t1.tv_sec - t0.tv_sec));
	cr_assert_eq(util_read_file(pidfile, &buf, NULL), 0);
	bgpid = atoi(buf);
	cr_assert_gt(bgpid, 0);
	/* reap it as subreaper: it must already be dead (killed) */
	for (int i = 0; i < 100; i++) {
		int st;

		if (waitpid(bgpid, &st, WNOHANG) == bgpid) {
			cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
			goto done;
		}
		usleep(20000);
	}
	kill(bgpid, SIGKILL);
	cr_assert_fail("the command's child survived the timeout");
done:
	unlink(pidfile);
	free(buf);
	free(cmd);
	result_free(&res);
	conf_jail_free(j);
}

Test(hook, no_timeout_when_fast)
{
	struct conf_jail *j = mkconf(true, "exec.prestart=true",
	    "exec.timeout=5", NULL);
	struct result res = run_list(j, P_EXEC_PRESTART, false, "t", 0);

	cr_assert_eq(res.r, 0);
	cr_assert_str_eq(res.err, "");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook, fds_above_2_closed)
{
	struct result res;
	int fd = open("/dev/null", O_RDONLY);

	cr_assert_geq(fd, 0);
	cr_assert_eq(dup2(fd, 57), 57);	/* inheritable, no CLOEXEC */
	res = run_cmds("sh -c '[ ! -e /proc/self/fd/57 ]'", NULL);
	cr_assert_eq(res.r, 0, "fd 57 leaked into the command: %s", res.err);
	result_free(&res);
	close(57);
	close(fd);
}

Test(hook, stdin_is_shared)
{
	int p[2], saved = dup(STDIN_FILENO);
	struct result res;

	cr_assert_eq(pipe(p), 0);
	cr_assert_eq(write(p[1], "hello\n", 6), 6);
	close(p[1]);
	dup2(p[0], STDIN_FILENO);
	close(p[0]);
	res = run_cmds("sh -c 'read x; echo got $x'", NULL);
	dup2(saved, STDIN_FILENO);
	close(saved);
	cr_assert_eq(res.r, 0);
	cr_assert_str_eq(res.out, "got hello\n");
	result_free(&res);
}

Test(hook, background_not_waited)
{
	char file[512], *cmd;
	struct timespec t0, t1;
	struct result res;
	int fd;

	fd = mkstemp(fixture_path(file, sizeof(file), "fshook-bg.XXXXXX"));
	cr_assert_geq(fd, 0);
	tmp_add(file);
	close(fd);
	unlink(file);
	cmd = xasprintf("touch %s &", file);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	res = run_cmds("sleep 3 &", cmd, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cr_assert_eq(res.r, 0);
	cr_assert_eq(res.status, 0);
	cr_assert_lt(t1.tv_sec - t0.tv_sec, 2, "waited for a background "
	    "command");
	for (int i = 0; i < 100 && access(file, F_OK) != 0; i++)
		usleep(20000);
	cr_assert_eq(access(file, F_OK), 0, "background command did not run");
	unlink(file);
	free(cmd);
	result_free(&res);
}

Test(hook, background_ignores_failure)
{
	struct result res = run_cmds("false &", NULL);

	cr_assert_eq(res.r, 0);
	cr_assert_str_eq(res.err, "");
	result_free(&res);
}

Test(hook, consolelog_path_checks)
{
	char dir[512], *p, *link, *want;
	struct conf_jail *j;
	struct hook_ctx ctx = { .label = "t", .name = "t" };
	int status;

	fixture_path(dir, sizeof(dir), "fshook-cl.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	tmp_add(dir);
	ctx.path = dir;
	j = mkconf(true, "exec.start=true", "exec.consolelog=rel/log", NULL);
	ctx.conf = j;
	capture_start();
	cr_assert_eq(hook_run(&ctx, P_EXEC_START, true, &status), -EINVAL);
	{
		char *o, *e;

		capture_end(&o, &e);
		cr_assert_str_eq(e, "ljail: t: exec.consolelog: rel/log: not "
		    "an absolute pathname\n");
		cr_assert_eq(status, 1);
		free(o);
		free(e);
	}
	conf_jail_free(j);
	/* a symlink planted below the jail path is refused */
	link = xasprintf("%s/var", dir);
	cr_assert_eq(symlink("/tmp", link), 0);
	p = xasprintf("exec.consolelog=%s/var/fshook-console.log", dir);
	j = mkconf(true, "exec.start=true", p, NULL);
	ctx.conf = j;
	capture_start();
	cr_assert_eq(hook_run(&ctx, P_EXEC_START, true, &status), -ELOOP);
	{
		char *o, *e;

		capture_end(&o, &e);
		want = xasprintf("ljail: t: exec.consolelog: %s/var is a "
		    "symbolic link\n", dir);
		cr_assert_str_eq(e, want);
		free(want);
		free(o);
		free(e);
	}
	cr_assert_neq(access("/tmp/fshook-console.log", F_OK), 0,
	    "ljail created a file through the symlink");
	conf_jail_free(j);
	free(p);
	/* a missing directory on the way is named */
	p = xasprintf("exec.consolelog=%s/nosuch/log", dir);
	j = mkconf(true, "exec.start=true", p, NULL);
	ctx.conf = j;
	capture_start();
	cr_assert_eq(hook_run(&ctx, P_EXEC_START, true, &status), -ENOENT);
	{
		char *o, *e;

		capture_end(&o, &e);
		want = xasprintf("ljail: t: exec.consolelog: %s/nosuch: No "
		    "such file or directory\n", dir);
		cr_assert_str_eq(e, want);
		free(want);
		free(o);
		free(e);
	}
	unlink(link);
	rmdir(dir);
	free(p);
	free(link);
	conf_jail_free(j);
}

Test(hook, in_jail_without_a_jail)
{
	struct conf_jail *j = mkconf(true, "exec.start=true", NULL);
	struct result res = run_list(j, P_EXEC_START, true, "t", 0);

	cr_assert_eq(res.r, -ECHILD);
	cr_assert_str_eq(res.err, "ljail: t: jail_attach: No such process\n"
	    "ljail: t: true: failed\n");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook, empty_list)
{
	struct conf_jail *j = mkconf(true, NULL);
	struct result res = run_list(j, P_EXEC_START, false, "t", 0);

	cr_assert_eq(res.r, 0);
	cr_assert_eq(res.status, 0);
	result_free(&res);
	conf_jail_free(j);
}

/* ------------------------------------------------ commands in a jail */

/*
 * A real jail for in-jail commands: PID 1 of the namespaces its
 * parameters ask for (ns_jail_flags) on a busybox root (scripts/mkroot,
 * built once and shared), its file system made by fs_setup_root and
 * running core's
 * init_main, so that hook_run goes through core's jail_enter.
 * As root the jail gets 65536 ids (jailuser can exist); rootless only
 * its root.  Everything dies with the test process (PDEATHSIG chain).
 */
struct tjail {
	struct jail_handle h;
	pid_t outer;
	char *log;		/* a consolelog path outside the jail */
};

/* The shared busybox root (fixture.h): made once per run, completely. */
static const char *
busybox_root(void)
{
	return fixture_root();
}

/* Sends one byte and, if fd >= 0, a file descriptor. */
static int
send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, c = 'G';
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (fd >= 0) {
		struct cmsghdr *cm;

		m.msg_control = cbuf;
		m.msg_controllen = sizeof(cbuf);
		cm = CMSG_FIRSTHDR(&m);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	return sendmsg(sock, &m, 0) == 1 ? 0 : -1;
}

/* Receives send_fd()'s byte and fd (-1 when none came). */
static int
recv_fd(int sock, int *ret_fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))], c;
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;

	*ret_fd = -1;
	if (recvmsg(sock, &m, 0) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&m);
	if (cm != NULL && cm->cmsg_type == SCM_RIGHTS)
		memcpy(ret_fd, CMSG_DATA(cm), sizeof(int));
	return 0;
}

/*
 * Starts the test jail with the given configuration.  As root its tree
 * is idmapped onto the jail's ids, as core does, so the jail's root owns
 * its files.
 */
static void
tjail_start(struct tjail *t, struct conf_jail *conf)
{
	int rep[2], go[2], ready[2], root_fd = -1;
	char c = 0, buf[512];
	ssize_t n;
	pid_t init = -1;
	bool asroot = geteuid() == 0;

	memset(t, 0, sizeof(*t));
	cr_assert_eq(pipe2(rep, O_CLOEXEC), 0);
	cr_assert_eq(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
	    go), 0);
	cr_assert_eq(pipe2(ready, O_CLOEXEC), 0);
	t->outer = fork();
	cr_assert_geq(t->outer, 0);
	if (t->outer == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		/* the namespaces jail_enter will join: the conf's */
		if (unshare((int)ns_jail_flags(conf)) < 0)
			_exit(77);
		(void)!write(rep[1], "U", 1);
		if (recv_fd(go[0], &root_fd) < 0)
			_exit(2);
		/* root of the new namespace (no host groups as root) */
		if (setresgid(0, 0, 0) < 0 ||
		    (asroot && setgroups(0, NULL) < 0) ||
		    setresuid(0, 0, 0) < 0)
			_exit(3);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		init = fork();
		if (init == 0) {
			char *msg = NULL;

			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (fs_setup_root(conf, root_fd, &msg) < 0) {
				dprintf(ready[1], "fs_setup_root: %s",
				    msg != NULL ? msg : "?");
				_exit(1);
			}
			if (root_fd >= 0)
				close(root_fd);
			(void)!write(ready[1], "R", 1);
			close(ready[1]);
			init_main(true, 1);
		}
		(void)!write(rep[1], &init, sizeof(init));
		while (waitpid(init, NULL, 0) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(rep[1]);
	close(go[0]);
	close(ready[1]);
	if (read(rep[0], &c, 1) != 1) {
		int st;

		waitpid(t->outer, &st, 0);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 77)
			cr_skip_test("user namespaces unavailable");
		cr_assert_fail("jail process died (%#x)", st);
	}
	if (asroot) {
		cr_assert_eq(ns_write_idmap(t->outer, 200000, 65536), 0);
		cr_assert_eq(ns_idmap_tree(conf_jail_str(conf, P_PATH),
		    t->outer, &root_fd), 0);
	} else
		cr_assert_eq(ns_write_idmap_self(t->outer, getuid(),
		    getgid()), 0);
	cr_assert_eq(send_fd(go[1], root_fd), 0);
	if (root_fd >= 0)
		close(root_fd);
	cr_assert_eq(read(rep[0], &init, sizeof(init)), sizeof(init));
	n = read(ready[0], buf, sizeof(buf) - 1);
	cr_assert_gt(n, 0, "jail init died");
	buf[n] = '\0';
	cr_assert_str_eq(buf, "R", "%s", buf);
	close(rep[0]);
	close(go[1]);
	close(ready[0]);
	t->h.init_pid = init;
	t->h.init_pidfd = compat_pidfd_open(init, 0);
	cr_assert_geq(t->h.init_pidfd, 0);
	t->h.jid = 7;
	t->h.name = "t";
	t->h.path = (char *)conf_jail_str(conf, P_PATH);
	t->h.conf = conf;
}

/* Kills the test jail. */
static void
tjail_stop(struct tjail *t)
{
	compat_pidfd_send_signal(t->h.init_pidfd, SIGKILL, NULL, 0);
	close(t->h.init_pidfd);
	waitpid(t->outer, NULL, 0);
}

/* Runs a list of conf in the test jail and captures the output. */
static struct result
run_in(struct tjail *t, struct conf_jail *conf, enum param_id list)
{
	struct hook_ctx ctx = { .conf = conf, .label = "t", .jid = 7,
		.name = "t", .path = t->h.path, .jail = &t->h };
	struct result res;

	res.status = -12345;
	capture_start();
	res.r = hook_run(&ctx, list, true, &res.status);
	capture_end(&res.out, &res.err);
	return res;
}

/* A jail conf on the busybox root with an exec.start and more. */
static struct conf_jail *
jconf(const char *start, ...)
{
	struct conf_jail *j = conf_jail_new("t", true);
	char *path[] = { (char *)busybox_root(), NULL };
	char *vals[] = { (char *)start, NULL };
	va_list ap;

	conf_jail_set(j, "path", path, false, NULL, 0);
	conf_jail_set(j, "mount.devfs", NULL, false, NULL, 0);
	conf_jail_set(j, "mount.procfs", NULL, false, NULL, 0);
	conf_jail_set(j, "exec.start", vals, false, NULL, 0);
	va_start(ap, start);
	for (const char *kv = va_arg(ap, const char *); kv != NULL;
	    kv = va_arg(ap, const char *)) {
		char *name = xstrdup(kv), *eq = strchr(name, '=');

		if (eq != NULL) {
			char *v[] = { eq + 1, NULL };

			*eq = '\0';
			conf_jail_set(j, name, v, false, NULL, 0);
		} else
			conf_jail_set(j, name, NULL, false, NULL, 0);
		free(name);
	}
	va_end(ap);
	return j;
}

/* Runs exec.start of conf in a fresh jail. */
static struct result
jrun(struct conf_jail *conf)
{
	struct tjail t;
	struct result res;

	tjail_start(&t, conf);
	res = run_in(&t, conf, P_EXEC_START);
	tjail_stop(&t);
	return res;
}

Test(hook_jail, runs_inside_the_jail)
{
	struct conf_jail *j = jconf("/bin/sh -c 'cat /etc/hostname; "
	    "test -x /bin/busybox && test ! -e /work && echo $JID $JNAME "
	    "$JPATH && ls /proc | grep -c ^1$'", NULL);
	struct result res = jrun(j);
	char *want = xasprintf("jail\n7 t %s\n1\n", busybox_root());

	cr_assert_eq(res.r, 0, "%s", res.err);
	/* /proc is the jail's PID namespace: its init is 1 */
	cr_assert_str_eq(res.out, want);
	free(want);
	result_free(&res);
	conf_jail_free(j);
}

Test(hook_jail, exit_signal_and_exec_messages)
{
	struct conf_jail *jail = jconf("true", NULL);
	struct conf_jail *j = jconf("/bin/sh -c 'exit 4'", NULL);
	struct result res;
	struct tjail t;

	tjail_start(&t, jail);
	res = run_in(&t, j, P_EXEC_START);
	cr_assert_eq(res.r, -ECHILD);
	cr_assert_eq(res.status, 4);
	cr_assert_str_eq(res.err,
	    "ljail: t: /bin/sh -c /bin/sh -c 'exit 4': failed\n");
	result_free(&res);
	conf_jail_free(j);
	j = jconf("kill -9 $$", NULL);
	res = run_in(&t, j, P_EXEC_START);
	cr_assert_eq(res.status, 128 + 9, "status %d: %s", res.status,
	    res.err);
	cr_assert_str_eq(res.err,
	    "ljail: t: /bin/sh -c kill -9 $$: exited on signal 9\n");
	result_free(&res);
	conf_jail_free(j);
	j = jconf("/usr/bin/fshook-nosuch x", NULL);
	res = run_in(&t, j, P_EXEC_START);
	cr_assert_eq(res.r, -ECHILD);
	cr_assert_str_eq(res.err, "ljail: t: exec /usr/bin/fshook-nosuch: "
	    "No such file or directory\n"
	    "ljail: t: /usr/bin/fshook-nosuch x: failed\n");
	result_free(&res);
	conf_jail_free(j);
	tjail_stop(&t);
	conf_jail_free(jail);
}

Test(hook_jail, jail_user_from_the_jail_passwd)
{
	struct conf_jail *j;
	struct result res;

	if (geteuid() != 0)
		cr_skip_test("a jail user needs a mapped id range (root)");
	/* the host has no "jailuser": only the jail's passwd knows it */
	j = jconf("/bin/sh -c 'id -u; id -g; echo $USER $HOME $SHELL'",
	    "exec.jail_user=jailuser", NULL);
	res = jrun(j);
	cr_assert_eq(res.r, 0, "%s", res.err);
	cr_assert_str_eq(res.out, "1001\n1001\njailuser /home/jailuser "
	    "/bin/sh\n");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook_jail, system_jail_user_from_the_host)
{
	struct conf_jail *j;
	struct result res;

	if (geteuid() != 0)
		cr_skip_test("a jail user needs a mapped id range (root)");
	if (getpwnam("nobody") == NULL || getpwnam("nobody")->pw_uid != 65534)
		cr_skip_test("no host user nobody with uid 65534");
	j = jconf("id -u", "exec.jail_user=nobody", "exec.system_jail_user",
	    NULL);
	res = jrun(j);
	cr_assert_eq(res.r, 0, "%s", res.err);
	cr_assert_str_eq(res.out, "65534\n");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook_jail, unknown_jail_user)
{
	struct conf_jail *j = jconf("id -u", "exec.jail_user=fshook-nouser",
	    NULL);
	struct result res = jrun(j);

	cr_assert_eq(res.r, -ECHILD);
	cr_assert_str_eq(res.err, "ljail: t: fshook-nouser: no such user\n"
	    "ljail: t: id -u: failed\n");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook_jail, exec_clean_in_jail)
{
	struct conf_jail *j = jconf(
	    "/bin/sh -c 'env | sort | grep -v ^SHLVL=; pwd'",
	    "exec.clean", NULL);
	struct result res;

	if (geteuid() != 0)
		cr_skip_test("the jail's /root is only its own when idmapped");
	setenv("TERM", "fshook-term", 1);
	res = jrun(j);
	cr_assert_eq(res.r, 0, "%s", res.err);
	/* busybox sh adds PWD (and SHLVL) of its own */
	cr_assert_str_eq(res.out, "HOME=/root\nPATH=/bin:/usr/bin\nPWD=/root\n"
	    "SHELL=/bin/sh\nTERM=fshook-term\nUSER=root\n/root\n");
	result_free(&res);
	conf_jail_free(j);
}

Test(hook_jail, consolelog)
{
	char log[512], *c = NULL, *p;
	struct conf_jail *j;
	struct result res;
	int fd;

	fd = mkstemp(fixture_path(log, sizeof(log), "fshook-console.XXXXXX"));
	cr_assert_geq(fd, 0);
	tmp_add(log);
	cr_assert_eq(write(fd, "old\n", 4), 4);
	close(fd);
	p = xasprintf("exec.consolelog=%s", log);
	j = jconf("/bin/sh -c 'echo out; echo err >&2'", p, NULL);
	res = jrun(j);
	cr_assert_eq(res.r, 0, "%s", res.err);
	cr_assert_str_eq(res.out, "");
	cr_assert_str_eq(res.err, "");
	cr_assert_eq(util_read_file(log, &c, NULL), 0);
	cr_assert_str_eq(c, "old\nout\nerr\n");
	unlink(log);
	free(c);
	free(p);
	result_free(&res);
	conf_jail_free(j);
}

Test(hook_jail, timeout_kills_in_jail)
{
	struct conf_jail *j = jconf("sleep 30", "exec.timeout=1", NULL);
	struct conf_jail *check = jconf("/bin/sh -c '! pgrep sleep'", NULL);
	struct timespec t0, t1;
	struct result res;
	struct tjail t;

	tjail_start(&t, j);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	res = run_in(&t, j, P_EXEC_START);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cr_assert_eq(res.r, -ETIMEDOUT);
	cr_assert_str_eq(res.err, "ljail: t: sleep 30: timed out\n");
	cr_assert_lt(t1.tv_sec - t0.tv_sec, 5);
	result_free(&res);
	/* and nothing of it is left in the jail */
	usleep(100000);
	res = run_in(&t, check, P_EXEC_START);
	cr_assert_eq(res.r, 0, "sleep survived in the jail: %s %s", res.out,
	    res.err);
	result_free(&res);
	tjail_stop(&t);
	conf_jail_free(j);
	conf_jail_free(check);
}

Test(hook, signals_reset_for_the_command)
{
	sigset_t block;
	struct result res;

	/* ljail blocking or ignoring signals must not reach the command */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, NULL);
	signal(SIGINT, SIG_IGN);
	res = run_cmds("sh -c 'grep -E \"^Sig(Blk|Ign)\" /proc/self/status'",
	    NULL);
	cr_assert_eq(res.r, 0, "%s", res.err);
	cr_assert_str_eq(res.out, "SigBlk:\t0000000000000000\n"
	    "SigIgn:\t0000000000000000\n");
	result_free(&res);
}

/* A private copy of the busybox root whose passwd the test writes. */
static char *
private_root(const char *passwd_line)
{
	char tmp[512], *cmd, *root;
	FILE *f;

	cr_assert_not_null(mkdtemp(fixture_path(tmp, sizeof(tmp),
	    "fshook-proot.XXXXXX")));
	tmp_add(tmp);
	chmod(tmp, 0755);
	root = xasprintf("%s/root", tmp);
	cmd = xasprintf("cp -a '%s' '%s' 2>/dev/null; mkdir -p '%s/root'",
	    busybox_root(), root, root);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	cmd = xasprintf("%s/etc/passwd", root);
	f = fopen(cmd, "a");
	cr_assert_not_null(f);
	fprintf(f, "%s\n", passwd_line);
	fclose(f);
	free(cmd);
	return root;
}

/* Frees a private root's name (tmp_clean removes it). */
static void
private_root_free(char *root)
{
	free(root);
}

Test(hook_jail, home_through_a_leaked_fd_refused)
{
	char hostdir[512];
	char *root = private_root("evil:x:0:0::/proc/self/fd/50:/bin/sh");
	char *p = xasprintf("path=%s", root);
	struct conf_jail *j;
	struct result res;
	int fd;

	fixture_path(hostdir, sizeof(hostdir), "fshook-leak.XXXXXX");
	/* a host directory ljail happens to hold open, inheritable */
	cr_assert_not_null(mkdtemp(hostdir));
	tmp_add(hostdir);
	chmod(hostdir, 0755);	/* enterable by anyone: only fds protect */
	fd = open(hostdir, O_PATH | O_DIRECTORY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(dup2(fd, 50), 50);
	j = jconf("/bin/pwd", "exec.jail_user=evil", "exec.clean", p, NULL);
	res = jrun(j);
	cr_assert_eq(res.r, -ECHILD, "ran in %s", res.out);
	cr_assert(strstr(res.out, hostdir) == NULL, "cwd on the host: %s",
	    res.out);
	cr_assert(str_has_prefix(res.err,
	    "ljail: t: chdir /proc/self/fd/50: "), "%s", res.err);
	close(50);
	close(fd);
	rmdir(hostdir);
	result_free(&res);
	conf_jail_free(j);
	free(p);
	private_root_free(root);
}

Test(hook_jail, passwd_through_a_leaked_fd_refused)
{
	char hostfile[512];
	char *root = private_root("");
	char *p = xasprintf("path=%s", root), *pw;
	struct conf_jail *j;
	struct result res;
	int fd;

	fixture_path(hostfile, sizeof(hostfile), "fshook-leakpw.XXXXXX");
	/* the jail's passwd made a link to an fd ljail holds */
	fd = mkstemp(hostfile);
	cr_assert_geq(fd, 0);
	tmp_add(hostfile);
	cr_assert_eq(write(fd, "hostonly:x:0:0::/:/bin/sh\n", 26), 26);
	cr_assert_eq(dup2(fd, 50), 50);
	pw = xasprintf("%s/etc/passwd", root);
	unlink(pw);
	cr_assert_eq(symlink("/proc/self/fd/50", pw), 0);
	j = jconf("id -u", "exec.jail_user=hostonly", p, NULL);
	res = jrun(j);
	cr_assert_eq(res.r, -ECHILD);
	cr_assert(str_has_prefix(res.err, "ljail: t: getpwnam hostonly: "),
	    "%s", res.err);
	close(50);
	close(fd);
	unlink(hostfile);
	free(pw);
	result_free(&res);
	conf_jail_free(j);
	free(p);
	private_root_free(root);
}

Test(hook_jail, command_has_only_the_jails_capabilities)
{
	/* allow.suser=0 style jails aside, jail root's set is the jail's */
	struct conf_jail *j = jconf("/bin/sh -c 'grep -E \"^Cap(Eff|Prm)\" "
	    "/proc/self/status'", NULL);
	struct result res = jrun(j);
	char want[128];
	unsigned long long mask = caps_jail_mask(j);

	cr_assert_eq(res.r, 0, "%s", res.err);
	snprintf(want, sizeof(want), "CapPrm:\t%016llx\nCapEff:\t%016llx\n",
	    mask, mask);
	cr_assert_str_eq(res.out, want);
	result_free(&res);
	conf_jail_free(j);
}
