/* N5: host-only services on 127.0.0.1. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../probe.h"

PROBE(N5, "connect to a host service on 127.0.0.1")
{
	const char *port = probe_env("LJ_PORT");
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd, v = PROBE_HELD;

	if (port == NULL)
		return probe_note(PROBE_SKIP, "no LJ_PORT");
	sa.sin_port = htons((uint16_t)atoi(port));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return probe_note(PROBE_BROKEN, "socket: %s", strerror(errno));
	/* ENETUNREACH: the jail's own loopback is down. */
	EXPECT_FAIL(v, "connect(127.0.0.1)", connect(fd,
	    (struct sockaddr *)&sa, sizeof(sa)), E(ECONNREFUSED, ENETUNREACH),
	    NONE);
	close(fd);
	return v;
}
