/*
 * net_jail.c - a jail's network, built from its checked parameters.
 *
 * The Linux mapping of FreeBSD's addresses: a non-vnet jail gets its own
 * network namespace holding lo and, for every parent interface its
 * addresses name, one macvlan (bridge mode) over that parent, named like
 * the parent (so a jail sees "eth0" where a FreeBSD jail sees "em0"),
 * carrying exactly the jail's addresses on that parent, with routes to
 * what the host reaches through the parent.  An address without a parent
 * (FreeBSD's restriction-only address) goes on the jail's lo.  A vnet
 * jail gets an empty stack plus what vnet.interface and vnet.veth give it.
 *
 * ljail does this from the host's namespace: a macvlan or veth is created
 * there with IFLA_NET_NS_FD so it is born inside the jail's namespace,
 * and a second netlink socket, opened inside the jail's namespace, adds
 * addresses and routes.  Each socket sends its requests as one batch and
 * checks every ack.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <stdio.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/if_addr.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/rtnetlink.h>

#include "net.h"
#include "net_link.h"
#include "ns.h"
#include "util.h"

/* Cleanup attribute for a netlink socket. */
static void
net_nl_closep(struct net_nl **p)
{
	net_nl_close(*p);
}
#define _cleanup_nl_ _cleanup_(net_nl_closep)

/* Cleanup attribute for a struct net_conf pointer. */
static void
net_conf_freep(struct net_conf **p)
{
	net_conf_free(*p);
}
#define _cleanup_net_conf_ _cleanup_(net_conf_freep)

/* A prefix the host has on a parent interface. */
struct net_prefix {
	int family;
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} net;
	int len;
};

/* What the host reaches through one parent interface. */
struct net_parent {
	const char *name;
	int index;		/* in the host's namespace */
	struct net_link_info link;
	struct net_prefix *prefixes;
	size_t nprefixes;
	struct net_prefix *haddrs;	/* the host's own addresses on it */
	size_t nhaddrs;
	bool has_gw4, has_gw6;
	uint32_t prio4, prio6;
	struct in_addr gw4;
	struct in6_addr gw6;
};

/* Parameter name of an address's family, for messages. */
static const char *
net_pname(int family)
{
	return family == AF_INET ? "ip4.addr" : "ip6.addr";
}

/* Masks an address down to its first len bits. */
static void
net_mask(int family, const void *in, int len, void *out)
{
	size_t n = family == AF_INET ? 4 : 16;
	const unsigned char *s = in;
	unsigned char *d = out;

	for (size_t i = 0; i < n; i++) {
		int bits = len - (int)i * 8;

		d[i] = bits >= 8 ? s[i] : bits <= 0 ? 0 :
		    (unsigned char)(s[i] & (0xff << (8 - bits)));
	}
}

/* Tells whether addr lies in net/len. */
static bool
net_in_prefix(int family, const void *addr, const void *net, int len)
{
	unsigned char a[16], b[16];

	net_mask(family, addr, len, a);
	net_mask(family, net, len, b);
	return memcmp(a, b, family == AF_INET ? 4 : 16) == 0;
}

/* Collects the host's prefixes on one parent from an RTM_GETADDR dump. */
static int
net_prefix_cb(const struct nlmsghdr *nlh, void *data)
{
	struct net_parent *p = data;
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;
	const void *addr = NULL;
	struct net_prefix pf = { .family = ifa->ifa_family };

	if ((int)ifa->ifa_index != p->index ||
	    (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6) ||
	    ifa->ifa_scope != RT_SCOPE_UNIVERSE)
		return MNL_CB_OK;
	mnl_attr_for_each(attr, nlh, sizeof(*ifa))
		if (mnl_attr_get_type(attr) == IFA_ADDRESS &&
		    mnl_attr_get_payload_len(attr) ==
		    (ifa->ifa_family == AF_INET ? 4U : 16U))
			addr = mnl_attr_get_payload(attr);
	if (addr == NULL)
		return MNL_CB_OK;
	p->haddrs = xreallocarray(p->haddrs, p->nhaddrs + 1,
	    sizeof(*p->haddrs));
	p->haddrs[p->nhaddrs] = pf;
	memcpy(&p->haddrs[p->nhaddrs].net, addr,
	    pf.family == AF_INET ? 4 : 16);
	p->haddrs[p->nhaddrs++].len = pf.family == AF_INET ? 32 : 128;
	pf.len = ifa->ifa_prefixlen;
	net_mask(pf.family, addr, pf.len, &pf.net);
	for (size_t i = 0; i < p->nprefixes; i++)
		if (p->prefixes[i].family == pf.family &&
		    p->prefixes[i].len == pf.len &&
		    memcmp(&p->prefixes[i].net, &pf.net, sizeof(pf.net)) == 0)
			return MNL_CB_OK;
	p->prefixes = xreallocarray(p->prefixes, p->nprefixes + 1,
	    sizeof(*p->prefixes));
	p->prefixes[p->nprefixes++] = pf;
	return MNL_CB_OK;
}

/* Finds the host's default gateway through one parent (RTM_GETROUTE). */
static int
net_gw_cb(const struct nlmsghdr *nlh, void *data)
{
	struct net_parent *p = data;
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	struct net_route_info rt;

	if (rtm->rtm_dst_len != 0 || rtm->rtm_type != RTN_UNICAST)
		return MNL_CB_OK;
	net_route_parse(nlh, &rt);
	if (rt.table != RT_TABLE_MAIN || rt.oif != p->index || rt.gw == NULL)
		return MNL_CB_OK;
	if (rt.family == AF_INET && (!p->has_gw4 || rt.prio < p->prio4)) {
		memcpy(&p->gw4, rt.gw, 4);
		p->prio4 = rt.prio;
		p->has_gw4 = true;
	} else if (rt.family == AF_INET6 &&
	    (!p->has_gw6 || rt.prio < p->prio6)) {
		memcpy(&p->gw6, rt.gw, 16);
		p->prio6 = rt.prio;
		p->has_gw6 = true;
	}
	return MNL_CB_OK;
}

/* Learns what the host reaches through a parent interface. */
static int
net_parent_probe(struct net_nl *host, struct net_parent *p, char **ret_msg)
{
	int r;

	r = net_nl_link(host, p->name, &p->link, ret_msg);
	if (r < 0)
		return r;
	p->index = p->link.index;
	r = net_nl_dump(host, RTM_GETADDR, AF_UNSPEC, p->index,
	    net_prefix_cb, p, ret_msg);
	if (r == 0)
		r = net_nl_dump(host, RTM_GETROUTE, AF_INET, p->index,
		    net_gw_cb, p, ret_msg);
	if (r == 0)
		r = net_nl_dump(host, RTM_GETROUTE, AF_INET6, p->index,
		    net_gw_cb, p, ret_msg);
	return r;
}

/* Tells whether a list holds the same address on the same interface. */
static bool
net_conf_has(const struct net_conf *nc, const struct net_addr *a)
{
	if (nc == NULL)
		return false;
	for (size_t i = 0; i < nc->naddrs; i++) {
		const struct net_addr *b = &nc->addrs[i];
		bool same_if = (a->iface == NULL && b->iface == NULL) ||
		    (a->iface != NULL && b->iface != NULL &&
			strcmp(a->iface, b->iface) == 0);

		if (b->family == a->family && same_if &&
		    b->prefixlen == a->prefixlen &&
		    memcmp(&b->addr, &a->addr, a->family == AF_INET ? 4 : 16)
		    == 0 &&
		    b->has_broadcast == a->has_broadcast)
			return true;
	}
	return false;
}

/* Tells whether a configuration puts any address on a parent. */
static bool
net_conf_uses(const struct net_conf *nc, const char *iface)
{
	if (nc == NULL)
		return false;
	for (size_t i = 0; i < nc->naddrs; i++)
		if (nc->addrs[i].iface != NULL &&
		    strcmp(nc->addrs[i].iface, iface) == 0)
			return true;
	return false;
}

/* An address on lo: always a host prefix, as FreeBSD ignores the mask. */
static struct net_addr
net_lo_addr(const struct net_addr *a)
{
	struct net_addr l = *a;

	l.iface = NULL;
	l.prefixlen = a->family == AF_INET ? 32 : 128;
	l.has_broadcast = false;
	return l;
}

/* Queues the jail's loopback: lo up and its restriction-only addresses. */
static int
net_queue_lo(struct net_nl *nl, const struct net_conf *nc,
    const struct net_conf *old, char **ret_msg)
{
	int lo, r;

	r = net_nl_ifindex(nl, "lo", &lo, ret_msg);
	if (r < 0)
		return r;
	net_link_set_up(nl, lo, NULL, "interface lo: up");
	/*
	 * ip4=disable / ip6=disable: FreeBSD's jail cannot use the family at
	 * all, loopback included, so lo loses its address of that family.
	 */
	for (int f = 0; f < 2; f++) {
		int family = f == 0 ? AF_INET : AF_INET6;
		struct net_addr l = { .family = family };

		if ((family == AF_INET ? nc->ip4 : nc->ip6) != JAILSYS_DISABLE)
			continue;
		if (family == AF_INET) {
			l.addr.v4.s_addr = htonl(INADDR_LOOPBACK);
			l.prefixlen = 8;
		} else {
			l.addr.v6 = in6addr_loopback;
			l.prefixlen = 128;
		}
		net_addr_del(nl, lo, &l, family == AF_INET ?
		    "ip4: lo: removing 127.0.0.1/8" :
		    "ip6: lo: removing ::1/128");
	}
	for (size_t i = 0; old != NULL && i < old->naddrs; i++) {
		const struct net_addr *a = &old->addrs[i];
		struct net_addr l;
		_cleanup_free_ char *s = NULL, *what = NULL;

		if (a->iface != NULL || net_conf_has(nc, a))
			continue;
		l = net_lo_addr(a);
		s = net_addr_format(&l);
		what = xasprintf("%s: lo: removing %s", net_pname(a->family),
		    s);
		net_addr_del(nl, lo, &l, what);
	}
	for (size_t i = 0; i < nc->naddrs; i++) {
		const struct net_addr *a = &nc->addrs[i];
		struct net_addr l;
		_cleanup_free_ char *s = NULL, *what = NULL;

		if (a->iface != NULL || net_conf_has(old, a))
			continue;
		l = net_lo_addr(a);
		s = net_addr_format(&l);
		what = xasprintf("%s: lo: %s", net_pname(a->family), s);
		net_addr_add(nl, lo, &l, true, what);
	}
	return 0;
}

/* The first (primary) address of a family on a parent, or NULL. */
static const void *
net_primary(const struct net_conf *nc, const char *iface, int family)
{
	for (size_t i = 0; i < nc->naddrs; i++)
		if (nc->addrs[i].family == family &&
		    nc->addrs[i].iface != NULL &&
		    strcmp(nc->addrs[i].iface, iface) == 0)
			return &nc->addrs[i].addr;
	return NULL;
}

/* Tells whether one of the jail's own prefixes on iface covers net/len. */
static bool
net_jail_covers(const struct net_conf *nc, const char *iface, int family,
    const void *addr, int len)
{
	for (size_t i = 0; i < nc->naddrs; i++) {
		const struct net_addr *a = &nc->addrs[i];

		if (a->family != family || a->iface == NULL ||
		    strcmp(a->iface, iface) != 0 || a->prefixlen > len)
			continue;
		if (net_in_prefix(family, addr, &a->addr, a->prefixlen))
			return true;
	}
	return false;
}

/*
 * Queues the routes of a new macvlan: the parent's on-link prefixes and,
 * if the host's default route goes through the parent, the same default
 * route, each with the jail's primary address of the family as source.
 */
static void
net_queue_routes(struct net_nl *nl, const struct net_conf *nc,
    const struct net_parent *p, int index)
{
	for (int f = 0; f < 2; f++) {
		int family = f == 0 ? AF_INET : AF_INET6;
		const void *src = net_primary(nc, p->name, family);
		const void *gw = family == AF_INET ? (const void *)&p->gw4 :
		    (const void *)&p->gw6;
		bool has_gw = family == AF_INET ? p->has_gw4 : p->has_gw6;
		bool gw_onlink = false;
		char buf[INET6_ADDRSTRLEN];

		if (src == NULL)
			continue;
		for (size_t i = 0; i < p->nprefixes; i++) {
			const struct net_prefix *pf = &p->prefixes[i];
			_cleanup_free_ char *what = NULL;

			if (pf->family != family)
				continue;
			if (has_gw && net_in_prefix(family, gw, &pf->net,
			    pf->len))
				gw_onlink = true;
			/* The kernel already routes the jail's own prefix. */
			if (net_jail_covers(nc, p->name, family, &pf->net,
			    pf->len))
				continue;
			inet_ntop(family, &pf->net, buf, sizeof(buf));
			what = xasprintf("%s: %s: route to %s/%d",
			    net_pname(family), p->name, buf, pf->len);
			net_route_add(nl, family, &pf->net, pf->len, NULL,
			    index, src, what);
		}
		if (!has_gw)
			continue;
		inet_ntop(family, gw, buf, sizeof(buf));
		if (net_jail_covers(nc, p->name, family, gw,
		    family == AF_INET ? 32 : 128))
			gw_onlink = true;
		if (family == AF_INET6 &&
		    IN6_IS_ADDR_LINKLOCAL((const struct in6_addr *)gw))
			gw_onlink = true;
		if (!gw_onlink) {
			_cleanup_free_ char *what = xasprintf(
			    "%s: %s: route to gateway %s", net_pname(family),
			    p->name, buf);

			net_route_add(nl, family, gw, family == AF_INET ? 32 :
			    128, NULL, index, src, what);
		}
		_cleanup_free_ char *what = xasprintf(
		    "%s: %s: default route via %s", net_pname(family), p->name,
		    buf);
		net_route_add(nl, family, NULL, 0, gw, index, src, what);
	}
}

/*
 * Queues the jail's permanent neighbour entries for the host's own
 * addresses on a parent: at the MAC of the host's macvlan there
 * (net_host.c), the only way from a macvlan to its parent's own stack.
 */
static void
net_queue_host_neigh(struct net_nl *nl, const struct net_conf *nc,
    const struct net_parent *p, int index)
{
	uint8_t mac[6];

	net_mac_host(p->name, p->link.has_mac ? p->link.mac : NULL, mac);
	for (size_t i = 0; i < p->nhaddrs; i++) {
		const struct net_prefix *h = &p->haddrs[i];
		char buf[INET6_ADDRSTRLEN];
		_cleanup_free_ char *what = NULL;

		if (net_primary(nc, p->name, h->family) == NULL)
			continue;
		inet_ntop(h->family, &h->net, buf, sizeof(buf));
		what = xasprintf("%s: %s: the host's %s", net_pname(h->family),
		    p->name, buf);
		net_neigh_set(nl, index, h->family, &h->net, mac, what);
	}
}

/* Frees the probed parents. */
static void
net_parents_free(struct net_parent *ps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(ps[i].prefixes);
		free(ps[i].haddrs);
	}
	free(ps);
}

/* Cleanup holder for the probed parents. */
struct net_parents {
	struct net_parent *v;
	size_t n;
};

/* Cleanup attribute for struct net_parents. */
static void
net_parents_freep(struct net_parents *p)
{
	net_parents_free(p->v, p->n);
}

/*
 * Keeps a new macvlan to the jail's own IPv6 addresses before it is up:
 * no addresses from router advertisements (SLAAC) beyond the list and,
 * where the jail has no IPv6 address on that parent (FreeBSD: restricted
 * to none), no IPv6 at all, not even link-local.
 */
static int
net_restrict_v6(const struct net_conf *nc, const struct net_parents *np,
    int netns_fd, char **ret_msg)
{
	_cleanup_strv_free_ char **paths = NULL;
	_cleanup_strv_free_ char **values = NULL;

	for (size_t k = 0; k < np->n; k++) {
		const char *name = np->v[k].name;
		bool v6 = net_primary(nc, name, AF_INET6) != NULL;
		static const char *const keys[] = { "accept_ra", "autoconf" };
		_cleanup_free_ char *arp = xasprintf(
		    "ipv4/conf/%s/arp_notify", name);

		/*
		 * Gratuitous ARP when the link comes up (and unsolicited
		 * neighbour advertisements for each IPv6 address), so a LAN
		 * peer learns a moved address at once.
		 */
		strv_push(&paths, arp);
		strv_push(&values, "1");
		if (v6) {
			_cleanup_free_ char *na = xasprintf(
			    "ipv6/conf/%s/ndisc_notify", name);

			strv_push(&paths, na);
			strv_push(&values, "1");
		}
		for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
			_cleanup_free_ char *p = xasprintf("ipv6/conf/%s/%s",
			    name, keys[i]);

			strv_push(&paths, p);
			strv_push(&values, "0");
		}
		if (!v6) {
			_cleanup_free_ char *p = xasprintf(
			    "ipv6/conf/%s/disable_ipv6", name);

			strv_push(&paths, p);
			strv_push(&values, "1");
		}
	}
	if (paths == NULL)
		return 0;
	return net_sysctl_in(netns_fd, paths, values, ret_msg);
}

/* Sends one gratuitous ARP request for a (IPv4) out of ifindex. */
static void
net_send_garp(int fd, int ifindex, const uint8_t *mac,
    const struct in_addr *a)
{
	struct sockaddr_ll ll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ARP),
		.sll_ifindex = ifindex,
		.sll_halen = 6,
		.sll_addr = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	};
	unsigned char p[28] = { 0, 1, 8, 0, 6, 4, 0, 1 };

	memcpy(p + 8, mac, 6);
	memcpy(p + 14, a, 4);
	memset(p + 18, 0, 6);
	memcpy(p + 24, a, 4);
	if (sendto(fd, p, sizeof(p), 0, (struct sockaddr *)&ll,
	    sizeof(ll)) < 0)
		util_debug("net: gratuitous ARP: %s", strerror(errno));
}

/* Sends one unsolicited neighbour advertisement for a to all nodes. */
static void
net_send_na(int ifindex, const uint8_t *mac, const struct in6_addr *a)
{
	struct sockaddr_in6 src = { .sin6_family = AF_INET6, .sin6_addr = *a };
	struct sockaddr_in6 dst = { .sin6_family = AF_INET6,
		.sin6_scope_id = (uint32_t)ifindex };
	unsigned char p[32] = { 136, 0, 0, 0, 0x20 };	/* NA, Override */
	int fd, hops = 255, idx = ifindex;

	inet_pton(AF_INET6, "ff02::1", &dst.sin6_addr);
	memcpy(p + 8, a, 16);
	p[24] = 2;	/* target link-layer address option, 8 bytes */
	p[25] = 1;
	memcpy(p + 26, mac, 6);
	fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
	if (fd < 0)
		return;
	/* Hop limit 255: receivers drop neighbour discovery otherwise. */
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops,
	    sizeof(hops)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &idx,
	    sizeof(idx)) < 0 ||
	    bind(fd, (struct sockaddr *)&src, sizeof(src)) < 0 ||
	    sendto(fd, p, sizeof(p), 0, (struct sockaddr *)&dst,
	    sizeof(dst)) < 0)
		util_debug("net: neighbour advertisement: %s",
		    strerror(errno));
	close(fd);
}

/*
 * Announces the addresses nc has and old lacks on their parents, from
 * inside the jail's namespace: a gratuitous ARP per IPv4 address, an
 * unsolicited neighbour advertisement (override) per IPv6 address, so
 * LAN peers that cached another MAC for a moved address (another jail's,
 * or a restarted jail's) switch at once.  Linux itself sends the ARP only
 * when the link comes up (arp_notify), and nothing for IPv6 addresses
 * added without duplicate address detection.  Best effort.
 */
static void
net_announce(const struct net_conf *nc, const struct net_conf *old,
    int netns_fd)
{
	int self, pkt;

	self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return;
	if (setns(netns_fd, CLONE_NEWNET) < 0) {
		close(self);
		return;
	}
	pkt = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_ARP));
	for (size_t i = 0; i < nc->naddrs; i++) {
		const struct net_addr *a = &nc->addrs[i];
		struct ifreq ifr = { 0 };
		int ifindex;

		if (a->iface == NULL || net_conf_has(old, a))
			continue;
		ifindex = (int)if_nametoindex(a->iface);
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", a->iface);
		if (ifindex == 0 || pkt < 0 ||
		    ioctl(pkt, SIOCGIFHWADDR, &ifr) < 0)
			continue;
		if (a->family == AF_INET)
			net_send_garp(pkt, ifindex,
			    (const uint8_t *)ifr.ifr_hwaddr.sa_data,
			    &a->addr.v4);
		else
			net_send_na(ifindex,
			    (const uint8_t *)ifr.ifr_hwaddr.sa_data,
			    &a->addr.v6);
	}
	if (pkt >= 0)
		close(pkt);
	if (setns(self, CLONE_NEWNET) < 0)
		abort();	/* ljail would go on in the jail's namespace */
	close(self);
}

/*
 * Sends what is queued, then brings a new macvlan up.  Its MAC is the
 * jail's stable one, so right after the same jail's removal (-rc, or -r
 * then -c) the old macvlan may still hold it on the parent: the kernel
 * tears a dead namespace down from a work queue, and until then "up"
 * fails with EADDRINUSE.  Waits for it, up to 3 s.
 */
static int
net_link_up_wait(struct net_nl *nl, int index, const char *name,
    char **ret_msg)
{
	_cleanup_free_ char *what = xasprintf("interface %s: up", name);
	int r;

	r = net_nl_flush(nl, ret_msg);
	if (r < 0)
		return r;
	for (int i = 0;; i++) {
		char *m = NULL;

		net_link_set_up(nl, index, NULL, what);
		r = net_nl_flush(nl, &m);
		if (r != -EADDRINUSE || i >= 300) {
			if (r < 0 && ret_msg != NULL)
				*ret_msg = m;
			else
				free(m);
			return r;
		}
		free(m);
		(void)usleep(10000);
	}
}

/*
 * Brings a jail's network from old (NULL: nothing yet) to nc: the whole
 * of net_setup and of net_modify.  Host-side requests go through host,
 * the rest through a socket opened inside the jail's namespace.
 */
static int
net_apply(const struct net_conf *nc, const struct net_conf *old,
    const char *jname, int netns_fd, char **ret_msg)
{
	_cleanup_nl_ struct net_nl *host = NULL;
	_cleanup_nl_ struct net_nl *jail = NULL;
	_cleanup_(net_parents_freep) struct net_parents np = { 0 };
	int r;

	r = net_nl_open(&host);
	if (r < 0)
		goto nl_fail;
	/* New parents: learn what the host reaches through them. */
	for (size_t i = 0; i < nc->naddrs; i++) {
		const char *name = nc->addrs[i].iface;
		bool seen = false;

		if (name == NULL || net_conf_uses(old, name))
			continue;
		for (size_t k = 0; k < np.n; k++)
			seen = seen || strcmp(np.v[k].name, name) == 0;
		if (seen)
			continue;
		np.v = xreallocarray(np.v, np.n + 1, sizeof(*np.v));
		np.v[np.n] = (struct net_parent){ .name = name };
		np.n++;
		r = net_parent_probe(host, &np.v[np.n - 1], ret_msg);
		if (r < 0) {
			char *m = ret_msg != NULL ? *ret_msg : NULL;

			if (ret_msg != NULL)
				*ret_msg = xasprintf("%s: %s",
				    net_pname(nc->addrs[i].family), m);
			free(m);
			return r;
		}
	}
	/* Host side: one batch creating everything born in the jail. */
	for (size_t k = 0; k < np.n; k++) {
		_cleanup_free_ char *what = xasprintf(
		    "%s: interface %s: creating a macvlan", net_pname(
			net_primary(nc, np.v[k].name, AF_INET) != NULL ?
			AF_INET : AF_INET6), np.v[k].name);
		uint8_t mac[6];

		/* Stable across restarts: LAN peers' caches stay right. */
		net_mac_jail(jname, np.v[k].name, np.v[k].link.has_mac ?
		    np.v[k].link.mac : NULL, mac);
		net_link_add_macvlan(host, np.v[k].name, np.v[k].index,
		    netns_fd, mac, what);
	}
	for (size_t k = 0; old == NULL && k < nc->nveths; k++) {
		_cleanup_free_ char *what = xasprintf(
		    "vnet.veth: %s:%s: creating a veth pair",
		    nc->veths[k].jail_name, nc->veths[k].host_name);
		_cleanup_free_ char *up = xasprintf(
		    "vnet.veth: %s: up", nc->veths[k].host_name);

		net_link_add_veth(host, nc->veths[k].host_name,
		    nc->veths[k].jail_name, netns_fd, what);
		net_link_set_up(host, 0, nc->veths[k].host_name, up);
	}
	for (size_t k = 0; old == NULL && nc->vnet_ifs != NULL &&
	     nc->vnet_ifs[k] != NULL; k++) {
		_cleanup_free_ char *what = xasprintf(
		    "vnet.interface: %s: moving into the jail",
		    nc->vnet_ifs[k]);
		int index;

		r = net_nl_ifindex(host, nc->vnet_ifs[k], &index, ret_msg);
		if (r < 0) {
			char *m = ret_msg != NULL ? *ret_msg : NULL;

			if (ret_msg != NULL)
				*ret_msg = xasprintf("vnet.interface: %s", m);
			free(m);
			return r;
		}
		net_link_move(host, index, netns_fd, NULL, what);
	}
	r = net_nl_flush(host, ret_msg);
	if (r < 0)
		return r;
	r = net_restrict_v6(nc, &np, netns_fd, ret_msg);
	if (r < 0)
		return r;

	/* Inside the jail: lo, addresses, links up, routes. */
	r = net_nl_open_in(netns_fd, &jail);
	if (r < 0)
		goto nl_fail;
	r = net_queue_lo(jail, nc, old, ret_msg);
	if (r < 0)
		return r;
	/* Removals first, so a changed prefix is a delete then an add. */
	for (size_t i = 0; old != NULL && i < old->naddrs; i++) {
		const struct net_addr *a = &old->addrs[i];
		_cleanup_free_ char *s = NULL, *what = NULL;
		int index;

		if (a->iface == NULL || net_conf_has(nc, a) ||
		    !net_conf_uses(nc, a->iface))
			continue;
		if (net_nl_ifindex(jail, a->iface, &index, NULL) < 0)
			continue;
		s = net_addr_format(a);
		what = xasprintf("%s: removing %s", net_pname(a->family), s);
		net_addr_del(jail, index, a, what);
	}
	/* A parent no longer named loses its macvlan (and its routes). */
	for (size_t i = 0; old != NULL && i < old->naddrs; i++) {
		const char *name = old->addrs[i].iface;
		bool done = false;
		_cleanup_free_ char *what = NULL;

		if (name == NULL || net_conf_uses(nc, name))
			continue;
		for (size_t k = 0; k < i; k++)
			done = done || (old->addrs[k].iface != NULL &&
			    strcmp(old->addrs[k].iface, name) == 0);
		if (done)
			continue;
		what = xasprintf("%s: interface %s: removing the macvlan",
		    net_pname(old->addrs[i].family), name);
		net_link_del(jail, name, what);
	}
	for (size_t k = 0; k < np.n; k++) {
		_cleanup_free_ char *what = xasprintf(
		    "interface %s: promote_secondaries", np.v[k].name);
		int index;

		r = net_nl_ifindex(jail, np.v[k].name, &index, ret_msg);
		if (r < 0)
			return r;
		net_link_promote_secondaries(jail, index, what);
	}
	for (size_t i = 0; i < nc->naddrs; i++) {
		const struct net_addr *a = &nc->addrs[i];
		_cleanup_free_ char *s = NULL, *what = NULL;
		int index;

		if (a->iface == NULL || net_conf_has(old, a))
			continue;
		r = net_nl_ifindex(jail, a->iface, &index, ret_msg);
		if (r < 0)
			return r;
		s = net_addr_format(a);
		what = xasprintf("%s: %s", net_pname(a->family), s);
		net_addr_add(jail, index, a, false, what);
	}
	for (size_t k = 0; k < np.n; k++) {
		int index;

		r = net_nl_ifindex(jail, np.v[k].name, &index, ret_msg);
		if (r < 0)
			return r;
		r = net_link_up_wait(jail, index, np.v[k].name, ret_msg);
		if (r < 0)
			return r;
		net_queue_routes(jail, nc, &np.v[k], index);
		net_queue_host_neigh(jail, nc, &np.v[k], index);
	}
	for (size_t k = 0; old == NULL && k < nc->nveths; k++) {
		_cleanup_free_ char *what = xasprintf("vnet.veth: %s: up",
		    nc->veths[k].jail_name);

		net_link_set_up(jail, 0, nc->veths[k].jail_name, what);
	}
	r = net_nl_flush(jail, ret_msg);
	if (r == 0)
		net_announce(nc, old, netns_fd);
	return r;
nl_fail:
	if (ret_msg != NULL)
		*ret_msg = xasprintf("netlink: %s", strerror(-r));
	return r;
}

/* Tells whether a configuration puts an address of family on a parent. */
static bool
net_conf_has_family_parent(const struct net_conf *nc, int family)
{
	for (size_t i = 0; i < nc->naddrs; i++)
		if (nc->addrs[i].iface != NULL &&
		    nc->addrs[i].family == family)
			return true;
	return false;
}

/* The first address of family (AF_UNSPEC: any) on a loopback parent. */
static const struct net_addr *
net_conf_loopbacks(const struct net_conf *nc, int family)
{
	for (size_t i = 0; !nc->vnet && i < nc->naddrs; i++)
		if (nc->addrs[i].loopback && (family == AF_UNSPEC ||
		    nc->addrs[i].family == family))
			return &nc->addrs[i];
	return NULL;
}

/*
 * FreeBSD's cloned-loopback setup (interface = lo1; the host's NAT, port
 * forwarding or reverse proxy in front): the address stays on the jail's
 * lo, and a veth pair joins the jail to the host, "ljlJID" on the host
 * side and "ljl0" in the jail, neither with an address.  The host gets a
 * host route to each such address through ljlJID, the jail a default
 * route through ljl0 (when no parent gives it one) with that address as
 * source; permanent neighbour entries on both ends, so no ARP or
 * neighbour discovery runs on the pair.  The pair dies with the jail's
 * namespace, and the host's routes with it.
 */
static int
net_loopback_link(const struct net_conf *nc, int jid, int netns_fd,
    char **ret_msg)
{
	_cleanup_nl_ struct net_nl *host = NULL;
	_cleanup_nl_ struct net_nl *jail = NULL;
	struct net_link_info h, jl;
	char hname[16];
	static const char jname[] = "ljl0";
	struct in_addr gw4;
	struct in6_addr gw6;
	int r;

	snprintf(hname, sizeof(hname), "ljl%d", jid);
	inet_pton(AF_INET, "169.254.0.1", &gw4);
	inet_pton(AF_INET6, "fe80::1", &gw6);
	r = net_nl_open(&host);
	if (r < 0)
		goto nl_fail;
	net_link_add_veth(host, hname, jname, netns_fd,
	    "interface lo: a veth pair to the host");
	r = net_nl_flush(host, ret_msg);
	if (r < 0)
		return r;
	/* The host end takes nothing from the jail's side of the wire. */
	{
		static const char *const keys[][3] = {
			{ "ipv6", "addr_gen_mode", "1" },
			{ "ipv6", "accept_ra", "0" },
			{ "ipv4", "arp_ignore", "8" },
		};

		for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
			_cleanup_free_ char *path = xasprintf(
			    "/proc/sys/net/%s/conf/%s/%s", keys[i][0], hname,
			    keys[i][1]);

			(void)util_write_file(path, keys[i][2]);
		}
	}
	r = net_nl_link(host, hname, &h, ret_msg);
	if (r < 0)
		return r;
	r = net_nl_open_in(netns_fd, &jail);
	if (r < 0)
		goto nl_fail;
	r = net_nl_link(jail, jname, &jl, ret_msg);
	if (r < 0)
		return r;
	net_link_set_up(host, h.index, NULL, "interface lo: host end up");
	net_link_set_up(jail, jl.index, NULL, "interface lo: jail end up");
	for (size_t i = 0; i < nc->naddrs; i++) {
		const struct net_addr *a = &nc->addrs[i];
		char buf[INET6_ADDRSTRLEN];
		_cleanup_free_ char *what = NULL;

		if (!a->loopback)
			continue;
		inet_ntop(a->family, &a->addr, buf, sizeof(buf));
		what = xasprintf("%s: lo: the host's route to %s",
		    net_pname(a->family), buf);
		net_neigh_set(host, h.index, a->family, &a->addr, jl.mac, what);
		net_route_host(host, a->family, &a->addr, h.index, NULL, what);
	}
	for (int f = 0; f < 2; f++) {
		int family = f == 0 ? AF_INET : AF_INET6;
		const struct net_addr *a = net_conf_loopbacks(nc, family);
		const void *gw = family == AF_INET ? (const void *)&gw4 :
		    (const void *)&gw6;
		_cleanup_free_ char *what = NULL;

		if (a == NULL)
			continue;
		what = xasprintf("%s: lo: the jail's route to the host",
		    net_pname(family));
		net_neigh_set(jail, jl.index, family, gw, h.mac, what);
		/* A parent's default route stays; the host is on-link. */
		if (family == AF_INET)
			net_route_add(jail, family, gw, 32, NULL, jl.index,
			    &a->addr, what);
		if (!net_conf_has_family_parent(nc, family))
			net_route_add(jail, family, NULL, 0, gw, jl.index,
			    &a->addr, what);
	}
	r = net_nl_flush(host, ret_msg);
	if (r == 0)
		r = net_nl_flush(jail, ret_msg);
	return r;
nl_fail:
	if (ret_msg != NULL)
		*ret_msg = xasprintf("netlink: %s", strerror(-r));
	return r;
}

/* Tells whether a configuration needs anything done on the host side. */
static bool
net_conf_host_side(const struct net_conf *nc)
{
	for (size_t i = 0; i < nc->naddrs; i++)
		if (nc->addrs[i].iface != NULL)
			return true;
	return nc->vnet_ifs != NULL || nc->nveths > 0;
}

/* Configures the jail's lo from the host, through a socket inside. */
static int
net_lo_in(const struct net_conf *nc, int netns_fd, char **ret_msg)
{
	_cleanup_nl_ struct net_nl *jail = NULL;
	int r;

	r = net_nl_open_in(netns_fd, &jail);
	if (r < 0) {
		if (ret_msg != NULL)
			*ret_msg = xasprintf("netlink: %s", strerror(-r));
		return r;
	}
	r = net_queue_lo(jail, nc, NULL, ret_msg);
	if (r < 0)
		return r;
	return net_nl_flush(jail, ret_msg);
}

/*
 * Tells whether lo needs more than "up" (which the jail's PID 1 does):
 * restriction-only addresses, or a disabled family.  A jail without
 * network parameters then costs no netlink round trip at all.
 */
static bool
net_conf_lo_work(const struct net_conf *nc)
{
	return nc->naddrs > 0 || nc->ip4 == JAILSYS_DISABLE ||
	    nc->ip6 == JAILSYS_DISABLE;
}

/* Builds the jail's network from the host's namespace. */
int
net_setup(const struct conf_jail *j, int netns_fd, int jid, char **ret_msg)
{
	_cleanup_net_conf_ struct net_conf *nc = NULL;
	char jbuf[16];
	int r;

	r = net_conf_parse(j, &nc, ret_msg);
	if (r < 0)
		return r;
	util_debug("net: jail %d: setting up %zu address(es)", jid,
	    nc->naddrs);
	if (net_conf_host_side(nc))
		r = net_apply(nc, NULL, net_jail_name(j, jid, jbuf),
		    netns_fd, ret_msg);
	/*
	 * Only lo to do.  Entering the jail's namespace needs CAP_SYS_ADMIN
	 * in ljail's own user namespace, so rootless leaves it to the jail's
	 * PID 1 (net_setup_inside); both paths are idempotent.
	 */
	else if (geteuid() != 0 || !net_conf_lo_work(nc))
		return 0;
	else
		r = net_lo_in(nc, netns_fd, ret_msg);
	if (r == 0 && geteuid() == 0 && net_conf_loopbacks(nc, AF_UNSPEC))
		r = net_loopback_link(nc, jid, netns_fd, ret_msg);
	return r;
}

/*
 * ICMP datagram sockets for the jail's groups, from inside (rootless:
 * ljail cannot enter the namespace): the groups the jail's user
 * namespace maps, in its own terms.  Best effort; as root ljail also
 * does it from the host (net_ping_groups).
 */
static void
net_ping_groups_inside(void)
{
	_cleanup_free_ char *map = NULL, *v = NULL;
	unsigned long inner, outer, count;
	size_t len;

	if (util_read_file("/proc/self/gid_map", &map, &len) < 0 ||
	    sscanf(map, "%lu %lu %lu", &inner, &outer, &count) != 3 ||
	    count == 0)
		return;
	v = xasprintf("%lu %lu", inner, inner + count - 1);
	(void)util_write_file("/proc/sys/net/ipv4/ping_group_range", v);
}

/* Configures lo and the restriction-only addresses from inside the jail. */
int
net_setup_inside(const struct conf_jail *j, char **ret_msg)
{
	_cleanup_net_conf_ struct net_conf *nc = NULL;
	_cleanup_nl_ struct net_nl *nl = NULL;
	int r;

	r = net_conf_read(j, 0, &nc, ret_msg);
	if (r < 0)
		return r;
	r = net_nl_open(&nl);
	if (r < 0) {
		if (ret_msg != NULL)
			*ret_msg = xasprintf("netlink: %s", strerror(-r));
		return r;
	}
	r = net_queue_lo(nl, nc, NULL, ret_msg);
	if (r < 0)
		return r;
	r = net_nl_flush(nl, ret_msg);
	if (r == 0)
		net_ping_groups_inside();
	return r;
}

/* Brings lo up in the calling process's network namespace. */
int
net_lo_up(void)
{
	_cleanup_nl_ struct net_nl *nl = NULL;
	int r;

	r = net_nl_open(&nl);
	if (r < 0)
		return r;
	net_link_set_up(nl, 0, "lo", "interface lo: up");
	return net_nl_flush(nl, NULL);
}

/* Tells whether two configurations hold the same addresses. */
static bool
net_conf_same(const struct net_conf *a, const struct net_conf *b)
{
	if (a->naddrs != b->naddrs)
		return false;
	for (size_t i = 0; i < a->naddrs; i++)
		if (!net_conf_has(b, &a->addrs[i]))
			return false;
	return true;
}

/* Changes the addresses of a running jail. */
int
net_modify(const struct conf_jail *old, const struct conf_jail *new,
    int netns_fd, int jid, char **ret_msg)
{
	_cleanup_net_conf_ struct net_conf *nc = NULL;
	_cleanup_net_conf_ struct net_conf *oc = NULL;
	char jbuf[16];
	int r;

	r = net_conf_parse(new, &nc, ret_msg);
	if (r < 0)
		return r;
	/* The old one was checked when the jail was made. */
	r = net_conf_read(old, 0, &oc, NULL);
	if (r < 0)
		oc = xcalloc(1, sizeof(*oc));
	if (net_conf_same(oc, nc))
		return 0;
	/* A jail on the host's stack has no addresses of its own to change. */
	if (!net_wants_netns(old) || netns_fd < 0) {
		if (ret_msg != NULL)
			*ret_msg = xasprintf("ip%c cannot be changed after "
			    "creation", nc->n4 > 0 || oc->n4 > 0 ? '4' : '6');
		return -EINVAL;
	}
	/* Entering the jail's namespace needs CAP_SYS_ADMIN over it. */
	if (geteuid() != 0) {
		if (ret_msg != NULL)
			*ret_msg = xasprintf("%s: changing the addresses of a "
			    "running jail needs root", net_pname(
				nc->n4 > 0 || oc->n4 > 0 ? AF_INET : AF_INET6));
		return -EPERM;
	}
	util_debug("net: jail %d: modifying addresses", jid);
	return net_apply(nc, oc, net_jail_name(new, jid, jbuf), netns_fd,
	    ret_msg);
}

/* The identity of the caller's network namespace, "DEV:INODE". */
char *
net_home_id(void)
{
	struct stat st;

	if (stat("/proc/thread-self/ns/net", &st) < 0)
		return NULL;
	return xasprintf("%llu:%llu", (unsigned long long)st.st_dev,
	    (unsigned long long)st.st_ino);
}

/* Opens path if it is the network namespace home names; else -1. */
static int
net_home_try(const char *path, const char *home)
{
	_cleanup_free_ char *id = NULL;
	struct stat st, st2;
	int fd;

	if (stat(path, &st) < 0)
		return -1;
	id = xasprintf("%llu:%llu", (unsigned long long)st.st_dev,
	    (unsigned long long)st.st_ino);
	if (strcmp(id, home) != 0)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	/* Checked again on the descriptor: the path may have changed. */
	if (fd >= 0 && (fstat(fd, &st2) < 0 || st2.st_dev != st.st_dev ||
	    st2.st_ino != st.st_ino)) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Opens the network namespace a vnet.interface came from: the one named
 * by home, found among the named namespaces (/run/netns, ip-netns(8))
 * and those of running processes.  -1 if it is gone.  Only namespaces
 * ljail's root can see are candidates, and the identity comes from the
 * registry, not from the jail.
 */
static int
net_home_open(const char *home)
{
	static const char *const dirs[] = { "/run/netns", "/proc" };
	int fd = -1;

	if (home == NULL)
		return -1;
	fd = net_home_try("/proc/thread-self/ns/net", home);
	for (size_t k = 0; fd < 0 && k < ARRAY_SIZE(dirs); k++) {
		DIR *d = opendir(dirs[k]);
		struct dirent *de;

		if (d == NULL)
			continue;
		while (fd < 0 && (de = readdir(d)) != NULL) {
			_cleanup_free_ char *path = NULL;

			if (de->d_name[0] == '.' || (k == 1 &&
			    !str_is_digits(de->d_name)))
				continue;
			path = k == 0 ? xasprintf("/run/netns/%s", de->d_name) :
			    xasprintf("/proc/%s/ns/net", de->d_name);
			fd = net_home_try(path, home);
		}
		closedir(d);
	}
	return fd;
}

/*
 * Returns vnet.interface links to the host.  Found by their configured
 * names: a link the jail renamed cannot be told apart from one it made,
 * and is left to the kernel (a physical device goes back to the host's
 * initial namespace when the jail's dies, a virtual one is destroyed).
 *
 * Security: a vnet jail's root owns its stack and could hand us a link it
 * made under a configured name.  The worst it gets is an unconfigured
 * link of its choosing on the host under a name the host had before: a
 * move flushes every address and route of the link, and a veth or macvlan
 * whose other side stays in the jail dies with the jail's namespace right
 * after.  Nothing in the jail is trusted beyond that name lookup.
 */
int
net_teardown(const struct conf_jail *j, int netns_fd, int jid,
    const char *home)
{
	_cleanup_net_conf_ struct net_conf *nc = NULL;
	_cleanup_nl_ struct net_nl *jail = NULL;
	_cleanup_close_ int self = -1;
	_cleanup_free_ char *msg = NULL;
	int r;

	r = net_conf_read(j, NET_READ_NO_DNS, &nc, NULL);
	if (r < 0 || nc->vnet_ifs == NULL)
		return 0;
	self = net_home_open(home);
	if (self < 0)
		self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return -errno;
	r = net_nl_open_in(netns_fd, &jail);
	if (r < 0)
		return r;
	for (size_t k = 0; nc->vnet_ifs[k] != NULL; k++) {
		_cleanup_free_ char *what = xasprintf(
		    "vnet.interface: %s: returning to the host",
		    nc->vnet_ifs[k]);
		int index;

		if (net_nl_ifindex(jail, nc->vnet_ifs[k], &index, NULL) < 0) {
			util_debug("net: jail %d: %s is gone", jid,
			    nc->vnet_ifs[k]);
			continue;
		}
		net_link_move(jail, index, self, nc->vnet_ifs[k], what);
	}
	r = net_nl_flush(jail, &msg);
	if (r < 0)
		util_debug("net: jail %d: %s", jid, msg);
	return r;
}

/* What net_addrs_cb collects. */
struct net_addrs_st {
	int family;
	char **list;
};

/* Collects the global addresses of one family from an RTM_GETADDR dump. */
static int
net_addrs_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	struct net_addrs_st *st = data;
	const struct nlattr *attr;
	const void *addr = NULL;
	char text[INET6_ADDRSTRLEN];

	/* 127.0.0.1 and ::1 are host scope, fe80:: link scope: not these. */
	if (ifa->ifa_family != st->family ||
	    ifa->ifa_scope != RT_SCOPE_UNIVERSE)
		return MNL_CB_OK;
	mnl_attr_for_each(attr, nlh, sizeof(*ifa))
		if ((mnl_attr_get_type(attr) == IFA_LOCAL || (addr == NULL &&
		    mnl_attr_get_type(attr) == IFA_ADDRESS)) &&
		    mnl_attr_get_payload_len(attr) ==
		    (ifa->ifa_family == AF_INET ? 4U : 16U))
			addr = mnl_attr_get_payload(attr);
	if (addr != NULL && inet_ntop(st->family, addr, text,
	    sizeof(text)) != NULL)
		strv_push(&st->list, text);
	return MNL_CB_OK;
}

/* Dumps the addresses of one family in the calling thread's netns. */
static int
net_read_addrs_here(struct net_nl *nl, int family, char ***ret)
{
	_cleanup_free_ char *msg = NULL;
	struct net_addrs_st st = { .family = family,
		.list = xcalloc(1, sizeof(char *)) };
	int r;

	r = net_nl_dump(nl, RTM_GETADDR, family, 0, net_addrs_cb, &st, &msg);
	if (r < 0) {
		strv_free(st.list);
		return r;
	}
	*ret = st.list;
	return 0;
}

/* In ns_run_forked's helper: the addresses of *family, one a line. */
static int
net_write_addrs(int out, void *arg)
{
	_cleanup_free_ char *all = NULL;
	struct net_nl *nl = NULL;
	char **list = NULL;
	size_t n;
	int r;

	r = net_nl_open(&nl);
	if (r == 0)
		r = net_read_addrs_here(nl, *(int *)arg, &list);
	if (r < 0)
		return r;
	all = strv_join(list, "\n");
	n = strlen(all);
	return write(out, all, n) == (ssize_t)n ? 0 : -EIO;
}

/* In a forked helper: joins the jail's user and network namespaces. */
static int
net_read_addrs_forked(int pidfd, int family, char ***ret)
{
	_cleanup_free_ char *buf = NULL;
	char **list;
	size_t len;
	int r;

	r = ns_run_forked(pidfd, CLONE_NEWUSER | CLONE_NEWNET,
	    net_write_addrs, &family, &buf, &len);
	if (r < 0)
		return r;
	list = xcalloc(1, sizeof(char *));
	for (char *save = NULL, *t = strtok_r(buf, "\n", &save); t != NULL;
	    t = strtok_r(NULL, "\n", &save))
		strv_push(&list, t);
	*ret = list;
	return 0;
}

/* Reads the addresses configured in a jail's network namespace (net.h). */
int
net_read_addrs(pid_t pid, int pidfd, int family, char ***ret)
{
	_cleanup_nl_ struct net_nl *nl = NULL;
	struct stat self, other;
	char path[64];
	int r;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	if (stat("/proc/self/ns/net", &self) < 0 || stat(path, &other) < 0)
		return -errno;
	if (self.st_ino == other.st_ino && self.st_dev == other.st_dev)
		return 1;
	/* Root: a socket made in there (setns and back); else a helper. */
	r = net_nl_open_in(pidfd, &nl);
	if (r == -EPERM)
		return net_read_addrs_forked(pidfd, family, ret);
	if (r < 0)
		return r;
	return net_read_addrs_here(nl, family, ret);
}

/*
 * Keeps a vnet jail's network namespace alive at path (a bind mount of
 * its nsfs file, as ip-netns(8) does), with the links to give back and
 * their home in path.ifs: when the jail's init dies without ljail (kill
 * -9, the OOM killer), the kernel would otherwise destroy a moved veth
 * with its peer on the host, and send a physical device to the initial
 * namespace rather than home.  net_release() ends it.
 */
int
net_hold(int netns_fd, const char *path, const struct conf_jail *j,
    const char *home)
{
	_cleanup_net_conf_ struct net_conf *nc = NULL;
	_cleanup_free_ char *ifs = NULL, *text = NULL, *src = NULL;
	char **list = NULL;
	int fd, r;

	r = net_conf_read(j, NET_READ_NO_DNS, &nc, NULL);
	if (r < 0 || nc->vnet_ifs == NULL)
		return 0;
	strv_push(&list, home != NULL ? home : "-");
	for (size_t k = 0; nc->vnet_ifs[k] != NULL; k++)
		strv_push(&list, nc->vnet_ifs[k]);
	text = strv_join(list, "\n");
	strv_free(list);
	ifs = xasprintf("%s.ifs", path);
	fd = open(ifs, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		unlink(ifs);
		return -EIO;
	}
	close(fd);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		r = -errno;
		unlink(ifs);
		return r;
	}
	close(fd);
	src = xasprintf("/proc/self/fd/%d", netns_fd);
	if (mount(src, path, NULL, MS_BIND, NULL) < 0) {
		r = -errno;
		unlink(path);
		unlink(ifs);
		return r;
	}
	return 0;
}

/*
 * Ends net_hold(): with give_back, first returns the recorded links still
 * in the held namespace to their home (or the caller's namespace); then
 * unmounts and removes path and path.ifs.
 */
int
net_release(const char *path, bool give_back)
{
	_cleanup_free_ char *ifs = xasprintf("%s.ifs", path);
	_cleanup_free_ char *text = NULL;
	_cleanup_close_ int netns = -1;
	size_t len;

	if (give_back && util_read_file(ifs, &text, &len) == 0 &&
	    (netns = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		_cleanup_strv_free_ char **lines = NULL;
		char *save = NULL;

		for (char *l = strtok_r(text, "\n", &save); l != NULL;
		     l = strtok_r(NULL, "\n", &save))
			strv_push(&lines, l);
		if (lines != NULL && lines[0] != NULL && lines[1] != NULL) {
			struct conf_jail *j = conf_jail_new(NULL, false);

			conf_jail_set(j, "vnet", NULL, false, NULL, 0);
			conf_jail_set(j, "vnet.interface", lines + 1, false,
			    NULL, 0);
			(void)net_teardown(j, netns, 0, strcmp(lines[0], "-")
			    == 0 ? NULL : lines[0]);
			conf_jail_free(j);
		}
	}
	if (umount2(path, MNT_DETACH) < 0 && errno != EINVAL &&
	    errno != ENOENT)
		return -errno;
	unlink(path);
	unlink(ifs);
	return 0;
}
