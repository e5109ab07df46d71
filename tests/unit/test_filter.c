/*
 * Unit tests of the seccomp filter: each test enters a private user
 * namespace (with private UTS, IPC and network namespaces where the call
 * could otherwise act on the host), installs the jail's filter and checks
 * the exact errno or signal.  Where the kernel would also refuse a call,
 * the test passes arguments the kernel rejects with a different errno
 * (EBADF, EINVAL, EFAULT...), so "blocked by the filter" and "let
 * through" are told apart and a missing rule cannot pass.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/personality.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <netinet/in.h>

#include "caps.h"
#include "compat.h"
#include "filter.h"
#include "fixture.h"
#include "sec_helpers.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif

/* Namespaces every filter test runs in besides the user namespace. */
#define SEC_NS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET)

/* Applies the filter of a jail built from settings, in a private userns. */
#define APPLY(...)                                                          \
	do {                                                                \
		struct conf_jail *j_ = sec_jail(__VA_ARGS__, NULL);         \
		sec_enter_userns(SEC_NS);                                   \
		int ar_ = filter_apply(j_);                                 \
		SEC_CHECK(ar_ == 0, "filter_apply: %s\n", strerror(-ar_)); \
		conf_jail_free(j_);                                         \
	} while (0)

/* A jail with only defaults. */
#define APPLY_DEFAULT() APPLY("name=t")

Test(filter, needs_privilege)
{
	struct conf_jail *j = sec_jail("name=t", NULL);

	/* Without no_new_privs, loading needs CAP_SYS_ADMIN. */
	if (getuid() == 0)
		cr_skip_test("runs as root; the check needs an ordinary user");
	int r = filter_apply(j);

	conf_jail_free(j);
	cr_assert_eq(r, -EACCES, "got %d (%s)", r, strerror(-r));
}

SEC_TEST(filter, installed_without_no_new_privs, 0)
{
	char *buf = NULL;
	size_t len;

	APPLY_DEFAULT();
	SEC_CHECK(util_read_file("/proc/self/status", &buf, &len) == 0,
	    "status\n");
	SEC_CHECK(strstr(buf, "NoNewPrivs:\t0\n") != NULL, "%s", buf);
	SEC_CHECK(strstr(buf, "Seccomp:\t2\n") != NULL, "%s", buf);
	free(buf);
}

SEC_TEST(filter, ordinary_calls_pass, 0)
{
	int sv[2];

	APPLY_DEFAULT();
	EXPECT_OK(getppid());
	EXPECT_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	EXPECT_OK(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
	EXPECT_OK(socket(AF_INET6, SOCK_DGRAM, 0));
	EXPECT_OK(socket(AF_NETLINK, SOCK_RAW, 0));
	/* ping without raw sockets: ICMP datagram sockets stay open. */
	EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	EXPECT_OK(personality(0xffffffff));
	EXPECT_OK(personality(PER_LINUX));
	EXPECT_OK(chdir("/"));
	/* A fork still works: clone without namespace flags. */
	pid_t pid = fork();
	SEC_CHECK(pid >= 0, "fork: %s\n", strerror(errno));
	if (pid == 0)
		_exit(7);
	int st;
	SEC_CHECK(waitpid(pid, &st, 0) == pid, "waitpid\n");
	SEC_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "status %#x\n", st);
}

SEC_TEST(filter, kernel_global_calls_eperm, 0)
{
	APPLY_DEFAULT();
	EXPECT_ERR(syscall(SYS_init_module, NULL, 0, ""), EPERM);
	EXPECT_ERR(syscall(SYS_finit_module, -1, "", 0), EPERM);
	EXPECT_ERR(syscall(SYS_delete_module, "ljail_none", 0), EPERM);
	EXPECT_ERR(syscall(SYS_kexec_load, 0, 0, NULL, 0), EPERM);
	EXPECT_ERR(syscall(SYS_kexec_file_load, -1, -1, 0, "", 0), EPERM);
	/* reboot with bad magic: EINVAL from the kernel, EPERM from us. */
	EXPECT_ERR(syscall(SYS_reboot, 0, 0, 0, NULL), EPERM);
	EXPECT_ERR(syscall(SYS_swapon, "/nonexistent", 0), EPERM);
	EXPECT_ERR(syscall(SYS_swapoff, "/nonexistent"), EPERM);
	EXPECT_ERR(syscall(SYS_acct, NULL), EPERM);
	EXPECT_ERR(syscall(SYS_keyctl, 0, 0, 0, 0, 0), EPERM);
	EXPECT_ERR(syscall(SYS_add_key, "user", "x", "y", 1, -3), EPERM);
	EXPECT_ERR(syscall(SYS_request_key, "user", "x", NULL, 0), EPERM);
	EXPECT_ERR(syscall(SYS_bpf, 0, NULL, 0), EPERM);
	EXPECT_ERR(syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0), EPERM);
	EXPECT_ERR(syscall(SYS_userfaultfd, 0), EPERM);
	EXPECT_ERR(syscall(SYS_open_by_handle_at, -1, NULL, 0), EPERM);
	EXPECT_ERR(syscall(SYS_pidfd_getfd, -1, 0, 0), EPERM);
	EXPECT_ERR(syscall(SYS_iopl, 3), EPERM);
	EXPECT_ERR(syscall(SYS_ioperm, 0x80, 1, 1), EPERM);
	EXPECT_ERR(syscall(SYS_vhangup), EPERM);
	EXPECT_ERR(syscall(SYS_fanotify_init, 0, 0), EPERM);
	EXPECT_ERR(syscall(SYS_get_mempolicy, NULL, NULL, 0, NULL, 0), EPERM);
	EXPECT_ERR(syscall(SYS_modify_ldt, 0, NULL, 0), EPERM);
	EXPECT_ERR(syscall(SYS_ustat, 0, NULL), EPERM);
	EXPECT_ERR(syscall(SYS_sysfs, 0, NULL), EPERM);
}

SEC_TEST(filter, io_uring_enosys, 0)
{
	APPLY_DEFAULT();
	EXPECT_ERR(syscall(SYS_io_uring_setup, 1, NULL), ENOSYS);
	EXPECT_ERR(syscall(SYS_io_uring_enter, -1, 0, 0, 0, NULL, 0), ENOSYS);
	EXPECT_ERR(syscall(SYS_io_uring_register, -1, 0, NULL, 0), ENOSYS);
}

SEC_TEST(filter, tty_injection_low_32_bits, 0)
{
	char c = 'x';

	APPLY_DEFAULT();
	/* fd -1: the kernel would say EBADF; the filter says EPERM first. */
	EXPECT_ERR(ioctl(-1, TIOCSTI, &c), EPERM);
	EXPECT_ERR(syscall(SYS_ioctl, -1, 0xdead00000000UL | TIOCSTI, &c),
	    EPERM);
	EXPECT_ERR(syscall(SYS_ioctl, -1, 0xffffffff00000000UL | TIOCLINUX,
	    &c), EPERM);
	EXPECT_ERR(ioctl(-1, TIOCSETD, &c), EPERM);
	/* Other terminal ioctls pass to the kernel. */
	EXPECT_ERR(ioctl(-1, TIOCGWINSZ, &c), EBADF);
}

SEC_TEST(filter, personality_whitelist, 0)
{
	APPLY_DEFAULT();
	EXPECT_ERR(personality(READ_IMPLIES_EXEC), EPERM);
	EXPECT_ERR(personality(ADDR_NO_RANDOMIZE), EPERM);
	EXPECT_ERR(personality(PER_LINUX | MMAP_PAGE_ZERO), EPERM);
	EXPECT_ERR(personality(0xfffffffe), EPERM);
	EXPECT_ERR(syscall(SYS_personality, 0x100000000UL), EPERM);
	EXPECT_OK(personality(PER_LINUX32));
	EXPECT_OK(personality(UNAME26));
	EXPECT_OK(personality(PER_LINUX));
}

SEC_TEST(filter, socket_families, 0)
{
	int sv[2];

	APPLY_DEFAULT();
	EXPECT_ERR(socket(AF_PACKET, SOCK_RAW, 0), EAFNOSUPPORT);
	EXPECT_ERR(socket(AF_ALG, SOCK_SEQPACKET, 0), EAFNOSUPPORT);
	EXPECT_ERR(socket(AF_VSOCK, SOCK_STREAM, 0), EAFNOSUPPORT);
	EXPECT_ERR(socket(AF_UNSPEC, SOCK_STREAM, 0), EAFNOSUPPORT);
	EXPECT_ERR(socket(AF_APPLETALK, SOCK_DGRAM, 0), EAFNOSUPPORT);
	EXPECT_ERR(socket(-1, SOCK_DGRAM, 0), EAFNOSUPPORT);
	/* High bits set over an allowed family: still refused. */
	EXPECT_ERR(syscall(SYS_socket, 0x100000000UL | AF_INET, SOCK_STREAM,
	    0), EAFNOSUPPORT);
	EXPECT_ERR(socketpair(AF_INET, SOCK_STREAM, 0, sv), EAFNOSUPPORT);
}

SEC_TEST(filter, raw_sockets_off, 0)
{
	APPLY_DEFAULT();
	EXPECT_ERR(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), EPERM);
	EXPECT_ERR(socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6),
	    EPERM);
	EXPECT_ERR(socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK, IPPROTO_RAW),
	    EPERM);
}

SEC_TEST(filter, raw_sockets_on, 0)
{
	/* The private network namespace is owned by our user namespace. */
	APPLY("allow.raw_sockets");
	EXPECT_OK(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	EXPECT_OK(socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6));
	/* Packet sockets are still a family outside the default four. */
	EXPECT_ERR(socket(AF_PACKET, SOCK_DGRAM, 0), EAFNOSUPPORT);
}

SEC_TEST(filter, socket_af_on, 0)
{
	int sv[2];

	APPLY("allow.socket_af");
	/* The kernel's own answer, not the filter's EAFNOSUPPORT. */
	EXPECT_ERR(socketpair(AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP);
	/* Packet sockets are raw: refused without allow.raw_sockets. */
	EXPECT_ERR(socket(AF_PACKET, SOCK_DGRAM, 0), EPERM);
	EXPECT_ERR(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), EPERM);
}

SEC_TEST(filter, socket_af_and_raw_on, 0)
{
	APPLY("allow.socket_af", "allow.raw_sockets");
	EXPECT_OK(socket(AF_PACKET, SOCK_DGRAM, 0));
	EXPECT_OK(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
}

SEC_TEST(filter, mount_off, 0)
{
	APPLY_DEFAULT();
	/* NULL target: EFAULT from the kernel, EPERM from the filter. */
	EXPECT_ERR(mount(NULL, NULL, NULL, 0, NULL), EPERM);
	EXPECT_ERR(umount2("/nonexistent", MNT_DETACH), EPERM);
	EXPECT_ERR(umount2("/", MNT_DETACH), EPERM);
	EXPECT_ERR(syscall(SYS_pivot_root, ".", "."), EPERM);
	EXPECT_ERR(syscall(SYS_fsopen, "ljail-nofs", 0), ENOSYS);
	EXPECT_ERR(syscall(SYS_fsconfig, -1, 0, NULL, NULL, 0), ENOSYS);
	EXPECT_ERR(syscall(SYS_fsmount, -1, 0, 0), ENOSYS);
	EXPECT_ERR(syscall(SYS_fspick, -1, "", 0), ENOSYS);
	EXPECT_ERR(syscall(SYS_move_mount, -1, "", -1, "", 0), ENOSYS);
	EXPECT_ERR(syscall(SYS_open_tree, -1, "", 0), ENOSYS);
	EXPECT_ERR(syscall(SYS_mount_setattr, -1, "", 0, NULL, 0), ENOSYS);
}

Test(filter, mount_needs_a_filesystem_and_statfs)
{
	/* allow.mount alone, or with enforce_statfs 2, mounts nothing. */
	struct conf_jail *a = sec_jail("allow.mount", "enforce_statfs=1",
	    NULL);
	struct conf_jail *b = sec_jail("allow.mount", "allow.mount.tmpfs",
	    NULL);
	struct conf_jail *c = sec_jail("allow.mount", "allow.mount.tmpfs",
	    "enforce_statfs=1", NULL);

	cr_assert_not(filter_mount_allowed(a));
	cr_assert_not(filter_mount_allowed(b));
	cr_assert(filter_mount_allowed(c));
	conf_jail_free(a);
	conf_jail_free(b);
	conf_jail_free(c);
}

SEC_TEST(filter, mount_on_without_nullfs, 0)
{
	APPLY("allow.mount", "allow.mount.tmpfs", "enforce_statfs=1");
	EXPECT_ERR(mount(NULL, NULL, NULL, 0, NULL), EFAULT);
	EXPECT_ERR(syscall(SYS_fsopen, "ljail-nofs", 0), ENODEV);
	/* Bind mounts are FreeBSD's nullfs: not allowed. */
	EXPECT_ERR(mount("/nonexistent", "/nonexistent", NULL, MS_BIND, NULL),
	    EPERM);
	EXPECT_ERR(syscall(SYS_open_tree, -1, "", 0), ENOSYS);
}

SEC_TEST(filter, mount_on_with_nullfs, 0)
{
	APPLY("allow.mount", "allow.mount.nullfs", "enforce_statfs=0");
	EXPECT_ERR(mount("/nonexistent", "/nonexistent", NULL, MS_BIND, NULL),
	    ENOENT);
	EXPECT_ERR(syscall(SYS_open_tree, -1, "", 0), ENOENT);
}

SEC_TEST(filter, namespaces_off, 0)
{
	struct compat_clone_args ca = { .flags = CLONE_NEWUSER,
		.exit_signal = SIGCHLD };

	APPLY_DEFAULT();
	EXPECT_ERR(unshare(CLONE_NEWUSER), EPERM);
	EXPECT_ERR(unshare(CLONE_NEWNS), EPERM);
	EXPECT_ERR(unshare(CLONE_NEWNET), EPERM);
	EXPECT_ERR(unshare(CLONE_NEWTIME), EPERM);
	EXPECT_ERR(unshare(CLONE_NEWCGROUP | CLONE_FILES), EPERM);
	EXPECT_ERR(syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL,
	    NULL, NULL), EPERM);
	EXPECT_ERR(syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, NULL, NULL,
	    NULL, NULL), EPERM);
	EXPECT_ERR(syscall(SYS_clone3, &ca, sizeof(ca)), ENOSYS);
	EXPECT_ERR(setns(-1, 0), EPERM);
	/* Non-namespace unshare stays: the kernel answers. */
	EXPECT_OK(unshare(CLONE_FILES));
}

SEC_TEST(filter, namespaces_on, 0)
{
	APPLY("children.max=1");
	/* clone3 with a bad size: EINVAL from the kernel, not ENOSYS. */
	EXPECT_ERR(syscall(SYS_clone3, NULL, 1), EINVAL);
	EXPECT_ERR(setns(-1, 0), EBADF);
	EXPECT_OK(unshare(CLONE_NEWUSER));
}

SEC_TEST(filter, sysvipc_disabled_by_default, 0)
{
	APPLY_DEFAULT();
	EXPECT_ERR(msgget(IPC_PRIVATE, 0600), ENOSYS);
	EXPECT_ERR(semget(IPC_PRIVATE, 1, 0600), ENOSYS);
	EXPECT_ERR(shmget(IPC_PRIVATE, 4096, 0600), ENOSYS);
	EXPECT_ERR(shmat(0, NULL, 0), ENOSYS);
}

SEC_TEST(filter, sysvipc_umbrella, 0)
{
	/* The IPC namespace is private: these objects die with it. */
	APPLY("allow.sysvipc");
	EXPECT_OK(msgget(IPC_PRIVATE, 0600));
	EXPECT_OK(semget(IPC_PRIVATE, 1, 0600));
	EXPECT_OK(shmget(IPC_PRIVATE, 4096, 0600));
}

SEC_TEST(filter, sysvipc_each, 0)
{
	APPLY("sysvmsg=new", "sysvshm=disable", "allow.sysvipc");
	EXPECT_OK(msgget(IPC_PRIVATE, 0600));
	EXPECT_OK(semget(IPC_PRIVATE, 1, 0600));	/* from the umbrella */
	EXPECT_ERR(shmget(IPC_PRIVATE, 4096, 0600), ENOSYS);
}

SEC_TEST(filter, mlock_off, 0)
{
	static char page[4096] __attribute__((aligned(4096)));

	APPLY_DEFAULT();
	/* raw syscalls: ASan replaces mlock() with a no-op */
	EXPECT_ERR(syscall(SYS_mlock, page, sizeof(page)), EPERM);
	EXPECT_ERR(syscall(SYS_mlockall, MCL_CURRENT), EPERM);
	EXPECT_ERR(syscall(SYS_mlock2, page, sizeof(page), 0), EPERM);
	SEC_CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
	    MAP_LOCKED, -1, 0) == MAP_FAILED && errno == EPERM,
	    "mmap(MAP_LOCKED) not refused\n");
	EXPECT_OK(syscall(SYS_munlock, page, sizeof(page)));
}

SEC_TEST(filter, mlock_on, 0)
{
	static char page[4096] __attribute__((aligned(4096)));

	APPLY("allow.mlock");
	EXPECT_OK(syscall(SYS_mlock, page, sizeof(page)));
	EXPECT_OK(syscall(SYS_munlock, page, sizeof(page)));
}

SEC_TEST(filter, hostname_on_by_default, 0)
{
	/* The UTS namespace is private to the test. */
	APPLY_DEFAULT();
	EXPECT_OK(sethostname("sec-test", 8));
	EXPECT_OK(setdomainname("sec-test", 8));
}

SEC_TEST(filter, hostname_off, 0)
{
	APPLY("allow.set_hostname=0");
	EXPECT_ERR(sethostname("sec-test", 8), EPERM);
	EXPECT_ERR(setdomainname("sec-test", 8), EPERM);
}

SEC_TEST(filter, quotas, 0)
{
	APPLY_DEFAULT();
	EXPECT_ERR(syscall(SYS_quotactl, 0, NULL, 0, NULL), EPERM);
}

SEC_TEST(filter, quotas_on, 0)
{
	APPLY("allow.quotas");
	/* No device: the kernel answers ENODEV. */
	EXPECT_ERR(syscall(SYS_quotactl, 0, NULL, 0, NULL), ENODEV);
}

SEC_TEST(filter, settime_off, 0)
{
	struct timespec ts = { 0, 0 };

	APPLY_DEFAULT();
	/* An invalid clock: EINVAL from the kernel, EPERM from us. */
	EXPECT_ERR(clock_settime((clockid_t)-1, &ts), EPERM);
	EXPECT_ERR(syscall(SYS_settimeofday, NULL, NULL), EPERM);
	/* Reading the clock discipline stays open. */
	EXPECT_ERR(syscall(SYS_clock_adjtime, (clockid_t)-1, NULL), EFAULT);
}

SEC_TEST(filter, settime_on, 0)
{
	struct timespec ts = { 0, 0 };

	APPLY("allow.settime");
	EXPECT_ERR(clock_settime((clockid_t)-1, &ts), EINVAL);
}

/* The pseudo-filter text of a jail's filter. */
static char *
pfc_text(const struct conf_jail *j)
{
	char path[512];
	char *buf = NULL;
	size_t len;
	int fd;

	fd = mkstemp(fixture_path(path, sizeof(path), "sec-pfc-XXXXXX"));
	cr_assert_geq(fd, 0);
	cr_assert_eq(filter_export_pfc(j, fd), 0);
	close(fd);
	cr_assert_eq(util_read_file(path, &buf, &len), 0);
	unlink(path);
	return buf;
}

Test(filter, read_msgbuf)
{
	struct conf_jail *off = sec_jail("name=t", NULL);
	struct conf_jail *on = sec_jail("allow.read_msgbuf", NULL);
	char *t_off = pfc_text(off), *t_on = pfc_text(on);

	/* syslog's kernel answer depends on dmesg_restrict: read the rules. */
	cr_assert_not_null(strstr(t_off, "\"syslog\""));
	cr_assert_null(strstr(t_on, "\"syslog\""));
	free(t_off);
	free(t_on);
	conf_jail_free(off);
	conf_jail_free(on);
}

SEC_TEST(filter, read_msgbuf_off_eperm, 0)
{
	APPLY_DEFAULT();
	EXPECT_ERR(syscall(SYS_syslog, 10, NULL, 0), EPERM);
}

SEC_TEST(filter, proc_debug, 0)
{
	APPLY_DEFAULT();
	/* pid 0 does not exist: ESRCH from the kernel, the filter passes. */
	EXPECT_ERR(syscall(SYS_ptrace, PTRACE_ATTACH, 0, NULL, NULL),
	    ESRCH);
}

SEC_TEST(filter, proc_debug_off, 0)
{
	APPLY("allow.unprivileged_proc_debug=0");
	EXPECT_ERR(syscall(SYS_ptrace, PTRACE_ATTACH, 0, NULL, NULL),
	    EPERM);
	EXPECT_ERR(syscall(SYS_process_vm_readv, 0, NULL, 0, NULL, 0, 0),
	    EPERM);
}

SEC_TEST(filter, filters_only_stack, 0)
{
	APPLY_DEFAULT();
	/* A second, permissive filter cannot reopen anything. */
	struct conf_jail *j = sec_jail("children.max=5", "allow.mount",
	    "allow.mount.tmpfs", "enforce_statfs=0", NULL);
	SEC_CHECK(filter_apply(j) == 0, "second filter\n");
	EXPECT_ERR(unshare(CLONE_NEWUSER), EPERM);
	EXPECT_ERR(mount(NULL, NULL, NULL, 0, NULL), EPERM);
	conf_jail_free(j);
}

#if defined(__x86_64__)
/* x32 numbers (bit 30) are a foreign ABI: the process is killed. */
SEC_TEST(filter, x32_killed, SIGSYS)
{
	APPLY_DEFAULT();
	syscall(0x40000000 | SYS_getppid);
	SEC_FAIL("x32 getppid returned");
}

/* int 0x80 from a 64-bit process is the i386 ABI: killed. */
SEC_TEST(filter, i386_killed, SIGSYS)
{
	long r;

	APPLY_DEFAULT();
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(20L) : "memory");
	SEC_FAIL("i386 getpid returned %ld", r);
}
#endif

Test(filter, every_mount_fs_knob_opens_mount)
{
	static const char *const fs[] = {
		"allow.mount.devfs", "allow.mount.fdescfs",
		"allow.mount.fusefs",
		"allow.mount.nullfs", "allow.mount.procfs",
		"allow.mount.linprocfs", "allow.mount.linsysfs",
		"allow.mount.tmpfs",
	};

	for (size_t i = 0; i < ARRAY_SIZE(fs); i++) {
		struct conf_jail *on = sec_jail("allow.mount", fs[i],
		    "enforce_statfs=1", NULL);
		struct conf_jail *off = sec_jail("allow.mount", fs[i], NULL);
		struct conf_jail *nomount = sec_jail(fs[i], "enforce_statfs=0",
		    NULL);

		cr_assert(filter_mount_allowed(on), "%s", fs[i]);
		cr_assert_not(filter_mount_allowed(off), "%s statfs 2", fs[i]);
		cr_assert_not(filter_mount_allowed(nomount), "%s alone", fs[i]);
		conf_jail_free(on);
		conf_jail_free(off);
		conf_jail_free(nomount);
	}
}

Test(filter, ignored_knobs_change_nothing)
{
	static const char *const knobs[] = {
		"allow.nfsd", "allow.setaudit", "allow.extattr",
		"allow.unprivileged_parent_tampering", "allow.vmm",
		"allow.vmm_ppt", "allow.mount.zfs", "allow.reserved_ports=0",
		"allow.chflags", "allow.adjtime", "allow.routing",
		"allow.suser=0",
	};
	struct conf_jail *base = sec_jail("name=t", NULL);
	char *want = pfc_text(base);

	/* These act through capabilities (or not at all), never the filter. */
	for (size_t i = 0; i < ARRAY_SIZE(knobs); i++) {
		struct conf_jail *j = sec_jail(knobs[i], NULL);
		char *got = pfc_text(j);

		cr_assert_str_eq(got, want, "%s changed the filter", knobs[i]);
		free(got);
		conf_jail_free(j);
	}
	free(want);
	conf_jail_free(base);
}

Test(filter, every_filter_knob_changes_the_filter)
{
	static const char *const knobs[] = {
		"allow.set_hostname=0", "allow.sysvipc", "allow.raw_sockets",
		"allow.socket_af", "allow.mlock", "allow.quotas",
		"allow.read_msgbuf", "allow.settime",
		"allow.unprivileged_proc_debug=0", "children.max=1",
		"sysvmsg=new", "sysvsem=inherit", "sysvshm=new",
	};
	struct conf_jail *base = sec_jail("name=t", NULL);
	char *want = pfc_text(base);

	for (size_t i = 0; i < ARRAY_SIZE(knobs); i++) {
		struct conf_jail *j = sec_jail(knobs[i], NULL);
		char *got = pfc_text(j);

		cr_assert_str_neq(got, want, "%s left the filter alone",
		    knobs[i]);
		free(got);
		conf_jail_free(j);
	}
	free(want);
	conf_jail_free(base);
}

SEC_TEST(filter, adjtime_reads_pass, 0)
{
	struct timex tx = { .modes = 0 };

	APPLY_DEFAULT();
	/* A zero mode only reads: ntp_gettime keeps working. */
	EXPECT_OK(adjtimex(&tx));
}

SEC_TEST(filter, netlink_route_and_diag_only, 0)
{
	APPLY_DEFAULT();
	EXPECT_OK(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
	EXPECT_OK(socket(AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG));
	EXPECT_ERR(socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT),
	    EPROTONOSUPPORT);
	EXPECT_ERR(socket(AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT),
	    EPROTONOSUPPORT);
	EXPECT_ERR(socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER),
	    EPROTONOSUPPORT);
	EXPECT_ERR(socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC),
	    EPROTONOSUPPORT);
	EXPECT_ERR(socket(AF_NETLINK, SOCK_RAW, -1), EPROTONOSUPPORT);
}

SEC_TEST(filter, netlink_vnet_firewall, 0)
{
	APPLY("vnet=new");
	EXPECT_OK(socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER));
	EXPECT_OK(socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC));
	EXPECT_OK(socket(AF_NETLINK, SOCK_RAW, NETLINK_XFRM));
	EXPECT_ERR(socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT),
	    EPROTONOSUPPORT);
}

SEC_TEST(filter, netlink_any_with_socket_af, 0)
{
	APPLY("allow.socket_af");
	EXPECT_OK(socket(AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT));
}

/* Length in instructions of a jail's BPF program. */
static size_t
bpf_len(const struct conf_jail *j)
{
	char path[512];
	struct stat st;
	int fd;

	fd = mkstemp(fixture_path(path, sizeof(path), "sec-bpf-XXXXXX"));
	cr_assert_geq(fd, 0);
	unlink(path);
	cr_assert_eq(filter_export_bpf(j, fd), 0);
	cr_assert_eq(fstat(fd, &st), 0);
	close(fd);
	return (size_t)st.st_size / 8;
}

Test(filter, program_stays_small)
{
	struct conf_jail *def = sec_jail("name=t", NULL);
	struct conf_jail *open_ = sec_jail("allow.socket_af",
	    "allow.raw_sockets", "allow.sysvipc", "allow.mlock",
	    "children.max=1", "allow.quotas", "allow.settime",
	    "allow.read_msgbuf", NULL);
	size_t n = bpf_len(def), m = bpf_len(open_);

	/* The kernel's limit is 4096; a row explosion would show here. */
	cr_assert_lt(n, 1024, "default filter has %zu instructions", n);
	cr_assert_lt(m, n, "opening knobs must shrink the filter");
	cr_log_info("BPF instructions: default %zu, most knobs on %zu", n, m);
	conf_jail_free(def);
	conf_jail_free(open_);
}

/* ------------------------------------------------------ cache key */

/* The BPF program of j, as bytes. */
static char *
bpf_of(const struct conf_jail *j, size_t *len)
{
	int fd = memfd_create("t", MFD_CLOEXEC);
	off_t n;
	char *buf;

	cr_assert(fd >= 0);
	cr_assert_eq(filter_export_bpf(j, fd), 0);
	n = lseek(fd, 0, SEEK_END);
	cr_assert(n > 0);
	buf = xmalloc((size_t)n);
	cr_assert_eq(pread(fd, buf, (size_t)n, 0), n);
	close(fd);
	*len = (size_t)n;
	return buf;
}

/*
 * The cache reuses a compiled filter for every jail with the same key:
 * so for every parameter and a few values of it, a jail whose key equals
 * the bare jail's must get the very same program.  This is what makes a
 * wrong entry in filter_ignored fail here rather than in a jail.
 */
Test(filter, cache_key_covers_every_input)
{
	static const char *const values[] = { "1", "0", "2", "new", "inherit",
		"disable", "x", "true", "false" };
	struct conf_jail *bare = conf_jail_new(NULL, false);
	char *bare_key = filter_cache_key(bare), *bare_bpf;
	size_t bare_len, same = 0, differ = 0;

	cr_assert_not_null(bare_key);
	bare_bpf = bpf_of(bare, &bare_len);
	for (int id = 0; id < P__COUNT; id++) {
		for (size_t v = 0; v < ARRAY_SIZE(values); v++) {
			char *vals[2] = { (char *)values[v], NULL };
			struct conf_jail *j = conf_jail_new(NULL, false);
			char *key, *bpf;
			size_t len;

			conf_jail_set(j, param_table[id].name, vals, false,
			    NULL, 0);
			key = filter_cache_key(j);
			cr_assert_not_null(key);
			if (strcmp(key, bare_key) == 0) {
				bpf = bpf_of(j, &len);
				cr_expect(len == bare_len &&
				    memcmp(bpf, bare_bpf, len) == 0,
				    "%s=%s is left out of the key but changes "
				    "the filter", param_table[id].name,
				    values[v]);
				free(bpf);
				same++;
			} else
				differ++;
			free(key);
			conf_jail_free(j);
		}
	}
	/* Both kinds exist: names are left out, allow.* are not. */
	cr_assert(same > 0 && differ > 0);
	free(bare_bpf);
	free(bare_key);
	conf_jail_free(bare);
}
