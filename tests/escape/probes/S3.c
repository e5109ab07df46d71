/* S3: the i386 socketcall multiplexer hides the family from BPF. */
#include <sys/mman.h>
#include <sys/socket.h>

#include "i386_util.h"

#if defined(__x86_64__)
/* Child: socketcall(SYS_SOCKET, {family, SOCK_RAW, 0}); 1 if it worked. */
static int
call(void *arg)
{
	unsigned *args = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	long r;

	if (args == MAP_FAILED)
		return 2;
	args[0] = (unsigned)(intptr_t)arg;
	args[1] = SOCK_RAW;
	args[2] = 0;
	r = i386_syscall(102, 1, (long)(intptr_t)args, 0);
	return r >= 0 ? 1 : (r == -ENOSYS || r == -EAFNOSUPPORT ||
	    r == -EPERM) ? 0 : 2;
}

PROBE(S3, "socketcall(SYS_SOCKET) with AF_PACKET and AF_ALG via int 0x80")
{
	int v = PROBE_HELD;

	v = probe_worst(v, i386_verdict("socketcall(AF_PACKET)",
	    probe_in_child(call, (void *)(intptr_t)AF_PACKET)));
	v = probe_worst(v, i386_verdict("socketcall(AF_ALG)",
	    probe_in_child(call, (void *)(intptr_t)38)));
	return v;
}
#else
PROBE(S3, "socketcall (x86-64 only)")
{
	return probe_note(PROBE_SKIP, "not x86-64");
}
#endif
