/* S1: x32 syscall numbers on x86-64. */
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "../probe.h"

#if defined(__x86_64__)
/* Child: one x32 call; exits 1 if it worked, 0 on ENOSYS, 2 otherwise. */
static int
x32_call(void *arg)
{
	long nr = (long)(intptr_t)arg;
	long r = syscall(0x40000000L | nr, CLONE_NEWUSER, NULL, NULL, 0, NULL);

	return r >= 0 ? 1 : errno == ENOSYS ? 0 : errno == EPERM ? 0 : 2;
}

/* Runs one x32 number and classifies how it ended. */
static int
x32(const char *name, long nr)
{
	int st = probe_in_child(x32_call, (void *)(intptr_t)nr);

	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS)
		return probe_note(PROBE_HELD, "x32 %s: killed by SIGSYS", name);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return probe_note(PROBE_HELD, "x32 %s: refused (no x32 ABI)",
		    name);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 1)
		return probe_note(PROBE_ESCAPED, "x32 %s succeeded", name);
	return probe_note(PROBE_ESCAPED, "x32 %s reached the kernel (%#x)",
	    name, st);
}

PROBE(S1, "x32 numbers (bit 30) of unshare, keyctl, mount")
{
	int v = PROBE_HELD;

	v = probe_worst(v, x32("unshare", SYS_unshare));
	v = probe_worst(v, x32("keyctl", SYS_keyctl));
	v = probe_worst(v, x32("mount", SYS_mount));
	return v;
}
#else
PROBE(S1, "x32 numbers (x86-64 only)")
{
	return probe_note(PROBE_SKIP, "not x86-64");
}
#endif
