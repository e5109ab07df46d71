/*
 * net_link.c - rtnetlink requests over libmnl: one socket per namespace,
 * requests batched into one send, every request acked and checked, with
 * the kernel's extended ack message where it gives one.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/ip.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include "net_link.h"
#include "util.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS 0x200
#endif
#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif
#ifndef NLMSGERR_ATTR_MSG
#define NLMSGERR_ATTR_MSG 1
#endif

/* Requests per send: their acks must fit the receive buffer. */
#define NET_NL_CHUNK 64
/* Room kept free for the next message of a batch (they are small). */
#define NET_NL_MSG_ROOM 4096
/* Receive buffer: large enough for any one netlink message (8 KB + page). */
#define NET_NL_RCVBUF 32768

struct net_nl_req {
	uint32_t seq;
	char *what;
	bool absent_ok;		/* a delete of something already gone */
};

struct net_nl {
	struct mnl_socket *sock;
	uint32_t portid;
	uint32_t seq;
	bool strict;		/* the kernel filters dumps by interface */
	char *buf;		/* the batch */
	size_t len, cap;
	struct nlmsghdr *cur;	/* message being built */
	struct net_nl_req *reqs;
	size_t nreqs;
};

/* Opens and binds a NETLINK_ROUTE socket with extended acks. */
int
net_nl_open(struct net_nl **ret)
{
	struct net_nl *nl;
	int one = 1;

	nl = xcalloc(1, sizeof(*nl));
	nl->sock = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (nl->sock == NULL) {
		int e = errno;

		free(nl);
		return -e;
	}
	/* Best effort: older kernels lack them and still work. */
	(void)mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one,
	    sizeof(one));
	(void)mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one,
	    sizeof(one));
	/*
	 * Strict checking lets the kernel filter dumps by interface, so a
	 * host with a large routing table is not read whole per jail.
	 */
	nl->strict = mnl_socket_setsockopt(nl->sock, NETLINK_GET_STRICT_CHK,
	    &one, sizeof(one)) == 0;
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		int e = errno;

		mnl_socket_close(nl->sock);
		free(nl);
		return -e;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (uint32_t)time(NULL);
	nl->cap = 65536;
	nl->buf = xmalloc(nl->cap);
	*ret = nl;
	return 0;
}

/*
 * Opens a socket inside another network namespace.  A netlink socket
 * stays bound to the namespace it was created in, so the process enters
 * the jail's namespace only for socket(): everything else ljail does
 * keeps happening in the host's.
 */
int
net_nl_open_in(int netns_fd, struct net_nl **ret)
{
	int self, r, r2;

	self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return -errno;
	if (setns(netns_fd, CLONE_NEWNET) < 0) {
		r = -errno;
		close(self);
		return r;
	}
	r = net_nl_open(ret);
	r2 = setns(self, CLONE_NEWNET) < 0 ? -errno : 0;
	close(self);
	if (r2 < 0) {
		if (r == 0)
			net_nl_close(*ret);
		return r2;
	}
	return r;
}

/*
 * Writes net sysctls (paths under /proc/sys/net/) as seen from the
 * network namespace netns_fd: a net sysctl file shows the namespace of
 * whoever opens it, so the process enters the jail's namespace only for
 * the open()s.  A missing file (ENOENT: IPv6 compiled out) is skipped.
 */
int
net_sysctl_in(int netns_fd, char *const *paths, char *const *values,
    char **ret_msg)
{
	int self, r = 0, r2;

	self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return -errno;
	if (setns(netns_fd, CLONE_NEWNET) < 0) {
		r = -errno;
		close(self);
		return r;
	}
	for (size_t i = 0; paths[i] != NULL && r == 0; i++) {
		char path[256];

		snprintf(path, sizeof(path), "/proc/sys/net/%s", paths[i]);
		r = util_write_file(path, values[i]);
		if (r == -ENOENT)
			r = 0;
		else if (r < 0 && ret_msg != NULL)
			*ret_msg = xasprintf("%s: %s", path, strerror(-r));
	}
	r2 = setns(self, CLONE_NEWNET) < 0 ? -errno : 0;
	close(self);
	return r2 < 0 ? r2 : r;
}

/* Forgets the requests of a batch. */
static void
net_nl_reset(struct net_nl *nl)
{
	for (size_t i = 0; i < nl->nreqs; i++)
		free(nl->reqs[i].what);
	free(nl->reqs);
	nl->reqs = NULL;
	nl->nreqs = 0;
	nl->len = 0;
	nl->cur = NULL;
}

/* Closes a socket and frees a pending batch. */
void
net_nl_close(struct net_nl *nl)
{
	if (nl == NULL)
		return;
	net_nl_reset(nl);
	mnl_socket_close(nl->sock);
	free(nl->buf);
	free(nl);
}

/* Finishes the message being built (its length is final). */
static void
net_nl_end(struct net_nl *nl)
{
	if (nl->cur == NULL)
		return;
	nl->len += MNL_ALIGN(nl->cur->nlmsg_len);
	nl->cur = NULL;
}

/* Starts a request in the batch, with NLM_F_REQUEST | NLM_F_ACK. */
static struct nlmsghdr *
net_nl_begin(struct net_nl *nl, uint16_t type, uint16_t flags,
    const char *what)
{
	struct nlmsghdr *nlh;

	net_nl_end(nl);
	if (nl->cap - nl->len < NET_NL_MSG_ROOM) {
		nl->cap *= 2;
		nl->buf = xrealloc(nl->buf, nl->cap);
	}
	nlh = mnl_nlmsg_put_header(nl->buf + nl->len);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	nl->reqs = xreallocarray(nl->reqs, nl->nreqs + 1, sizeof(*nl->reqs));
	nl->reqs[nl->nreqs].seq = nlh->nlmsg_seq;
	nl->reqs[nl->nreqs].what = xstrdup(what);
	nl->reqs[nl->nreqs].absent_ok = false;
	nl->nreqs++;
	nl->cur = nlh;
	return nlh;
}

struct net_nl_ack {
	struct net_nl *nl;
	size_t pending;
	int err;
	char *msg;
};

/* Collects the extended ack message of an error, if any. */
static int
net_nl_extack_cb(const struct nlattr *attr, void *data)
{
	const char **text = data;

	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		*text = mnl_attr_get_str(attr);
	return MNL_CB_OK;
}

/* Handles one ack (NLMSG_ERROR, error 0 or not). */
static int
net_nl_ack_cb(const struct nlmsghdr *nlh, void *data)
{
	struct net_nl_ack *st = data;
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const char *what = "netlink request", *ext = NULL;

	bool ours = false;

	if (nlh->nlmsg_type != NLMSG_ERROR ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*e))
		return MNL_CB_OK;
	bool absent_ok = false;

	for (size_t i = 0; i < st->nl->nreqs; i++)
		if (st->nl->reqs[i].seq == nlh->nlmsg_seq) {
			what = st->nl->reqs[i].what;
			absent_ok = st->nl->reqs[i].absent_ok;
			ours = true;
		}
	/* A stale answer (an earlier, abandoned batch) is not an ack. */
	if (!ours)
		return MNL_CB_OK;
	if (st->pending > 0)
		st->pending--;
	if (e->error == 0 || st->err != 0)
		return MNL_CB_OK;
	if (absent_ok && (e->error == -EADDRNOTAVAIL || e->error == -ENOENT ||
	    e->error == -ESRCH || e->error == -ENODEV))
		return MNL_CB_OK;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		size_t off = sizeof(*e);

		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off = sizeof(int) + MNL_ALIGN(e->msg.nlmsg_len);
		if (off < mnl_nlmsg_get_payload_len(nlh))
			(void)mnl_attr_parse(nlh, (unsigned)off,
			    net_nl_extack_cb, &ext);
	}
	st->err = e->error;
	st->msg = xasprintf("%s: %s", what,
	    ext != NULL && ext[0] != '\0' ? ext : strerror(-e->error));
	return MNL_CB_OK;
}

/* Sends one chunk of the batch and waits for its acks. */
static int
net_nl_send_chunk(struct net_nl *nl, struct net_nl_ack *st, const char *msgs,
    size_t len, size_t count, char **ret_msg)
{
	char buf[NET_NL_RCVBUF];

	st->pending = count;
	if (mnl_socket_sendto(nl->sock, msgs, len) < 0) {
		int r = -errno;

		if (ret_msg != NULL)
			*ret_msg = xasprintf("netlink: %s", strerror(errno));
		return r;
	}
	while (st->pending > 0) {
		ssize_t n = mnl_socket_recvfrom(nl->sock, buf, sizeof(buf));
		int left;

		if (n < 0) {
			int r = -errno;

			if (errno == EINTR)
				continue;
			if (ret_msg != NULL)
				*ret_msg = xasprintf("netlink: %s",
				    strerror(errno));
			return r;
		}
		left = (int)n;
		for (struct nlmsghdr *h = (struct nlmsghdr *)(void *)buf;
		     mnl_nlmsg_ok(h, left); h = mnl_nlmsg_next(h, &left))
			(void)net_nl_ack_cb(h, st);
	}
	return 0;
}

/*
 * Sends the batch and waits for all its acks.  The kernel answers every
 * request of a send before we read, so a batch goes in chunks small
 * enough for the acks to fit the socket's receive buffer; a failed chunk
 * stops the rest (later requests may depend on it).
 */
int
net_nl_flush(struct net_nl *nl, char **ret_msg)
{
	struct net_nl_ack st = { .nl = nl };
	size_t off = 0;
	int r = 0;

	net_nl_end(nl);
	while (off < nl->len && r == 0 && st.err == 0) {
		const struct nlmsghdr *h = (const void *)(nl->buf + off);
		size_t len = 0, count = 0;
		int left = (int)(nl->len - off);

		while (count < NET_NL_CHUNK && mnl_nlmsg_ok(h, left)) {
			len += MNL_ALIGN(h->nlmsg_len);
			count++;
			h = mnl_nlmsg_next(h, &left);
		}
		r = net_nl_send_chunk(nl, &st, nl->buf + off, len, count,
		    st.err == 0 ? ret_msg : NULL);
		off += len;
	}
	net_nl_reset(nl);
	if (st.err != 0) {
		if (ret_msg != NULL) {
			if (r < 0)
				free(*ret_msg);
			*ret_msg = st.msg;
		} else
			free(st.msg);
		return st.err;
	}
	return r;
}

struct net_nl_dumpst {
	mnl_cb_t cb;
	void *data;
	int err;
	const char *ext;
};

/* Handles the final message of a dump (NLMSG_DONE may carry an error). */
static int
net_nl_done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct net_nl_dumpst *st = data;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
		int e = *(const int *)mnl_nlmsg_get_payload(nlh);

		if (e < 0)
			st->err = e;
	}
	return MNL_CB_STOP;
}

/* Handles an error in the middle of a dump. */
static int
net_nl_dump_error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct net_nl_dumpst *st = data;
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e))
		return MNL_CB_ERROR;
	if (e->error == 0)
		return MNL_CB_STOP;
	st->err = e->error;
	return MNL_CB_STOP;
}

/* Passes each data message of a dump to the caller's callback. */
static int
net_nl_dump_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct net_nl_dumpst *st = data;

	return st->cb(nlh, st->data);
}

/* Runs a dump request and passes every answer to cb. */
int
net_nl_dump(struct net_nl *nl, uint16_t type, int family, int ifindex,
    mnl_cb_t cb, void *data, char **ret_msg)
{
	struct net_nl_dumpst st = { .cb = cb, .data = data };
	char buf[NET_NL_RCVBUF];
	struct nlmsghdr *nlh;
	struct rtgenmsg *g;
	uint32_t seq;
	int r;

	net_nl_end(nl);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq = ++nl->seq;
	/* Each request type has its header; all start with the family. */
	g = mnl_nlmsg_put_extra_header(nlh, type == RTM_GETADDR ?
	    sizeof(struct ifaddrmsg) : type == RTM_GETROUTE ?
	    sizeof(struct rtmsg) : type == RTM_GETNEIGH ?
	    sizeof(struct ndmsg) : sizeof(struct ifinfomsg));
	g->rtgen_family = (unsigned char)family;
	if (nl->strict && ifindex > 0 && type == RTM_GETADDR)
		((struct ifaddrmsg *)(void *)g)->ifa_index = (unsigned)ifindex;
	else if (nl->strict && ifindex > 0 && type == RTM_GETROUTE) {
		((struct rtmsg *)(void *)g)->rtm_table = RT_TABLE_MAIN;
		mnl_attr_put_u32(nlh, RTA_TABLE, RT_TABLE_MAIN);
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)ifindex);
	}
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		goto fail;
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(nl->sock, buf, sizeof(buf));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		r = mnl_cb_run2(buf, (size_t)n, seq, nl->portid,
		    net_nl_dump_data_cb, &st,
		    (mnl_cb_t[]){ [NLMSG_NOOP] = NULL,
			[NLMSG_ERROR] = net_nl_dump_error_cb,
			[NLMSG_DONE] = net_nl_done_cb },
		    NLMSG_DONE + 1);
		if (r < 0)
			goto fail;
		if (r == MNL_CB_STOP)
			break;
	}
	if (st.err < 0) {
		if (ret_msg != NULL)
			*ret_msg = xasprintf("netlink dump: %s",
			    strerror(-st.err));
		return st.err;
	}
	return 0;
fail:
	r = -errno;
	if (ret_msg != NULL)
		*ret_msg = xasprintf("netlink dump: %s", strerror(errno));
	return r;
}

/* Reads a link's index, MAC address, lower link and kind. */
static int
net_link_info_cb(const struct nlmsghdr *nlh, struct net_link_info *info)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr, *nest;

	memset(info, 0, sizeof(*info));
	info->index = ifi->ifi_index;
	info->up = (ifi->ifi_flags & IFF_UP) != 0;
	mnl_attr_for_each(attr, nlh, sizeof(*ifi)) {
		switch (mnl_attr_get_type(attr)) {
		case IFLA_IFNAME:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
				snprintf(info->name, sizeof(info->name), "%s",
				    mnl_attr_get_str(attr));
			break;
		case IFLA_ADDRESS:
			if (mnl_attr_get_payload_len(attr) == 6) {
				memcpy(info->mac, mnl_attr_get_payload(attr),
				    6);
				info->has_mac = true;
			}
			break;
		case IFLA_LINK:
			if (mnl_attr_get_payload_len(attr) == 4)
				info->link = (int)mnl_attr_get_u32(attr);
			break;
		case IFLA_LINKINFO:
			mnl_attr_for_each_nested(nest, attr)
				if (mnl_attr_get_type(nest) ==
				    IFLA_INFO_KIND &&
				    mnl_attr_validate(nest,
				    MNL_TYPE_NUL_STRING) >= 0)
					snprintf(info->kind,
					    sizeof(info->kind), "%s",
					    mnl_attr_get_str(nest));
			break;
		}
	}
	return MNL_CB_OK;
}

/* Looks a link up by name with RTM_GETLINK: index, MAC, kind. */
int
net_nl_link(struct net_nl *nl, const char *name, struct net_link_info *ret,
    char **ret_msg)
{
	char buf[NET_NL_RCVBUF];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	uint32_t seq;
	ssize_t n;

	net_nl_end(nl);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = seq = ++nl->seq;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		goto fail;
	for (;;) {
		n = mnl_socket_recvfrom(nl->sock, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		break;
	}
	nlh = (struct nlmsghdr *)(void *)buf;
	if (!mnl_nlmsg_ok(nlh, (int)n) || nlh->nlmsg_seq != seq) {
		errno = EPROTO;
		goto fail;
	}
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

		if (ret_msg != NULL)
			*ret_msg = xasprintf("interface %s: %s", name,
			    strerror(e->error != 0 ? -e->error : EPROTO));
		return e->error != 0 ? e->error : -EPROTO;
	}
	(void)net_link_info_cb(nlh, ret);
	return 0;
fail:
	if (ret_msg != NULL)
		*ret_msg = xasprintf("interface %s: %s", name, strerror(errno));
	return -errno;
}

struct net_link_dumpst {
	int (*cb)(const struct net_link_info *, void *);
	void *data;
};

/* Passes one link of a dump to the caller. */
static int
net_link_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct net_link_dumpst *st = data;
	struct net_link_info info;

	(void)net_link_info_cb(nlh, &info);
	return st->cb(&info, st->data) < 0 ? MNL_CB_ERROR : MNL_CB_OK;
}

/* Lists every link of the socket's namespace. */
int
net_nl_links(struct net_nl *nl, int (*cb)(const struct net_link_info *,
    void *), void *data, char **ret_msg)
{
	struct net_link_dumpst st = { .cb = cb, .data = data };

	return net_nl_dump(nl, RTM_GETLINK, AF_UNSPEC, 0, net_link_dump_cb,
	    &st, ret_msg);
}

/* Reads one route message of a dump (net_link.h). */
void
net_route_parse(const struct nlmsghdr *nlh, struct net_route_info *ret)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	size_t alen = rtm->rtm_family == AF_INET ? 4U : 16U;
	const struct nlattr *attr;

	memset(ret, 0, sizeof(*ret));
	ret->family = rtm->rtm_family;
	ret->dst_len = rtm->rtm_dst_len;
	ret->table = rtm->rtm_table;
	mnl_attr_for_each(attr, nlh, sizeof(*rtm)) {
		switch (mnl_attr_get_type(attr)) {
		case RTA_TABLE:
			ret->table = mnl_attr_get_u32(attr);
			break;
		case RTA_OIF:
			ret->oif = (int)mnl_attr_get_u32(attr);
			break;
		case RTA_PRIORITY:
			ret->prio = mnl_attr_get_u32(attr);
			break;
		case RTA_DST:
			if (mnl_attr_get_payload_len(attr) == alen)
				ret->dst = mnl_attr_get_payload(attr);
			break;
		case RTA_GATEWAY:
			if (mnl_attr_get_payload_len(attr) == alen)
				ret->gw = mnl_attr_get_payload(attr);
			break;
		}
	}
}

/* Finds a link's index by name with RTM_GETLINK (net_nl_link). */
int
net_nl_ifindex(struct net_nl *nl, const char *name, int *ret_index,
    char **ret_msg)
{
	struct net_link_info info;
	int r;

	memset(&info, 0, sizeof(info));
	r = net_nl_link(nl, name, &info, ret_msg);
	if (r < 0)
		return r;
	*ret_index = info.index;
	return 0;
}

/* Starts an RTM_NEWLINK/DELLINK request and its ifinfomsg. */
static struct nlmsghdr *
net_link_begin(struct net_nl *nl, uint16_t type, uint16_t flags, int index,
    const char *what, struct ifinfomsg **ret_ifi)
{
	struct nlmsghdr *nlh = net_nl_begin(nl, type, flags, what);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = index;
	if (ret_ifi != NULL)
		*ret_ifi = ifi;
	return nlh;
}

/*
 * Creates a macvlan in bridge mode over parent, born directly inside the
 * namespace netns_fd (IFLA_NET_NS_FD, not a pid: no pid-reuse race), so
 * it never exists in the host's namespace and dies with the jail's.
 */
void
net_link_add_macvlan(struct net_nl *nl, const char *name, int parent,
    int netns_fd, const uint8_t *mac, const char *what)
{
	struct nlmsghdr *nlh = net_link_begin(nl, RTM_NEWLINK,
	    NLM_F_CREATE | NLM_F_EXCL, 0, what, NULL);
	struct nlattr *info, *data;

	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_LINK, (uint32_t)parent);
	if (mac != NULL)
		mnl_attr_put(nlh, IFLA_ADDRESS, 6, mac);
	if (netns_fd >= 0)
		mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)netns_fd);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "macvlan");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	mnl_attr_put_u32(nlh, IFLA_MACVLAN_MODE, MACVLAN_MODE_BRIDGE);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
}

/*
 * Creates a veth pair: host_name stays in the calling namespace, its
 * peer jail_name is born inside netns_fd.
 */
void
net_link_add_veth(struct net_nl *nl, const char *host_name,
    const char *jail_name, int netns_fd, const char *what)
{
	struct nlmsghdr *nlh = net_link_begin(nl, RTM_NEWLINK,
	    NLM_F_CREATE | NLM_F_EXCL, 0, what, NULL);
	struct nlattr *info, *data, *peer;
	struct ifinfomsg *pifi;

	mnl_attr_put_strz(nlh, IFLA_IFNAME, host_name);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	peer = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	pifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*pifi));
	memset(pifi, 0, sizeof(*pifi));
	pifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, jail_name);
	mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)netns_fd);
	mnl_attr_nest_end(nlh, peer);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
}

/* Sets a link up (by index, or by name when index is 0). */
void
net_link_set_up(struct net_nl *nl, int index, const char *name,
    const char *what)
{
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh = net_link_begin(nl, RTM_NEWLINK, 0, index, what,
	    &ifi);

	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	if (index == 0)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
}

/*
 * Turns on promote_secondaries for IPv4 on a link: without it, removing
 * a jail's first address of a subnet (ljail -m) silently removes every
 * other address of that subnet with it.
 */
void
net_link_promote_secondaries(struct net_nl *nl, int index, const char *what)
{
	struct nlmsghdr *nlh = net_link_begin(nl, RTM_NEWLINK, 0, index, what,
	    NULL);
	struct nlattr *spec, *inet, *conf;

	spec = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
	inet = mnl_attr_nest_start(nlh, AF_INET);
	conf = mnl_attr_nest_start(nlh, IFLA_INET_CONF);
	mnl_attr_put_u32(nlh, IPV4_DEVCONF_PROMOTE_SECONDARIES, 1);
	mnl_attr_nest_end(nlh, conf);
	mnl_attr_nest_end(nlh, inet);
	mnl_attr_nest_end(nlh, spec);
}

/* Moves a link into netns_fd, renaming it there if newname is set. */
void
net_link_move(struct net_nl *nl, int index, int netns_fd,
    const char *newname, const char *what)
{
	struct nlmsghdr *nlh = net_link_begin(nl, RTM_NEWLINK, 0, index, what,
	    NULL);

	mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)netns_fd);
	if (newname != NULL)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, newname);
}

/* Deletes a link by name. */
void
net_link_del(struct net_nl *nl, const char *name, const char *what)
{
	struct nlmsghdr *nlh = net_link_begin(nl, RTM_DELLINK, 0, 0, what,
	    NULL);

	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
}

/* Length of an address of a family. */
static size_t
net_addr_len(int family)
{
	return family == AF_INET ? sizeof(struct in_addr) :
	    sizeof(struct in6_addr);
}

/* Starts an RTM_NEWADDR/DELADDR request for one address. */
static struct nlmsghdr *
net_addr_begin(struct net_nl *nl, uint16_t type, uint16_t flags, int index,
    const struct net_addr *a, const char *what)
{
	struct nlmsghdr *nlh = net_nl_begin(nl, type, flags, what);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	size_t len = net_addr_len(a->family);

	ifa->ifa_family = (unsigned char)a->family;
	ifa->ifa_prefixlen = (unsigned char)a->prefixlen;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = (unsigned)index;
	mnl_attr_put(nlh, IFA_LOCAL, len, &a->addr);
	mnl_attr_put(nlh, IFA_ADDRESS, len, &a->addr);
	return nlh;
}

/* Adds an address to a link. */
void
net_addr_add(struct net_nl *nl, int index, const struct net_addr *a,
    bool replace, const char *what)
{
	struct nlmsghdr *nlh = net_addr_begin(nl, RTM_NEWADDR,
	    NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL), index, a,
	    what);

	if (a->family == AF_INET && a->has_broadcast)
		mnl_attr_put(nlh, IFA_BROADCAST, sizeof(a->broadcast),
		    &a->broadcast);
	/*
	 * Without NODAD an IPv6 address stays "tentative" for a second or
	 * two and the jail's first bind() to it fails.
	 */
	if (a->family == AF_INET6) {
		struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);

		ifa->ifa_flags = IFA_F_NODAD;
		mnl_attr_put_u32(nlh, IFA_FLAGS, IFA_F_NODAD);
	}
}

/* Removes an address from a link; one already gone is no error. */
void
net_addr_del(struct net_nl *nl, int index, const struct net_addr *a,
    const char *what)
{
	(void)net_addr_begin(nl, RTM_DELADDR, 0, index, a, what);
	nl->reqs[nl->nreqs - 1].absent_ok = true;
}

/* Adds a route in the main table. */
void
net_route_add(struct net_nl *nl, int family, const void *dst, int dstlen,
    const void *gw, int oif, const void *src, const char *what)
{
	struct nlmsghdr *nlh = net_nl_begin(nl, RTM_NEWROUTE,
	    NLM_F_CREATE | NLM_F_EXCL, what);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	size_t len = net_addr_len(family);

	rtm->rtm_family = (unsigned char)family;
	rtm->rtm_dst_len = (unsigned char)dstlen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = gw != NULL ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	if (dstlen > 0)
		mnl_attr_put(nlh, RTA_DST, len, dst);
	if (gw != NULL)
		mnl_attr_put(nlh, RTA_GATEWAY, len, gw);
	if (src != NULL)
		mnl_attr_put(nlh, RTA_PREFSRC, len, src);
	mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)oif);
}

/* Adds or replaces a host route (/32, /128) out of oif, on-link. */
void
net_route_host(struct net_nl *nl, int family, const void *dst, int oif,
    const void *src, const char *what)
{
	struct nlmsghdr *nlh = net_nl_begin(nl, RTM_NEWROUTE,
	    NLM_F_CREATE | NLM_F_REPLACE, what);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	size_t len = net_addr_len(family);

	rtm->rtm_family = (unsigned char)family;
	rtm->rtm_dst_len = (unsigned char)(len * 8);
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put(nlh, RTA_DST, len, dst);
	if (src != NULL)
		mnl_attr_put(nlh, RTA_PREFSRC, len, src);
	mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)oif);
}

/* Deletes a host route out of oif; one already gone is no error. */
void
net_route_host_del(struct net_nl *nl, int family, const void *dst, int oif,
    const char *what)
{
	struct nlmsghdr *nlh = net_nl_begin(nl, RTM_DELROUTE, 0, what);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	size_t len = net_addr_len(family);

	rtm->rtm_family = (unsigned char)family;
	rtm->rtm_dst_len = (unsigned char)(len * 8);
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_scope = RT_SCOPE_NOWHERE;
	mnl_attr_put(nlh, RTA_DST, len, dst);
	mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)oif);
	nl->reqs[nl->nreqs - 1].absent_ok = true;
}

/* Starts an RTM_NEWNEIGH/DELNEIGH request for one address on a link. */
static struct nlmsghdr *
net_neigh_begin(struct net_nl *nl, uint16_t type, uint16_t flags, int index,
    int family, const void *addr, const char *what)
{
	struct nlmsghdr *nlh = net_nl_begin(nl, type, flags, what);
	struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));

	ndm->ndm_family = (unsigned char)family;
	ndm->ndm_ifindex = index;
	ndm->ndm_state = NUD_PERMANENT;
	mnl_attr_put(nlh, NDA_DST, net_addr_len(family), addr);
	return nlh;
}

/*
 * Adds or replaces a permanent neighbour entry: addr is at mac on the
 * link, no ARP or neighbour solicitation is ever sent for it.
 */
void
net_neigh_set(struct net_nl *nl, int index, int family, const void *addr,
    const uint8_t *mac, const char *what)
{
	struct nlmsghdr *nlh = net_neigh_begin(nl, RTM_NEWNEIGH,
	    NLM_F_CREATE | NLM_F_REPLACE, index, family, addr, what);

	mnl_attr_put(nlh, NDA_LLADDR, 6, mac);
}

/* Deletes a neighbour entry; one already gone is no error. */
void
net_neigh_del(struct net_nl *nl, int index, int family, const void *addr,
    const char *what)
{
	(void)net_neigh_begin(nl, RTM_DELNEIGH, 0, index, family, addr, what);
	nl->reqs[nl->nreqs - 1].absent_ok = true;
}
