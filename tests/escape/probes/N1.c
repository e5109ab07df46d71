/* N1: see the host's interfaces. */
#include <net/if.h>

#include "nl_util.h"

PROBE(N1, "RTM_GETLINK dump: only lo and the jail's own interfaces")
{
	struct {
		struct nlmsghdr h;
		struct ifinfomsg i;
	} req = { { sizeof(req), RTM_GETLINK, NLM_F_DUMP, 1, 0 },
		{ .ifi_family = AF_UNSPEC } };
	const char *own = probe_env("LJ_IFACES");
	char buf[65536];
	ssize_t n = 0;
	int v = PROBE_HELD, count = 0;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0)
		return probe_note(PROBE_BROKEN, "netlink: %s", strerror(errno));
	req.h.nlmsg_flags |= NLM_F_REQUEST;
	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&sa,
	    sizeof(sa)) < 0)
		return probe_note(PROBE_BROKEN, "send: %s", strerror(errno));
	for (bool done = false; !done && (n = recv(fd, buf, sizeof(buf), 0)) > 0;) {
		for (struct nlmsghdr *h = (struct nlmsghdr *)(void *)buf;
		    NLMSG_OK(h, (unsigned)n); h = NLMSG_NEXT(h, n)) {
			struct ifinfomsg *ifi = NLMSG_DATA(h);
			struct rtattr *a = IFLA_RTA(ifi);
			int alen = (int)IFLA_PAYLOAD(h);

			if (h->nlmsg_type == NLMSG_DONE ||
			    h->nlmsg_type == NLMSG_ERROR) {
				done = true;
				break;
			}
			for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
				const char *name = RTA_DATA(a);

				if (a->rta_type != IFLA_IFNAME)
					continue;
				count++;
				if (strcmp(name, "lo") == 0 || (own != NULL &&
				    strstr(own, name) != NULL))
					continue;
				v = probe_worst(v, probe_note(PROBE_ESCAPED,
				    "foreign interface %s visible", name));
			}
		}
	}
	close(fd);
	if (v == PROBE_HELD)
		probe_note(PROBE_HELD, "%d interfaces, all the jail's", count);
	return v;
}
