/* S6: remove or loosen the filter. */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "../probe.h"

PROBE(S6, "install an allow-everything filter, retry blocked calls")
{
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { 1, &allow };
	int v = PROBE_HELD;

	/* no_new_privs lets even an unprivileged user stack a filter. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		return probe_note(PROBE_BROKEN, "stacking a filter: %s",
		    strerror(errno));
	probe_note(PROBE_HELD, "permissive filter stacked");
	EXPECT_FAIL(v, "unshare(CLONE_NEWUSER)", unshare(CLONE_NEWUSER),
	    E(EPERM), NONE);
	EXPECT_FAIL(v, "mount(NULL)", mount(NULL, NULL, NULL, 0, NULL),
	    E(EPERM), E(EFAULT, ENOENT));
	/* SECCOMP_MODE_STRICT cannot replace a filter either. */
	EXPECT_FAIL(v, "prctl(PR_SET_SECCOMP, STRICT)", prctl(PR_SET_SECCOMP,
	    SECCOMP_MODE_STRICT, 0, 0, 0), E(EINVAL), NONE);
	return v;
}
