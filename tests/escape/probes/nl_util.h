/* nl_util.h - a raw rtnetlink request and its answer, for the N probes. */
#ifndef LJAIL_PROBE_NL_UTIL_H
#define LJAIL_PROBE_NL_UTIL_H

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "../probe.h"

/*
 * Sends one request on a new netlink socket of protocol proto and returns
 * the error of its acknowledgement (0 = accepted, -errno), or the
 * socket-level -errno; for a dump, *ret_buf receives the reply.
 */
static inline int
nl_talk(int proto, struct nlmsghdr *req, char *ret_buf, size_t len,
    ssize_t *ret_len)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	char buf[16384];
	ssize_t n;
	int fd, err = 0;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (fd < 0)
		return -errno;
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	if (sendto(fd, req, req->nlmsg_len, 0, (struct sockaddr *)&sa,
	    sizeof(sa)) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	n = recv(fd, ret_buf != NULL ? ret_buf : buf,
	    ret_buf != NULL ? len : sizeof(buf), 0);
	if (n < 0) {
		err = -errno;
	} else {
		struct nlmsghdr *h = (struct nlmsghdr *)(void *)(ret_buf != NULL ?
		    ret_buf : buf);

		if (ret_len != NULL)
			*ret_len = n;
		if (NLMSG_OK(h, (unsigned)n) && h->nlmsg_type == NLMSG_ERROR)
			err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	}
	close(fd);
	return err;
}
#endif
