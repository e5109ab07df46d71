/*
 * net.h - the jail's IP addresses over netlink (libmnl): macvlan over a
 * parent interface, moved into the jail's network namespace; veth pairs
 * for vnet jails; vnet.interface moved in and back.
 * CONTRACT owner: net.
 *
 * The module is split in three files: net_addr.c reads and validates the
 * network parameters into a struct net_conf, net_link.c speaks rtnetlink
 * (one socket per namespace, batched requests, every one acked), and
 * net_jail.c builds a jail's network from both.
 *
 * Who calls what, when:
 *   ljail, before anything exists:   net_check(), net_check_clash()
 *   ljail, deciding CLONE_NEWNET:    net_wants_netns()
 *   the jail's PID 1, in its netns:  net_setup_inside() (lo up and the
 *                                    restriction-only addresses; rootless
 *                                    too)
 *   ljail (host netns, root), once the jail's netns exists:  net_setup()
 *   ljail -m:                        net_modify()
 *   ljail -r, while init still lives: net_teardown()
 * net_setup() and net_setup_inside() may run in either order: both bring
 * lo up and (re)place the loopback addresses idempotently.
 */
#ifndef LJAIL_NET_H
#define LJAIL_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/types.h>

#include "conf.h"

/* FreeBSD's security.jail.jail_max_af_ips. */
#define NET_MAX_ADDRS 255

struct net_addr {
	int family;		/* AF_INET or AF_INET6 */
	char *iface;		/* parent interface, NULL: loopback only */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} addr;
	int prefixlen;		/* default 32 / 128 */
	bool loopback;		/* iface NULL because it named lo, lo1... */
	bool has_broadcast;	/* "broadcast B" ifconfig word (IPv4) */
	struct in_addr broadcast;
};

/* A veth pair of a vnet jail (vnet.veth = "JAILSIDE:HOSTSIDE"). */
struct net_veth {
	char *jail_name;	/* the end inside the jail */
	char *host_name;	/* the end left on the host */
};

/* Everything the network parameters of one jail say, checked. */
struct net_conf {
	int ip4, ip6;		/* enum jailsys, or -1 when unset */
	bool vnet;		/* vnet = new */
	struct net_addr *addrs;	/* IPv4 entries first, then IPv6 */
	size_t naddrs;
	size_t n4, n6;
	char **vnet_ifs;	/* vnet.interface, NULL-terminated or NULL */
	struct net_veth *veths;
	size_t nveths;
};

/*
 * ip_hostname, once, in ljail on the host as jail(8) does: the addresses
 * of host.hostname are appended to ip4.addr and ip6.addr of j, and
 * ip_hostname is set to false, so that every later reader (the clash
 * check, the jail's own setup, the record and ljls) sees them as
 * addresses, and nothing resolves again (least of all inside the jail,
 * whose /etc/hosts is not the host's).  -EINVAL with *ret_msg if the
 * name does not resolve.
 */
int net_resolve_hostname(struct conf_jail *j, char **ret_msg);

/*
 * Validates the jail's network parameters (ip4/ip6/ip4.addr/ip6.addr/
 * interface/vnet...) in ljail before anything is created.  On error sets
 * *ret_msg ("ip4.addr: not an IPv4 address: X").
 */
int net_check(const struct conf_jail *j, char **ret_msg);

/*
 * Reads and checks the network parameters into a new struct net_conf
 * (ip_hostname resolved, interface applied, ifconfig words mapped).
 */
int net_conf_parse(const struct conf_jail *j, struct net_conf **ret,
    char **ret_msg);
void net_conf_free(struct net_conf *nc);

/*
 * FreeBSD's "IPv4 addresses clash" check against other live jails (the
 * registry's confs): -EADDRINUSE with the message when an address of j is
 * already used by another address-restricted jail, unless both jails have
 * a single address of that family and do not put it on the same
 * interface.  Jails that cannot be read and j's ancestors are skipped.
 */
int net_check_clash(const struct conf_jail *j,
    const struct conf_jail *const *others, size_t n, char **ret_msg);

/*
 * Tells whether the jail gets its own network namespace: false only for a
 * non-vnet jail with ip4=inherit or ip6=inherit (it shares the host's).
 */
bool net_wants_netns(const struct conf_jail *j);

/*
 * Called by ljail (in the host's network namespace) once the jail's
 * namespaces exist: creates and moves interfaces, adds addresses, brings
 * links up, adds routes.  netns_fd is /proc/INIT/ns/net of the jail.
 * Needs root only when there is something to do on the host side (an
 * address with a parent interface, vnet.interface, vnet.veth); otherwise
 * it does nothing and returns 0 (net_setup_inside() covers the rest).
 */
int net_setup(const struct conf_jail *j, int netns_fd, int jid, char **ret_msg);

/*
 * Run by the jail's PID 1 inside its own network namespace: brings lo up
 * and puts the restriction-only addresses (no parent interface) on lo.
 * Works rootless (the jail's user namespace owns its netns).
 */
int net_setup_inside(const struct conf_jail *j, char **ret_msg);

/*
 * Undoes net_setup: returns vnet.interface links under their configured
 * names (found by those names in the jail) to the network namespace they
 * came from, home (net_home_id() at creation; NULL or gone: the
 * caller's).  Everything else (macvlans, veths, addresses) dies with the
 * jail's namespace.
 */
int net_teardown(const struct conf_jail *j, int netns_fd, int jid,
    const char *home);
/*
 * Holds a vnet.interface jail's namespace at path (bind mount), with its
 * links and home in path.ifs, so the jail's death without ljail destroys
 * no host interface; net_release() gives the links back (give_back) and
 * ends the hold.
 */
int net_hold(int netns_fd, const char *path, const struct conf_jail *j,
    const char *home);
int net_release(const char *path, bool give_back);
/*
 * The identity of the caller's network namespace ("DEV:INODE" of its nsfs
 * file), recorded at creation as ljail.vnet.home so that vnet.interface
 * goes back there whoever runs -r, from wherever.
 */
char *net_home_id(void);

/*
 * ljail -m on a running jail: removes the addresses old has and new lacks,
 * adds the ones new has and old lacks (creating or deleting macvlans as
 * parents come and go).  The checks of net_check() apply to new.
 */
int net_modify(const struct conf_jail *old, const struct conf_jail *new,
    int netns_fd, int jid, char **ret_msg);

/*
 * Reads the addresses of family (AF_INET, AF_INET6) configured in the
 * network namespace of process pid (pidfd refers to it): global scope
 * ones only (not 127.0.0.1, ::1, fe80::), as text, into a new vector.
 * 0, or 1 if that namespace is the caller's own (nothing read), -errno.
 */
int net_read_addrs(pid_t pid, int pidfd, int family, char ***ret);

/* A live jail as the host side sees it: its registry name and conf. */
struct net_jail_ref {
	const char *name;
	const struct conf_jail *conf;
};

/*
 * Brings the host's side of the jails' addresses (net_host.c) to what the
 * live jails need: for every parent they name, the host's macvlan "ljhN"
 * with a host route and a permanent neighbour entry per jail address on
 * that parent; ljhN links and entries no live jail needs are removed (so
 * a killed ljail's leftovers go at the next sync).  Run under the
 * registry lock, in the host's namespace, as root.
 */
int net_host_sync(const struct net_jail_ref *jails, size_t n,
    char **ret_msg);

/*
 * Stable MACs: a jail's macvlan over parent (from the jail's name, the
 * parent's name and MAC, which may be NULL), and the host's macvlan.
 */
void net_mac_jail(const char *jail, const char *parent,
    const uint8_t *parent_mac, uint8_t ret[6]);
void net_mac_host(const char *parent, const uint8_t *parent_mac,
    uint8_t ret[6]);
/* Tells whether j puts an address on a parent (needs the host side). */
bool net_conf_has_parent(const struct conf_jail *j);
/* "ljhN", the host's macvlan over the parent of that index. */
void net_host_ifname(int parent_index, char ret[16]);
/* The name MACs derive from: name, else the jail.conf name, else jid. */
const char *net_jail_name(const struct conf_jail *j, int jid, char buf[16]);

/*
 * ljail --check: one line per address of j saying where it goes (a
 * macvlan, the jail's loopback) and who can reach it (the LAN, the host
 * through ljhN, nobody outside the jail), *ret a NULL-terminated list
 * (NULL if none).
 */
int net_reach_notes(const struct conf_jail *j, char ***ret);

/*
 * ICMP datagram sockets ("ping" without raw sockets) for every group of
 * the jail whose init is init, in its network namespace netns_fd.
 */
int net_ping_groups(int netns_fd, pid_t init, char **ret_msg);

/*
 * Warnings about j's network that are no errors (a wireless parent), *ret
 * NULL-terminated or NULL.  net_iface_wireless_at() is the test under a
 * sysfs root ("/sys/class/net").
 */
int net_warnings(const struct conf_jail *j, char ***ret);
bool net_iface_wireless_at(const char *sysfs, const char *name);

/* Brings lo up in the calling process's network namespace. */
int net_lo_up(void);

/* Formats an address as "ADDR/LEN" (with "IFACE|" in front if it has one). */
char *net_addr_format(const struct net_addr *a);

#endif
