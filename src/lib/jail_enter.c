/*
 * jail_enter.c - entering a live jail, the one way every in-jail command
 * gets in (exec.start, command, exec.stop, ljexec).
 */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caps.h"
#include "compat.h"
#include "filter.h"
#include "init.h"
#include "jail.h"
#include "ns.h"
#include "util.h"

/* The child of the intermediate, for the signal forwarder. */
static volatile pid_t enter_child;

/* In the intermediate: passes a termination signal on to the child. */
static void
enter_forward(int sig)
{
	if (enter_child > 0)
		kill(enter_child, sig);
}

/* The intermediate: waits for the child, tells init, exits alike. */
static void __attribute__((noreturn))
enter_wait(const struct jail_handle *h, pid_t child)
{
	static const int fwd[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT,
	    SIGUSR1, SIGUSR2 };
	struct sigaction sa;
	int status = 0;
	size_t i;

	enter_child = child;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = enter_forward;
	for (i = 0; i < ARRAY_SIZE(fwd); i++)
		sigaction(fwd[i], &sa, NULL);
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			_exit(127);
	/* A non-persistent jail may now be empty: let init look. */
	compat_pidfd_send_signal(h->init_pidfd, INIT_SIG_CHECK, NULL, 0);
	if (WIFSIGNALED(status)) {
		sigset_t set;

		signal(WTERMSIG(status), SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, WTERMSIG(status));
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(WTERMSIG(status));
		_exit(128 + WTERMSIG(status));
	}
	_exit(WEXITSTATUS(status));
}

int
jail_enter(const struct jail_handle *h)
{
	bool rootless = geteuid() != 0;
	unsigned long flags;
	pid_t child;
	int r;

	/*
	 * Non-dumpable before joining: the jail's root must not ptrace or
	 * read /proc of a process that still holds host resources
	 * (CVE-2016-9962).
	 */
	if (prctl(PR_SET_DUMPABLE, 0) < 0)
		return -errno;
	/*
	 * The jail's parameters say which namespaces it has (they cannot
	 * change after creation); /proc/INIT/ns is unreadable to a rootless
	 * caller because init is not dumpable.
	 */
	if (h->conf != NULL)
		flags = ns_jail_flags(h->conf);
	else {
		r = ns_differing(h->init_pid, &flags);
		if (r < 0)
			return r;
	}
	if (flags == 0)
		return -ESRCH;		/* not a jail (or its init is gone) */
	/* One setns: the kernel joins the user namespace first. */
	r = ns_enter(h->init_pidfd, flags);
	if (r < 0)
		return r;
	if (flags & CLONE_NEWUSER) {
		r = ns_become_root(rootless);
		if (r < 0)
			return r;
	}
	fflush(NULL);
	child = fork();
	if (child < 0)
		return -errno;
	if (child > 0)
		enter_wait(h, child);
	/* Dies with the intermediate (until a user switch clears it). */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* Never the caller's cwd (CVE-2024-21626): the jail's root. */
	if (chdir("/") < 0)
		_exit(127);
	/*
	 * No host fd reaches a program exec'd here; the caller's own report
	 * pipes keep working until the exec.
	 */
	if (compat_close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		_exit(127);
	r = caps_apply(h->conf);
	if (r < 0 && r != -ENOSYS)
		_exit(127);
	if (r == -ENOSYS)
		util_debug("caps_apply: not built yet");
	r = filter_apply(h->conf);
	if (r < 0 && r != -ENOSYS)
		_exit(127);
	if (r == -ENOSYS)
		util_debug("filter_apply: not built yet");
	return 0;
}
