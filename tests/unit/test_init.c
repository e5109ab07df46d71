/*
 * Unit tests of init: the control-signal rule, and the loop itself run
 * as PID 1 of a real PID namespace (skipped without user namespaces).
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "compat.h"
#include "init.h"
#include "ns.h"
#include "util.h"

Test(init, control_only_from_outside)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_code = SI_USER;
	si.si_pid = 0;
	cr_expect(init_is_control(&si));
	si.si_pid = 42;		/* kill() from a process in the jail */
	cr_expect_not(init_is_control(&si));
	si.si_code = SI_QUEUE;	/* rt_sigqueueinfo() chooses si_pid */
	si.si_pid = 0;
	cr_expect_not(init_is_control(&si));
	si.si_code = SI_KERNEL;
	cr_expect_not(init_is_control(&si));
	si.si_code = 1;		/* POLL_IN from an F_SETSIG owner */
	cr_expect_not(init_is_control(&si));
}

Test(init, start_time_survives_a_strange_comm)
{
	unsigned long long a = 0, b = 0;

	cr_assert_eq(init_start_time(getpid(), &a), 0);
	prctl(PR_SET_NAME, "a) b (c 1 2 3");
	cr_assert_eq(init_start_time(getpid(), &b), 0);
	cr_expect_eq(a, b);
	cr_expect_gt(a, 0);
	cr_expect_eq(init_start_time(999999999, &a), -ENOENT);
}

/* What the workers of a test init do. */
enum worker {
	W_NONE,
	W_SHORT,		/* sleeps 300 ms, exits */
	W_LONG,			/* sleeps 100 s, SIGTERM kills it */
	W_DEAF,			/* ignores SIGTERM, sleeps 100 s */
	W_FORGER,		/* forges control signals to init, exits */
};

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

/* Runs one worker inside the PID namespace. */
static void __attribute__((noreturn))
worker_main(enum worker w)
{
	siginfo_t si;

	switch (w) {
	case W_SHORT:
		usleep(300000);
		break;
	case W_DEAF:
		signal(SIGTERM, SIG_IGN);
		/* FALLTHROUGH */
	case W_LONG:
		sleep(100);
		break;
	case W_FORGER:
		memset(&si, 0, sizeof(si));
		si.si_signo = INIT_SIG_PERSIST_OFF;
		si.si_code = SI_QUEUE;
		si.si_pid = 0;
		si.si_uid = 0;
		syscall(SYS_rt_sigqueueinfo, 1, INIT_SIG_PERSIST_OFF, &si);
		kill(1, INIT_SIG_PERSIST_OFF);
		kill(1, INIT_SIG_STOP);
		break;
	default:
		break;
	}
	_exit(0);
}

/*
 * Starts init as PID 1 of a new user+PID namespace with one worker;
 * returns a pidfd on it.
 */
static int
start_init(bool persist, unsigned stop_timeout, enum worker w)
{
	int go[2], pidfd = -1;
	pid_t pid;

	cr_assert_eq(pipe(go), 0);
	pid = ns_clone(CLONE_NEWUSER | CLONE_NEWPID, &pidfd);
	cr_assert_geq(pid, 0, "clone: %s", strerror((int)-pid));
	if (pid == 0) {
		char c;

		close(go[1]);
		if (read(go[0], &c, 1) != 1 || ns_become_root(true) < 0)
			_exit(2);
		close(go[0]);
		if (w != W_NONE && fork() == 0)
			worker_main(w);
		init_main(persist, stop_timeout);
	}
	close(go[0]);
	cr_assert_eq(ns_write_idmap_self(pid, geteuid(), getegid()), 0);
	cr_assert_eq(write(go[1], "g", 1), 1);
	close(go[1]);
	return pidfd;
}

/* True if the process behind pidfd exits within ms milliseconds. */
static bool
gone_within(int pidfd, int ms)
{
	struct pollfd p = { .fd = pidfd, .events = POLLIN };

	return poll(&p, 1, ms) == 1;
}

/* Sends a control signal the way ljail does (no siginfo). */
static void
control(int pidfd, int sig)
{
	cr_assert_eq(compat_pidfd_send_signal(pidfd, sig, NULL, 0), 0);
}

Test(init, non_persistent_ends_with_its_last_process)
{
	int pidfd;

	if (!userns_ok())
		cr_skip_test("user namespaces unavailable");
	pidfd = start_init(false, 10, W_SHORT);
	cr_expect_not(gone_within(pidfd, 100), "init left with a live worker");
	cr_expect(gone_within(pidfd, 3000), "init outlived its last process");
}

Test(init, persistent_stays_alone_until_persist_off)
{
	int pidfd;

	if (!userns_ok())
		cr_skip_test("user namespaces unavailable");
	pidfd = start_init(true, 10, W_SHORT);
	cr_expect_not(gone_within(pidfd, 600), "persistent init left");
	control(pidfd, INIT_SIG_PERSIST_OFF);
	cr_expect(gone_within(pidfd, 2000), "init ignored persist off");
}

Test(init, forged_control_signals_are_ignored)
{
	int pidfd;

	if (!userns_ok())
		cr_skip_test("user namespaces unavailable");
	pidfd = start_init(true, 10, W_FORGER);
	cr_expect_not(gone_within(pidfd, 600),
	    "init obeyed a signal from inside the jail");
	control(pidfd, INIT_SIG_PERSIST_OFF);
	cr_expect(gone_within(pidfd, 2000));
}

Test(init, stop_terms_everyone_then_exits)
{
	struct timespec a, b;
	int pidfd;

	if (!userns_ok())
		cr_skip_test("user namespaces unavailable");
	pidfd = start_init(true, 5, W_LONG);
	usleep(100000);
	clock_gettime(CLOCK_MONOTONIC, &a);
	control(pidfd, INIT_SIG_STOP);
	cr_assert(gone_within(pidfd, 3000), "stop did not end the jail");
	clock_gettime(CLOCK_MONOTONIC, &b);
	/* The worker obeys SIGTERM: no need to wait for the timeout. */
	cr_expect_lt(b.tv_sec - a.tv_sec, 2);
}

Test(init, stop_timeout_ends_a_deaf_jail)
{
	struct timespec a, b;
	int pidfd;

	if (!userns_ok())
		cr_skip_test("user namespaces unavailable");
	pidfd = start_init(true, 1, W_DEAF);
	usleep(100000);
	clock_gettime(CLOCK_MONOTONIC, &a);
	control(pidfd, INIT_SIG_STOP);
	cr_expect_not(gone_within(pidfd, 500), "init did not wait");
	cr_assert(gone_within(pidfd, 3000), "stop.timeout not enforced");
	clock_gettime(CLOCK_MONOTONIC, &b);
	cr_expect_geq((b.tv_sec - a.tv_sec) * 1000 +
	    (b.tv_nsec - a.tv_nsec) / 1000000, 900);
}

Test(init, sigterm_is_forwarded)
{
	int pidfd;

	if (!userns_ok())
		cr_skip_test("user namespaces unavailable");
	pidfd = start_init(false, 10, W_LONG);
	cr_expect_not(gone_within(pidfd, 100));
	control(pidfd, SIGTERM);
	cr_expect(gone_within(pidfd, 2000), "SIGTERM did not reach the worker");
}
