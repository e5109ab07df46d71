/*
 * net_addr.c - reading and checking a jail's network parameters.
 *
 * FreeBSD's jail(8) accepts ip4.addr / ip6.addr entries in an extended
 * form, "[IFACE|]ADDR[/MASK][ ifconfig-words...]", splits off the
 * interface, the mask and the words into alias commands, and hands the
 * bare addresses to the kernel, which checks them.  Here both halves are
 * done at once, before anything is created, with FreeBSD's messages where
 * it has one.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net.h"
#include "net_link.h"
#include "util.h"

/* Frees a parsed network configuration. */
void
net_conf_free(struct net_conf *nc)
{
	if (nc == NULL)
		return;
	for (size_t i = 0; i < nc->naddrs; i++)
		free(nc->addrs[i].iface);
	free(nc->addrs);
	strv_free(nc->vnet_ifs);
	for (size_t i = 0; i < nc->nveths; i++) {
		free(nc->veths[i].jail_name);
		free(nc->veths[i].host_name);
	}
	free(nc->veths);
	free(nc);
}

/* Cleanup attribute for a struct net_conf pointer. */
static void
net_conf_freep(struct net_conf **p)
{
	net_conf_free(*p);
}
#define _cleanup_net_conf_ _cleanup_(net_conf_freep)

/* Sets *ret_msg (if wanted) and returns err. */
static int __attribute__((format(printf, 3, 4)))
net_fail(char **ret_msg, int err, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	if (ret_msg != NULL) {
		va_start(ap, fmt);
		if (vasprintf(&s, fmt, ap) < 0)
			abort();
		va_end(ap);
		*ret_msg = s;
	}
	return err;
}

/* Tells whether a name fits the kernel's rules for an interface name. */
static bool
net_ifname_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= IFNAMSIZ || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0)
		return false;
	for (const char *c = name; *c != '\0'; c++)
		if (*c == '/' || *c == ':' || isspace((unsigned char)*c))
			return false;
	return true;
}

/*
 * Tells whether a parent name means a loopback: "lo", or FreeBSD's lo0,
 * lo1... (cloned loopbacks, a common home for jail addresses).  On Linux
 * the jail's own lo is the equivalent: reachable from the jail only.
 */
static bool
net_ifname_loopback(const char *name)
{
	return strncmp(name, "lo", 2) == 0 && str_is_digits(name + 2) ?
	    true : strcmp(name, "lo") == 0;
}

/* Parses an IPv4 netmask (dotted or 0x hex) into a prefix length. */
static int
net_parse_mask4(const char *text, int *ret_len)
{
	struct in_addr m;
	uint32_t v;
	char *end;
	int len;

	if (strncasecmp(text, "0x", 2) == 0) {
		errno = 0;
		unsigned long long x = strtoull(text + 2, &end, 16);

		if (errno != 0 || end == text + 2 || *end != '\0' ||
		    x > 0xffffffffULL)
			return -EINVAL;
		v = (uint32_t)x;
	} else {
		if (inet_pton(AF_INET, text, &m) != 1)
			return -EINVAL;
		v = ntohl(m.s_addr);
	}
	for (len = 0; len < 32 && (v & (0x80000000U >> len)) != 0; len++)
		;
	/* The rest must be zero: a mask is contiguous. */
	if (len < 32 && (v & (0xffffffffU >> len)) != 0)
		return -EINVAL;
	*ret_len = len;
	return 0;
}

/* Parses a decimal prefix length 0..max; -ERANGE if out of range. */
static int
net_parse_prefixlen(const char *text, int max, int *ret_len)
{
	long long v;

	if (!str_is_digits(text) || strlen(text) > 4)
		return -EINVAL;
	v = strtoll(text, NULL, 10);
	if (v > max)
		return -ERANGE;
	*ret_len = (int)v;
	return 0;
}

/*
 * Applies the ifconfig words after an address.  Only the ones with a
 * meaning here are mapped: "alias" (always the case), "netmask M" and
 * "prefixlen N" (the prefix), "broadcast B" (IPv4), "up" and "nodad"
 * (always done).  Anything else (vhid, anycast, deprecated, ...) would
 * silently change what the jail gets, so it is refused.
 */
static int
net_parse_words(const char *pname, char *words, struct net_addr *a,
    const char *entry, char **ret_msg)
{
	int max = a->family == AF_INET ? 32 : 128;
	char *save = NULL;
	int r;

	for (char *w = strtok_r(words, " \t", &save); w != NULL;
	     w = strtok_r(NULL, " \t", &save)) {
		if (strcmp(w, "alias") == 0 || strcmp(w, "up") == 0 ||
		    (a->family == AF_INET6 && strcmp(w, "nodad") == 0))
			continue;
		if (strcmp(w, "netmask") == 0 || strcmp(w, "prefixlen") == 0 ||
		    (strcmp(w, "broadcast") == 0 && a->family == AF_INET)) {
			char *v = strtok_r(NULL, " \t", &save);

			if (v == NULL)
				return net_fail(ret_msg, -EINVAL,
				    "%s: ifconfig option needs a value: %s",
				    pname, w);
			if (strcmp(w, "broadcast") == 0) {
				if (inet_pton(AF_INET, v, &a->broadcast) != 1)
					return net_fail(ret_msg, -EINVAL,
					    "%s: not an IPv4 address: %s",
					    pname, v);
				a->has_broadcast = true;
			} else if (strcmp(w, "netmask") == 0 &&
			    a->family == AF_INET) {
				if (net_parse_mask4(v, &a->prefixlen) < 0)
					return net_fail(ret_msg, -EINVAL,
					    "%s: not a netmask: %s", pname, v);
			} else if (strcmp(w, "netmask") == 0)
				return net_fail(ret_msg, -EINVAL,
				    "%s: use prefixlen, not netmask, for IPv6: "
				    "%s", pname, entry);
			else {
				r = net_parse_prefixlen(v, max, &a->prefixlen);
				if (r == -ERANGE)
					return net_fail(ret_msg, -EINVAL,
					    "%s: prefix length out of range: "
					    "%s", pname, v);
				if (r < 0)
					return net_fail(ret_msg, -EINVAL,
					    "%s: not a prefix length: %s",
					    pname, v);
			}
			continue;
		}
		return net_fail(ret_msg, -EINVAL,
		    "%s: ifconfig option not supported: %s", pname, w);
	}
	return 0;
}

/*
 * Parses one address entry "[IFACE|]ADDR[/MASK][ words...]", cut the way
 * FreeBSD's jail(8) cuts it: interface at the first '|', then the mask at
 * the first '/', then the words at the first blank.
 */
static int
net_parse_entry(int family, const char *pname, const char *text,
    const char *defif, struct net_addr *a, char **ret_msg)
{
	_cleanup_free_ char *copy = xstrdup(text);
	char *s = copy, *bar, *slash, *blank, *words = NULL, *mask = NULL;
	int max = family == AF_INET ? 32 : 128;
	int r;

	memset(a, 0, sizeof(*a));
	a->family = family;
	a->prefixlen = max;
	bar = strchr(s, '|');
	if (bar != NULL) {
		*bar = '\0';
		if (!net_ifname_ok(s))
			return net_fail(ret_msg, -EINVAL,
			    "%s: not an interface name: \"%s\"", pname, s);
		if (!net_ifname_loopback(s))
			a->iface = xstrdup(s);
		else
			a->loopback = true;
		s = bar + 1;
	} else if (defif != NULL && !net_ifname_loopback(defif))
		a->iface = xstrdup(defif);
	else if (defif != NULL)
		a->loopback = true;
	slash = strchr(s, '/');
	if (slash != NULL) {
		*slash = '\0';
		mask = slash + 1;
	}
	blank = strpbrk(mask != NULL ? mask : s, " \t");
	if (blank != NULL) {
		*blank = '\0';
		words = blank + 1;
	}
	if (inet_pton(family, s, &a->addr) != 1)
		return net_fail(ret_msg, -EINVAL,
		    "%s: not an IPv%d address: %s", pname,
		    family == AF_INET ? 4 : 6, s);
	if (mask != NULL) {
		r = net_parse_prefixlen(mask, max, &a->prefixlen);
		if (r == -EINVAL && family == AF_INET &&
		    net_parse_mask4(mask, &a->prefixlen) == 0)
			r = 0;
		if (r == -ERANGE)
			return net_fail(ret_msg, -EINVAL,
			    "%s: prefix length out of range: %s/%s", pname, s,
			    mask);
		if (r < 0)
			return net_fail(ret_msg, -EINVAL,
			    "%s: not a netmask: %s", pname, mask);
	}
	if (words != NULL)
		return net_parse_words(pname, words, a, text, ret_msg);
	return 0;
}

/*
 * Tells whether an address can be a jail's: FreeBSD's kernel refuses the
 * unspecified address and (IPv4) the limited broadcast address.
 */
static bool
net_addr_usable(const struct net_addr *a)
{
	if (a->family == AF_INET)
		return a->addr.v4.s_addr != htonl(INADDR_ANY) &&
		    a->addr.v4.s_addr != htonl(INADDR_BROADCAST);
	return !IN6_IS_ADDR_UNSPECIFIED(&a->addr.v6);
}

/* Tells whether two parsed addresses are the same address. */
static bool
net_addr_same(const struct net_addr *a, const struct net_addr *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == AF_INET)
		return a->addr.v4.s_addr == b->addr.v4.s_addr;
	return IN6_ARE_ADDR_EQUAL(&a->addr.v6, &b->addr.v6);
}

/* Formats an address as [IFACE|]ADDR/LEN. */
char *
net_addr_format(const struct net_addr *a)
{
	char buf[INET6_ADDRSTRLEN];

	inet_ntop(a->family, &a->addr, buf, sizeof(buf));
	if (a->iface != NULL)
		return xasprintf("%s|%s/%d", a->iface, buf, a->prefixlen);
	return xasprintf("%s/%d", buf, a->prefixlen);
}

/* Appends one address to the configuration. */
static void
net_conf_push(struct net_conf *nc, const struct net_addr *a)
{
	nc->addrs = xreallocarray(nc->addrs, nc->naddrs + 1,
	    sizeof(*nc->addrs));
	nc->addrs[nc->naddrs++] = *a;
	if (a->family == AF_INET)
		nc->n4++;
	else
		nc->n6++;
}

/*
 * Parses the entries of ip4.addr or ip6.addr.  A value may itself hold a
 * comma list (a jail.conf string "a,b" is split by FreeBSD's libjail), and
 * "" or "-" alone is the empty list.
 */
static int
net_parse_list(struct net_conf *nc, const struct conf_jail *j, int family,
    const char *defif, char **ret_msg)
{
	enum param_id id = family == AF_INET ? P_IP4_ADDR : P_IP6_ADDR;
	const char *pname = param_table[id].name;
	char *const *vals = conf_jail_list(j, id);
	size_t n = strv_length(vals);

	if (n == 1 && (vals[0][0] == '\0' || strcmp(vals[0], "-") == 0))
		return 0;
	for (size_t i = 0; i < n; i++) {
		_cleanup_free_ char *copy = xstrdup(vals[i]);
		char *save = NULL;

		for (char *e = strtok_r(copy, ",", &save); e != NULL;
		     e = strtok_r(NULL, ",", &save)) {
			struct net_addr a;
			int r;

			while (isspace((unsigned char)*e))
				e++;
			if (*e == '\0')
				continue;
			r = net_parse_entry(family, pname, e, defif, &a,
			    ret_msg);
			if (r < 0) {
				free(a.iface);
				return r;
			}
			net_conf_push(nc, &a);
		}
	}
	return 0;
}

/*
 * Adds the addresses of host.hostname (ip_hostname), as FreeBSD does:
 * every address getaddrinfo() returns, in its order, so the first of each
 * family becomes that family's primary.
 */
static int
net_add_hostname(struct net_conf *nc, const struct conf_jail *j,
    const char *defif, char **ret_msg)
{
	const char *host = conf_jail_str(j, P_HOST_HOSTNAME);
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL;
	int r;

	if (!conf_jail_bool(j, P_IP_HOSTNAME) || host == NULL)
		return 0;
	r = getaddrinfo(host, NULL, &hints, &res);
	if (r != 0)
		return net_fail(ret_msg, -EINVAL, "host.hostname %s: %s", host,
		    gai_strerror(r));
	for (struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
		struct net_addr a = { .family = ai->ai_family };

		if (ai->ai_family == AF_INET) {
			a.addr.v4 = ((struct sockaddr_in *)(void *)
			    ai->ai_addr)->sin_addr;
			a.prefixlen = 32;
		} else if (ai->ai_family == AF_INET6) {
			a.addr.v6 = ((struct sockaddr_in6 *)(void *)
			    ai->ai_addr)->sin6_addr;
			a.prefixlen = 128;
		} else
			continue;
		a.iface = defif != NULL ? xstrdup(defif) : NULL;
		net_conf_push(nc, &a);
	}
	freeaddrinfo(res);
	return 0;
}

/* Resolves ip_hostname into the address lists (see net.h). */
int
net_resolve_hostname(struct conf_jail *j, char **ret_msg)
{
	_cleanup_net_conf_ struct net_conf *nc = xcalloc(1, sizeof(*nc));
	char *no[2] = { (char *)"false", NULL };
	int r;

	if (!conf_jail_bool(j, P_IP_HOSTNAME) ||
	    conf_jail_str(j, P_HOST_HOSTNAME) == NULL)
		return 0;
	r = net_add_hostname(nc, j, NULL, ret_msg);
	if (r < 0)
		return r;
	for (size_t i = 0; i < nc->naddrs; i++) {
		const struct net_addr *a = &nc->addrs[i];
		char buf[INET6_ADDRSTRLEN], *v[2] = { buf, NULL };

		if (inet_ntop(a->family, &a->addr, buf, sizeof(buf)) == NULL)
			continue;
		conf_jail_set(j, a->family == AF_INET ? "ip4.addr" :
		    "ip6.addr", v, true, NULL, 0);
	}
	conf_jail_set(j, "ip_hostname", no, false, NULL, 0);
	return 0;
}

/* Reads a jailsys parameter: -1 when unset, -EINVAL with message if bad. */
static int
net_jailsys(const struct conf_jail *j, enum param_id id, char **ret_msg)
{
	const struct conf_param *p = conf_jail_get(j, id);
	int v;

	if (p == NULL)
		return -1;
	v = conf_jail_jailsys(j, id);
	if (v < 0) {
		size_t n = strv_length(p->values);

		return net_fail(ret_msg, -EINVAL,
		    "%s: unknown jailsys value \"%s\"", p->name,
		    n > 0 ? p->values[n - 1] : "");
	}
	return v;
}

/* Checks one family's address list as FreeBSD's kernel does. */
static int
net_check_family(const struct net_conf *nc, int family, int sys,
    char **ret_msg)
{
	const char *pname = family == AF_INET ? "ip4.addr" : "ip6.addr";
	const char *fam = family == AF_INET ? "IPv4" : "IPv6";
	size_t n = family == AF_INET ? nc->n4 : nc->n6;

	if (n == 0)
		return 0;
	if (nc->vnet)
		return net_fail(ret_msg, -EINVAL,
		    "vnet jails cannot have IP address restrictions");
	if (sys == JAILSYS_INHERIT || sys == JAILSYS_DISABLE)
		return net_fail(ret_msg, -EINVAL,
		    "%s: not allowed with ip%c=%s", pname, fam[3],
		    sys == JAILSYS_INHERIT ? "inherit" : "disable");
	if (n > NET_MAX_ADDRS)
		return net_fail(ret_msg, -EINVAL, "too many %s addresses", fam);
	for (size_t i = 0; i < nc->naddrs; i++) {
		const struct net_addr *a = &nc->addrs[i];
		char buf[INET6_ADDRSTRLEN];

		if (a->family != family)
			continue;
		inet_ntop(family, &a->addr, buf, sizeof(buf));
		if (!net_addr_usable(a))
			return net_fail(ret_msg, -EINVAL,
			    "%s: not a usable address: %s", pname, buf);
		for (size_t k = 0; k < i; k++)
			if (net_addr_same(a, &nc->addrs[k]))
				return net_fail(ret_msg, -EINVAL,
				    "%s: duplicate address: %s", pname, buf);
	}
	return 0;
}

/*
 * Splits list values on commas, as the command line does: an interface
 * name cannot hold a comma, so "a,b" from jail.conf means two as well.
 */
static char **
net_split(char *const *vals)
{
	char **v = NULL;

	for (size_t i = 0; vals != NULL && vals[i] != NULL; i++) {
		_cleanup_free_ char *copy = xstrdup(vals[i]);
		char *save = NULL;

		for (char *e = strtok_r(copy, ",", &save); e != NULL;
		     e = strtok_r(NULL, ",", &save))
			strv_push(&v, e);
	}
	return v;
}

/* Reads vnet.interface and vnet.veth. */
static int
net_parse_vnet(struct net_conf *nc, const struct conf_jail *j,
    char **ret_msg)
{
	_cleanup_strv_free_ char **ifs = net_split(conf_jail_list(j,
	    P_VNET_INTERFACE));
	_cleanup_strv_free_ char **veths = net_split(conf_jail_list(j,
	    P_VNET_VETH));

	for (size_t i = 0; ifs != NULL && ifs[i] != NULL; i++) {
		if (ifs[i][0] == '\0')
			continue;
		if (!net_ifname_ok(ifs[i]))
			return net_fail(ret_msg, -EINVAL,
			    "vnet.interface: not an interface name: \"%s\"",
			    ifs[i]);
		strv_push(&nc->vnet_ifs, ifs[i]);
	}
	for (size_t i = 0; veths != NULL && veths[i] != NULL; i++) {
		_cleanup_free_ char *copy = xstrdup(veths[i]);
		char *colon = strchr(copy, ':');
		struct net_veth v;

		if (copy[0] == '\0')
			continue;
		if (colon != NULL) {
			*colon = '\0';
			v.jail_name = xstrdup(copy);
			v.host_name = xstrdup(colon + 1);
		} else {
			v.jail_name = xasprintf("eth%zu", nc->nveths);
			v.host_name = xstrdup(copy);
		}
		nc->veths = xreallocarray(nc->veths, nc->nveths + 1,
		    sizeof(*nc->veths));
		nc->veths[nc->nveths++] = v;
		if (!net_ifname_ok(v.jail_name) || !net_ifname_ok(v.host_name))
			return net_fail(ret_msg, -EINVAL,
			    "vnet.veth: not JAILSIDE:HOSTSIDE interface names: "
			    "\"%s\"", veths[i]);
	}
	if ((nc->vnet_ifs != NULL || nc->nveths > 0) && !nc->vnet)
		return net_fail(ret_msg, -EINVAL, "%s: not a vnet jail",
		    nc->vnet_ifs != NULL ? "vnet.interface" : "vnet.veth");
	return 0;
}

/*
 * Tells whether the host itself holds a's address on a's interface (an
 * alias label "eth0:1" counts as eth0): FreeBSD's alias of an address
 * the interface already has fails with EEXIST, and here the jail's copy
 * would fight the host's for the address on the LAN.
 */
static bool
net_host_holds(const struct net_addr *a)
{
	struct ifaddrs *ifs = NULL;
	size_t n = strlen(a->iface);
	bool held = false;

	if (getifaddrs(&ifs) < 0)
		return false;
	for (struct ifaddrs *i = ifs; i != NULL && !held; i = i->ifa_next) {
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != a->family ||
		    strncmp(i->ifa_name, a->iface, n) != 0 ||
		    (i->ifa_name[n] != '\0' && i->ifa_name[n] != ':'))
			continue;
		if (a->family == AF_INET)
			held = ((const struct sockaddr_in *)(const void *)
			    i->ifa_addr)->sin_addr.s_addr == a->addr.v4.s_addr;
		else
			held = memcmp(&((const struct sockaddr_in6 *)
			    (const void *)i->ifa_addr)->sin6_addr, &a->addr.v6,
			    16) == 0;
	}
	freeifaddrs(ifs);
	return held;
}

/*
 * Refuses what needs the host's network namespace when not root: a
 * macvlan on a host interface, moving an interface in, a veth with a host
 * end.  Failing here, before anything exists, leaves nothing behind and
 * never "succeeds" with an address nobody can reach.
 */
static int
net_check_host_side(const struct net_conf *nc, char **ret_msg)
{
	bool root = geteuid() == 0;

	for (size_t i = 0; i < nc->naddrs; i++) {
		const struct net_addr *a = &nc->addrs[i];
		const char *pname = a->family == AF_INET ? "ip4.addr" :
		    "ip6.addr";

		if (a->iface == NULL)
			continue;
		if (!root)
			return net_fail(ret_msg, -EPERM,
			    "%s: interface %s: an address on a host interface "
			    "needs root (CAP_NET_ADMIN in the host's network "
			    "namespace, for a macvlan); without root, give the "
			    "address without an interface (it is then only on "
			    "the jail's loopback), or on lab0 with ljail.lab "
			    "set (a lab: jails of one user reach each other)",
			    pname, a->iface);
		if (if_nametoindex(a->iface) == 0)
			return net_fail(ret_msg, -ENODEV,
			    "%s: interface %s does not exist", pname,
			    a->iface);
		if (net_host_holds(a)) {
			_cleanup_free_ char *s = net_addr_format(a);
			char *bar = strchr(s, '|'), *slash;

			if (bar != NULL)
				memmove(s, bar + 1, strlen(bar));
			slash = strchr(s, '/');
			if (slash != NULL)
				*slash = '\0';
			return net_fail(ret_msg, -EEXIST,
			    "%s: %s is the host's own address on %s: File "
			    "exists", pname, s, a->iface);
		}
	}
	for (size_t i = 0; nc->vnet_ifs != NULL && nc->vnet_ifs[i]; i++) {
		if (!root)
			return net_fail(ret_msg, -EPERM,
			    "vnet.interface: moving host interface %s into the "
			    "jail needs root", nc->vnet_ifs[i]);
		if (if_nametoindex(nc->vnet_ifs[i]) == 0)
			return net_fail(ret_msg, -ENODEV,
			    "vnet.interface: interface %s does not exist",
			    nc->vnet_ifs[i]);
	}
	for (size_t i = 0; i < nc->nveths; i++) {
		if (!root)
			return net_fail(ret_msg, -EPERM,
			    "vnet.veth: a veth pair with an end on the host "
			    "needs root");
		if (if_nametoindex(nc->veths[i].host_name) != 0)
			return net_fail(ret_msg, -EEXIST,
			    "vnet.veth: interface %s already exists",
			    nc->veths[i].host_name);
	}
	return 0;
}

/* Reads and checks the network parameters; flags as in net_link.h. */
int
net_conf_read(const struct conf_jail *j, unsigned flags,
    struct net_conf **ret, char **ret_msg)
{
	_cleanup_net_conf_ struct net_conf *nc = xcalloc(1, sizeof(*nc));
	const char *defif = conf_jail_str(j, P_INTERFACE);
	int r, vnet;

	if (defif != NULL && defif[0] == '\0')
		defif = NULL;
	if (defif != NULL && !net_ifname_ok(defif))
		return net_fail(ret_msg, -EINVAL,
		    "interface: not an interface name: \"%s\"", defif);
	vnet = net_jailsys(j, P_VNET, ret_msg);
	if (vnet < -1)
		return vnet;
	if (vnet == JAILSYS_DISABLE)
		return net_fail(ret_msg, -EINVAL,
		    "vnet: \"disable\" is not a valid value (new or inherit)");
	nc->vnet = vnet == JAILSYS_NEW;
	nc->ip4 = net_jailsys(j, P_IP4, ret_msg);
	if (nc->ip4 < -1)
		return nc->ip4;
	nc->ip6 = net_jailsys(j, P_IP6, ret_msg);
	if (nc->ip6 < -1)
		return nc->ip6;
	r = net_parse_list(nc, j, AF_INET, defif, ret_msg);
	if (r < 0)
		return r;
	r = net_parse_list(nc, j, AF_INET6, defif, ret_msg);
	if (r < 0)
		return r;
	r = (flags & NET_READ_NO_DNS) ? 0 :
	    net_add_hostname(nc, j, defif != NULL &&
		net_ifname_loopback(defif) ? NULL : defif, ret_msg);
	if (r < 0)
		return r;
	/* Keep IPv4 first, then IPv6, each in the order given. */
	for (size_t i = 1; i < nc->naddrs; i++)
		for (size_t k = i; k > 0 && nc->addrs[k].family == AF_INET &&
		     nc->addrs[k - 1].family == AF_INET6; k--) {
			struct net_addr t = nc->addrs[k];

			nc->addrs[k] = nc->addrs[k - 1];
			nc->addrs[k - 1] = t;
		}
	if (nc->vnet && (nc->ip4 == JAILSYS_NEW || nc->ip4 == JAILSYS_DISABLE ||
	    nc->ip6 == JAILSYS_NEW || nc->ip6 == JAILSYS_DISABLE))
		return net_fail(ret_msg, -EINVAL,
		    "vnet jails cannot have IP address restrictions");
	r = net_check_family(nc, AF_INET, nc->ip4, ret_msg);
	if (r < 0)
		return r;
	r = net_check_family(nc, AF_INET6, nc->ip6, ret_msg);
	if (r < 0)
		return r;
	/*
	 * Linux has one network stack per namespace: a jail that shares the
	 * host's for one family shares it for both, so the other family
	 * cannot be restricted to a list.
	 */
	if (!nc->vnet && nc->ip4 == JAILSYS_INHERIT && nc->n6 > 0)
		return net_fail(ret_msg, -EINVAL,
		    "ip6.addr: not possible with ip4=inherit on Linux (both "
		    "families share one network stack)");
	if (!nc->vnet && nc->ip6 == JAILSYS_INHERIT && nc->n4 > 0)
		return net_fail(ret_msg, -EINVAL,
		    "ip4.addr: not possible with ip6=inherit on Linux (both "
		    "families share one network stack)");
	if (!nc->vnet && ((nc->ip4 == JAILSYS_INHERIT &&
	    nc->ip6 == JAILSYS_DISABLE) || (nc->ip6 == JAILSYS_INHERIT &&
	    nc->ip4 == JAILSYS_DISABLE)))
		return net_fail(ret_msg, -EINVAL,
		    "ip%c=disable: not possible with ip%c=inherit on Linux "
		    "(both families share one network stack)",
		    nc->ip4 == JAILSYS_DISABLE ? '4' : '6',
		    nc->ip4 == JAILSYS_DISABLE ? '6' : '4');
	r = net_parse_vnet(nc, j, ret_msg);
	if (r < 0)
		return r;
	if (flags & NET_READ_HOST) {
		r = net_check_host_side(nc, ret_msg);
		if (r < 0)
			return r;
	}
	*ret = TAKE_PTR(nc);
	return 0;
}

/* Parses and checks the network parameters. */
int
net_conf_parse(const struct conf_jail *j, struct net_conf **ret,
    char **ret_msg)
{
	return net_conf_read(j, NET_READ_HOST, ret, ret_msg);
}

/* Validates the network parameters. */
int
net_check(const struct conf_jail *j, char **ret_msg)
{
	_cleanup_net_conf_ struct net_conf *nc = NULL;

	return net_conf_parse(j, &nc, ret_msg);
}

/* Tells whether the jail needs its own network namespace. */
bool
net_wants_netns(const struct conf_jail *j)
{
	int vnet = conf_jail_has(j, P_VNET) ? conf_jail_jailsys(j, P_VNET) : -1;

	if (vnet == JAILSYS_NEW)
		return true;
	if (conf_jail_has(j, P_IP4) &&
	    conf_jail_jailsys(j, P_IP4) == JAILSYS_INHERIT)
		return false;
	if (conf_jail_has(j, P_IP6) &&
	    conf_jail_jailsys(j, P_IP6) == JAILSYS_INHERIT)
		return false;
	return true;
}

/* Tells whether jail name a is an ancestor of jail name b ("a.x"). */
static bool
net_is_ancestor(const char *a, const char *b)
{
	size_t n;

	if (a == NULL || b == NULL)
		return false;
	n = strlen(a);
	return strncmp(a, b, n) == 0 && b[n] == '.';
}

/* Tells whether two optional interface names are the same. */
static bool
net_same_iface(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Checks j's addresses against one other jail's. */
static int
net_clash_one(const struct net_conf *mine, const struct net_conf *theirs,
    char **ret_msg)
{
	if (theirs->vnet)
		return 0;
	for (size_t i = 0; i < mine->naddrs; i++) {
		const struct net_addr *a = &mine->addrs[i];
		size_t na = a->family == AF_INET ? mine->n4 : mine->n6;
		size_t nb = a->family == AF_INET ? theirs->n4 : theirs->n6;

		for (size_t k = 0; k < theirs->naddrs; k++) {
			const struct net_addr *b = &theirs->addrs[k];

			if (!net_addr_same(a, b))
				continue;
			/*
			 * FreeBSD lets two single-address jails share their
			 * address.  On Linux the same address on the same
			 * parent twice (two macvlans) would fight over ARP,
			 * so that is a clash too.
			 */
			if (na == 1 && nb == 1 &&
			    !net_same_iface(a->iface, b->iface))
				continue;
			return net_fail(ret_msg, -EADDRINUSE,
			    "IPv%c addresses clash",
			    a->family == AF_INET ? '4' : '6');
		}
	}
	return 0;
}

/* Checks j's addresses against the other live jails. */
int
net_check_clash(const struct conf_jail *j,
    const struct conf_jail *const *others, size_t n, char **ret_msg)
{
	_cleanup_net_conf_ struct net_conf *mine = NULL;
	const char *myname = conf_jail_label(j);
	int r;

	r = net_conf_read(j, 0, &mine, ret_msg);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++) {
		_cleanup_net_conf_ struct net_conf *theirs = NULL;
		const char *name = conf_jail_label(others[i]);

		if (others[i] == j || (name != NULL && myname != NULL &&
		    strcmp(name, myname) == 0) ||
		    net_is_ancestor(name, myname))
			continue;
		if (net_conf_read(others[i], 0, &theirs, NULL) < 0)
			continue;
		r = net_clash_one(mine, theirs, ret_msg);
		if (r < 0)
			return r;
	}
	return 0;
}
