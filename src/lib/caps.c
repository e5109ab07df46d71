/*
 * caps.c - what a jail's root may do, as Linux capabilities.
 *
 * Every capability here is held in the jail's own user namespace, so the
 * kernel already refuses anything that needs it in the initial one
 * (setting the clock, loading modules, raw I/O...).  The sets are still
 * trimmed to FreeBSD's jail privileges so that a jail root cannot use
 * what its own namespaces would let it do (mknod, reconfigure its
 * interfaces, open raw sockets) and so that a setuid or file-capability
 * binary can never rise above the jail's bounding set.
 */
#include "config.h"

#include <errno.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "caps.h"
#include "filter.h"
#include "util.h"

#ifndef CAP_CHECKPOINT_RESTORE
#define CAP_CHECKPOINT_RESTORE 40
#endif

/*
 * The base set of a jail's root with allow.suser (FreeBSD's
 * prison_priv_check allows the equivalent privileges):
 *
 *   CHOWN DAC_OVERRIDE FOWNER FSETID   file ownership and modes in the jail
 *   KILL                               signal any process of the jail
 *   SETGID SETUID SETPCAP              su, login, daemons dropping privilege
 *   NET_BROADCAST                      broadcast and multicast
 *   IPC_OWNER                          SysV IPC objects of the jail
 *   SYS_CHROOT                         chroot(2) is allowed in a jail
 *   SYS_PTRACE                         root debugs the jail's processes
 *                                      (the PID namespace bounds it)
 *   SYS_RESOURCE                       raise limits inside the jail (not
 *                                      with children.max > 0: it would
 *                                      raise the jail's limit on nested
 *                                      user namespaces)
 *   LEASE                              file leases
 *   SETFCAP                            setcap inside (namespaced v3 xattrs)
 *
 * Deliberately never given, whatever the knobs say:
 *   SYS_MODULE SYS_RAWIO SYS_BOOT      kernel code, raw I/O, reboot
 *   MKNOD                              FreeBSD jails cannot create devices
 *   DAC_READ_SEARCH                    open_by_handle_at ("Shocker");
 *                                      DAC_OVERRIDE covers directory reads
 *   SYS_PACCT SYS_TTY_CONFIG           accounting, vhangup, console ioctls
 *   SYS_NICE                           FreeBSD jail root cannot raise
 *                                      priorities
 *   MAC_ADMIN MAC_OVERRIDE             LSM policy
 *   AUDIT_CONTROL AUDIT_READ AUDIT_WRITE  audit is not namespaced
 *   BPF PERFMON                        verifier and perf surface
 *   CHECKPOINT_RESTORE                 ns_last_pid, map_files
 *   WAKE_ALARM BLOCK_SUSPEND           host power management
 *
 * Switched by knobs:
 *   NET_BIND_SERVICE   allow.reserved_ports (default on)
 *   NET_RAW            allow.raw_sockets
 *   NET_ADMIN          vnet = new, or allow.routing; never with
 *                      securelevel >= 3 (FreeBSD locks the firewall)
 *   IPC_LOCK           allow.mlock
 *   LINUX_IMMUTABLE    allow.chflags, unless securelevel >= 1
 *   SYSLOG             allow.read_msgbuf
 *   SYS_TIME           allow.settime or allow.adjtime, unless
 *                      securelevel >= 2
 *   SYS_ADMIN          allow.set_hostname (default on: sethostname needs
 *                      it over the UTS namespace), an effective
 *                      allow.mount, or children.max > 0; the filter closes
 *                      everything else it would open in the jail's user
 *                      namespace
 *
 * allow.suser = 0 (FreeBSD's security.bsd.suser_enabled=0): root is an
 * ordinary user; the set is empty and SECBIT_NOROOT is locked so that no
 * exec as uid 0 gains a capability.
 */
static const int caps_base[] = {
	CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_FSETID, CAP_KILL,
	CAP_SETGID, CAP_SETUID, CAP_SETPCAP, CAP_NET_BROADCAST,
	CAP_IPC_OWNER, CAP_SYS_CHROOT, CAP_SYS_PTRACE, CAP_SYS_RESOURCE,
	CAP_LEASE, CAP_SETFCAP,
};

/* What caps_apply() keeps for the setup steps that follow it. */
static const int caps_setup[] = { CAP_SYS_ADMIN, CAP_SETUID, CAP_SETGID };

/* The jail's securelevel; unset or unparsable counts as -1. */
static long long
caps_securelevel(const struct conf_jail *j)
{
	long long v = -1;

	if (conf_jail_int(j, P_SECURELEVEL, &v) < 0)
		return -1;
	return v;
}

/* Computes the jail's final set (see the table above). */
uint64_t
caps_jail_mask(const struct conf_jail *j)
{
	long long level = caps_securelevel(j);
	long long children;
	uint64_t m = 0;

	if (!conf_jail_bool(j, P_ALLOW_SUSER))
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(caps_base); i++)
		m |= UINT64_C(1) << caps_base[i];
	if (conf_jail_bool(j, P_ALLOW_RESERVED_PORTS))
		m |= UINT64_C(1) << CAP_NET_BIND_SERVICE;
	if (conf_jail_bool(j, P_ALLOW_RAW_SOCKETS))
		m |= UINT64_C(1) << CAP_NET_RAW;
	if ((conf_jail_jailsys(j, P_VNET) == JAILSYS_NEW ||
	    conf_jail_bool(j, P_ALLOW_ROUTING)) && level < 3)
		m |= UINT64_C(1) << CAP_NET_ADMIN;
	if (conf_jail_bool(j, P_ALLOW_MLOCK))
		m |= UINT64_C(1) << CAP_IPC_LOCK;
	if (conf_jail_bool(j, P_ALLOW_CHFLAGS) && level < 1)
		m |= UINT64_C(1) << CAP_LINUX_IMMUTABLE;
	if (conf_jail_bool(j, P_ALLOW_READ_MSGBUF))
		m |= UINT64_C(1) << CAP_SYSLOG;
	if ((conf_jail_bool(j, P_ALLOW_SETTIME) ||
	    conf_jail_bool(j, P_ALLOW_ADJTIME)) && level < 2)
		m |= UINT64_C(1) << CAP_SYS_TIME;
	children = filter_children_max(j);
	if (conf_jail_bool(j, P_ALLOW_SET_HOSTNAME) ||
	    filter_mount_allowed(j) || children > 0)
		m |= UINT64_C(1) << CAP_SYS_ADMIN;
	/*
	 * children.max is the kernel's max_user_namespaces of the jail's
	 * user namespace, which CAP_SYS_RESOURCE there could raise.
	 */
	if (children > 0)
		m &= ~(UINT64_C(1) << CAP_SYS_RESOURCE);
	return m;
}

/*
 * Trims every set; see caps.h.  Straight prctl and capset (what
 * libcap-ng's capng_apply() does, without its three reads of
 * /proc/PID/status per process: init and every command call this).
 */
int
caps_apply(const struct conf_jail *j)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];
	uint64_t m = caps_jail_mask(j), keep = m;

	/*
	 * The setup steps' capabilities stay in permitted/effective only:
	 * out of the bounding set, an exec'd program never gets them back.
	 * Inheritable and ambient stay empty, so an exec as a non-root user
	 * carries nothing.
	 */
	for (size_t i = 0; i < ARRAY_SIZE(caps_setup); i++)
		keep |= UINT64_C(1) << caps_setup[i];
	/*
	 * allow.suser = 0: uid 0 gets nothing from exec either, locked so
	 * the jail cannot undo it.  Securebits need SETPCAP, so this comes
	 * before the sets are trimmed; the empty bounding set alone would
	 * already guarantee it.
	 */
	if (m == 0 && prctl(PR_SET_SECUREBITS, SECBIT_NOROOT |
	    SECBIT_NOROOT_LOCKED, 0, 0, 0) < 0)
		return -errno;
	/*
	 * The bounding set first, while SETPCAP is held: every capability
	 * the kernel knows (EINVAL past its last one, which may be newer
	 * than our headers) that the jail does not get.
	 */
	for (unsigned c = 0; c < 64; c++) {
		if (m & (UINT64_C(1) << c))
			continue;
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0) {
			if (errno == EINVAL && c > 0)
				break;
			return -errno;
		}
	}
	memset(d, 0, sizeof(d));
	for (unsigned c = 0; c < 64; c++) {
		if (!(keep & (UINT64_C(1) << c)))
			continue;
		d[c / 32].effective |= UINT32_C(1) << (c % 32);
		d[c / 32].permitted |= UINT32_C(1) << (c % 32);
	}
	if (syscall(SYS_capset, &hdr, d) < 0)
		return -errno;
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 &&
	    errno != EINVAL)
		return -errno;
	return 0;
}

/*
 * Drops the setup-only capabilities; see caps.h.  Straight capget and
 * capset: libcap-ng's capng_get_caps_process() and capng_apply() also
 * read /proc/PID/status three times (bounding and ambient sets this
 * never changes), and every command calls this twice.
 */
int
caps_finish(const struct conf_jail *j)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];
	uint64_t m = caps_jail_mask(j);

	if (syscall(SYS_capget, &hdr, d) < 0)
		return -errno;
	for (size_t i = 0; i < ARRAY_SIZE(caps_setup); i++) {
		unsigned c = (unsigned)caps_setup[i];
		uint32_t bit = UINT32_C(1) << (c % 32);

		if (m & (UINT64_C(1) << c))
			continue;
		d[c / 32].effective &= ~bit;
		d[c / 32].permitted &= ~bit;
		d[c / 32].inheritable &= ~bit;
	}
	if (syscall(SYS_capset, &hdr, d) < 0)
		return -errno;
	return 0;
}
