/*
 * Root tests of net_setup / net_modify / net_teardown / net_setup_inside.
 *
 * Every test first moves its own process (Criterion runs each test in its
 * own) into a fresh network namespace, the "host" of the test, holding a
 * veth pair: "netp" is the parent interface for jails, "neth" its peer
 * with 192.0.2.1/24 and 2001:db8::1/64.  A "jail" is a forked child in a
 * further network namespace, handed to net_setup as /proc/PID/ns/net.
 * Only TEST-NET addresses; the machine's interfaces are never seen.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "conf.h"
#include "net.h"
#include "util.h"

struct tjail {
	pid_t pid;
	int fd;		/* its network namespace */
	int hold;	/* write end: closing it ends the child */
};

/* Runs a shell command, returns its exit status. */
static int
sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int
sh(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int st;

	va_start(ap, fmt);
	cr_assert_geq(vasprintf(&cmd, fmt, ap), 0);
	va_end(ap);
	st = system(cmd);
	free(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* Runs a shell command and returns its standard output. */
static char *
out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *
out(const char *fmt, ...)
{
	va_list ap;
	char *cmd, *buf = NULL;
	size_t len = 0;
	FILE *f, *m = open_memstream(&buf, &len);
	int c;

	va_start(ap, fmt);
	cr_assert_geq(vasprintf(&cmd, fmt, ap), 0);
	va_end(ap);
	f = popen(cmd, "r");
	cr_assert_not_null(f);
	while ((c = fgetc(f)) != EOF)
		fputc(c, m);
	pclose(f);
	fclose(m);
	free(cmd);
	return buf;
}

/* Moves the test into its own network namespace with the veth pair. */
static void
host_setup(void)
{
	if (geteuid() != 0)
		cr_skip_test("network tests need root");
	if (sh("command -v ip >/dev/null && command -v nsenter >/dev/null")
	    != 0)
		cr_skip_test("iproute2 or nsenter missing");
	if (unshare(CLONE_NEWNET) < 0)
		cr_skip_test("no network namespaces: %s", strerror(errno));
	cr_assert_eq(sh("ip link set lo up && "
	    "ip link add netp type veth peer name neth && "
	    "ip link set netp up && ip link set neth up && "
	    "ip addr add 192.0.2.1/24 dev neth && "
	    "ip addr add 2001:db8::1/64 dev neth nodad"), 0);
}

/* Forks a "jail": a child waiting in a network namespace of its own. */
static struct tjail
jail_new(void)
{
	struct tjail t;
	int go[2], hold[2];
	char c, path[64];

	cr_assert_eq(pipe(go), 0);
	cr_assert_eq(pipe(hold), 0);
	t.pid = fork();
	cr_assert_geq(t.pid, 0);
	if (t.pid == 0) {
		close(go[0]);
		close(hold[1]);
		if (unshare(CLONE_NEWNET) < 0)
			_exit(1);
		(void)!write(go[1], "x", 1);
		while (read(hold[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(go[1]);
	close(hold[0]);
	cr_assert_eq(read(go[0], &c, 1), 1);
	close(go[0]);
	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)t.pid);
	t.fd = open(path, O_RDONLY | O_CLOEXEC);
	cr_assert_geq(t.fd, 0);
	t.hold = hold[1];
	return t;
}

/* Ends a jail and waits until its namespace is gone. */
static void
jail_end(struct tjail *t)
{
	int st;

	close(t->fd);
	close(t->hold);
	/* Later jails inherited the hold pipe: do not wait for its EOF. */
	kill(t->pid, SIGKILL);
	waitpid(t->pid, &st, 0);
}

/* Runs a command inside a jail's network namespace; returns its output. */
#define JOUT(t, cmd, ...) \
	out("nsenter -t %d -n sh -c '" cmd "' 2>&1", (int)(t).pid, \
	    ##__VA_ARGS__)
#define JSH(t, cmd, ...) \
	sh("nsenter -t %d -n sh -c '" cmd "' >/dev/null 2>&1", (int)(t).pid, \
	    ##__VA_ARGS__)

/* Builds a jail configuration from "name=value" words. */
static struct conf_jail *
mk(const char *const *words)
{
	struct conf_jail *j = conf_jail_new("t", true);

	for (size_t i = 0; words[i] != NULL; i++) {
		char *w = xstrdup(words[i]);
		char *eq = strchr(w, '=');
		char *vals[] = { eq != NULL ? eq + 1 : NULL, NULL };

		if (eq != NULL)
			*eq = '\0';
		conf_jail_set(j, w, eq != NULL ? vals : NULL, false, NULL, 0);
		free(w);
	}
	return j;
}
#define CONF(...) mk((const char *const[]){ __VA_ARGS__, NULL })

/* net_setup that must succeed. */
static void
setup_ok(struct conf_jail *j, struct tjail *t)
{
	char *msg = NULL;
	int r = net_setup(j, t->fd, 1, &msg);

	cr_assert_eq(r, 0, "net_setup: %d %s", r, msg ? msg : "");
	conf_jail_free(j);
}

/* The host's links, one name per line, sorted. */
static char *
host_links(void)
{
	return out("ip -o link | awk -F': ' '{print $2}' | sed 's/@.*//' | "
	    "sort");
}

static bool
has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

Test(net_setup, one_macvlan_ipv4)
{
	struct tjail t;
	char *before, *after, *s;

	host_setup();
	before = host_links();
	t = jail_new();
	setup_ok(CONF("ip4.addr=netp|192.0.2.10/24"), &t);
	s = JOUT(t, "ip -o -4 addr show");
	cr_assert(has(s, "netp    inet 192.0.2.10/24"), "%s", s);
	cr_assert(has(s, "lo    inet 127.0.0.1/8"), "%s", s);
	free(s);
	s = JOUT(t, "ip -d link show netp");
	cr_assert(has(s, "macvlan mode bridge"), "%s", s);
	cr_assert(has(s, "state UP") || has(s, ",UP"), "%s", s);
	free(s);
	/* The macvlan was born in the jail: the host never saw it. */
	after = host_links();
	cr_assert_str_eq(before, after);
	jail_end(&t);
	free(before);
	free(after);
}

Test(net_setup, two_jails_and_host_reach_each_other)
{
	struct tjail a, b;

	host_setup();
	a = jail_new();
	b = jail_new();
	setup_ok(CONF("ip4.addr=netp|192.0.2.10/24",
	    "ip6.addr=netp|2001:db8::10/64"), &a);
	/* A name of its own: the same name would give the same MAC. */
	setup_ok(CONF("name=b", "interface=netp", "ip4.addr=192.0.2.11/24",
	    "ip6.addr=2001:db8::11/64"), &b);
	cr_assert_eq(JSH(a, "busybox ping -c1 -W2 192.0.2.11"), 0);
	cr_assert_eq(JSH(b, "busybox ping -c1 -W2 192.0.2.10"), 0);
	cr_assert_eq(JSH(a, "busybox ping6 -c1 -W2 2001:db8::11"), 0);
	/* The host reaches the jails through the veth peer of the parent. */
	cr_assert_eq(sh("busybox ping -c1 -W2 192.0.2.10 >/dev/null"), 0);
	cr_assert_eq(sh("busybox ping6 -c1 -W2 2001:db8::11 >/dev/null"), 0);
	cr_assert_eq(JSH(b, "busybox ping -c1 -W2 192.0.2.1"), 0);
	jail_end(&a);
	jail_end(&b);
}

Test(net_setup, host_needs_its_own_macvlan_to_reach_jails)
{
	struct tjail t;

	host_setup();
	cr_assert_eq(sh("ip addr add 198.51.100.1/24 dev netp"), 0);
	t = jail_new();
	setup_ok(CONF("ip4.addr=netp|198.51.100.10/24"), &t);
	/* The parent's own stack never hands frames to its macvlans. */
	cr_assert_neq(sh("busybox ping -c1 -W1 198.51.100.10 >/dev/null "
	    "2>&1"), 0);
	/* A host-side macvlan on the same parent does reach them. */
	cr_assert_eq(sh("ip addr del 198.51.100.1/24 dev netp && "
	    "ip link add netm link netp type macvlan mode bridge && "
	    "ip addr add 198.51.100.2/24 dev netm && ip link set netm up"), 0);
	cr_assert_eq(sh("busybox ping -c1 -W2 198.51.100.10 >/dev/null"), 0);
	jail_end(&t);
}

Test(net_setup, only_the_listed_ipv6_addresses)
{
	struct tjail t;
	char *s;

	host_setup();
	cr_assert_eq(sh("ip link add netq type veth peer name netr && "
	    "ip link set netq up"), 0);
	t = jail_new();
	setup_ok(CONF("ip4.addr=netp|192.0.2.10/24",
	    "ip6.addr=netq|2001:db8::10/64"), &t);
	/* No SLAAC beyond the list. */
	s = JOUT(t, "cat /proc/sys/net/ipv6/conf/netq/accept_ra "
	    "/proc/sys/net/ipv6/conf/netq/autoconf");
	cr_assert_str_eq(s, "0\n0\n");
	free(s);
	/* No IPv6 address on this parent: no IPv6 there at all. */
	s = JOUT(t, "cat /proc/sys/net/ipv6/conf/netp/disable_ipv6; "
	    "ip -o -6 addr show dev netp | wc -l");
	cr_assert_str_eq(s, "1\n0\n");
	free(s);
	jail_end(&t);
}

Test(net_setup, ipv6_not_tentative)
{
	struct tjail t;
	char *s;

	host_setup();
	t = jail_new();
	setup_ok(CONF("ip6.addr=netp|2001:db8::20/64"), &t);
	s = JOUT(t, "ip -o -6 addr show dev netp");
	cr_assert(has(s, "inet6 2001:db8::20/64"), "%s", s);
	cr_assert_not(has(s, "2001:db8::20/64 scope global tentative"), "%s",
	    s);
	free(s);
	/* Usable at once: the reply needs a non-tentative source. */
	cr_assert_eq(JSH(t, "busybox ping6 -c1 -W2 2001:db8::1"), 0);
	jail_end(&t);
}

Test(net_setup, routes_follow_the_parent)
{
	struct tjail t;
	char *s;

	host_setup();
	cr_assert_eq(sh("ip addr add 198.51.100.1/24 dev netp && "
	    "ip route add default via 198.51.100.254 dev netp && "
	    "ip addr add 2001:db8:1::1/64 dev netp nodad && "
	    "ip -6 route add default via fe80::1 dev netp"), 0);
	t = jail_new();
	setup_ok(CONF("ip4.addr=netp|198.51.100.10",
	    "ip6.addr=netp|2001:db8:1::10"), &t);
	s = JOUT(t, "ip -4 route");
	cr_assert(has(s, "default via 198.51.100.254 dev netp"), "%s", s);
	cr_assert(has(s, "198.51.100.0/24 dev netp"), "%s", s);
	cr_assert(has(s, "src 198.51.100.10"), "%s", s);
	free(s);
	s = JOUT(t, "ip -6 route");
	cr_assert(has(s, "default via fe80::1 dev netp"), "%s", s);
	cr_assert(has(s, "2001:db8:1::/64 dev netp"), "%s", s);
	free(s);
	jail_end(&t);
}

Test(net_setup, gateway_outside_the_prefix)
{
	struct tjail t;
	char *s;

	host_setup();
	cr_assert_eq(sh("ip route add default via 203.0.113.254 dev netp "
	    "onlink"), 0);
	t = jail_new();
	setup_ok(CONF("ip4.addr=netp|203.0.113.10/32"), &t);
	s = JOUT(t, "ip -4 route");
	cr_assert(has(s, "203.0.113.254 dev netp"), "%s", s);
	cr_assert(has(s, "default via 203.0.113.254 dev netp"), "%s", s);
	free(s);
	jail_end(&t);
}

Test(net_setup, address_lists_two_parents_and_loopback)
{
	struct tjail t;
	char *s;

	host_setup();
	cr_assert_eq(sh("ip link add netq type veth peer name netr && "
	    "ip link set netq up && ip link set netr up"), 0);
	t = jail_new();
	setup_ok(CONF("ip4.addr=netp|192.0.2.10/24,netp|192.0.2.12/24",
	    "ip4.addr=netq|198.51.100.5 netmask 255.255.255.0",
	    "ip4.addr=203.0.113.9/24", "ip6.addr=netq|2001:db8:2::5/64",
	    "ip6.addr=2001:db8:3::9"), &t);
	s = JOUT(t, "ip -o addr show | awk '\\''{print $2, $4}'\\''");
	cr_assert(has(s, "netp 192.0.2.10/24"), "%s", s);
	cr_assert(has(s, "netp 192.0.2.12/24"), "%s", s);
	cr_assert(has(s, "netq 198.51.100.5/24"), "%s", s);
	cr_assert(has(s, "netq 2001:db8:2::5/64"), "%s", s);
	/* Restriction-only addresses sit on lo, as host prefixes. */
	cr_assert(has(s, "lo 203.0.113.9/32"), "%s", s);
	cr_assert(has(s, "lo 2001:db8:3::9/128"), "%s", s);
	free(s);
	jail_end(&t);
}

Test(net_setup, full_lists_in_one_batch)
{
	struct conf_jail *j = conf_jail_new("t", true);
	struct tjail t;
	char buf[64], *s;

	host_setup();
	for (int i = 0; i < 255; i++) {
		char *vals[] = { buf, NULL };

		snprintf(buf, sizeof(buf), "netp|198.51.100.%d/24", i);
		if (i == 0)
			snprintf(buf, sizeof(buf), "netp|203.0.113.1/24");
		conf_jail_set(j, "ip4.addr", vals, false, NULL, 0);
		snprintf(buf, sizeof(buf), "netp|2001:db8:5::%x/64", i + 1);
		conf_jail_set(j, "ip6.addr", vals, false, NULL, 0);
	}
	t = jail_new();
	setup_ok(j, &t);
	s = JOUT(t, "ip -o addr show dev netp | grep -c \"inet 198.51.100\"");
	cr_assert_str_eq(s, "254\n");
	free(s);
	s = JOUT(t, "ip -o addr show dev netp | grep -c \"inet6 2001:db8:5::\"");
	cr_assert_str_eq(s, "255\n");
	free(s);
	jail_end(&t);
}

Test(net_setup, modify_adds_and_removes)
{
	struct tjail t;
	struct conf_jail *old, *new;
	char *msg = NULL, *s;
	int r;

	host_setup();
	cr_assert_eq(sh("ip link add netq type veth peer name netr && "
	    "ip link set netq up"), 0);
	t = jail_new();
	old = CONF("ip4.addr=netp|192.0.2.10/24,netp|192.0.2.11/24",
	    "ip4.addr=203.0.113.1", "ip6.addr=netq|2001:db8:2::5/64");
	cr_assert_eq(net_setup(old, t.fd, 1, &msg), 0, "%s", msg);
	new = CONF("ip4.addr=netp|192.0.2.11/25,netp|192.0.2.12/24",
	    "ip4.addr=203.0.113.2", "ip6.addr=2001:db8:4::4");
	r = net_modify(old, new, t.fd, 1, &msg);
	cr_assert_eq(r, 0, "net_modify: %d %s", r, msg ? msg : "");
	s = JOUT(t, "ip -o addr show | awk '\\''{print $2, $4}'\\''");
	cr_assert_not(has(s, "192.0.2.10/"), "%s", s);
	cr_assert(has(s, "netp 192.0.2.11/25"), "%s", s);
	cr_assert_not(has(s, "192.0.2.11/24"), "%s", s);
	cr_assert(has(s, "netp 192.0.2.12/24"), "%s", s);
	cr_assert_not(has(s, "203.0.113.1/"), "%s", s);
	cr_assert(has(s, "lo 203.0.113.2/32"), "%s", s);
	cr_assert(has(s, "lo 2001:db8:4::4/128"), "%s", s);
	/* netq has no address left: its macvlan is gone. */
	cr_assert_not(has(s, "netq"), "%s", s);
	free(s);
	s = JOUT(t, "ip -o link");
	cr_assert_not(has(s, "netq"), "%s", s);
	free(s);
	/* And back: a new parent gets a macvlan again. */
	r = net_modify(new, old, t.fd, 1, &msg);
	cr_assert_eq(r, 0, "net_modify back: %d %s", r, msg ? msg : "");
	s = JOUT(t, "ip -o addr show | awk '\\''{print $2, $4}'\\''");
	cr_assert(has(s, "netq 2001:db8:2::5/64"), "%s", s);
	cr_assert(has(s, "netp 192.0.2.10/24"), "%s", s);
	free(s);
	conf_jail_free(old);
	conf_jail_free(new);
	jail_end(&t);
}

Test(net_setup, modify_refusals)
{
	struct conf_jail *old = CONF("ip4=inherit");
	struct conf_jail *new = CONF("ip6.addr=2001:db8::1");
	struct conf_jail *same = CONF("ip4.addr=192.0.2.1");
	char *msg = NULL;

	if (geteuid() != 0)
		cr_skip_test("needs root");
	cr_assert_eq(net_modify(old, new, -1, 1, &msg), -EINVAL);
	cr_assert_str_eq(msg, "ip6 cannot be changed after creation");
	free(msg);
	/* Nothing to change: nothing done, not even a netns needed. */
	cr_assert_eq(net_modify(same, same, -1, 1, NULL), 0);
	conf_jail_free(old);
	conf_jail_free(new);
	conf_jail_free(same);
}

/* net_setup that must fail with err and exactly msg. */
static void
setup_bad(struct conf_jail *j, struct tjail *t, int err, const char *want)
{
	char *msg = NULL;
	int r = net_setup(j, t->fd, 1, &msg);

	cr_assert_eq(r, err, "want %d got %d (%s)", err, r, msg ? msg : "");
	cr_assert_str_eq(msg, want);
	free(msg);
	conf_jail_free(j);
}

Test(net_setup, error_paths)
{
	struct tjail t;
	char *before, *after;

	host_setup();
	before = host_links();
	t = jail_new();
	setup_bad(CONF("ip4.addr=nope0|192.0.2.10"), &t, -ENODEV,
	    "ip4.addr: interface nope0 does not exist");
	setup_bad(CONF("ip4.addr=netp|192.0.2.999"), &t, -EINVAL,
	    "ip4.addr: not an IPv4 address: 192.0.2.999");
	setup_bad(CONF("ip4.addr=netp|192.0.2.9/40"), &t, -EINVAL,
	    "ip4.addr: prefix length out of range: 192.0.2.9/40");
	/* The kernel's refusal names the interface and the reason. */
	cr_assert_eq(JSH(t, "ip link add netp type veth peer name netz"), 0);
	setup_bad(CONF("ip4.addr=netp|192.0.2.10"), &t, -EEXIST,
	    "ip4.addr: interface netp: creating a macvlan: File exists");
	/* A parent that cannot carry a macvlan (not Ethernet). */
	if (sh("ip tuntap add netu mode tun") == 0)
		setup_bad(CONF("ip4.addr=netu|192.0.2.10"), &t, -EINVAL,
		    "ip4.addr: interface netu: creating a macvlan: "
		    "Invalid argument");
	cr_assert_eq(sh("ip link del netu 2>/dev/null; true"), 0);
	/* The kernel's extended ack text, where it gives one. */
	cr_assert_eq(JSH(t, "ip link del netp && "
	    "sysctl -qw net.ipv6.conf.default.disable_ipv6=1"), 0);
	{
		struct conf_jail *j = CONF("ip6.addr=netp|2001:db8::10/64");
		char *msg = NULL;
		const char *tail = "IPv6 is disabled on this device";

		cr_assert_eq(net_setup(j, t.fd, 1, &msg), -EACCES);
		cr_assert(str_has_prefix(msg,
		    "ip6.addr: netp|2001:db8::10/64: "), "%s", msg);
		cr_assert_str_eq(msg + strlen(msg) - strlen(tail), tail);
		free(msg);
		conf_jail_free(j);
	}
	after = host_links();
	cr_assert_str_eq(before, after);
	jail_end(&t);
	free(before);
	free(after);
}

Test(net_setup, disable_leaves_no_address_of_the_family)
{
	struct tjail t;
	char *s;

	host_setup();
	t = jail_new();
	setup_ok(CONF("ip4=disable", "ip6=disable"), &t);
	/* Twice: net_setup and the jail's own net_setup_inside may both run. */
	setup_ok(CONF("ip4=disable", "ip6=disable"), &t);
	s = JOUT(t, "ip -o addr show dev lo");
	cr_assert_str_eq(s, "");
	free(s);
	s = JOUT(t, "ip -o link show lo");
	cr_assert(has(s, "<LOOPBACK,UP"), "%s", s);
	free(s);
	jail_end(&t);
	t = jail_new();
	setup_ok(CONF("ip4=disable", "ip6.addr=2001:db8::5"), &t);
	s = JOUT(t, "ip -o addr show dev lo");
	cr_assert_not(has(s, "inet "), "%s", s);
	cr_assert(has(s, "inet6 ::1/128"), "%s", s);
	cr_assert(has(s, "inet6 2001:db8::5/128"), "%s", s);
	free(s);
	jail_end(&t);
}

Test(net_setup, restriction_only_addresses_as_root)
{
	struct tjail t;
	char *s;

	host_setup();
	t = jail_new();
	setup_ok(CONF("ip4.addr=192.0.2.77/24", "ip6.addr=2001:db8::77"), &t);
	s = JOUT(t, "ip -o addr show dev lo");
	cr_assert(has(s, "inet 192.0.2.77/32"), "%s", s);
	cr_assert(has(s, "inet6 2001:db8::77/128"), "%s", s);
	free(s);
	/* Nothing outside reaches it: the jail has no other interface. */
	s = JOUT(t, "ip -o link | wc -l");
	cr_assert_str_eq(s, "1\n");
	free(s);
	jail_end(&t);
}

Test(net_setup, not_a_network_namespace)
{
	struct conf_jail *j;
	char *msg = NULL;
	int fd;

	host_setup();
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	cr_assert_geq(fd, 0);
	j = CONF("ip4.addr=netp|192.0.2.10/24");
	cr_assert_lt(net_setup(j, fd, 1, &msg), 0);
	cr_assert(str_has_prefix(msg,
	    "ip4.addr: interface netp: creating a macvlan: "), "%s", msg);
	free(msg);
	conf_jail_free(j);
	close(fd);
}

Test(net_setup, clash_with_live_jail)
{
	struct conf_jail *a = CONF("ip4.addr=netp|192.0.2.10/24,"
	    "netp|192.0.2.11/24");
	struct conf_jail *b = conf_jail_new("u", true);
	char *vals[] = { "netp|192.0.2.11/24", NULL };
	const struct conf_jail *others[] = { a };
	char *msg = NULL;

	conf_jail_set(b, "ip4.addr", vals, false, NULL, 0);
	cr_assert_eq(net_check_clash(b, others, 1, &msg), -EADDRINUSE);
	cr_assert_str_eq(msg, "IPv4 addresses clash");
	free(msg);
	conf_jail_free(a);
	conf_jail_free(b);
}

Test(net_setup, nothing_left_when_the_jail_dies)
{
	struct tjail t, m;
	char *before, *after;

	host_setup();
	before = host_links();
	t = jail_new();
	setup_ok(CONF("vnet", "vnet.veth=eth0:netv0"), &t);
	after = host_links();
	cr_assert(has(after, "netv0"), "%s", after);
	free(after);
	m = jail_new();
	setup_ok(CONF("ip4.addr=netp|192.0.2.10/24"), &m);
	/* Killed half-way: nothing but the namespace holds them. */
	kill(m.pid, SIGKILL);
	jail_end(&m);
	kill(t.pid, SIGKILL);
	jail_end(&t);
	/* The host end of the veth dies with its jail end. */
	for (int i = 0; i < 50; i++) {
		after = host_links();
		if (strcmp(before, after) == 0)
			break;
		free(after);
		after = NULL;
		usleep(100000);
	}
	cr_assert_not_null(after, "links left behind");
	cr_assert_str_eq(before, after);
	free(before);
	free(after);
	after = out("ip -d link | grep -c macvlan");
	cr_assert_str_eq(after, "0\n");
	free(after);
}

Test(net_setup, vnet_interface_moves_in_and_back)
{
	struct tjail t;
	struct conf_jail *j;
	char *s, *msg = NULL;

	host_setup();
	cr_assert_eq(sh("ip link add netva type veth peer name netvb"), 0);
	t = jail_new();
	j = CONF("vnet", "vnet.interface=netva,netvb");
	cr_assert_eq(net_setup(j, t.fd, 1, &msg), 0, "%s", msg);
	s = JOUT(t, "ip -o link");
	cr_assert(has(s, "netva"), "%s", s);
	cr_assert(has(s, "netvb"), "%s", s);
	free(s);
	s = host_links();
	cr_assert_not(has(s, "netva"), "%s", s);
	free(s);
	cr_assert_eq(net_teardown(j, t.fd, 1, NULL), 0);
	s = host_links();
	cr_assert(has(s, "netva"), "%s", s);
	cr_assert(has(s, "netvb"), "%s", s);
	free(s);
	conf_jail_free(j);
	jail_end(&t);
}

Test(net_setup, vnet_veth_pair)
{
	struct tjail t;
	char *s;

	host_setup();
	t = jail_new();
	setup_ok(CONF("vnet", "vnet.veth=eth0:netvh"), &t);
	s = JOUT(t, "ip -o link");
	cr_assert(has(s, "eth0@"), "%s", s);
	free(s);
	/* Only lo and eth0: an empty stack otherwise. */
	s = JOUT(t, "ip -o link | wc -l");
	cr_assert_str_eq(s, "2\n");
	free(s);
	cr_assert_eq(sh("ip addr add 198.51.100.1/24 dev netvh"), 0);
	cr_assert_eq(JSH(t, "ip addr add 198.51.100.2/24 dev eth0 && "
	    "busybox ping -c1 -W2 198.51.100.1"), 0);
	jail_end(&t);
}

/* Runs net_setup_inside in a child that unshared userns (optional) + net. */
static void
inside(bool rootless)
{
	struct conf_jail *j = CONF("ip4.addr=192.0.2.50/24",
	    "ip6.addr=2001:db8::50");
	pid_t pid = fork();
	int st;

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		char *msg = NULL;
		char *s;

		if (rootless && geteuid() == 0 &&
		    (setgid(65534) < 0 || setuid(65534) < 0))
			_exit(2);
		if (unshare((rootless ? CLONE_NEWUSER : 0) | CLONE_NEWNET) < 0)
			_exit(rootless ? 3 : 2);
		if (net_setup_inside(j, &msg) < 0) {
			fprintf(stderr, "net_setup_inside: %s\n", msg);
			_exit(1);
		}
		/* Idempotent, as net_setup may have run first. */
		if (net_setup_inside(j, &msg) < 0)
			_exit(4);
		s = out("ip -o addr show dev lo");
		if (!has(s, "192.0.2.50/32") || !has(s, "2001:db8::50/128") ||
		    !has(s, "127.0.0.1/8"))
			_exit(5);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	conf_jail_free(j);
	if (rootless && WIFEXITED(st) && WEXITSTATUS(st) == 3)
		cr_skip_test("user namespaces unavailable");
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %d", st);
}

Test(net_setup, inside_as_root)
{
	if (geteuid() != 0)
		cr_skip_test("needs root");
	inside(false);
}

Test(net_setup, inside_rootless)
{
	/* As root, the child first becomes nobody. */
	inside(true);
}

Test(net_setup, lo_up)
{
	struct tjail t;
	char *s;

	host_setup();
	cr_assert_eq(sh("ip link set lo down"), 0);
	cr_assert_eq(net_lo_up(), 0);
	s = out("ip -o link show lo");
	cr_assert(has(s, "<LOOPBACK,UP"), "%s", s);
	free(s);
	t = jail_new();
	jail_end(&t);
}

/* Tells whether a non-root group may open an ICMP datagram socket in t. */
static bool
icmp_dgram_allowed(const struct tjail *t)
{
	pid_t pid = fork();
	int st;

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		int s;

		if (setns(t->fd, CLONE_NEWNET) < 0 || setgroups(0, NULL) < 0 ||
		    setgid(65534) < 0 || setuid(65534) < 0)
			_exit(2);
		s = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
		_exit(s >= 0 ? 0 : 1);
	}
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) != 2);
	return WEXITSTATUS(st) == 0;
}

Test(net_setup, ping_without_raw_sockets)
{
	struct tjail t;
	char *msg = NULL, *v;

	host_setup();
	t = jail_new();
	/* A new namespace lets nobody open ICMP datagram sockets. */
	cr_assert_not(icmp_dgram_allowed(&t));
	cr_assert_eq(net_ping_groups(t.fd, t.pid, &msg), 0, "%s",
	    msg ? msg : "");
	/* The child's gid_map is the identity: every host group. */
	v = JOUT(t, "cat /proc/sys/net/ipv4/ping_group_range");
	cr_assert_str_eq(v, "0\t4294967294\n");
	free(v);
	cr_assert(icmp_dgram_allowed(&t));
	jail_end(&t);
}
