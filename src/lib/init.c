/*
 * init.c - PID 1 of a jail.
 *
 * init is the first process of the jail's namespaces, forked (cloned)
 * from ljail; it never execs, so the jail has no init binary to replace
 * and nothing of the host's is reachable through it.  Its loop is
 * allocation-free: every signal is blocked and read with sigwaitinfo(),
 * so nothing runs in a signal handler.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "init.h"
#include "util.h"

bool
init_is_control(const siginfo_t *si)
{
	/*
	 * Outside the PID namespace the sender has no pid here, so the
	 * kernel writes 0; SI_USER rules out rt_sigqueueinfo(), whose
	 * caller chooses si_pid but must use a negative si_code.
	 */
	return si->si_code == SI_USER && si->si_pid == 0;
}

/* Reaps every child that has exited. */
static void
init_reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		continue;
}

bool
init_is_alone(void)
{
	/* kill(-1) skips init itself; ESRCH means nobody else exists. */
	return kill(-1, 0) < 0 && errno == ESRCH;
}

void
init_main(bool persist, unsigned stop_timeout)
{
	struct timespec deadline = { 0, 0 }, now, wait;
	bool stopping = false;
	siginfo_t si;
	sigset_t all;
	int sig;

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	for (;;) {
		init_reap();
		if ((!persist || stopping) && init_is_alone())
			_exit(0);
		if (stopping) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec >= deadline.tv_sec)
				_exit(0);	/* the kernel kills the rest */
			wait.tv_sec = deadline.tv_sec - now.tv_sec;
			wait.tv_nsec = 0;
			sig = sigtimedwait(&all, &si, &wait);
		} else
			sig = sigwaitinfo(&all, &si);
		if (sig < 0)
			continue;
		if (sig == SIGCHLD)
			continue;
		if (sig == SIGTERM || sig == SIGINT || sig == SIGHUP) {
			kill(-1, sig);
			continue;
		}
		if (!init_is_control(&si))
			continue;
		if (sig == INIT_SIG_PERSIST_ON || sig == INIT_SIG_PERSIST_OFF) {
			persist = sig == INIT_SIG_PERSIST_ON;
		} else if (sig == INIT_SIG_STOP && !stopping) {
			stopping = true;
			clock_gettime(CLOCK_MONOTONIC, &deadline);
			deadline.tv_sec += stop_timeout;
			kill(-1, SIGTERM);
		}
		/* INIT_SIG_CHECK: the loop looks again. */
	}
}

int
init_start_time(pid_t pid, unsigned long long *ret)
{
	_cleanup_free_ char *buf = NULL;
	unsigned long long start;
	char path[64], *p;
	int field, r;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	r = util_read_file(path, &buf, NULL);
	if (r < 0)
		return r;
	/* comm may hold spaces and parentheses: count from the last ')'. */
	p = strrchr(buf, ')');
	if (p == NULL)
		return -EINVAL;
	for (field = 2; field < 22 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p + 1, "%llu", &start) != 1)
		return -EINVAL;
	*ret = start;
	return 0;
}
