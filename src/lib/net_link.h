/*
 * net_link.h - rtnetlink requests over libmnl, internal to the net module.
 *
 * One struct net_nl is one NETLINK_ROUTE socket bound in one network
 * namespace.  Requests are appended to a batch (each with NLM_F_ACK and
 * a description used in error messages) and sent together by
 * net_nl_flush(), which waits for every ack and reports the first
 * failure as "DESCRIPTION: kernel reason" (the extended ack text when the
 * kernel gives one, else strerror).
 */
#ifndef LJAIL_NET_LINK_H
#define LJAIL_NET_LINK_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

#include "net.h"

struct net_nl;

/*
 * net_conf_parse() with or without the checks against the caller's
 * privileges and the host's interfaces (NET_READ_HOST; off inside a jail,
 * for other jails' configurations, and for configurations already
 * checked), and without resolving ip_hostname (NET_READ_NO_DNS: removal
 * needs no addresses and must not wait for a resolver).
 */
#define NET_READ_HOST 1U
#define NET_READ_NO_DNS 2U
int net_conf_read(const struct conf_jail *j, unsigned flags,
    struct net_conf **ret, char **ret_msg);

/* Opens a socket in the calling process's network namespace. */
int net_nl_open(struct net_nl **ret);
/*
 * Opens a socket in the network namespace netns_fd: setns there, socket,
 * setns back to the namespace the caller was in (single-threaded caller).
 */
int net_nl_open_in(int netns_fd, struct net_nl **ret);
void net_nl_close(struct net_nl *nl);

/* Writes /proc/sys/net/PATH = VALUE pairs inside netns_fd. */
int net_sysctl_in(int netns_fd, char *const *paths, char *const *values,
    char **ret_msg);

/* Sends the batch, collects every ack; the first failure sets *ret_msg. */
int net_nl_flush(struct net_nl *nl, char **ret_msg);

/*
 * Dumps (type = RTM_GETADDR, RTM_GETROUTE...) into cb, for family; the
 * kernel filters by ifindex (> 0) where it can, cb must filter anyway.
 */
int net_nl_dump(struct net_nl *nl, uint16_t type, int family, int ifindex,
    mnl_cb_t cb, void *data, char **ret_msg);

/* Looks an interface up by name (RTM_GETLINK); -ENODEV if absent. */
int net_nl_ifindex(struct net_nl *nl, const char *name, int *ret_index,
    char **ret_msg);

/* What RTM_GETLINK tells about one link. */
struct net_link_info {
	int index;
	char name[16];
	char kind[16];		/* "macvlan", "veth"...; "" for a device */
	int link;		/* lower link (IFLA_LINK), 0 if none */
	bool up;
	bool has_mac;
	uint8_t mac[6];
};

/* What an RTM_NEWROUTE message says, as the dump callbacks use it. */
struct net_route_info {
	int family;
	int dst_len;
	uint32_t table;		/* RTA_TABLE, else rtm_table */
	int oif;		/* 0 if none */
	uint32_t prio;		/* RTA_PRIORITY, 0 if none */
	const void *dst;	/* RTA_DST of the family's size, or NULL */
	const void *gw;		/* RTA_GATEWAY likewise */
};

/* Reads one route message of a dump into ret (pointers into nlh). */
void net_route_parse(const struct nlmsghdr *nlh, struct net_route_info *ret);

/* Looks a link up by name; -ENODEV if absent. */
int net_nl_link(struct net_nl *nl, const char *name,
    struct net_link_info *ret, char **ret_msg);
/* Calls cb for every link of the socket's namespace (cb < 0 stops). */
int net_nl_links(struct net_nl *nl, int (*cb)(const struct net_link_info *,
    void *), void *data, char **ret_msg);

/*
 * Batched requests; what names the request in error messages.  mac (6
 * bytes) may be NULL: the kernel picks a random one.
 */
void net_link_add_macvlan(struct net_nl *nl, const char *name, int parent,
    int netns_fd, const uint8_t *mac, const char *what);
void net_link_add_veth(struct net_nl *nl, const char *host_name,
    const char *jail_name, int netns_fd, const char *what);
/* index > 0, or name when index is 0. */
void net_link_set_up(struct net_nl *nl, int index, const char *name,
    const char *what);
void net_link_promote_secondaries(struct net_nl *nl, int index,
    const char *what);
void net_link_move(struct net_nl *nl, int index, int netns_fd,
    const char *newname, const char *what);
void net_link_del(struct net_nl *nl, const char *name, const char *what);
/* replace: NLM_F_REPLACE instead of NLM_F_EXCL (idempotent). */
void net_addr_add(struct net_nl *nl, int index, const struct net_addr *a,
    bool replace, const char *what);
void net_addr_del(struct net_nl *nl, int index, const struct net_addr *a,
    const char *what);
/*
 * A route in the main table: dst/dstlen via gw (NULL: on-link, scope
 * link) out of oif, preferring source src (NULL: none).
 */
void net_route_add(struct net_nl *nl, int family, const void *dst,
    int dstlen, const void *gw, int oif, const void *src, const char *what);

/* A host route (/32 or /128), on-link out of oif; replaces one there. */
void net_route_host(struct net_nl *nl, int family, const void *dst, int oif,
    const void *src, const char *what);
void net_route_host_del(struct net_nl *nl, int family, const void *dst,
    int oif, const char *what);
/* A permanent neighbour entry (replaced if there), or its removal. */
void net_neigh_set(struct net_nl *nl, int index, int family, const void *addr,
    const uint8_t *mac, const char *what);
void net_neigh_del(struct net_nl *nl, int index, int family, const void *addr,
    const char *what);

#endif
