/* N6: audit and uevent netlink. */
#include "nl_util.h"

#ifndef NETLINK_AUDIT
#define NETLINK_AUDIT 9
#endif

PROBE(N6, "NETLINK_AUDIT status request; NETLINK_KOBJECT_UEVENT")
{
	struct nlmsghdr req = { NLMSG_LENGTH(0), 1000 /* AUDIT_GET */, 0, 1,
		0 };
	char buf[4096];
	ssize_t n = 0;
	int v = PROBE_HELD, r, fd;

	r = nl_talk(NETLINK_AUDIT, &req, buf, sizeof(buf), &n);
	if (r == 0 && n > 0 &&
	    ((struct nlmsghdr *)(void *)buf)->nlmsg_type == 1000)
		v = probe_worst(v, probe_note(PROBE_ESCAPED,
		    "audit status readable"));
	else if (r == 0)
		v = probe_worst(v, probe_note(PROBE_ESCAPED, "audit request "
		    "accepted"));
	else
		v = probe_worst(v, probe_expect_fail("AUDIT_GET", -1, -r,
		    E(EPERM, ECONNREFUSED, EPROTONOSUPPORT, EAFNOSUPPORT),
		    NONE));
	/* Harmless if allowed: a private netns gets no host uevents. */
	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
	    NETLINK_KOBJECT_UEVENT);
	v = probe_worst(v, probe_note(PROBE_HELD, "uevent socket: %s",
	    fd >= 0 ? "opens (no host events in a private netns)" :
	    strerror(errno)));
	if (fd >= 0)
		close(fd);
	return v;
}
