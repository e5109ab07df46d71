/*
 * filter.c - the jail's seccomp filter.
 *
 * The filter is a deny-list over a default ALLOW (linux-peers.md §2.7):
 * a FreeBSD jail's root may do everything root may do except what the
 * jail's checks refuse, so ljail lists what a jailed root is refused and
 * lets the rest through.  Every denied row returns a specific errno
 * (never a kill) so that programs keep running and see the error a
 * FreeBSD jail would give them; only impossible situations kill: a
 * foreign architecture (i386 int 0x80 from a 64-bit process) and x32
 * numbers on x86-64, which libseccomp routes to the bad-architecture
 * action because no x32 or x86 architecture is added to the filter.
 */
#include "config.h"

#include <errno.h>
#include <linux/personality.h>
#include <sched.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/netlink.h>
#include <sys/utsname.h>
#include <termios.h>

#include "compat.h"
#include "filter.h"
#include "util.h"

#ifndef TIOCLINUX
#define TIOCLINUX 0x541C
#endif
#ifndef MAP_LOCKED
#define MAP_LOCKED 0x02000
#endif

/* Clone flags that create namespaces (Docker's mask 0x7E020000). */
static const uint64_t clone_ns_flags[] = {
	CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC,
	CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
};

/*
 * Syscalls newer than the libseccomp this was built against, by their
 * number in the unified table (424 and up are the same on every
 * architecture ljail supports except alpha, ia64 and mips).
 */
static const struct {
	const char *name;
	int nr;
} late_syscalls[] = {
	{ "quotactl_fd", 443 },
	{ "set_mempolicy_home_node", 450 },
	{ "lsm_get_self_attr", 459 },
	{ "lsm_set_self_attr", 460 },
	{ "lsm_list_modules", 461 },
	{ "open_tree_attr", 467 },
};

/* Looks a syscall up for the native architecture; -1 if it has none. */
static int
filter_resolve(const char *name)
{
	uint32_t arch = seccomp_arch_native();
	int nr = seccomp_syscall_resolve_name(name);

	if (nr >= 0)
		return nr;
	if (arch != SCMP_ARCH_X86_64 && arch != SCMP_ARCH_AARCH64 &&
	    arch != SCMP_ARCH_RISCV64 && arch != SCMP_ARCH_X86 &&
	    arch != SCMP_ARCH_ARM)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(late_syscalls); i++)
		if (strcmp(late_syscalls[i].name, name) == 0)
			return late_syscalls[i].nr;
	return -1;
}

/*
 * Adds a rule returning err for syscall name (with up to two argument
 * conditions); a syscall the architecture lacks is skipped.
 */
static int
filter_deny(scmp_filter_ctx ctx, const char *name, int err, unsigned nargs,
    const struct scmp_arg_cmp *args)
{
	int nr = filter_resolve(name);
	int r;

	if (nr < 0)
		return 0;
	r = seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO((uint16_t)err), nr,
	    nargs, args);
	if (r < 0)
		util_debug("filter: %s: %s", name, strerror(-r));
	return r;
}

/* Denies a list of syscalls without conditions. */
static int
filter_deny_all(scmp_filter_ctx ctx, const char *const *names, int err)
{
	int r;

	for (; *names != NULL; names++)
		if ((r = filter_deny(ctx, *names, err, 0, NULL)) < 0)
			return r;
	return 0;
}

/*
 * Denies syscall name when argument arg holds a value outside the sorted
 * list allowed[] (and, if also is given, that condition on another
 * argument holds too).  libseccomp cannot AND two comparisons on one argument
 * nor express "not in", so each gap between allowed values is covered
 * by aligned power-of-two blocks (one MASKED_EQ each) and the tail above
 * the largest value by one GT.  The comparison is on all 64 bits: a
 * value with garbage in the high half is refused, which never happens
 * for a libc caller (int and unsigned int arguments are extended).
 */
static int
filter_deny_outside_if(scmp_filter_ctx ctx, const char *name,
    const struct scmp_arg_cmp *also, unsigned arg, const uint64_t *allowed,
    size_t n, int err)
{
	uint64_t lo = 0;
	int r;

	for (size_t i = 0; i <= n; i++) {
		uint64_t hi;

		if (i == n) {
			struct scmp_arg_cmp c[2] = { { arg, SCMP_CMP_GT,
				allowed[n - 1], 0 } };

			if (also != NULL)
				c[1] = *also;
			return filter_deny(ctx, name, err, also != NULL ? 2 : 1,
			    c);
		}
		if (allowed[i] == 0) {
			lo = 1;
			continue;
		}
		hi = allowed[i] - 1;
		while (lo <= hi) {
			uint64_t size = 1;
			struct scmp_arg_cmp c[2];

			/* The largest aligned block starting at lo in range. */
			while ((lo & (size * 2 - 1)) == 0 &&
			    lo + size * 2 - 1 <= hi &&
			    size < (UINT64_C(1) << 62))
				size *= 2;
			c[0] = (struct scmp_arg_cmp){ arg, SCMP_CMP_MASKED_EQ,
				~(size - 1), lo };
			if (also != NULL)
				c[1] = *also;
			r = filter_deny(ctx, name, err, also != NULL ? 2 : 1,
			    c);
			if (r < 0)
				return r;
			lo += size;
		}
		lo = allowed[i] + 1;
	}
	return 0;
}

/* filter_deny_outside_if() without the extra condition. */
static int
filter_deny_outside(scmp_filter_ctx ctx, const char *name, unsigned arg,
    const uint64_t *allowed, size_t n, int err)
{
	return filter_deny_outside_if(ctx, name, NULL, arg, allowed, n, err);
}

/* Denies syscall name when argument arg has any of the given bits set. */
static int
filter_deny_bits(scmp_filter_ctx ctx, const char *name, unsigned arg,
    const uint64_t *bits, size_t n, int err)
{
	int r;

	for (size_t i = 0; i < n; i++) {
		struct scmp_arg_cmp c = { arg, SCMP_CMP_MASKED_EQ, bits[i],
			bits[i] };

		if ((r = filter_deny(ctx, name, err, 1, &c)) < 0)
			return r;
	}
	return 0;
}

/* Tells whether the running kernel is older than major.minor. */
static bool
filter_kernel_older(int major, int minor)
{
	struct utsname u;
	int ma = 0, mi = 0;

	if (uname(&u) < 0 || sscanf(u.release, "%d.%d", &ma, &mi) != 2)
		return true;
	return ma < major || (ma == major && mi < minor);
}

/* Effective SysV IPC setting for one of sysvmsg/sysvsem/sysvshm. */
static int
filter_sysv(const struct conf_jail *j, enum param_id id)
{
	int v;

	/* allow.sysvipc is FreeBSD's umbrella: it means "inherit" for
	 * each of the three that is not set on its own. */
	if (!conf_jail_has(j, id))
		return conf_jail_bool(j, P_ALLOW_SYSVIPC) ? JAILSYS_INHERIT :
		    JAILSYS_DISABLE;
	v = conf_jail_jailsys(j, id);
	return v < 0 ? JAILSYS_DISABLE : v;
}

/* children.max as a number; unset or unparsable counts as 0. */
long long
filter_children_max(const struct conf_jail *j)
{
	long long n = 0;

	if (conf_jail_int(j, P_CHILDREN_MAX, &n) < 0)
		return 0;
	return n;
}

/* Tells whether the jail may mount (see filter.h). */
bool
filter_mount_allowed(const struct conf_jail *j)
{
	static const enum param_id fs[] = {
		P_ALLOW_MOUNT_DEVFS, P_ALLOW_MOUNT_FDESCFS,
		P_ALLOW_MOUNT_FUSEFS,
		P_ALLOW_MOUNT_NULLFS, P_ALLOW_MOUNT_PROCFS,
		P_ALLOW_MOUNT_LINPROCFS, P_ALLOW_MOUNT_LINSYSFS,
		P_ALLOW_MOUNT_TMPFS,
	};
	long long statfs = 2;

	if (filter_children_max(j) > 0)
		return true;
	if (!conf_jail_bool(j, P_ALLOW_MOUNT))
		return false;
	/* FreeBSD: allow.mount only takes effect with enforce_statfs < 2. */
	if (conf_jail_int(j, P_ENFORCE_STATFS, &statfs) == 0 && statfs >= 2)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(fs); i++)
		if (conf_jail_bool(j, fs[i]))
			return true;
	return false;
}

/* Always denied: kernel-global state no jail may touch (§2.7). */
static const char *const deny_always_eperm[] = {
	/* kernel code: modules are global */
	"init_module", "finit_module", "delete_module", "create_module",
	"query_module", "get_kernel_syms",
	/* replace or stop the running kernel */
	"kexec_load", "kexec_file_load", "reboot",
	/* global memory management and accounting */
	"swapon", "swapoff", "acct",
	/* keyrings are not namespaced */
	"keyctl", "add_key", "request_key",
	/* verifier and perf bugs; both are global */
	"bpf", "perf_event_open",
	/* widens kernel race windows for exploits */
	"userfaultfd",
	/* "Shocker": any inode of the backing fs by handle */
	"open_by_handle_at",
	/* another process's fds or memory */
	"pidfd_getfd", "process_madvise",
	/* raw port I/O, vm86, LDT */
	"iopl", "ioperm", "vm86", "vm86old", "modify_ldt",
	/* tty hijack */
	"vhangup",
	/* obsolete or unimplemented: attack surface only */
	"lookup_dcookie", "nfsservctl", "uselib", "ustat", "sysfs",
	"_sysctl", "tuxcall", "security", "vserver", "afs_syscall",
	"getpmsg", "putpmsg",
	/* NUMA plumbing with a bug history */
	"mbind", "migrate_pages", "move_pages", "set_mempolicy",
	"set_mempolicy_home_node", "get_mempolicy",
	/* filesystem-wide monitoring */
	"fanotify_init",
	/* LSM attributes */
	"lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules",
	NULL
};

/*
 * io_uring: operations submitted through the ring are not seen by
 * seccomp at all, so the ring would bypass every other row.  ENOSYS
 * makes libraries fall back to plain syscalls.
 */
static const char *const deny_always_enosys[] = {
	"io_uring_setup", "io_uring_enter", "io_uring_register", NULL
};

static const char *const deny_mount_eperm[] = {
	"mount", "umount", "umount2", "pivot_root", NULL
};
/* The new mount API; ENOSYS so that tools fall back to mount(2). */
static const char *const deny_mount_enosys[] = {
	"fsopen", "fsconfig", "fsmount", "fspick", "move_mount",
	"mount_setattr", "open_tree", "open_tree_attr", NULL
};
static const char *const deny_sysvmsg[] = {
	"msgget", "msgsnd", "msgrcv", "msgctl", NULL
};
static const char *const deny_sysvsem[] = {
	"semget", "semop", "semtimedop", "semctl", NULL
};
static const char *const deny_sysvshm[] = {
	"shmget", "shmat", "shmdt", "shmctl", NULL
};
static const char *const deny_mlock[] = {
	"mlock", "mlock2", "mlockall", NULL
};
static const char *const deny_hostname[] = {
	"sethostname", "setdomainname", NULL
};
static const char *const deny_quotas[] = {
	"quotactl", "quotactl_fd", NULL
};
static const char *const deny_settime[] = {
	"settimeofday", "stime", "clock_settime", NULL
};
static const char *const deny_debug[] = {
	"ptrace", "process_vm_readv", "process_vm_writev", "kcmp", NULL
};

/* The rows that allow.mount and children.max switch. */
static int
filter_add_mount(scmp_filter_ctx ctx, const struct conf_jail *j)
{
	int r;

	if (!filter_mount_allowed(j)) {
		if ((r = filter_deny_all(ctx, deny_mount_eperm, EPERM)) < 0)
			return r;
		return filter_deny_all(ctx, deny_mount_enosys, ENOSYS);
	}
	/*
	 * Mounting is allowed.  The file system type is a string behind a
	 * pointer, which BPF cannot read, so allow.mount.<fs> cannot pick
	 * types; the kernel itself only lets a user namespace mount types
	 * marked FS_USERNS_MOUNT (proc, sysfs, tmpfs, devpts, mqueue, fuse,
	 * overlay, ramfs, cgroup2...).  What the flags do show is a bind
	 * mount, FreeBSD's nullfs: without allow.mount.nullfs, MS_BIND and
	 * open_tree (which only clones trees) are refused.  A nested jail
	 * (children.max > 0) needs binds, so it gets them.
	 */
	if (!conf_jail_bool(j, P_ALLOW_MOUNT_NULLFS) &&
	    filter_children_max(j) <= 0) {
		static const uint64_t bind[] = { MS_BIND };

		if ((r = filter_deny_bits(ctx, "mount", 3, bind, 1,
		    EPERM)) < 0)
			return r;
		if ((r = filter_deny(ctx, "open_tree", ENOSYS, 0, NULL)) < 0)
			return r;
		if ((r = filter_deny(ctx, "open_tree_attr", ENOSYS, 0,
		    NULL)) < 0)
			return r;
	}
	return 0;
}

/*
 * Namespace creation (FreeBSD children.max = 0): a nested user
 * namespace gives every capability back and exposes nf_tables, file
 * system and network code to jailed root.
 */
static int
filter_add_namespaces(scmp_filter_ctx ctx, const struct conf_jail *j)
{
	uint64_t unshare_flags[ARRAY_SIZE(clone_ns_flags) + 1];
	uint32_t arch = seccomp_arch_native();
	unsigned clone_arg;
	int r;

	if (filter_children_max(j) > 0)
		return 0;
	/* s390 passes the clone flags as the second argument. */
	clone_arg = arch == SCMP_ARCH_S390X || arch == SCMP_ARCH_S390 ? 1 : 0;
	if ((r = filter_deny_bits(ctx, "clone", clone_arg, clone_ns_flags,
	    ARRAY_SIZE(clone_ns_flags), EPERM)) < 0)
		return r;
	/* unshare also knows CLONE_NEWTIME, whose bit is CSIGNAL in clone. */
	memcpy(unshare_flags, clone_ns_flags, sizeof(clone_ns_flags));
	unshare_flags[ARRAY_SIZE(clone_ns_flags)] = CLONE_NEWTIME;
	if ((r = filter_deny_bits(ctx, "unshare", 0, unshare_flags,
	    ARRAY_SIZE(unshare_flags), EPERM)) < 0)
		return r;
	/*
	 * clone3 takes its flags in a struct in memory, which seccomp cannot
	 * read; ENOSYS makes glibc (and others) fall back to clone, whose
	 * flags are checked above.
	 */
	if ((r = filter_deny(ctx, "clone3", ENOSYS, 0, NULL)) < 0)
		return r;
	/* Joining a namespace through a leaked or visible ns fd. */
	return filter_deny(ctx, "setns", EPERM, 0, NULL);
}

/*
 * FreeBSD's "route" sockets are NETLINK_ROUTE; NETLINK_SOCK_DIAG is what
 * netstat and ss read.  A jail with its own stack (vnet) also configures
 * its firewall and tunnels as a FreeBSD vnet jail does: NETLINK_NETFILTER,
 * NETLINK_XFRM and NETLINK_GENERIC.  Everything else (audit, uevents,
 * crypto, connector, rdma...) fails with EPROTONOSUPPORT, the answer of
 * a kernel built without that protocol, which libraries handle.
 */
static int
filter_add_netlink(scmp_filter_ctx ctx, const struct conf_jail *j)
{
	static const uint64_t plain[] = { NETLINK_ROUTE, NETLINK_SOCK_DIAG };
	static const uint64_t vnet[] = { NETLINK_ROUTE, NETLINK_SOCK_DIAG,
		NETLINK_XFRM, NETLINK_NETFILTER, NETLINK_GENERIC };
	struct scmp_arg_cmp is_netlink = SCMP_A0(SCMP_CMP_EQ, AF_NETLINK);

	if (conf_jail_jailsys(j, P_VNET) == JAILSYS_NEW)
		return filter_deny_outside_if(ctx, "socket", &is_netlink, 2,
		    vnet, ARRAY_SIZE(vnet), EPROTONOSUPPORT);
	return filter_deny_outside_if(ctx, "socket", &is_netlink, 2, plain,
	    ARRAY_SIZE(plain), EPROTONOSUPPORT);
}

/*
 * Sockets: FreeBSD's default jail may open local, inet, inet6 and route
 * sockets only (AF_UNIX, AF_INET, AF_INET6 and AF_NETLINK here); the
 * family check also stops module autoloading for rare families.
 * Raw and packet sockets are refused unless allow.raw_sockets.
 */
static int
filter_add_sockets(scmp_filter_ctx ctx, const struct conf_jail *j)
{
	static const uint64_t families[] = {
		AF_UNIX, AF_INET, AF_INET6, AF_NETLINK,
	};
	static const uint64_t unix_only[] = { AF_UNIX };
	bool any_af = conf_jail_bool(j, P_ALLOW_SOCKET_AF);
	int r;

	if (!any_af) {
		if ((r = filter_deny_outside(ctx, "socket", 0, families,
		    ARRAY_SIZE(families), EAFNOSUPPORT)) < 0)
			return r;
		/* Only AF_UNIX has socket pairs among the allowed ones. */
		if ((r = filter_deny_outside(ctx, "socketpair", 0, unix_only,
		    1, EAFNOSUPPORT)) < 0)
			return r;
		if ((r = filter_add_netlink(ctx, j)) < 0)
			return r;
	}
	if (!conf_jail_bool(j, P_ALLOW_RAW_SOCKETS)) {
		static const int inet[] = { AF_INET, AF_INET6 };

		/* Without the family rule above, AF_PACKET is still raw. */
		if (any_af) {
			struct scmp_arg_cmp c = SCMP_A0(SCMP_CMP_EQ, AF_PACKET);

			if ((r = filter_deny(ctx, "socket", EPERM, 1, &c)) < 0)
				return r;
		}
		/* The type carries SOCK_NONBLOCK/SOCK_CLOEXEC above 0xf. */
		for (size_t i = 0; i < ARRAY_SIZE(inet); i++) {
			struct scmp_arg_cmp c[2] = {
				SCMP_A0(SCMP_CMP_EQ, (uint64_t)inet[i]),
				SCMP_A1(SCMP_CMP_MASKED_EQ, 0xf, SOCK_RAW),
			};

			if ((r = filter_deny(ctx, "socket", EPERM, 2, c)) < 0)
				return r;
		}
	}
	return 0;
}

/* Terminal ioctls and personality flags that weaken the host or the jail. */
static int
filter_add_ioctl_personality(scmp_filter_ctx ctx)
{
	/* query (0xffffffff), PER_LINUX, PER_LINUX32 and UNAME26 variants */
	static const uint64_t personas[] = {
		PER_LINUX, PER_LINUX32, UNAME26, UNAME26 | PER_LINUX32,
		0xffffffff,
	};
	static const unsigned long reqs[] = { TIOCSTI, TIOCLINUX, TIOCSETD };
	int r;

	/*
	 * TIOCSTI pushes input into a terminal (the caller's, if the jail
	 * shares it); TIOCLINUX copies and pastes on a virtual console;
	 * TIOCSETD loads line discipline modules.  The kernel only reads
	 * the low 32 bits of the request, so compare only those: a plain
	 * 64-bit equality is bypassed by setting the high half
	 * (CVE-2019-10063).
	 */
	for (size_t i = 0; i < ARRAY_SIZE(reqs); i++) {
		struct scmp_arg_cmp c = SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffff,
		    reqs[i]);

		if ((r = filter_deny(ctx, "ioctl", EPERM, 1, &c)) < 0)
			return r;
	}
	/* READ_IMPLIES_EXEC, ADDR_NO_RANDOMIZE... weaken mitigations. */
	return filter_deny_outside(ctx, "personality", 0, personas,
	    ARRAY_SIZE(personas), EPERM);
}

/* Every row that an allow.* knob, sysv* or a kernel version switches. */
static int
filter_add_knobs(scmp_filter_ctx ctx, const struct conf_jail *j)
{
	int r;

	if ((r = filter_add_mount(ctx, j)) < 0 ||
	    (r = filter_add_namespaces(ctx, j)) < 0 ||
	    (r = filter_add_sockets(ctx, j)) < 0)
		return r;
	/* FreeBSD answers ENOSYS when the jail's sysv* is "disable". */
	if (filter_sysv(j, P_SYSVMSG) == JAILSYS_DISABLE &&
	    (r = filter_deny_all(ctx, deny_sysvmsg, ENOSYS)) < 0)
		return r;
	if (filter_sysv(j, P_SYSVSEM) == JAILSYS_DISABLE &&
	    (r = filter_deny_all(ctx, deny_sysvsem, ENOSYS)) < 0)
		return r;
	if (filter_sysv(j, P_SYSVSHM) == JAILSYS_DISABLE &&
	    (r = filter_deny_all(ctx, deny_sysvshm, ENOSYS)) < 0)
		return r;
	if (!conf_jail_bool(j, P_ALLOW_MLOCK)) {
		static const uint64_t locked[] = { MAP_LOCKED };

		/* munlock stays: unlocking is harmless. */
		if ((r = filter_deny_all(ctx, deny_mlock, EPERM)) < 0 ||
		    (r = filter_deny_bits(ctx, "mmap", 3, locked, 1,
		    EPERM)) < 0)
			return r;
	}
	if (!conf_jail_bool(j, P_ALLOW_SET_HOSTNAME) &&
	    (r = filter_deny_all(ctx, deny_hostname, EPERM)) < 0)
		return r;
	if (!conf_jail_bool(j, P_ALLOW_QUOTAS) &&
	    (r = filter_deny_all(ctx, deny_quotas, EPERM)) < 0)
		return r;
	/*
	 * The wall clock is not namespaced.  adjtimex and clock_adjtime stay
	 * open: their mode is behind a pointer, a zero mode only reads
	 * (ntp_gettime), and the kernel refuses any change without
	 * CAP_SYS_TIME in the initial user namespace.
	 */
	if (!conf_jail_bool(j, P_ALLOW_SETTIME) &&
	    (r = filter_deny_all(ctx, deny_settime, EPERM)) < 0)
		return r;
	if (!conf_jail_bool(j, P_ALLOW_READ_MSGBUF) &&
	    (r = filter_deny(ctx, "syslog", EPERM, 0, NULL)) < 0)
		return r;
	/*
	 * A FreeBSD jail's root debugs the jail's processes; here ptrace is
	 * confined by the PID and user namespaces.  Before Linux 4.8 a
	 * tracer could rewrite a syscall after seccomp had checked it, so
	 * there, and when allow.unprivileged_proc_debug is off (seccomp
	 * cannot see who calls), the ptrace family is refused for everyone.
	 */
	if ((filter_kernel_older(4, 8) ||
	    !conf_jail_bool(j, P_ALLOW_UNPRIVILEGED_PROC_DEBUG)) &&
	    (r = filter_deny_all(ctx, deny_debug, EPERM)) < 0)
		return r;
	return 0;
}

/* Builds the filter for a jail into a new libseccomp context. */
static int
filter_build(const struct conf_jail *j, scmp_filter_ctx *ret_ctx)
{
	scmp_filter_ctx ctx;
	int r;

	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (ctx == NULL)
		return -ENOMEM;
	/*
	 * Install WITHOUT no_new_privs: a FreeBSD jail runs setuid programs
	 * (su, passwd, ping) and they must keep working.  Without NNP the
	 * kernel requires CAP_SYS_ADMIN in the caller's user namespace,
	 * which the jail's root still has here; the filter is inherited by
	 * every descendant and cannot be removed, only stacked on.
	 */
	r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	/* Foreign ABIs and x32 numbers are impossible situations: kill. */
	if (r == 0)
		r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
		    SCMP_ACT_KILL_PROCESS);
	/* The kernel's own errno from seccomp_load, not -ECANCELED. */
	if (r == 0)
		r = seccomp_attr_set(ctx, SCMP_FLTATR_API_SYSRAWRC, 1);
	/* A binary tree keeps the cost per syscall flat as rows grow. */
	if (r == 0 && seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0)
		util_debug("filter: binary tree optimisation unavailable");
	if (r == 0)
		r = filter_deny_all(ctx, deny_always_eperm, EPERM);
	if (r == 0)
		r = filter_deny_all(ctx, deny_always_enosys, ENOSYS);
	if (r == 0)
		r = filter_add_ioctl_personality(ctx);
	if (r == 0)
		r = filter_add_knobs(ctx, j);
	if (r < 0) {
		seccomp_release(ctx);
		return r;
	}
	*ret_ctx = ctx;
	return 0;
}

/* Installs the jail's filter in the calling thread (see filter.h). */
int
filter_apply(const struct conf_jail *j)
{
	scmp_filter_ctx ctx;
	int r;

	if ((r = filter_build(j, &ctx)) < 0)
		return r;
	r = seccomp_load(ctx);
	seccomp_release(ctx);
	return r;
}

/* Writes the jail's filter as pseudo-filter text to fd. */
int
filter_export_pfc(const struct conf_jail *j, int fd)
{
	scmp_filter_ctx ctx;
	int r;

	if ((r = filter_build(j, &ctx)) < 0)
		return r;
	r = seccomp_export_pfc(ctx, fd);
	seccomp_release(ctx);
	return r;
}

/* Writes the jail's filter as a BPF program to fd. */
int
filter_export_bpf(const struct conf_jail *j, int fd)
{
	scmp_filter_ctx ctx;
	int r;

	if ((r = filter_build(j, &ctx)) < 0)
		return r;
	r = seccomp_export_bpf(ctx, fd);
	seccomp_release(ctx);
	return r;
}

/*
 * Parameters the filter does not read.  A parameter missing here is
 * only a cache miss; one listed wrongly would reuse a wrong filter, so
 * test_filter checks that each of these leaves the program unchanged.
 */
static const enum param_id filter_ignored[] = {
	P_JID, P_NAME, P_PATH, P_PERSIST, P_DEVFS_RULESET,
	P_HOST_HOSTNAME, P_HOST_DOMAINNAME, P_HOST_HOSTUUID, P_HOST_HOSTID,
	P_META, P_ENV, P_OSRELEASE, P_OSRELDATE,
	P_IP4_ADDR, P_IP6_ADDR, P_IP_HOSTNAME, P_INTERFACE, P_VNET_INTERFACE,
	P_VNET_VETH,
	P_EXEC_PREPARE, P_EXEC_PRESTART, P_EXEC_CREATED, P_EXEC_START,
	P_COMMAND, P_EXEC_POSTSTART, P_EXEC_PRESTOP, P_EXEC_STOP,
	P_EXEC_POSTSTOP, P_EXEC_RELEASE, P_EXEC_CLEAN, P_EXEC_JAIL_USER,
	P_EXEC_SYSTEM_JAIL_USER, P_EXEC_SYSTEM_USER, P_EXEC_TIMEOUT,
	P_EXEC_CONSOLELOG, P_STOP_TIMEOUT,
	P_MOUNT, P_MOUNT_FSTAB, P_MOUNT_DEVFS, P_MOUNT_FDESCFS, P_MOUNT_PROCFS,
	P_MOUNT_SYSFS, P_DEPEND, P_LJAIL_IDMAP_BASE, P_LJAIL_VNET_HOME,
};

/* Tells whether the filter never reads parameter id. */
static bool
filter_ignores(enum param_id id)
{
	for (size_t i = 0; i < ARRAY_SIZE(filter_ignored); i++)
		if (filter_ignored[i] == id)
			return true;
	return false;
}

/* The cache key of j's filter (see filter.h). */
char *
filter_cache_key(const struct conf_jail *j)
{
	const struct scmp_version *v = seccomp_version();
	struct stat self;
	struct utsname u;
	char *key, *more;

	if (stat("/proc/self/exe", &self) < 0 || uname(&u) < 0)
		return NULL;
	key = xasprintf("ljail-filter 1\nexe %llu %llu %lld %lld.%09ld\n"
	    "libseccomp %u.%u.%u api %u arch %u\nkernel %s\n",
	    (unsigned long long)self.st_dev, (unsigned long long)self.st_ino,
	    (long long)self.st_size, (long long)self.st_mtim.tv_sec,
	    self.st_mtim.tv_nsec, v->major, v->minor, v->micro,
	    seccomp_api_get(), seccomp_arch_native(), u.release);
	for (size_t i = 0; i < j->nparams; i++) {
		_cleanup_free_ char *p = NULL;

		if (j->params[i].id != P_UNKNOWN &&
		    filter_ignores(j->params[i].id))
			continue;
		p = conf_format_param(&j->params[i]);
		more = xasprintf("%s%s\n", key, p);
		free(key);
		key = more;
	}
	return key;
}
