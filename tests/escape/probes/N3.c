/* N3: raw and packet sockets. */
#include <netinet/in.h>
#include <sys/socket.h>

#include "../probe.h"

/* One socket() that must fail. */
static int
raw(const char *step, int family, int type, int proto)
{
	int fd = socket(family, type | SOCK_CLOEXEC, proto);
	int err = errno;

	if (fd >= 0)
		close(fd);
	return probe_expect_fail(step, fd, err, E(EPERM, EAFNOSUPPORT), NONE);
}

PROBE(N3, "socket(AF_PACKET, SOCK_RAW), socket(AF_INET, SOCK_RAW, ICMP)")
{
	int v = PROBE_HELD;

	v = probe_worst(v, raw("AF_PACKET/SOCK_RAW", AF_PACKET, SOCK_RAW, 0));
	v = probe_worst(v, raw("AF_PACKET/SOCK_DGRAM", AF_PACKET, SOCK_DGRAM,
	    0));
	v = probe_worst(v, raw("AF_INET/SOCK_RAW/ICMP", AF_INET, SOCK_RAW,
	    IPPROTO_ICMP));
	v = probe_worst(v, raw("AF_INET6/SOCK_RAW/RAW", AF_INET6, SOCK_RAW,
	    IPPROTO_RAW));
	return v;
}
