/*
 * net.h - the jail's IP addresses over netlink (libmnl): macvlan over a
 * parent interface, moved into the jail's network namespace; veth pairs
 * for vnet jails; vnet.interface moved in and back.
 * CONTRACT owner: net.
 */
#ifndef LJAIL_NET_H
#define LJAIL_NET_H

#include <stdbool.h>
#include <netinet/in.h>

#include "conf.h"

struct net_addr {
	int family;		/* AF_INET or AF_INET6 */
	char *iface;		/* parent interface, or NULL (loopback only) */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} addr;
	int prefixlen;		/* default 32 / 128 */
};

/*
 * Validates the jail's network parameters (ip4/ip6/ip4.addr/ip6.addr/
 * interface/vnet...) in ljail before anything is created.  On error sets
 * *ret_msg ("ip4.addr: not an IPv4 address: X").
 */
int net_check(const struct conf_jail *j, char **ret_msg);

/*
 * Called by ljail (in the host's network namespace) once the jail's
 * namespaces exist: creates and moves interfaces, adds addresses, brings
 * links up, adds routes.  netns_fd is /proc/INIT/ns/net of the jail.
 */
int net_setup(const struct conf_jail *j, int netns_fd, int jid, char **ret_msg);

/* Undoes net_setup (returns vnet.interface links to the host). */
int net_teardown(const struct conf_jail *j, int netns_fd, int jid);

/* Brings lo up in the calling process's network namespace. */
int net_lo_up(void);

#endif
