/* N4: source address spoofing. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../probe.h"

PROBE(N4, "bind to an address not the jail's; IP_TRANSPARENT")
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int one = 1, v = PROBE_HELD;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return probe_note(PROBE_BROKEN, "socket: %s", strerror(errno));
	inet_pton(AF_INET, "198.51.100.77", &sa.sin_addr);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		v = probe_worst(v, probe_expect_fail("bind(198.51.100.77)", -1,
		    errno, E(EADDRNOTAVAIL), NONE));
	} else {
		/*
		 * A namespace that never had an address has no local table,
		 * and the kernel then accepts any bind; spoofing needs a
		 * route out as well, so try to send.
		 */
		struct sockaddr_in to = { .sin_family = AF_INET,
			.sin_port = htons(9) };

		inet_pton(AF_INET, "198.51.100.1", &to.sin_addr);
		EXPECT_FAIL(v, "sendto from 198.51.100.77", sendto(fd, "x", 1,
		    0, (struct sockaddr *)&to, sizeof(to)),
		    E(ENETUNREACH, EINVAL), NONE);
	}
	EXPECT_FAIL(v, "IP_TRANSPARENT", setsockopt(fd, SOL_IP, IP_TRANSPARENT,
	    &one, sizeof(one)), E(EPERM), NONE);
	close(fd);
	return v;
}
