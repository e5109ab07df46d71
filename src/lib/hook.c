/*
 * hook.c - running the exec.* commands and the jail's command the way
 * jail(8) does (§1.8 of the spec): the metacharacter rule, background
 * commands, users, exec.clean, exec.consolelog, exec.timeout and the
 * messages.
 *
 * The forked child never prints: it writes its one-line error to a
 * close-on-exec pipe and _exit()s, so the pipe reaches end of file when
 * the command has exec'd or failed (jail_enter()'s intermediate closes
 * its copy).  For a command waited for, the parent reads the pipe once
 * the command has ended; for a background one, as soon as it has started
 * (or failed), which it waits for, so the next step finds it in the jail.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "caps.h"
#include "compat.h"
#include "hook.h"
#include "jail.h"
#include "ns.h"
#include "user.h"
#include "util.h"

extern char **environ;

/* Shell metacharacters: a command containing one runs under /bin/sh. */
static const char hook_metachars[] = "!\"$&'()*;<>?[\\]`{|}~";
/* What jail(8) splits a plain command on. */
static const char hook_blanks[] = " \t\f\v\r\n";

/* Prints "ljail: NAME: message" (no NAME for command-line jails). */
__attribute__((format(printf, 2, 3))) static void
hook_warn(const struct hook_ctx *ctx, const char *fmt, ...)
{
	_cleanup_free_ char *msg = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (ctx->label != NULL)
		fprintf(stderr, "ljail: %s: %s\n", ctx->label,
		    msg != NULL ? msg : fmt);
	else
		fprintf(stderr, "ljail: %s\n", msg != NULL ? msg : fmt);
}

/* Splits a command string by jail(8)'s metacharacter rule. */
int
hook_split_command(const char *cmd, char ***ret_argv, bool *ret_background)
{
	_cleanup_free_ char *copy = NULL;
	const char *meta = strpbrk(cmd, hook_metachars);
	char **argv = xcalloc(1, sizeof(*argv));
	char *save = NULL;
	bool bg = false;

	if (meta != NULL && !(meta[0] == '&' && meta[1] == '\0')) {
		strv_push(&argv, "/bin/sh");
		strv_push(&argv, "-c");
		strv_push(&argv, cmd);
		*ret_argv = argv;
		*ret_background = false;
		return 0;
	}
	copy = xstrdup(cmd);
	if (meta != NULL) {
		/* the only metacharacter is a trailing '&' */
		copy[meta - cmd] = '\0';
		bg = true;
	}
	for (char *w = strtok_r(copy, hook_blanks, &save); w != NULL;
	    w = strtok_r(NULL, hook_blanks, &save))
		strv_push(&argv, w);
	*ret_argv = argv;
	*ret_background = bg;
	return 0;
}

/* The user a command runs as (exec.jail_user / exec.system_user), or NULL. */
static const char *
hook_user_name(const struct hook_ctx *ctx, bool in_jail)
{
	return conf_jail_str(ctx->conf, in_jail ? P_EXEC_JAIL_USER :
	    P_EXEC_SYSTEM_USER);
}

/* Writes the child's error to the report pipe (or stderr) and exits. */
__attribute__((format(printf, 3, 4), noreturn)) static void
hook_child_fail(const struct hook_ctx *ctx, int report_fd, const char *fmt,
    ...)
{
	char buf[PIPE_BUF];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (report_fd >= 0)
		(void)!write(report_fd, buf, strlen(buf));
	else
		hook_warn(ctx, "%s", buf);
	_exit(1);
}

/* Reports a failed user lookup with jail(8)'s words. */
__attribute__((noreturn)) static void
hook_child_user_fail(const struct hook_ctx *ctx, int report_fd,
    const char *name, int r)
{
	if (r != -ESRCH)
		hook_child_fail(ctx, report_fd, "getpwnam%s%s: %s",
		    name != NULL ? " " : "", name != NULL ? name : "",
		    strerror(-r));
	if (name != NULL)
		hook_child_fail(ctx, report_fd, "%s: no such user", name);
	hook_child_fail(ctx, report_fd, "unknown uid %u", (unsigned)getuid());
}

/* Looks the command's user up: by name, or the caller's own uid. */
static int
hook_lookup(bool jail_db, const char *name, struct user_info **ret)
{
	if (jail_db)
		return name != NULL ? user_lookup_jail(name, ret) :
		    user_lookup_jail_uid(getuid(), ret);
	return name != NULL ? user_lookup_host(name, ret) :
	    user_lookup_host_uid(getuid(), ret);
}

/* Sets an environment variable from an integer. */
static void
hook_setenv_int(const char *name, int v)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", v);
	setenv(name, buf, 1);
}

/* Marks every fd >= 3 close-on-exec (the report pipe closes at exec). */
static void
hook_cloexec_from3(void)
{
	if (compat_close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
	for (int fd = 3; fd < 65536; fd++)
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/*
 * Reads the signals this process ignores or catches from a status line
 * of /proc/self/status ("SigIgn:\t<hex>"); false if it cannot.
 */
static bool
hook_sig_line(const char *status, const char *key, uint64_t *ret)
{
	const char *p = strstr(status, key);
	char *end;

	if (p == NULL)
		return false;
	errno = 0;
	*ret = strtoull(p + strlen(key), &end, 16);
	return errno == 0 && end != p + strlen(key) && *end == '\n';
}

/*
 * The signals whose disposition is not SIG_DFL (ignored or caught), as
 * a mask of bit sig-1; all of them when /proc cannot say.
 */
static uint64_t
hook_sigs_set(void)
{
	char buf[4096];
	uint64_t ign, cgt;
	ssize_t n = -1;
	int fd;

	fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	if (n <= 0)
		return UINT64_MAX;
	buf[n] = '\0';
	if (!hook_sig_line(buf, "\nSigIgn:\t", &ign) ||
	    !hook_sig_line(buf, "\nSigCgt:\t", &cgt))
		return UINT64_MAX;
	return ign | cgt;
}

/*
 * Gives the command default signal dispositions and an empty mask: ljail
 * may block or ignore signals for its own bookkeeping, and a blocked or
 * ignored SIGTERM would survive exec into the jail's commands.  Only the
 * signals /proc/self/status lists as ignored or caught are reset (one
 * read instead of 64 rt_sigaction calls); without /proc, all of them.
 */
static void
hook_reset_signals(void)
{
	uint64_t set = hook_sigs_set();
	sigset_t none;

	for (int sig = 1; sig < NSIG && sig <= 64; sig++) {
		/* the kernel's sigaction: libc refuses its reserved ones */
		struct {
			void (*handler)(int);
			unsigned long flags;
			void (*restorer)(void);
			unsigned long mask;
		} ksa = { .handler = SIG_DFL };

		if (!(set & (UINT64_C(1) << (sig - 1))))
			continue;
		if (sig != SIGKILL && sig != SIGSTOP)
			(void)syscall(SYS_rt_sigaction, sig, &ksa, NULL,
			    sizeof(ksa.mask));
	}
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Closes every fd >= 3 but keep1 and keep2 (either may be -1). */
static void
hook_close_fds_except(int keep1, int keep2)
{
	int lo = keep1 < keep2 ? keep1 : keep2;
	int hi = keep1 < keep2 ? keep2 : keep1;
	unsigned int from = 3;

	for (int k = 0; k < 2; k++) {
		int keep = k == 0 ? lo : hi;

		if (keep < 3)
			continue;
		if ((unsigned int)keep > from)
			(void)compat_close_range(from, (unsigned int)keep - 1,
			    0);
		from = (unsigned int)keep + 1;
	}
	(void)compat_close_range(from, ~0U, 0);
}

struct hook_cmd {
	char **argv;
	bool background;
	bool in_jail;
	int consfd;		/* exec.consolelog, or -1 */
	bool own_pgrp;		/* timeout: kill the whole group */
};

/*
 * Changes to the user's home; in a jail the path (jail data) is resolved
 * inside the jail's root with no magic link, so it cannot name an fd.
 */
static int
hook_chdir_home(const char *home, bool in_jail)
{
	struct open_how how = {
		.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	_cleanup_close_ int root = -1, fd = -1;

	if (!in_jail)
		return chdir(home);
	root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return -1;
	fd = compat_openat2(root, home, &how);
	if (fd < 0 || fchdir(fd) < 0)
		return -1;
	return 0;
}

/* The command's process: enter, become the user, exec.  Never returns. */
__attribute__((noreturn)) static void
hook_child(const struct hook_ctx *ctx, const struct hook_cmd *c,
    int report_fd)
{
	const char *name = hook_user_name(ctx, c->in_jail);
	bool clean = conf_jail_bool(ctx->conf, P_EXEC_CLEAN);
	bool sjuser = conf_jail_bool(ctx->conf, P_EXEC_SYSTEM_JAIL_USER);
	struct user_info *u = NULL;
	const char *step;
	int r;

	/*
	 * Once, first, on the host's /proc: nothing below catches, ignores
	 * or blocks a signal (jail_enter()'s forwarding handlers are the
	 * intermediate's, set after its fork), and inside the jail its
	 * /proc/self/status is the jail's to fake.
	 */
	hook_reset_signals();
	if (c->own_pgrp)
		(void)setpgid(0, 0);
	if (c->background)
		(void)setsid();
	/* exec.system_jail_user: the host's entry, read before entering. */
	if ((clean || name != NULL) && c->in_jail && sjuser) {
		r = hook_lookup(false, name, &u);
		if (r < 0)
			hook_child_user_fail(ctx, report_fd, name, r);
	}
	if (c->in_jail) {
		if (ctx->jail == NULL)
			hook_child_fail(ctx, report_fd, "jail_attach: %s",
			    strerror(ESRCH));
		r = jail_enter(ctx->jail);
		if (r < 0)
			hook_child_fail(ctx, report_fd, "jail_attach: %s",
			    strerror(-r));
		if (chdir("/") < 0)
			hook_child_fail(ctx, report_fd, "chdir /: %s",
			    strerror(errno));
		/*
		 * Inside now, with jail data still to read (passwd, the
		 * home directory): no host fd may stay open meanwhile, or a
		 * /proc/self/fd/N planted as a path would lead back to the
		 * host (CVE-2024-21626).
		 */
		hook_close_fds_except(report_fd, c->consfd);
	}
	/* The jail's passwd, read as data once inside (never NSS). */
	if ((clean || name != NULL) && u == NULL) {
		r = hook_lookup(c->in_jail, name, &u);
		if (r < 0)
			hook_child_user_fail(ctx, report_fd, name, r);
	}
	if (name != NULL) {
		r = user_become_step(u, &step);
		/* A jail that maps only root has no other user to become. */
		if (r < 0 && c->in_jail && ns_jail_only_root() != NULL)
			hook_child_fail(ctx, report_fd, "%s %s: %s", step,
			    u->name, ns_jail_only_root());
		if (r < 0 && strcmp(step, "setgid") == 0)
			hook_child_fail(ctx, report_fd, "setgid %u: %s",
			    (unsigned)u->gid, strerror(-r));
		if (r < 0)
			hook_child_fail(ctx, report_fd, "%s %s: %s", step,
			    u->name, strerror(-r));
	}
	/*
	 * What the jail's setup kept for the steps above (caps.h): dropped
	 * right after the user switch, before exec.
	 */
	if (c->in_jail) {
		r = caps_finish(ctx->conf);
		if (r < 0 && r != -ENOSYS)
			hook_child_fail(ctx, report_fd, "caps_finish: %s",
			    strerror(-r));
	}
	if (clean) {
		environ = user_clean_env(u);
		if (hook_chdir_home(u->home, c->in_jail) < 0)
			hook_child_fail(ctx, report_fd, "chdir %s: %s",
			    u->home, strerror(errno));
	} else {
		if (u != NULL) {
			setenv("USER", u->name, 1);
			setenv("HOME", u->home, 1);
			setenv("SHELL", *u->shell != '\0' ? u->shell :
			    "/bin/sh", 1);
		}
		if (ctx->jid > 0)
			hook_setenv_int("JID", ctx->jid);
		if (ctx->name != NULL)
			setenv("JNAME", ctx->name, 1);
		if (ctx->path != NULL)
			setenv("JPATH", ctx->path, 1);
	}
	if (c->consfd >= 0 && (dup2(c->consfd, STDOUT_FILENO) < 0 ||
	    dup2(c->consfd, STDERR_FILENO) < 0))
		hook_child_fail(ctx, report_fd, "exec.consolelog: %s",
		    strerror(errno));
	/* Nothing of ljail's (registry locks, pidfds) reaches the command. */
	hook_cloexec_from3();
	/*
	 * Last, after the user switch: jail_enter() kept the capabilities
	 * the switch needed; the command gets only the jail's own.
	 */
	if (c->in_jail) {
		const struct conf_jail *jc = ctx->jail->conf != NULL ?
		    ctx->jail->conf : ctx->conf;

		r = caps_finish(jc);
		if (r < 0 && r != -ENOSYS)
			hook_child_fail(ctx, report_fd, "capabilities: %s",
			    strerror(-r));
	}
	execvp(c->argv[0], c->argv);
	hook_child_fail(ctx, report_fd, "exec %s: %s", c->argv[0],
	    strerror(errno));
}

/*
 * After a refused consolelog below the jail path, says which component
 * is a symlink or missing, in check_path()'s words (the final one may be
 * missing: it is created).  False if it found nothing to name.
 */
static bool
hook_name_component(const struct hook_ctx *ctx, const char *log, size_t plen)
{
	_cleanup_free_ char *t = xstrdup(log);
	struct stat st;

	for (char *p = t + plen; p != NULL;) {
		p = strchr(p + 1, '/');
		if (p != NULL)
			*p = '\0';
		if (lstat(t, &st) < 0) {
			if (errno == ENOENT && p == NULL)
				return false;
			hook_warn(ctx, "exec.consolelog: %s: %s", t,
			    strerror(errno));
			return true;
		}
		if (S_ISLNK(st.st_mode)) {
			hook_warn(ctx, "exec.consolelog: %s is a symbolic link",
			    t);
			return true;
		}
		if (p != NULL)
			*p = '/';
	}
	return false;
}

/*
 * Opens exec.consolelog on the host.  Below the jail path it is opened
 * with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS) from the jail
 * directory: the jail's root owns those directories and could swap one
 * for a symlink to make ljail append to a host file.
 */
static int
hook_consolelog_open(const struct hook_ctx *ctx, const char *log, int *ret_fd)
{
	const char *path = ctx->path;
	size_t plen = path != NULL ? strlen(path) : 0;
	_cleanup_close_ int dir = -1;
	int fd;

	if (log[0] != '/') {
		hook_warn(ctx, "exec.consolelog: %s: not an absolute pathname",
		    log);
		return -EINVAL;
	}
	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	if (path != NULL && plen > 1 && strncmp(log, path, plen) == 0 &&
	    log[plen] == '/') {
		_cleanup_free_ char *root = xstrndup(path, plen);
		struct open_how how = {
			.flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
			    O_NOCTTY,
			.mode = 0666,
			.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS |
			    RESOLVE_NO_MAGICLINKS,
		};

		dir = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
		fd = dir < 0 ? -1 : compat_openat2(dir, log + plen, &how);
		if (fd < 0 && (errno == ELOOP || errno == ENOENT)) {
			int r = -errno;

			if (hook_name_component(ctx, log, plen))
				return r;
			errno = -r;
		}
	} else
		fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
		    O_NOCTTY, 0666);
	if (fd < 0) {
		int r = -errno;

		hook_warn(ctx, "open %s: %s", log, strerror(errno));
		return r;
	}
	*ret_fd = fd;
	return 0;
}

/* Milliseconds from now until a deadline (0 when passed). */
static int
hook_ms_left(const struct timespec *deadline)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (deadline->tv_sec - now.tv_sec) * 1000LL +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
	if (ms < 0)
		return 0;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

/*
 * Waits for the command; with a timeout, SIGKILLs its process group on
 * expiry (FreeBSD only reports the timeout and leaves the command
 * running; a command ljail gave up on should not outlive the jail step).
 */
static int
hook_wait(pid_t pid, long long timeout, int *ret_wstatus)
{
	struct timespec deadline;
	_cleanup_close_ int pidfd = -1;
	bool timed_out = false, subreaper = false;

	if (timeout > 0) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += timeout > INT_MAX ? INT_MAX : timeout;
		pidfd = compat_pidfd_open(pid, 0);
	}
	while (pidfd >= 0) {
		struct pollfd p = { .fd = pidfd, .events = POLLIN };
		int n = poll(&p, 1, hook_ms_left(&deadline));

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0) {
			/*
			 * An in-jail command dies with its intermediate, so
			 * nobody reaps it: the kernel gives it to our
			 * reaper, and a jail's init cannot finish exiting
			 * while a zombie of its PID namespace is left (the
			 * host's PID 1 may take seconds to reap it).  We
			 * take such orphans and reap them below (unless
			 * our caller is a subreaper already: they are its).
			 */
			int was = 0;

			subreaper = prctl(PR_GET_CHILD_SUBREAPER, &was) == 0 &&
			    !was && prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;
			(void)kill(-pid, SIGKILL);
			(void)kill(pid, SIGKILL);
			timed_out = true;
		}
		break;
	}
	while (waitpid(pid, ret_wstatus, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (subreaper) {
		/* The killed group's orphans are ours now (all SIGKILLed). */
		while (waitpid(-pid, NULL, 0) > 0 || errno == EINTR)
			continue;
		(void)prctl(PR_SET_CHILD_SUBREAPER, 0);
	}
	return timed_out ? -ETIMEDOUT : 0;
}

/* Hands the terminal's foreground to a process group; returns the old. */
static pid_t
hook_give_tty(pid_t pgrp)
{
	sigset_t set, old;
	pid_t prev;

	if (!isatty(STDIN_FILENO))
		return -1;
	prev = tcgetpgrp(STDIN_FILENO);
	if (prev < 0 || prev != getpgrp())
		return -1;
	sigemptyset(&set);
	sigaddset(&set, SIGTTOU);
	sigprocmask(SIG_BLOCK, &set, &old);
	if (tcsetpgrp(STDIN_FILENO, pgrp) < 0)
		prev = -1;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return prev;
}

/* Drains the child's report pipe and prints what it said. */
static void
hook_print_report(const struct hook_ctx *ctx, int fd)
{
	char buf[PIPE_BUF + 1];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	if (n <= 0)
		return;
	buf[n] = '\0';
	hook_warn(ctx, "%s", buf);
}

/*
 * Waits until a background command has started: its report pipe reaches
 * end of file once the command has exec'd (close-on-exec) or failed
 * (after writing why).  jail_enter()'s intermediate closes its copy, so
 * nothing else holds the pipe.  The message, if any, goes to ret_msg.
 */
static int
hook_wait_started(int fd, long long timeout, char *ret_msg, size_t size)
{
	struct timespec deadline;
	size_t len = 0;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout > 0 && timeout < INT_MAX ? timeout :
	    INT_MAX / 2;
	ret_msg[0] = '\0';
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int n = poll(&p, 1, hook_ms_left(&deadline));
		ssize_t got;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ETIMEDOUT;
		got = read(fd, ret_msg + len, size - 1 - len);
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
		ret_msg[len] = '\0';
		if (len + 1 >= size)
			break;
	}
	return 0;
}

/* Runs one command and reports its end with jail(8)'s messages. */
static int
hook_run_one(const struct hook_ctx *ctx, struct hook_cmd *c,
    int *ret_status)
{
	_cleanup_free_ char *cmdline = strv_join(c->argv, " ");
	const char *name = hook_user_name(ctx, c->in_jail);
	_cleanup_close_ int consfd = -1;
	long long timeout = 0;
	int pfd[2], wstatus = 0, r;
	pid_t pid, tty_prev = -1;
	const char *log;

	if (c->argv[0] == NULL)
		return 0;
	if (conf_jail_int(ctx->conf, P_EXEC_TIMEOUT, &timeout) < 0)
		timeout = 0;
	log = conf_jail_str(ctx->conf, P_EXEC_CONSOLELOG);
	if (c->in_jail && log != NULL) {
		r = hook_consolelog_open(ctx, log, &consfd);
		if (r < 0)
			return r;
	}
	c->consfd = consfd;
	c->own_pgrp = timeout > 0 && !c->background;
	if (ctx->verbose > 0) {
		if (ctx->label != NULL)
			printf("%s: ", ctx->label);
		printf("run command%s%s%s: %s\n", c->in_jail ? " in jail" : "",
		    name != NULL ? " as " : "", name != NULL ? name : "",
		    cmdline);
	}
	fflush(stdout);
	fflush(stderr);
	if (pipe2(pfd, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		r = -errno;
		close(pfd[0]);
		close(pfd[1]);
		hook_warn(ctx, "fork: %s", strerror(-r));
		return r;
	}
	if (pid == 0) {
		close(pfd[0]);
		if (!c->background)
			hook_child(ctx, c, pfd[1]);
		/*
		 * Background: a grandchild nobody waits for, in its own
		 * session.  It still reports on the pipe until its exec, so
		 * that the jail is not left (a non-persistent one ends when
		 * it is empty) before the command is in it.
		 */
		pid = fork();
		if (pid == 0)
			hook_child(ctx, c, pfd[1]);
		_exit(pid < 0 ? 1 : 0);
	}
	close(pfd[1]);
	if (c->own_pgrp) {
		(void)setpgid(pid, pid);
		tty_prev = hook_give_tty(pid);
	}
	r = hook_wait(pid, c->background ? 0 : timeout, &wstatus);
	if (tty_prev >= 0)
		(void)hook_give_tty(tty_prev);
	if (!c->background)
		hook_print_report(ctx, pfd[0]);
	if (c->background && r == 0 && WIFEXITED(wstatus) &&
	    WEXITSTATUS(wstatus) == 0) {
		char msg[PIPE_BUF + 1];

		r = hook_wait_started(pfd[0], timeout, msg, sizeof(msg));
		close(pfd[0]);
		if (r == -ETIMEDOUT) {
			hook_warn(ctx, "%s: timed out", cmdline);
			*ret_status = 1;
			return r;
		}
		if (r == 0 && msg[0] == '\0')
			return 0;
		hook_warn(ctx, "%s", msg[0] != '\0' ? msg : strerror(-r));
		*ret_status = 1;
		return -ECHILD;
	}
	close(pfd[0]);
	if (c->background) {
		hook_warn(ctx, "fork: %s", strerror(EAGAIN));
		*ret_status = 1;
		return -ECHILD;
	}
	if (r == -ETIMEDOUT) {
		hook_warn(ctx, "%s: timed out", cmdline);
		*ret_status = 1;	/* it did not finish */
		return r;
	}
	if (r < 0)
		return r;
	if (WIFSIGNALED(wstatus)) {
		hook_warn(ctx, "%s: exited on signal %d", cmdline,
		    WTERMSIG(wstatus));
		*ret_status = 128 + WTERMSIG(wstatus);
		return -ECHILD;
	}
	*ret_status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 1;
	if (*ret_status != 0) {
		hook_warn(ctx, "%s: failed", cmdline);
		return -ECHILD;
	}
	return 0;
}

/* Runs every value of a command list in order; stops at the first failure. */
int
hook_run(const struct hook_ctx *ctx, enum param_id list, bool in_jail,
    int *ret_status)
{
	char *const *values = conf_jail_list(ctx->conf, list);
	int status = 0, r = 0;

	if (values == NULL) {
		if (ret_status != NULL)
			*ret_status = 0;
		return 0;
	}
	if (list == P_COMMAND && !ctx->conf->from_config) {
		/* A command-line jail's command: one argv, no shell. */
		struct hook_cmd c = { .argv = strv_copy(values),
			.in_jail = in_jail, .consfd = -1 };

		r = hook_run_one(ctx, &c, &status);
		strv_free(c.argv);
	} else {
		for (size_t i = 0; r == 0 && values[i] != NULL; i++) {
			struct hook_cmd c = { .in_jail = in_jail,
				.consfd = -1 };

			(void)hook_split_command(values[i], &c.argv,
			    &c.background);
			r = hook_run_one(ctx, &c, &status);
			strv_free(c.argv);
		}
	}
	if (r < 0 && status == 0)
		status = 1;	/* failed before the command could run */
	if (ret_status != NULL)
		*ret_status = status;
	return r;
}
