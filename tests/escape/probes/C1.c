/* C1: regain capabilities with a new user namespace. */
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "../probe.h"

PROBE(C1, "unshare/clone/clone3 with CLONE_NEWUSER")
{
	struct clone_args ca = { .flags = CLONE_NEWUSER,
		.exit_signal = SIGCHLD };
	int v = PROBE_HELD;
	long r;

	EXPECT_FAIL(v, "unshare(CLONE_NEWUSER)", unshare(CLONE_NEWUSER),
	    E(EPERM), NONE);
	fflush(stdout);
	r = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL, NULL);
	if (r == 0)
		_exit(0);
	if (r > 0)
		waitpid((pid_t)r, NULL, 0);
	v = probe_worst(v, probe_expect_fail("clone(CLONE_NEWUSER)", r, errno,
	    E(EPERM), NONE));
	r = syscall(SYS_clone3, &ca, sizeof(ca));
	if (r == 0)
		_exit(0);
	if (r > 0)
		waitpid((pid_t)r, NULL, 0);
	v = probe_worst(v, probe_expect_fail("clone3(CLONE_NEWUSER)", r, errno,
	    E(ENOSYS, EPERM), NONE));
	return v;
}
