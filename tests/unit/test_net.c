/*
 * Unit tests of net's parameter reading: every FreeBSD address form and
 * every error message.  Nothing here touches an interface; the host-side
 * checks only look interface names up.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "conf.h"
#include "net.h"
#include "net_link.h"
#include "util.h"

/* Builds a jail from "name=value" words ("name" alone: no value). */
static struct conf_jail *
mkn(const char *name, const char *const *words)
{
	struct conf_jail *j = conf_jail_new(name, true);

	for (size_t i = 0; words[i] != NULL; i++) {
		char *w = xstrdup(words[i]);
		char *eq = strchr(w, '=');

		if (eq != NULL) {
			char *vals[] = { eq + 1, NULL };

			*eq = '\0';
			conf_jail_set(j, w, vals, false, NULL, 0);
		} else
			conf_jail_set(j, w, NULL, false, NULL, 0);
		free(w);
	}
	return j;
}

#define JAIL(...) mkn("j", (const char *const[]){ __VA_ARGS__, NULL })
#define NAMED(n, ...) mkn(n, (const char *const[]){ __VA_ARGS__, NULL })

/* Parses (without the host-side checks) and expects success. */
static struct net_conf *
ok(struct conf_jail *j)
{
	struct net_conf *nc = NULL;
	char *msg = NULL;
	int r = net_conf_read(j, 0, &nc, &msg);

	cr_assert_eq(r, 0, "unexpected failure %d: %s", r, msg ? msg : "");
	conf_jail_free(j);
	return nc;
}

/* Parses and expects failure with exactly this errno and message. */
static void
bad(struct conf_jail *j, int err, const char *want)
{
	char *msg = NULL;
	int r = net_check(j, &msg);

	cr_assert_eq(r, err, "want %d got %d (%s)", err, r, msg ? msg : "");
	cr_assert_not_null(msg);
	cr_assert_str_eq(msg, want);
	free(msg);
	conf_jail_free(j);
}

/* Formats address i of a parsed configuration. */
static char *
fmt(const struct net_conf *nc, size_t i)
{
	cr_assert_lt(i, nc->naddrs);
	return net_addr_format(&nc->addrs[i]);
}

static void
expect_addr(const struct net_conf *nc, size_t i, const char *want)
{
	char *s = fmt(nc, i);

	cr_assert_str_eq(s, want);
	free(s);
}

Test(net, bare_addresses_default_host_prefix)
{
	struct net_conf *nc = ok(JAIL("ip4.addr=192.0.2.10",
	    "ip6.addr=2001:db8::10"));

	cr_assert_eq(nc->naddrs, 2);
	cr_assert_eq(nc->n4, 1);
	cr_assert_eq(nc->n6, 1);
	expect_addr(nc, 0, "192.0.2.10/32");
	expect_addr(nc, 1, "2001:db8::10/128");
	cr_assert_null(nc->addrs[0].iface);
	net_conf_free(nc);
}

Test(net, prefix_and_dotted_mask)
{
	struct net_conf *nc = ok(JAIL("ip4.addr=192.0.2.10/24",
	    "ip4.addr=198.51.100.7/255.255.255.128",
	    "ip6.addr=2001:db8::10/64"));

	expect_addr(nc, 0, "192.0.2.10/24");
	expect_addr(nc, 1, "198.51.100.7/25");
	expect_addr(nc, 2, "2001:db8::10/64");
	net_conf_free(nc);
}

Test(net, interface_prefix_and_default_interface)
{
	struct net_conf *nc = ok(JAIL("interface=em0",
	    "ip4.addr=vtnet0|192.0.2.10/24", "ip4.addr=192.0.2.11",
	    "ip6.addr=2001:db8::1"));

	expect_addr(nc, 0, "vtnet0|192.0.2.10/24");
	expect_addr(nc, 1, "em0|192.0.2.11/32");
	expect_addr(nc, 2, "em0|2001:db8::1/128");
	net_conf_free(nc);
}

Test(net, loopback_parents_mean_the_jails_lo)
{
	struct net_conf *nc = ok(JAIL("interface=lo1",
	    "ip4.addr=lo0|127.0.1.1", "ip4.addr=192.0.2.11",
	    "ip6.addr=lo|2001:db8::1", "ip6.addr=low|2001:db8::2"));

	expect_addr(nc, 0, "127.0.1.1/32");
	expect_addr(nc, 1, "192.0.2.11/32");
	expect_addr(nc, 2, "2001:db8::1/128");
	expect_addr(nc, 3, "low|2001:db8::2/128");
	net_conf_free(nc);
}

Test(net, ifconfig_words)
{
	struct net_conf *nc = ok(JAIL(
	    "ip4.addr=192.0.2.10 netmask 255.255.255.0 alias",
	    "ip4.addr=192.0.2.20 netmask 0xffff0000",
	    "ip4.addr=192.0.2.30/24 broadcast 192.0.2.255 up",
	    "ip6.addr=2001:db8::5 prefixlen 48 alias nodad"));
	char buf[INET_ADDRSTRLEN];

	expect_addr(nc, 0, "192.0.2.10/24");
	expect_addr(nc, 1, "192.0.2.20/16");
	expect_addr(nc, 2, "192.0.2.30/24");
	cr_assert(nc->addrs[2].has_broadcast);
	inet_ntop(AF_INET, &nc->addrs[2].broadcast, buf, sizeof(buf));
	cr_assert_str_eq(buf, "192.0.2.255");
	expect_addr(nc, 3, "2001:db8::5/48");
	net_conf_free(nc);
}

Test(net, comma_lists_and_empty)
{
	struct net_conf *nc = ok(JAIL("ip4.addr=192.0.2.1,192.0.2.2/24"));

	cr_assert_eq(nc->n4, 2);
	expect_addr(nc, 1, "192.0.2.2/24");
	net_conf_free(nc);
	nc = ok(JAIL("ip4.addr=-"));
	cr_assert_eq(nc->naddrs, 0);
	net_conf_free(nc);
	nc = ok(JAIL("ip4.addr="));
	cr_assert_eq(nc->naddrs, 0);
	net_conf_free(nc);
}

Test(net, ipv6_after_ipv4_in_order)
{
	struct net_conf *nc = ok(JAIL("ip6.addr=2001:db8::1",
	    "ip4.addr=192.0.2.1", "ip4.addr=192.0.2.2"));

	expect_addr(nc, 0, "192.0.2.1/32");
	expect_addr(nc, 1, "192.0.2.2/32");
	expect_addr(nc, 2, "2001:db8::1/128");
	net_conf_free(nc);
}

Test(net, not_an_address)
{
	bad(JAIL("ip4.addr=192.0.2.300"), -EINVAL,
	    "ip4.addr: not an IPv4 address: 192.0.2.300");
	bad(JAIL("ip4.addr=em0|bogus/24 alias"), -EINVAL,
	    "ip4.addr: not an IPv4 address: bogus");
	bad(JAIL("ip6.addr=192.0.2.1"), -EINVAL,
	    "ip6.addr: not an IPv6 address: 192.0.2.1");
	bad(JAIL("ip4.addr=2001:db8::1"), -EINVAL,
	    "ip4.addr: not an IPv4 address: 2001:db8::1");
}

Test(net, prefix_out_of_range)
{
	bad(JAIL("ip4.addr=192.0.2.1/33"), -EINVAL,
	    "ip4.addr: prefix length out of range: 192.0.2.1/33");
	bad(JAIL("ip6.addr=2001:db8::1/129"), -EINVAL,
	    "ip6.addr: prefix length out of range: 2001:db8::1/129");
	bad(JAIL("ip6.addr=2001:db8::1 prefixlen 200"), -EINVAL,
	    "ip6.addr: prefix length out of range: 200");
}

Test(net, bad_masks)
{
	bad(JAIL("ip4.addr=192.0.2.1/255.0.255.0"), -EINVAL,
	    "ip4.addr: not a netmask: 255.0.255.0");
	bad(JAIL("ip4.addr=192.0.2.1/x"), -EINVAL,
	    "ip4.addr: not a netmask: x");
	bad(JAIL("ip6.addr=2001:db8::1/ffff::"), -EINVAL,
	    "ip6.addr: not a netmask: ffff::");
	bad(JAIL("ip4.addr=192.0.2.1 netmask 255.255.0.255"), -EINVAL,
	    "ip4.addr: not a netmask: 255.255.0.255");
	bad(JAIL("ip4.addr=192.0.2.1 netmask"), -EINVAL,
	    "ip4.addr: ifconfig option needs a value: netmask");
	bad(JAIL("ip6.addr=2001:db8::1 netmask ffff::"), -EINVAL,
	    "ip6.addr: use prefixlen, not netmask, for IPv6: "
	    "2001:db8::1 netmask ffff::");
	bad(JAIL("ip6.addr=2001:db8::1 prefixlen x"), -EINVAL,
	    "ip6.addr: not a prefix length: x");
}

Test(net, unsupported_ifconfig_words)
{
	bad(JAIL("ip4.addr=192.0.2.1/24 vhid 1 pass x"), -EINVAL,
	    "ip4.addr: ifconfig option not supported: vhid");
	bad(JAIL("ip6.addr=2001:db8::1 anycast"), -EINVAL,
	    "ip6.addr: ifconfig option not supported: anycast");
	bad(JAIL("ip4.addr=192.0.2.1 -alias"), -EINVAL,
	    "ip4.addr: ifconfig option not supported: -alias");
}

Test(net, bad_interface_names)
{
	bad(JAIL("ip4.addr=|192.0.2.1"), -EINVAL,
	    "ip4.addr: not an interface name: \"\"");
	bad(JAIL("ip4.addr=averyveryverylongname|192.0.2.1"), -EINVAL,
	    "ip4.addr: not an interface name: \"averyveryverylongname\"");
	bad(JAIL("interface=a/b", "ip4.addr=192.0.2.1"), -EINVAL,
	    "interface: not an interface name: \"a/b\"");
}

Test(net, unusable_and_duplicate_addresses)
{
	bad(JAIL("ip4.addr=0.0.0.0"), -EINVAL,
	    "ip4.addr: not a usable address: 0.0.0.0");
	bad(JAIL("ip4.addr=255.255.255.255"), -EINVAL,
	    "ip4.addr: not a usable address: 255.255.255.255");
	bad(JAIL("ip6.addr=::"), -EINVAL, "ip6.addr: not a usable address: ::");
	bad(JAIL("ip4.addr=192.0.2.1,192.0.2.2/24,192.0.2.1"), -EINVAL,
	    "ip4.addr: duplicate address: 192.0.2.1");
	bad(JAIL("ip6.addr=2001:db8::1", "ip6.addr=2001:DB8:0::1/64"),
	    -EINVAL, "ip6.addr: duplicate address: 2001:db8::1");
}

Test(net, too_many_addresses)
{
	struct conf_jail *j = conf_jail_new("j", true);
	char buf[32];

	for (int i = 0; i < 256; i++) {
		char *vals[] = { buf, NULL };

		snprintf(buf, sizeof(buf), "198.51.%d.%d", 100 + i / 200,
		    1 + i % 200);
		conf_jail_set(j, "ip4.addr", vals, false, NULL, 0);
	}
	bad(j, -EINVAL, "too many IPv4 addresses");
}

Test(net, exactly_255_addresses)
{
	struct conf_jail *j = conf_jail_new("j", true);
	struct net_conf *nc;
	char buf[32];

	for (int i = 0; i < 255; i++) {
		char *vals[] = { buf, NULL };

		snprintf(buf, sizeof(buf), "2001:db8::%x", i + 1);
		conf_jail_set(j, "ip6.addr", vals, false, NULL, 0);
	}
	nc = ok(j);
	cr_assert_eq(nc->n6, 255);
	net_conf_free(nc);
}

Test(net, vnet_restrictions)
{
	bad(JAIL("vnet", "ip4.addr=192.0.2.1"), -EINVAL,
	    "vnet jails cannot have IP address restrictions");
	bad(JAIL("vnet=new", "ip6=new"), -EINVAL,
	    "vnet jails cannot have IP address restrictions");
	bad(JAIL("vnet=new", "ip4=disable"), -EINVAL,
	    "vnet jails cannot have IP address restrictions");
	bad(JAIL("vnet=disable"), -EINVAL,
	    "vnet: \"disable\" is not a valid value (new or inherit)");
	net_conf_free(ok(JAIL("vnet", "ip4=inherit", "ip6=inherit")));
}

Test(net, jailsys_values)
{
	struct net_conf *nc = ok(JAIL("ip4=disable", "ip6"));

	cr_assert_eq(nc->ip4, JAILSYS_DISABLE);
	cr_assert_eq(nc->ip6, JAILSYS_NEW);
	net_conf_free(nc);
	nc = ok(JAIL("ip4.addr=192.0.2.1"));
	cr_assert_eq(nc->ip4, -1);
	net_conf_free(nc);
	bad(JAIL("ip4=maybe"), -EINVAL, "ip4: unknown jailsys value \"maybe\"");
	bad(JAIL("ip4=inherit", "ip4.addr=192.0.2.1"), -EINVAL,
	    "ip4.addr: not allowed with ip4=inherit");
	bad(JAIL("ip6=disable", "ip6.addr=2001:db8::1"), -EINVAL,
	    "ip6.addr: not allowed with ip6=disable");
	bad(JAIL("ip4=inherit", "ip6.addr=2001:db8::1"), -EINVAL,
	    "ip6.addr: not possible with ip4=inherit on Linux (both families "
	    "share one network stack)");
	bad(JAIL("ip6=inherit", "ip4=disable"), -EINVAL,
	    "ip4=disable: not possible with ip6=inherit on Linux (both "
	    "families share one network stack)");
	bad(JAIL("ip4=inherit", "ip6=disable"), -EINVAL,
	    "ip6=disable: not possible with ip4=inherit on Linux (both "
	    "families share one network stack)");
	bad(JAIL("ip6=inherit", "ip4.addr=192.0.2.1"), -EINVAL,
	    "ip4.addr: not possible with ip6=inherit on Linux (both families "
	    "share one network stack)");
}

Test(net, wants_netns)
{
	struct conf_jail *j;

	j = JAIL("path=/");
	cr_assert(net_wants_netns(j));
	conf_jail_free(j);
	j = JAIL("ip4=inherit");
	cr_assert_not(net_wants_netns(j));
	conf_jail_free(j);
	j = JAIL("ip6=inherit");
	cr_assert_not(net_wants_netns(j));
	conf_jail_free(j);
	j = JAIL("ip4=inherit", "vnet");
	cr_assert(net_wants_netns(j));
	conf_jail_free(j);
	j = JAIL("ip4=disable", "ip6=new");
	cr_assert(net_wants_netns(j));
	conf_jail_free(j);
}

Test(net, vnet_interface_and_veth)
{
	struct net_conf *nc;

	bad(JAIL("vnet.interface=lo"), -EINVAL,
	    "vnet.interface: not a vnet jail");
	bad(JAIL("vnet.veth=a:b"), -EINVAL, "vnet.veth: not a vnet jail");
	bad(JAIL("vnet", "vnet.veth=a:"), -EINVAL,
	    "vnet.veth: not JAILSIDE:HOSTSIDE interface names: \"a:\"");
	bad(JAIL("vnet", "vnet.interface=a b"), -EINVAL,
	    "vnet.interface: not an interface name: \"a b\"");
	nc = ok(JAIL("vnet", "vnet.veth=eth0:vh-unit-a",
	    "vnet.veth=vh-unit-b"));
	cr_assert_eq(nc->nveths, 2);
	cr_assert_str_eq(nc->veths[0].jail_name, "eth0");
	cr_assert_str_eq(nc->veths[0].host_name, "vh-unit-a");
	cr_assert_str_eq(nc->veths[1].jail_name, "eth1");
	cr_assert_str_eq(nc->veths[1].host_name, "vh-unit-b");
	net_conf_free(nc);
}

Test(net, host_side_needs_root_and_existing_parent)
{
	if (geteuid() == 0) {
		bad(JAIL("ip4.addr=ljnet-none0|192.0.2.1"), -ENODEV,
		    "ip4.addr: interface ljnet-none0 does not exist");
		bad(JAIL("interface=ljnet-none0", "ip6.addr=2001:db8::1"),
		    -ENODEV, "ip6.addr: interface ljnet-none0 does not exist");
		bad(JAIL("vnet", "vnet.interface=ljnet-none0"), -ENODEV,
		    "vnet.interface: interface ljnet-none0 does not exist");
		bad(JAIL("vnet", "vnet.veth=eth0:lo"), -EEXIST,
		    "vnet.veth: interface lo already exists");
	} else {
		bad(JAIL("ip4.addr=eth0|192.0.2.1"), -EPERM,
		    "ip4.addr: interface eth0: an address on a host interface "
		    "needs root (CAP_NET_ADMIN in the host's network "
		    "namespace, for a macvlan); without root, give the address "
		    "without an interface (it is then only on the jail's "
		    "loopback), or on lab0 with ljail.lab set (a lab: jails of "
		    "one user reach each other)");
		bad(JAIL("vnet", "vnet.interface=lo"), -EPERM,
		    "vnet.interface: moving host interface lo into the jail "
		    "needs root");
		bad(JAIL("vnet", "vnet.veth=eth0:vh-x"), -EPERM,
		    "vnet.veth: a veth pair with an end on the host needs "
		    "root");
	}
}

Test(net, ip_hostname)
{
	struct net_conf *nc = ok(JAIL("ip_hostname",
	    "host.hostname=127.0.0.1"));

	cr_assert_eq(nc->n4, 1);
	expect_addr(nc, 0, "127.0.0.1/32");
	net_conf_free(nc);
	nc = ok(JAIL("ip_hostname=false", "host.hostname=127.0.0.1"));
	cr_assert_eq(nc->naddrs, 0);
	net_conf_free(nc);
	nc = ok(JAIL("ip_hostname", "host.hostname=::1",
	    "ip4.addr=192.0.2.1"));
	expect_addr(nc, 0, "192.0.2.1/32");
	expect_addr(nc, 1, "::1/128");
	net_conf_free(nc);
}

Test(net, ip_hostname_lookup_failure)
{
	struct conf_jail *j = JAIL("ip_hostname",
	    "host.hostname=ljail-none.invalid");
	char *msg = NULL;

	cr_assert_eq(net_check(j, &msg), -EINVAL);
	cr_assert(str_has_prefix(msg, "host.hostname ljail-none.invalid: "),
	    "%s", msg);
	free(msg);
	conf_jail_free(j);
}

/* Runs net_check_clash of j against others. */
static int
clash(struct conf_jail *j, struct conf_jail **o, size_t n, char **ret_msg)
{
	int r = net_check_clash(j, (const struct conf_jail *const *)o, n,
	    ret_msg);

	conf_jail_free(j);
	for (size_t i = 0; i < n; i++)
		conf_jail_free(o[i]);
	return r;
}

Test(net, clash_rules)
{
	struct conf_jail *o[2];
	char *msg = NULL;

	/* Overlap where either jail has several addresses: a clash. */
	o[0] = NAMED("a", "ip4.addr=192.0.2.1,192.0.2.2");
	cr_assert_eq(clash(JAIL("ip4.addr=192.0.2.2"), o, 1, &msg),
	    -EADDRINUSE);
	cr_assert_str_eq(msg, "IPv4 addresses clash");
	free(msg);
	msg = NULL;
	o[0] = NAMED("a", "ip6.addr=2001:db8::1");
	cr_assert_eq(clash(JAIL("ip6.addr=2001:db8::1,2001:db8::2"), o, 1,
	    &msg), -EADDRINUSE);
	cr_assert_str_eq(msg, "IPv6 addresses clash");
	free(msg);
	/* Two single-address jails may share it (FreeBSD)... */
	o[0] = NAMED("a", "ip4.addr=192.0.2.1");
	cr_assert_eq(clash(JAIL("ip4.addr=192.0.2.1"), o, 1, NULL), 0);
	/* ...but not on the same parent interface. */
	msg = NULL;
	o[0] = NAMED("a", "ip4.addr=em0|192.0.2.1");
	cr_assert_eq(clash(JAIL("ip4.addr=em0|192.0.2.1/24"), o, 1, &msg),
	    -EADDRINUSE);
	cr_assert_str_eq(msg, "IPv4 addresses clash");
	free(msg);
	/* Disjoint, vnet and ancestor jails never clash. */
	o[0] = NAMED("a", "ip4.addr=192.0.2.1,"
	    "192.0.2.3");
	o[1] = NAMED("b", "vnet");
	cr_assert_eq(clash(JAIL("ip4.addr=192.0.2.2,192.0.2.4"), o, 2, NULL),
	    0);
	o[0] = NAMED("j2", "ip4.addr=192.0.2.1,"
	    "192.0.2.3");
	cr_assert_eq(clash(NAMED("j2.c", "ip4.addr=192.0.2.1,192.0.2.3"), o,
	    1, NULL), 0);
}

Test(net, format)
{
	struct net_addr a = { .family = AF_INET6, .prefixlen = 64 };
	char *s;

	inet_pton(AF_INET6, "2001:db8::7", &a.addr.v6);
	s = net_addr_format(&a);
	cr_assert_str_eq(s, "2001:db8::7/64");
	free(s);
}

Test(net, parser_survives_garbage)
{
	static const char cs[] = "0123456789abcdefx.:/| ,-\tnetmaskprefixlen";
	unsigned seed = 12345;
	char buf[48];

	/* Deterministic noise: ASan/UBSan catch what a crash would not. */
	for (int i = 0; i < 5000; i++) {
		struct conf_jail *j = conf_jail_new("j", true);
		char *vals[] = { buf, NULL };
		struct net_conf *nc = NULL;
		char *msg = NULL;
		size_t n;

		seed = seed * 1103515245U + 12345U;
		n = (seed >> 4) % (sizeof(buf) - 1);
		for (size_t k = 0; k < n; k++) {
			seed = seed * 1103515245U + 12345U;
			buf[k] = cs[(seed >> 8) % (sizeof(cs) - 1)];
		}
		buf[n] = '\0';
		conf_jail_set(j, i % 2 ? "ip4.addr" : "ip6.addr", vals, false,
		    NULL, 0);
		if (net_conf_read(j, 0, &nc, &msg) == 0)
			cr_assert_null(msg);
		else
			cr_assert_not_null(msg);
		net_conf_free(nc);
		free(msg);
		conf_jail_free(j);
	}
}

Test(net, stable_macs)
{
	const uint8_t pm[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	const uint8_t pm2[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x57 };
	uint8_t a[6], b[6], h[6];

	net_mac_jail("www", "eth0", pm, a);
	net_mac_jail("www", "eth0", pm, b);
	cr_assert_arr_eq(a, b, 6, "the same jail and parent, the same MAC");
	/* Locally administered, unicast. */
	cr_assert_eq(a[0] & 0x03, 0x02);
	net_mac_jail("www2", "eth0", pm, b);
	cr_assert_arr_neq(a, b, 6, "another jail");
	net_mac_jail("www", "eth1", pm, b);
	cr_assert_arr_neq(a, b, 6, "another parent");
	net_mac_jail("www", "eth0", pm2, b);
	cr_assert_arr_neq(a, b, 6, "another host's eth0");
	net_mac_host("eth0", pm, h);
	cr_assert_arr_neq(a, h, 6, "the host's macvlan");
	cr_assert_eq(h[0] & 0x03, 0x02);
}

Test(net, wireless_parents)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/ljail-wl-XXXXXX", tmp != NULL ? tmp : "/tmp");
	char *cmd;

	cr_assert_not_null(mkdtemp(dir));
	cmd = xasprintf("mkdir -p %s/wlan0/phy80211 %s/wlp2s0/wireless "
	    "%s/eth0", dir, dir, dir);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	cr_assert(net_iface_wireless_at(dir, "wlan0"));
	cr_assert(net_iface_wireless_at(dir, "wlp2s0"));
	cr_assert_not(net_iface_wireless_at(dir, "eth0"));
	cr_assert_not(net_iface_wireless_at(dir, "nope0"));
	cmd = xasprintf("rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	free(dir);
}
