/*
 * Unit tests of hook: the metacharacter rule, and hook_run with real host
 * commands (exit statuses, signals, exec errors, timeouts, environment,
 * exec.clean, users, fds, background).  Messages are checked byte for
 * byte: stdout and stderr are redirected to files around each run.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "conf.h"
#include "hook.h"
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

static char outpath[64], errpath[64];
static int saved_out = -1, saved_err = -1;

/* Sends stdout and stderr to temporary files. */
static void
capture_start(void)
{
	int o, e;

	fflush(stdout);
	fflush(stderr);
	strcpy(outpath, "/tmp/fshook-out.XXXXXX");
	strcpy(errpath, "/tmp/fshook-err.XXXXXX");
	o = mkstemp(outpath);
	e = mkstemp(errpath);
	cr_assert(o >= 0 && e >= 0);
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
	char file[] = "/tmp/fshook-stop.XXXXXX", *touch;
	struct result res;
	int fd = mkstemp(file);

	cr_assert_geq(fd, 0);
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
	want = xasprintf("TERM=fshook-term\nPATH=/bin:/usr/bin\nUSER=%s\n"
	    "HOME=%s\nSHELL=%s\n", pw->pw_name, pw->pw_dir,
	    *pw->pw_shell ? pw->pw_shell : "/bin/sh");
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
	char pidfile[] = "/tmp/fshook-pid.XXXXXX", *cmd, *buf = NULL;
	struct conf_jail *j;
	struct timespec t0, t1;
	struct result res;
	pid_t bgpid;
	int fd = mkstemp(pidfile);

	cr_assert_geq(fd, 0);
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
	char file[] = "/tmp/fshook-bg.XXXXXX", *cmd;
	struct timespec t0, t1;
	struct result res;
	int fd = mkstemp(file);

	cr_assert_geq(fd, 0);
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
	char dir[] = "/tmp/fshook-cl.XXXXXX", *p, *link, *want;
	struct conf_jail *j;
	struct hook_ctx ctx = { .label = "t", .name = "t" };
	int status;

	cr_assert_not_null(mkdtemp(dir));
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
		want = xasprintf("ljail: t: exec.consolelog: %s/var/"
		    "fshook-console.log: refusing a path through a symbolic "
		    "link\n", dir);
		cr_assert_str_eq(e, want);
		free(want);
		free(o);
		free(e);
	}
	cr_assert_neq(access("/tmp/fshook-console.log", F_OK), 0,
	    "ljail created a file through the symlink");
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
