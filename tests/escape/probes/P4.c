/* P4: abstract unix sockets of the host (CVE-2020-15257). */
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "../probe.h"

PROBE(P4, "connect to the host's abstract unix socket")
{
	const char *name = probe_env("LJ_ABSTRACT");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	socklen_t len;
	int fd, v = PROBE_HELD;

	if (name == NULL)
		return probe_note(PROBE_SKIP, "no LJ_ABSTRACT");
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return probe_note(PROBE_BROKEN, "socket: %s", strerror(errno));
	strncpy(sa.sun_path + 1, name, sizeof(sa.sun_path) - 2);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
	    strlen(name));
	EXPECT_FAIL(v, "connect(@host)", connect(fd, (struct sockaddr *)&sa,
	    len), E(ECONNREFUSED), NONE);
	close(fd);
	return v;
}
