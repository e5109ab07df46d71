/* N2: reconfigure addresses or routes (non-VNET FreeBSD jails cannot). */
#include <net/if.h>
#include <sys/ioctl.h>

#include "nl_util.h"

PROBE(N2, "RTM_NEWADDR on a nonexistent ifindex; SIOCSIFFLAGS")
{
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg a;
		struct rtattr ra;
		unsigned char addr[4];
	} req = { { sizeof(req), RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, 1, 0 },
		{ AF_INET, 32, 0, 0, 0x7ffffff0 },
		{ RTA_LENGTH(4), IFA_LOCAL }, { 192, 0, 2, 77 } };
	struct ifreq ifr = { .ifr_name = "ljnoif0" };
	int v = PROBE_HELD, r, fd;

	/* ENODEV: the kernel looked the interface up: nothing stopped us. */
	r = nl_talk(NETLINK_ROUTE, &req.h, NULL, 0, NULL);
	v = probe_worst(v, probe_expect_fail("RTM_NEWADDR", r == 0 ? 0 : -1,
	    -r, E(EPERM), E(ENODEV, EINVAL)));
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return probe_note(PROBE_BROKEN, "socket: %s", strerror(errno));
	ifr.ifr_flags = IFF_UP;
	EXPECT_FAIL(v, "SIOCSIFFLAGS(ljnoif0)", ioctl(fd, SIOCSIFFLAGS, &ifr),
	    E(EPERM), E(ENODEV));
	close(fd);
	return v;
}
