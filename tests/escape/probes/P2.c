/* P2: ptrace and process_vm of outside processes. */
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "../probe.h"

PROBE(P2, "PTRACE_SEIZE and process_vm_readv on the host sentinel")
{
	const char *s = probe_env("LJ_SENTINEL");
	char buf[8];
	struct iovec l = { buf, sizeof(buf) }, r = { (void *)0x400000, 8 };
	int v = PROBE_HELD;
	pid_t pid;
	long res;

	if (s == NULL)
		return probe_note(PROBE_SKIP, "no LJ_SENTINEL");
	pid = atoi(s);
	/* SEIZE does not stop the tracee; detach at once if it worked. */
	res = ptrace(PTRACE_SEIZE, pid, NULL, NULL);
	if (res == 0)
		ptrace(PTRACE_DETACH, pid, NULL, NULL);
	v = probe_worst(v, probe_expect_fail("PTRACE_SEIZE(sentinel)", res,
	    errno, E(ESRCH), E(EPERM)));
	EXPECT_FAIL(v, "process_vm_readv(sentinel)", syscall(
	    SYS_process_vm_readv, pid, &l, 1, &r, 1, 0), E(ESRCH),
	    E(EPERM, EFAULT));
	return v;
}
