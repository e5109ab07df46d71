/* S5: clone3, whose flags seccomp cannot read. */
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "../probe.h"

PROBE(S5, "clone3 with CLONE_NEWUSER / CLONE_NEWNS / no flags")
{
	static const uint64_t flags[] = { CLONE_NEWUSER, CLONE_NEWNS, 0 };
	int v = PROBE_HELD;

	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		struct clone_args ca = { .flags = flags[i],
			.exit_signal = SIGCHLD };
		char step[64];
		long r;

		fflush(stdout);
		r = syscall(SYS_clone3, &ca, sizeof(ca));
		if (r == 0)
			_exit(0);
		if (r > 0)
			waitpid((pid_t)r, NULL, 0);
		snprintf(step, sizeof(step), "clone3(%#llx)",
		    (unsigned long long)flags[i]);
		/*
		 * Even without flags: ENOSYS makes libc fall back to clone.
		 * EPERM for namespace flags: the kernel's own refusal (a
		 * chroot may not create a user namespace) also holds.
		 */
		v = probe_worst(v, probe_expect_fail(step, r, errno,
		    flags[i] != 0 ? E(ENOSYS, EPERM) : E(ENOSYS), NONE));
	}
	return v;
}
