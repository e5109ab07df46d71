/* i386_util.h - the i386 system call entry from a 64-bit process. */
#ifndef LJAIL_PROBE_I386_UTIL_H
#define LJAIL_PROBE_I386_UTIL_H

#include <signal.h>
#include <sys/wait.h>

#include "../probe.h"

#if defined(__x86_64__)
/* int 0x80 with i386 number nr and up to three 32-bit arguments. */
static inline long
i386_syscall(long nr, long a, long b, long c)
{
	long r;

	__asm__ volatile("int $0x80"
	    : "=a"(r)
	    : "a"(nr), "b"(a), "c"(b), "d"(c)
	    : "memory", "r8", "r9", "r10", "r11");
	return r;
}

/* Classifies a child that made one i386 call (see S2/S3). */
static inline int
i386_verdict(const char *name, int st)
{
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS)
		return probe_note(PROBE_HELD, "i386 %s: killed by SIGSYS",
		    name);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return probe_note(PROBE_HELD, "i386 %s: refused", name);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 1)
		return probe_note(PROBE_ESCAPED, "i386 %s succeeded", name);
	return probe_note(PROBE_BROKEN, "i386 %s: status %#x", name, st);
}
#endif
#endif
