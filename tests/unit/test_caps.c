/*
 * Unit tests of the capability sets: the computed jail set for each knob,
 * and the sets the kernel shows after caps_apply()/caps_finish() in a
 * private user namespace (the test is root there, as a jail's root is).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "caps.h"
#include "filter.h"
#include "sec_helpers.h"

#define BIT(c) (UINT64_C(1) << (c))

/* Capabilities no jail ever holds, whatever its knobs. */
static const uint64_t never = BIT(CAP_SYS_MODULE) | BIT(CAP_SYS_RAWIO) |
    BIT(CAP_SYS_BOOT) | BIT(CAP_MKNOD) | BIT(CAP_DAC_READ_SEARCH) |
    BIT(CAP_SYS_PACCT) | BIT(CAP_SYS_TTY_CONFIG) | BIT(CAP_SYS_NICE) |
    BIT(CAP_MAC_ADMIN) | BIT(CAP_MAC_OVERRIDE) | BIT(CAP_AUDIT_CONTROL) |
    BIT(CAP_AUDIT_READ) | BIT(CAP_AUDIT_WRITE) | BIT(CAP_BPF) |
    BIT(CAP_PERFMON) | BIT(CAP_CHECKPOINT_RESTORE) | BIT(CAP_WAKE_ALARM) |
    BIT(CAP_BLOCK_SUSPEND);

/* The mask for a jail built from settings. */
static uint64_t
mask_of(const char *first, ...)
{
	struct conf_jail *j;
	va_list ap;
	uint64_t m;

	va_start(ap, first);
	j = sec_jail_va(first, ap);
	va_end(ap);
	m = caps_jail_mask(j);
	conf_jail_free(j);
	return m;
}

Test(caps, default_set)
{
	uint64_t m = mask_of("name=t", NULL);

	cr_assert_eq(m & never, 0, "forbidden bits %#" PRIx64, m & never);
	cr_assert(m & BIT(CAP_CHOWN));
	cr_assert(m & BIT(CAP_DAC_OVERRIDE));
	cr_assert(m & BIT(CAP_SETUID));
	cr_assert(m & BIT(CAP_SETGID));
	cr_assert(m & BIT(CAP_KILL));
	cr_assert(m & BIT(CAP_SYS_CHROOT));
	cr_assert(m & BIT(CAP_NET_BIND_SERVICE), "allow.reserved_ports=1");
	cr_assert(m & BIT(CAP_SYS_ADMIN), "allow.set_hostname=1 needs it");
	cr_assert_not(m & BIT(CAP_NET_RAW));
	cr_assert_not(m & BIT(CAP_NET_ADMIN));
	cr_assert_not(m & BIT(CAP_IPC_LOCK));
	cr_assert_not(m & BIT(CAP_LINUX_IMMUTABLE));
	cr_assert_not(m & BIT(CAP_SYSLOG));
	cr_assert_not(m & BIT(CAP_SYS_TIME));
}

Test(caps, knobs_on)
{
	cr_assert(mask_of("allow.raw_sockets", NULL) & BIT(CAP_NET_RAW));
	cr_assert(mask_of("vnet=new", NULL) & BIT(CAP_NET_ADMIN));
	cr_assert(mask_of("allow.routing", NULL) & BIT(CAP_NET_ADMIN));
	cr_assert(mask_of("allow.mlock", NULL) & BIT(CAP_IPC_LOCK));
	cr_assert(mask_of("allow.chflags", NULL) & BIT(CAP_LINUX_IMMUTABLE));
	cr_assert(mask_of("allow.read_msgbuf", NULL) & BIT(CAP_SYSLOG));
	cr_assert(mask_of("allow.settime", NULL) & BIT(CAP_SYS_TIME));
	cr_assert(mask_of("allow.adjtime", NULL) & BIT(CAP_SYS_TIME));
	cr_assert(mask_of("allow.set_hostname=0", "children.max=2", NULL) &
	    BIT(CAP_SYS_ADMIN));
	cr_assert(mask_of("allow.set_hostname=0", "allow.mount",
	    "allow.mount.tmpfs", "enforce_statfs=1", NULL) &
	    BIT(CAP_SYS_ADMIN));
	cr_assert_eq(mask_of("allow.raw_sockets", "vnet=new", "allow.mlock",
	    "allow.chflags", "allow.read_msgbuf", "allow.settime",
	    "allow.socket_af", "allow.extattr", NULL) & never, 0,
	    "a knob opened a capability no jail may hold");
}

Test(caps, knobs_off)
{
	cr_assert_not(mask_of("allow.reserved_ports=0", NULL) &
	    BIT(CAP_NET_BIND_SERVICE));
	cr_assert_not(mask_of("allow.set_hostname=0", NULL) &
	    BIT(CAP_SYS_ADMIN));
	/* allow.mount without a file system or with enforce_statfs=2. */
	cr_assert_not(mask_of("allow.set_hostname=0", "allow.mount", NULL) &
	    BIT(CAP_SYS_ADMIN));
	cr_assert_not(mask_of("vnet=inherit", NULL) & BIT(CAP_NET_ADMIN));
}

Test(caps, securelevel)
{
	cr_assert_not(mask_of("allow.chflags", "securelevel=1", NULL) &
	    BIT(CAP_LINUX_IMMUTABLE));
	cr_assert(mask_of("allow.settime", "securelevel=1", NULL) &
	    BIT(CAP_SYS_TIME));
	cr_assert_not(mask_of("allow.settime", "securelevel=2", NULL) &
	    BIT(CAP_SYS_TIME));
	cr_assert(mask_of("vnet=new", "securelevel=2", NULL) &
	    BIT(CAP_NET_ADMIN));
	cr_assert_not(mask_of("vnet=new", "securelevel=3", NULL) &
	    BIT(CAP_NET_ADMIN));
}

Test(caps, no_suser_is_empty)
{
	cr_assert_eq(mask_of("allow.suser=0", "allow.raw_sockets", NULL), 0);
	cr_assert_eq(mask_of("allow.nosuser", NULL), 0);
}

/* A capability line of /proc/self/status (child side). */
static uint64_t
status_caps(const char *key)
{
	char *buf = NULL, *p;
	size_t len;
	uint64_t v = 0;

	SEC_CHECK(util_read_file("/proc/self/status", &buf, &len) == 0,
	    "status\n");
	p = strstr(buf, key);
	SEC_CHECK(p != NULL, "%s missing\n", key);
	v = strtoull(p + strlen(key), NULL, 16);
	free(buf);
	return v;
}

/* Applies caps_apply() to a jail from settings in a private userns. */
static struct conf_jail *
apply(const char *first, ...)
{
	struct conf_jail *j;
	va_list ap;
	int r;

	va_start(ap, first);
	j = sec_jail_va(first, ap);
	va_end(ap);
	sec_enter_userns(CLONE_NEWNET | CLONE_NEWUTS);
	r = caps_apply(j);
	SEC_CHECK(r == 0, "caps_apply: %s\n", strerror(-r));
	return j;
}

SEC_TEST(caps, sets_after_apply_and_finish, 0)
{
	struct conf_jail *j = apply("allow.set_hostname=0", NULL);
	uint64_t m = caps_jail_mask(j);
	uint64_t setup = BIT(CAP_SYS_ADMIN) | BIT(CAP_SETUID) | BIT(CAP_SETGID);
	int r;

	SEC_CHECK(status_caps("CapBnd:\t") == m, "CapBnd %#" PRIx64 " want %#"
	    PRIx64 "\n", status_caps("CapBnd:\t"), m);
	SEC_CHECK(status_caps("CapEff:\t") == (m | setup), "CapEff %#" PRIx64
	    "\n", status_caps("CapEff:\t"));
	SEC_CHECK(status_caps("CapPrm:\t") == (m | setup), "CapPrm\n");
	SEC_CHECK(status_caps("CapInh:\t") == 0, "CapInh\n");
	SEC_CHECK(status_caps("CapAmb:\t") == 0, "CapAmb\n");
	/* The filter still loads: SYS_ADMIN is effective. */
	r = filter_apply(j);
	SEC_CHECK(r == 0, "filter_apply after caps_apply: %s\n", strerror(-r));
	r = caps_finish(j);
	SEC_CHECK(r == 0, "caps_finish: %s\n", strerror(-r));
	SEC_CHECK(status_caps("CapEff:\t") == m, "CapEff after finish %#"
	    PRIx64 "\n", status_caps("CapEff:\t"));
	SEC_CHECK(!(status_caps("CapEff:\t") & BIT(CAP_SYS_ADMIN)),
	    "SYS_ADMIN left\n");
	conf_jail_free(j);
}

SEC_TEST(caps, exec_as_root_gets_the_bounding_set, 0)
{
	struct conf_jail *j = apply("name=t", NULL);
	char buf[4096];
	ssize_t n;
	size_t len = 0;
	int p[2], st;
	pid_t pid;

	SEC_CHECK(caps_finish(j) == 0, "caps_finish\n");
	SEC_CHECK(pipe(p) == 0, "pipe\n");
	pid = fork();
	SEC_CHECK(pid >= 0, "fork\n");
	if (pid == 0) {
		dup2(p[1], 1);
		execl("/bin/cat", "cat", "/proc/self/status", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (len < sizeof(buf) - 1 &&
	    (n = read(p[0], buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	SEC_CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0, "cat failed\n");
	char *e = strstr(buf, "CapEff:\t");
	SEC_CHECK(e != NULL, "no CapEff\n");
	SEC_CHECK(strtoull(e + 8, NULL, 16) == caps_jail_mask(j),
	    "exec'd root has %s", e);
	conf_jail_free(j);
}

SEC_TEST(caps, raw_socket_needs_the_knob, 0)
{
	struct conf_jail *j = apply("name=t", NULL);

	/* Without the filter: the missing capability alone refuses it. */
	EXPECT_ERR(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), EPERM);
	conf_jail_free(j);
}

SEC_TEST(caps, raw_socket_with_the_knob, 0)
{
	struct conf_jail *j = apply("allow.raw_sockets", NULL);

	EXPECT_OK(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	conf_jail_free(j);
}

SEC_TEST(caps, hostname_without_sys_admin, 0)
{
	struct conf_jail *j = apply("allow.set_hostname=0", NULL);

	/* caps_apply keeps SYS_ADMIN for the setup; finish removes it. */
	SEC_CHECK(caps_finish(j) == 0, "caps_finish\n");
	EXPECT_ERR(sethostname("sec", 3), EPERM);
	conf_jail_free(j);
}

SEC_TEST(caps, hostname_with_sys_admin, 0)
{
	struct conf_jail *j = apply("name=t", NULL);

	SEC_CHECK(caps_finish(j) == 0, "caps_finish\n");
	EXPECT_OK(sethostname("sec", 3));
	conf_jail_free(j);
}

SEC_TEST(caps, no_suser, 0)
{
	struct conf_jail *j = apply("allow.suser=0", NULL);
	int bits;

	SEC_CHECK(status_caps("CapBnd:\t") == 0, "CapBnd not empty\n");
	bits = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
	SEC_CHECK(bits >= 0 && (bits & SECBIT_NOROOT) &&
	    (bits & SECBIT_NOROOT_LOCKED), "securebits %#x\n", bits);
	/* The filter still loads and the user switch still works... */
	SEC_CHECK(filter_apply(j) == 0, "filter_apply after allow.suser=0\n");
	SEC_CHECK(status_caps("CapEff:\t") & BIT(CAP_SETUID), "no SETUID\n");
	SEC_CHECK(caps_finish(j) == 0, "caps_finish\n");
	/* ...and afterwards root is an ordinary user. */
	SEC_CHECK(status_caps("CapEff:\t") == 0, "CapEff not empty\n");
	EXPECT_ERR(sethostname("sec", 3), EPERM);
	conf_jail_free(j);
}

SEC_TEST(caps, capset_cannot_rise, 0)
{
	struct conf_jail *j = apply("name=t", NULL);
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { { 0 } };

	SEC_CHECK(caps_finish(j) == 0, "caps_finish\n");
	d[CAP_MKNOD / 32].effective = d[CAP_MKNOD / 32].permitted =
	    1u << (CAP_MKNOD % 32);
	EXPECT_ERR(syscall(SYS_capset, &h, d), EPERM);
	EXPECT_ERR(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_SYS_MODULE,
	    0, 0), EPERM);
	conf_jail_free(j);
}

/* Binds a TCP socket to port (in the test's private netns). */
static int
bind_port(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
		.sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int r = bind(fd, (struct sockaddr *)&sa, sizeof(sa));

	r = r < 0 ? -errno : 0;
	close(fd);
	return r;
}

SEC_TEST(caps, reserved_ports_on, 0)
{
	struct conf_jail *j = apply("name=t", NULL);

	SEC_CHECK(caps_finish(j) == 0, "caps_finish\n");
	SEC_CHECK(bind_port(80) == 0, "bind 80: %s\n",
	    strerror(-bind_port(80)));
	conf_jail_free(j);
}

SEC_TEST(caps, reserved_ports_off, 0)
{
	struct conf_jail *j = apply("allow.reserved_ports=0", NULL);

	SEC_CHECK(caps_finish(j) == 0, "caps_finish\n");
	SEC_CHECK(bind_port(80) == -EACCES, "bind 80 allowed\n");
	SEC_CHECK(bind_port(8080) == 0, "bind 8080 refused\n");
	conf_jail_free(j);
}

/* Sets lo up in the test's private netns: needs CAP_NET_ADMIN there. */
static int
lo_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo", .ifr_flags = IFF_UP };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int r = ioctl(fd, SIOCSIFFLAGS, &ifr);

	r = r < 0 ? -errno : 0;
	close(fd);
	return r;
}

SEC_TEST(caps, net_admin_off_by_default, 0)
{
	struct conf_jail *j = apply("name=t", NULL);

	SEC_CHECK(lo_up() == -EPERM, "interfaces configurable\n");
	conf_jail_free(j);
}

SEC_TEST(caps, net_admin_with_vnet, 0)
{
	struct conf_jail *j = apply("vnet=new", NULL);

	SEC_CHECK(lo_up() == 0, "vnet jail cannot configure: %s\n",
	    strerror(-lo_up()));
	conf_jail_free(j);
}

SEC_TEST(caps, net_admin_with_routing, 0)
{
	struct conf_jail *j = apply("allow.routing", NULL);

	SEC_CHECK(lo_up() == 0, "allow.routing cannot configure\n");
	conf_jail_free(j);
}

SEC_TEST(caps, mlock_caps, 0)
{
	struct conf_jail *j = apply("allow.mlock", NULL);

	SEC_CHECK(status_caps("CapBnd:\t") & BIT(CAP_IPC_LOCK),
	    "no IPC_LOCK\n");
	conf_jail_free(j);
}

Test(caps, ignored_knobs_change_nothing)
{
	static const char *const knobs[] = {
		"allow.nfsd", "allow.setaudit", "allow.extattr",
		"allow.unprivileged_parent_tampering", "allow.vmm",
		"allow.vmm_ppt", "allow.mount.zfs", "allow.quotas",
		"allow.socket_af", "allow.sysvipc",
		"allow.unprivileged_proc_debug=0",
	};
	uint64_t want = mask_of("name=t", NULL);

	/* These act through the filter (or not at all), never the caps. */
	for (size_t i = 0; i < ARRAY_SIZE(knobs); i++)
		cr_assert_eq(mask_of(knobs[i], NULL), want, "%s", knobs[i]);
}
