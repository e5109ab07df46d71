/* S2: the i386 entry (int 0x80) from a 64-bit process. */
#include <sched.h>

#include "i386_util.h"

#if defined(__x86_64__)
/* Child: i386 unshare (310) or mount (21); 1 if it worked. */
static int
call(void *arg)
{
	long r = arg != NULL ? i386_syscall(310, CLONE_NEWUSER, 0, 0) :
	    i386_syscall(21, 0, 0, 0);

	/* -ENOSYS: no IA32 emulation; -EPERM: x86 is in the filter;
	 * -EFAULT/-EINVAL: mount's arguments were read, nothing stopped it. */
	if (r >= 0 || r == -EFAULT || r == -EINVAL)
		return 1;
	return (r == -ENOSYS || r == -EPERM) ? 0 : 2;
}

PROBE(S2, "i386 unshare and mount through int 0x80")
{
	int v = PROBE_HELD;

	v = probe_worst(v, i386_verdict("unshare(CLONE_NEWUSER)",
	    probe_in_child(call, (void *)1)));
	v = probe_worst(v, i386_verdict("mount(NULL)",
	    probe_in_child(call, NULL)));
	return v;
}
#else
PROBE(S2, "i386 entry (x86-64 only)")
{
	return probe_note(PROBE_SKIP, "not x86-64");
}
#endif
