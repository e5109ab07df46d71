/*
 * net_host.c - the host's side of the jails' addresses: how the host (and
 * its packet filter, its reverse proxies) reaches a jail, and stable MAC
 * addresses.
 *
 * On FreeBSD a jail's address is an alias of the host's interface, so the
 * host reaches it like any of its own.  Here the jail's address lives on a
 * macvlan inside the jail's namespace, and Linux never hands a frame from
 * the parent's own stack to a macvlan child of it: the host cannot reach
 * its jails through the parent.  So ljail gives the host one macvlan of
 * its own per parent, "ljhN" (N: the parent's ifindex), in bridge mode
 * like the jails', with no address at all, carrying:
 *
 *   - a host route (/32, /128) to every jail address on that parent,
 *     preferring the host's own address on the parent as source;
 *   - a permanent neighbour entry for each of them, at the jail's MAC
 *     (stable, so known in advance): the host never sends ARP or
 *     neighbour solicitations from it.
 *
 * The jail, in turn, gets permanent neighbour entries for the host's
 * addresses on the parent at ljhN's MAC (net_jail.c).  Macvlans in bridge
 * mode exchange unicast frames inside the kernel, so nothing of this ever
 * reaches the wire: ljhN has no address, sends no ARP, answers none
 * (arp_ignore 8), has IPv6 on (it must receive it) but no link-local
 * address (addr_gen_mode none) and takes no router advertisements.
 *
 * The whole host side is derived from the live jails (net_host_sync, run
 * under the registry lock after every change): ljhN exists while a live
 * jail names the parent, and carries exactly their addresses; a killed
 * ljail or a killed jail leaves entries that the next sync removes.
 *
 * MAC addresses: a jail's macvlan gets one derived from the jail's name,
 * the parent's name and the parent's own MAC (so two hosts on one LAN
 * with a jail "www" on "eth0" differ), locally administered and unicast:
 * a restarted jail keeps its MAC, and a LAN peer's ARP cache stays right.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/rtnetlink.h>

#include "net.h"
#include "net_link.h"
#include "util.h"

/* Prefix of the host-side macvlans' names ("ljh" + parent ifindex). */
#define NET_HOST_PREFIX "ljh"

/* FNV-1a over a byte string, continuing from h. */
static uint64_t
net_fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A locally administered unicast MAC from a hash of the parts. */
static void
net_mac_from(const char *kind, const char *a, const char *b,
    const uint8_t *parent_mac, uint8_t ret[6])
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = net_fnv(h, kind, strlen(kind) + 1);
	h = net_fnv(h, a, strlen(a) + 1);
	h = net_fnv(h, b, strlen(b) + 1);
	if (parent_mac != NULL)
		h = net_fnv(h, parent_mac, 6);
	/* One more round so the low bytes depend on every input byte. */
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	for (int i = 0; i < 6; i++)
		ret[i] = (uint8_t)(h >> (8 * i));
	ret[0] = (uint8_t)((ret[0] & 0xfe) | 0x02);
}

/* The stable MAC of jail's macvlan over parent. */
void
net_mac_jail(const char *jail, const char *parent, const uint8_t *parent_mac,
    uint8_t ret[6])
{
	net_mac_from("jail", jail, parent, parent_mac, ret);
}

/* The MAC of the host-side macvlan over parent. */
void
net_mac_host(const char *parent, const uint8_t *parent_mac, uint8_t ret[6])
{
	net_mac_from("host", "", parent, parent_mac, ret);
}

/* The name of the host-side macvlan over the parent with that index. */
void
net_host_ifname(int parent_index, char ret[16])
{
	snprintf(ret, 16, NET_HOST_PREFIX "%d", parent_index);
}

/* The name a jail's MAC is derived from: what the registry calls it. */
const char *
net_jail_name(const struct conf_jail *j, int jid, char buf[16])
{
	if (conf_jail_has(j, P_NAME) && conf_jail_str(j, P_NAME) != NULL)
		return conf_jail_str(j, P_NAME);
	if (j->name != NULL)
		return j->name;
	snprintf(buf, 16, "%d", jid);
	return buf;
}

/* Tells whether a jail puts an address on a parent interface. */
bool
net_conf_has_parent(const struct conf_jail *j)
{
	struct net_conf *nc = NULL;
	bool has = false;

	if (!conf_jail_has(j, P_IP4_ADDR) && !conf_jail_has(j, P_IP6_ADDR))
		return false;
	if (net_conf_read(j, NET_READ_NO_DNS, &nc, NULL) < 0)
		return false;
	for (size_t i = 0; !nc->vnet && i < nc->naddrs; i++)
		has = has || nc->addrs[i].iface != NULL;
	net_conf_free(nc);
	return has;
}

/* One jail address the host must reach through a parent. */
struct net_want {
	const char *parent;
	int family;
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} addr;
	uint8_t mac[6];
	bool is_neigh;		/* a neighbour entry found (else a route) */
	bool has_mac;
};

/* One parent named by live jails, and the host's side of it. */
struct net_hparent {
	const char *name;
	struct net_link_info link;	/* the parent */
	bool present;
	int hindex;			/* ljhN, once it exists */
	bool has_src4, has_src6;
	struct in_addr src4;
	struct in6_addr src6;
};

/* Everything one sync works on. */
struct net_sync {
	struct net_conf **confs;
	size_t nconfs;
	const char **names;
	struct net_want *wants;
	size_t nwants;
	struct net_hparent *parents;
	size_t nparents;
	/* Host-side links found, with what they carry. */
	struct net_link_info *hlinks;
	size_t nhlinks;
	/* Stale entries found on one host-side link. */
	struct net_want *stale;
	size_t nstale;
	int cur_index;
};

/* Frees a sync's state. */
static void
net_sync_free(struct net_sync *s)
{
	for (size_t i = 0; i < s->nconfs; i++)
		net_conf_free(s->confs[i]);
	free(s->confs);
	free(s->names);
	free(s->wants);
	free(s->parents);
	free(s->hlinks);
	free(s->stale);
}

/* Finds (or adds) a parent by name. */
static struct net_hparent *
net_sync_parent(struct net_sync *s, const char *name)
{
	for (size_t i = 0; i < s->nparents; i++)
		if (strcmp(s->parents[i].name, name) == 0)
			return &s->parents[i];
	s->parents = xreallocarray(s->parents, s->nparents + 1,
	    sizeof(*s->parents));
	s->parents[s->nparents] = (struct net_hparent){ .name = name };
	return &s->parents[s->nparents++];
}

/* Remembers a host-side macvlan (name "ljhN", kind macvlan). */
static int
net_sync_link_cb(const struct net_link_info *info, void *data)
{
	struct net_sync *s = data;
	const char *p = info->name + strlen(NET_HOST_PREFIX);

	if (strncmp(info->name, NET_HOST_PREFIX, strlen(NET_HOST_PREFIX))
	    != 0 || !str_is_digits(p) || strcmp(info->kind, "macvlan") != 0)
		return 0;
	s->hlinks = xreallocarray(s->hlinks, s->nhlinks + 1,
	    sizeof(*s->hlinks));
	s->hlinks[s->nhlinks++] = *info;
	return 0;
}

/* Tells whether a sync wants addr on the parent whose index is given. */
static bool
net_sync_wanted(const struct net_sync *s, int parent_index, int family,
    const void *addr, const uint8_t *mac)
{
	for (size_t i = 0; i < s->nwants; i++) {
		const struct net_want *w = &s->wants[i];
		const struct net_hparent *p = NULL;

		for (size_t k = 0; k < s->nparents; k++)
			if (strcmp(s->parents[k].name, w->parent) == 0)
				p = &s->parents[k];
		if (p == NULL || !p->present || p->link.index != parent_index ||
		    w->family != family ||
		    memcmp(&w->addr, addr, family == AF_INET ? 4 : 16) != 0)
			continue;
		if (mac == NULL || memcmp(w->mac, mac, 6) == 0)
			return true;
	}
	return false;
}

/* Collects the host routes of one host-side link. */
static int
net_sync_route_cb(const struct nlmsghdr *nlh, void *data)
{
	struct net_sync *s = data;
	struct net_route_info rt;
	struct net_want w;

	net_route_parse(nlh, &rt);
	if (rt.dst_len != (rt.family == AF_INET ? 32 : 128) ||
	    rt.table != RT_TABLE_MAIN || rt.oif != s->cur_index ||
	    rt.dst == NULL)
		return MNL_CB_OK;
	memset(&w, 0, sizeof(w));
	w.family = rt.family;
	memcpy(&w.addr, rt.dst, rt.family == AF_INET ? 4 : 16);
	s->stale = xreallocarray(s->stale, s->nstale + 1, sizeof(*s->stale));
	s->stale[s->nstale++] = w;
	return MNL_CB_OK;
}

/* Collects the neighbour entries of one host-side link. */
static int
net_sync_neigh_cb(const struct nlmsghdr *nlh, void *data)
{
	struct net_sync *s = data;
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;
	struct net_want w = { .family = ndm->ndm_family };
	bool has_dst = false;

	if (ndm->ndm_ifindex != s->cur_index ||
	    (ndm->ndm_family != AF_INET && ndm->ndm_family != AF_INET6))
		return MNL_CB_OK;
	mnl_attr_for_each(attr, nlh, sizeof(*ndm)) {
		switch (mnl_attr_get_type(attr)) {
		case NDA_DST:
			if (mnl_attr_get_payload_len(attr) ==
			    (ndm->ndm_family == AF_INET ? 4U : 16U)) {
				memcpy(&w.addr, mnl_attr_get_payload(attr),
				    mnl_attr_get_payload_len(attr));
				has_dst = true;
			}
			break;
		case NDA_LLADDR:
			if (mnl_attr_get_payload_len(attr) == 6) {
				memcpy(w.mac, mnl_attr_get_payload(attr), 6);
				w.has_mac = true;
			}
			break;
		}
	}
	if (!has_dst)
		return MNL_CB_OK;
	w.is_neigh = true;
	s->stale = xreallocarray(s->stale, s->nstale + 1, sizeof(*s->stale));
	s->stale[s->nstale++] = w;
	return MNL_CB_OK;
}

/* Learns the host's own addresses on a parent (route sources). */
static int
net_sync_addr_cb(const struct nlmsghdr *nlh, void *data)
{
	struct net_hparent *p = data;
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;

	if ((int)ifa->ifa_index != p->link.index ||
	    ifa->ifa_scope != RT_SCOPE_UNIVERSE)
		return MNL_CB_OK;
	mnl_attr_for_each(attr, nlh, sizeof(*ifa)) {
		if (mnl_attr_get_type(attr) != IFA_ADDRESS)
			continue;
		if (ifa->ifa_family == AF_INET && !p->has_src4 &&
		    mnl_attr_get_payload_len(attr) == 4) {
			memcpy(&p->src4, mnl_attr_get_payload(attr), 4);
			p->has_src4 = true;
		} else if (ifa->ifa_family == AF_INET6 && !p->has_src6 &&
		    mnl_attr_get_payload_len(attr) == 16) {
			memcpy(&p->src6, mnl_attr_get_payload(attr), 16);
			p->has_src6 = true;
		}
	}
	return MNL_CB_OK;
}

/*
 * Creates ljhN over a parent: no address, no ARP answers, IPv6 without
 * a link-local address or router advertisements, up.
 */
static int
net_host_link_create(struct net_nl *host, const struct net_hparent *p,
    char **ret_msg)
{
	char name[16];
	uint8_t mac[6];
	_cleanup_free_ char *what = NULL;
	static const char *const keys[][3] = {
		{ "ipv4", "arp_ignore", "8" },
		{ "ipv6", "addr_gen_mode", "1" },
		{ "ipv6", "accept_ra", "0" },
		{ "ipv6", "autoconf", "0" },
	};
	int r;

	net_host_ifname(p->link.index, name);
	net_mac_host(p->name, p->link.has_mac ? p->link.mac : NULL, mac);
	what = xasprintf("interface %s: creating the host's macvlan on %s",
	    name, p->name);
	net_link_add_macvlan(host, name, p->link.index, -1, mac, what);
	r = net_nl_flush(host, ret_msg);
	if (r < 0)
		return r;
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		_cleanup_free_ char *path = NULL;

		path = xasprintf("/proc/sys/net/%s/conf/%s/%s", keys[i][0],
		    name, keys[i][1]);
		r = util_write_file(path, keys[i][2]);
		if (r < 0 && r != -ENOENT) {
			if (ret_msg != NULL)
				*ret_msg = xasprintf("%s: %s", path,
				    strerror(-r));
			return r;
		}
	}
	return 0;
}

/* Brings the host side of every parent to what the live jails need. */
int
net_host_sync(const struct net_jail_ref *jails, size_t n, char **ret_msg)
{
	_cleanup_(net_sync_free) struct net_sync s = { 0 };
	struct net_nl *host = NULL;
	int r;

	/* What the live jails want. */
	for (size_t i = 0; i < n; i++) {
		struct net_conf *nc = NULL;

		if (jails[i].conf == NULL || net_conf_read(jails[i].conf,
		    NET_READ_NO_DNS, &nc, NULL) < 0)
			continue;
		s.confs = xreallocarray(s.confs, s.nconfs + 1,
		    sizeof(*s.confs));
		s.confs[s.nconfs++] = nc;
		if (nc->vnet)
			continue;
		for (size_t k = 0; k < nc->naddrs; k++) {
			const struct net_addr *a = &nc->addrs[k];

			if (a->iface == NULL)
				continue;
			s.wants = xreallocarray(s.wants, s.nwants + 1,
			    sizeof(*s.wants));
			s.wants[s.nwants] = (struct net_want){
				.parent = a->iface, .family = a->family };
			memcpy(&s.wants[s.nwants].addr, &a->addr,
			    a->family == AF_INET ? 4 : 16);
			s.names = xreallocarray(s.names, s.nwants + 1,
			    sizeof(*s.names));
			s.names[s.nwants] = jails[i].name;
			s.nwants++;
			(void)net_sync_parent(&s, a->iface);
		}
	}
	r = net_nl_open(&host);
	if (r < 0) {
		if (ret_msg != NULL)
			*ret_msg = xasprintf("netlink: %s", strerror(-r));
		return r;
	}
	r = net_nl_links(host, net_sync_link_cb, &s, ret_msg);
	if (r < 0)
		goto out;
	/* Each parent: look it up, make sure its ljhN exists and is up. */
	for (size_t k = 0; k < s.nparents; k++) {
		struct net_hparent *p = &s.parents[k];
		char name[16];
		bool found = false;

		if (net_nl_link(host, p->name, &p->link, NULL) < 0)
			continue;	/* gone: nothing to reach there */
		p->present = true;
		r = net_nl_dump(host, RTM_GETADDR, AF_UNSPEC, p->link.index,
		    net_sync_addr_cb, p, ret_msg);
		if (r < 0)
			goto out;
		net_host_ifname(p->link.index, name);
		for (size_t i = 0; i < s.nhlinks; i++) {
			if (strcmp(s.hlinks[i].name, name) != 0)
				continue;
			found = true;
			p->hindex = s.hlinks[i].index;
			/* A stray ljhN over another link is replaced. */
			if (s.hlinks[i].link != p->link.index) {
				net_link_del(host, name, "interface "
				    "ljh: removing a stale one");
				r = net_nl_flush(host, ret_msg);
				if (r < 0)
					goto out;
				/* Gone: the loops below must not see it. */
				s.hlinks[i].index = -1;
				found = false;
			} else if (!s.hlinks[i].up)
				net_link_set_up(host, p->hindex, NULL,
				    "interface ljh: up");
		}
		if (!found) {
			struct net_link_info li;

			r = net_host_link_create(host, p, ret_msg);
			if (r < 0)
				goto out;
			r = net_nl_link(host, name, &li, ret_msg);
			if (r < 0)
				goto out;
			p->hindex = li.index;
			net_link_set_up(host, p->hindex, NULL,
			    "interface ljh: up");
		}
	}
	for (size_t i = 0; i < s.nwants; i++) {
		struct net_hparent *p = net_sync_parent(&s, s.wants[i].parent);

		net_mac_jail(s.names[i], p->name, p->link.has_mac ?
		    p->link.mac : NULL, s.wants[i].mac);
	}
	/* Host-side links no parent wants go; stale entries go. */
	for (size_t i = 0; i < s.nhlinks; i++) {
		const struct net_link_info *h = &s.hlinks[i];
		bool used = false;

		if (h->index < 0)
			continue;
		for (size_t k = 0; k < s.nparents; k++)
			if (s.parents[k].present &&
			    s.parents[k].hindex == h->index)
				used = true;
		if (!used) {
			_cleanup_free_ char *what = xasprintf(
			    "interface %s: removing (no jail uses it)",
			    h->name);

			net_link_del(host, h->name, what);
			continue;
		}
		s.nstale = 0;
		s.cur_index = h->index;
		r = net_nl_dump(host, RTM_GETROUTE, AF_INET, h->index,
		    net_sync_route_cb, &s, ret_msg);
		if (r == 0)
			r = net_nl_dump(host, RTM_GETROUTE, AF_INET6, h->index,
			    net_sync_route_cb, &s, ret_msg);
		if (r == 0)
			r = net_nl_dump(host, RTM_GETNEIGH, AF_UNSPEC, 0,
			    net_sync_neigh_cb, &s, ret_msg);
		if (r < 0)
			goto out;
		for (size_t k = 0; k < s.nstale; k++) {
			struct net_want *w = &s.stale[k];
			if (net_sync_wanted(&s, h->link, w->family, &w->addr,
			    w->is_neigh && w->has_mac ? w->mac : NULL))
				continue;
			if (w->is_neigh)
				net_neigh_del(host, h->index, w->family,
				    &w->addr, "host side: stale neighbour");
			else
				net_route_host_del(host, w->family, &w->addr,
				    h->index, "host side: stale route");
		}
	}
	/* Every wanted address: route and neighbour (replaced: idempotent). */
	for (size_t i = 0; i < s.nwants; i++) {
		const struct net_want *w = &s.wants[i];
		struct net_hparent *p = net_sync_parent(&s, w->parent);
		const void *src = NULL;
		char buf[INET6_ADDRSTRLEN];
		_cleanup_free_ char *what = NULL, *nwhat = NULL;

		if (!p->present)
			continue;
		if (w->family == AF_INET && p->has_src4)
			src = &p->src4;
		else if (w->family == AF_INET6 && p->has_src6)
			src = &p->src6;
		inet_ntop(w->family, &w->addr, buf, sizeof(buf));
		what = xasprintf("host side: route to %s on %s", buf, p->name);
		nwhat = xasprintf("host side: neighbour %s on %s", buf,
		    p->name);
		net_neigh_set(host, p->hindex, w->family, &w->addr, w->mac,
		    nwhat);
		net_route_host(host, w->family, &w->addr, p->hindex, src,
		    what);
	}
	r = net_nl_flush(host, ret_msg);
out:
	net_nl_close(host);
	return r;
}

/* The host's interface holding an address (not lo), into name; or false. */
static bool
net_host_iface_of(int family, const void *addr, char name[IF_NAMESIZE])
{
	struct ifaddrs *ifs = NULL;
	bool found = false;

	if (getifaddrs(&ifs) < 0)
		return false;
	for (struct ifaddrs *i = ifs; i != NULL && !found; i = i->ifa_next) {
		const void *a;

		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != family ||
		    (i->ifa_flags & IFF_LOOPBACK))
			continue;
		a = family == AF_INET ?
		    (const void *)&((const struct sockaddr_in *)(const void *)
		    i->ifa_addr)->sin_addr :
		    (const void *)&((const struct sockaddr_in6 *)(const void *)
		    i->ifa_addr)->sin6_addr;
		if (memcmp(a, addr, family == AF_INET ? 4 : 16) == 0) {
			snprintf(name, IF_NAMESIZE, "%s", i->ifa_name);
			found = true;
		}
	}
	freeifaddrs(ifs);
	return found;
}

/*
 * What the host side holds for a now: "ljhN routes it", "ljhN exists
 * without a route to it", or "no ljhN" (made with the first jail).
 */
static const char *
net_host_state(const char *hn, const struct net_addr *a)
{
	struct net_nl *nl = NULL;
	struct net_link_info li;
	struct net_sync s = { 0 };
	const char *state = "no such link yet, it comes with the first jail";

	if (net_nl_open(&nl) < 0)
		return "unknown";
	if (net_nl_link(nl, hn, &li, NULL) == 0) {
		state = "the link exists, without a route to this address";
		s.cur_index = li.index;
		if (net_nl_dump(nl, RTM_GETROUTE, a->family, li.index,
		    net_sync_route_cb, &s, NULL) == 0)
			for (size_t i = 0; i < s.nstale; i++)
				if (memcmp(&s.stale[i].addr, &a->addr,
				    a->family == AF_INET ? 4 : 16) == 0)
					state = "it routes this address";
	}
	free(s.stale);
	net_nl_close(nl);
	return state;
}

/* Says, per address, where it goes and who can reach it (--check). */
int
net_reach_notes(const struct conf_jail *j, char ***ret)
{
	struct net_conf *nc = NULL;
	char **notes = NULL;

	if (net_conf_read(j, NET_READ_NO_DNS, &nc, NULL) < 0)
		return 0;	/* the checks proper report it */
	for (size_t i = 0; !nc->vnet && i < nc->naddrs; i++) {
		const struct net_addr *a = &nc->addrs[i];
		const char *pname = a->family == AF_INET ? "ip4.addr" :
		    "ip6.addr";
		char buf[INET6_ADDRSTRLEN], ifn[IF_NAMESIZE], hn[16];
		_cleanup_free_ char *note = NULL;
		unsigned idx;

		inet_ntop(a->family, &a->addr, buf, sizeof(buf));
		if (a->iface != NULL) {
			idx = if_nametoindex(a->iface);
			if (idx == 0)
				continue;	/* an error at creation */
			net_host_ifname((int)idx, hn);
			note = xasprintf("%s: %s: on a macvlan over %s in the "
			    "jail, reachable from the LAN; the host reaches "
			    "it through %s (ljail's host-side macvlan over "
			    "%s, with a route to each jail address on it; "
			    "now: %s)", pname, buf, a->iface, hn, a->iface,
			    net_host_state(hn, a));
		} else if (a->loopback)
			note = xasprintf("%s: %s: on the jail's own lo (a "
			    "loopback parent); as root the host reaches it "
			    "through ljlJID, a veth pair to the jail with a "
			    "route to it, so host-side NAT, port forwarding "
			    "and proxies work; the LAN reaches it only through "
			    "them", pname, buf);
		else if (net_host_iface_of(a->family, &a->addr, ifn))
			note = xasprintf("%s: %s: the host holds it on %s; "
			    "the jail gets a copy on its own loopback, which "
			    "nobody outside the jail reaches (FreeBSD's jail "
			    "would serve on the host's): give it as "
			    "\"%s|%s\" and remove it from the host to reach "
			    "the jail from the LAN and the host", pname, buf,
			    ifn, ifn, buf);
		else
			note = xasprintf("%s: %s: on the jail's own loopback "
			    "only, reachable from inside the jail only (an "
			    "address without an interface: a restriction, as "
			    "on FreeBSD)", pname, buf);
		strv_push(&notes, note);
	}
	net_conf_free(nc);
	*ret = notes;
	return 0;
}

/*
 * Lets every group of the jail open ICMP datagram sockets ("ping"
 * without CAP_NET_RAW, which a jail without allow.raw_sockets lacks): a
 * new network namespace starts with ping_group_range "1 0", nobody.  The
 * sysctl takes group ids as seen by the writer, so ljail writes the host
 * ids the jail's ids 0... map to (the first line of init's gid_map).
 */
int
net_ping_groups(int netns_fd, pid_t init, char **ret_msg)
{
	char path[64], *val[2] = { NULL, NULL };
	char *key[2] = { (char *)"ipv4/ping_group_range", NULL };
	unsigned long inner, outer, count;
	_cleanup_free_ char *v = NULL, *map = NULL;
	size_t len;
	int r;

	/*
	 * Entering the jail's namespace needs CAP_SYS_ADMIN in ljail's own
	 * user namespace: rootless, the jail's PID 1 does it
	 * (net_setup_inside), as it does lo.
	 */
	if (geteuid() != 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/gid_map", (int)init);
	r = util_read_file(path, &map, &len);
	if (r < 0)
		return r;
	if (sscanf(map, "%lu %lu %lu", &inner, &outer, &count) != 3 ||
	    count == 0)
		return -EINVAL;
	v = xasprintf("%lu %lu", outer, outer + count - 1);
	val[0] = v;
	return net_sysctl_in(netns_fd, key, val, ret_msg);
}

/* Tells whether interface name under sysfs (/sys/class/net) is wireless. */
bool
net_iface_wireless_at(const char *sysfs, const char *name)
{
	static const char *const marks[] = { "wireless", "phy80211" };

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		_cleanup_free_ char *p = xasprintf("%s/%s/%s", sysfs, name,
		    marks[i]);

		if (access(p, F_OK) == 0)
			return true;
	}
	return false;
}

/*
 * Warnings about a jail's network that are no errors: a wireless parent,
 * whose access point usually drops the frames of a macvlan's extra MAC
 * (ipvlan, which shares the parent's MAC, would do; this kernel may lack
 * it and ljail does not use it yet).
 */
int
net_warnings(const struct conf_jail *j, char ***ret)
{
	struct net_conf *nc = NULL;
	char **w = NULL;

	if (net_conf_read(j, NET_READ_NO_DNS, &nc, NULL) < 0)
		return 0;
	for (size_t i = 0; !nc->vnet && i < nc->naddrs; i++) {
		const struct net_addr *a = &nc->addrs[i];
		bool seen = false;
		_cleanup_free_ char *m = NULL;

		if (a->iface == NULL ||
		    !net_iface_wireless_at("/sys/class/net", a->iface))
			continue;
		for (size_t k = 0; k < i; k++)
			seen = seen || (nc->addrs[k].iface != NULL &&
			    strcmp(nc->addrs[k].iface, a->iface) == 0);
		if (seen)
			continue;
		m = xasprintf("%s: interface %s is wireless: access points "
		    "usually drop frames from a macvlan's own MAC address, so "
		    "the jail may be reachable from this host only, not from "
		    "the LAN", a->family == AF_INET ? "ip4.addr" : "ip6.addr",
		    a->iface);
		strv_push(&w, m);
	}
	net_conf_free(nc);
	*ret = w;
	return 0;
}
