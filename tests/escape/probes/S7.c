/* S7: a tracer rewrites a syscall after the filter ran (pre-4.8 bug). */
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "../probe.h"

#if defined(__x86_64__)
PROBE(S7, "PTRACE_SYSCALL turns getpid into unshare(CLONE_NEWUSER)")
{
	struct user_regs_struct regs;
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return probe_note(PROBE_BROKEN, "fork: %s", strerror(errno));
	if (pid == 0) {
		long r;

		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			_exit(errno == EPERM ? 3 : 2);
		raise(SIGSTOP);
		r = syscall(SYS_getpid);
		/* 0: unshare succeeded; -1 EPERM: the filter saw it. */
		_exit(r == 0 ? 1 : (r < 0 && errno == EPERM) ? 0 : 4);
	}
	if (waitpid(pid, &st, 0) != pid)
		return PROBE_BROKEN;
	if (WIFEXITED(st))
		return WEXITSTATUS(st) == 3 ? probe_note(PROBE_HELD,
		    "PTRACE_TRACEME: EPERM") : probe_note(PROBE_BROKEN,
		    "child exited %d", WEXITSTATUS(st));
	ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)PTRACE_O_TRACESYSGOOD);
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, pid, NULL, NULL) < 0 ||
		    waitpid(pid, &st, 0) != pid)
			return probe_note(PROBE_BROKEN, "trace: %s",
			    strerror(errno));
		if (WIFEXITED(st) || WIFSIGNALED(st))
			break;
		if (!WIFSTOPPED(st) || WSTOPSIG(st) != (SIGTRAP | 0x80))
			continue;
		if (ptrace(PTRACE_GETREGS, pid, NULL, &regs) < 0)
			return PROBE_BROKEN;
		if (regs.orig_rax != SYS_getpid)
			continue;
		regs.orig_rax = SYS_unshare;
		regs.rdi = CLONE_NEWUSER;
		ptrace(PTRACE_SETREGS, pid, NULL, &regs);
		ptrace(PTRACE_DETACH, pid, NULL, NULL);
		if (waitpid(pid, &st, 0) != pid)
			return PROBE_BROKEN;
		break;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return probe_note(PROBE_HELD, "rewritten call: EPERM");
	if (WIFEXITED(st) && WEXITSTATUS(st) == 1)
		return probe_note(PROBE_ESCAPED, "rewritten unshare succeeded");
	return probe_note(PROBE_BROKEN, "child status %#x", st);
}
#else
PROBE(S7, "ptrace rewrite (x86-64 only)")
{
	return probe_note(PROBE_SKIP, "not x86-64");
}
#endif
