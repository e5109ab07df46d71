/*
 * param.h - the table of jail parameters (FreeBSD jail(8) §2), one entry
 * per parameter, indexed by enum param_id in the FreeBSD style.
 *
 * CONTRACT (shared by conf_, jail_, reg_, ljls): the enum and struct below
 * are the interface; param.c holds the table and the value parsers.
 */
#ifndef LJAIL_PARAM_H
#define LJAIL_PARAM_H

#include <stdbool.h>
#include <stddef.h>

enum param_type {
	PT_STRING,	/* string, max length in param_def.max */
	PT_INT,		/* signed decimal integer */
	PT_UINT,	/* unsigned decimal integer */
	PT_ULONG,	/* host.hostid */
	PT_BOOL,	/* bare = true, true/false, integer, "no" prefix */
	PT_JAILSYS,	/* disable=0 new=1 inherit=2; bare = new */
	PT_IP4LIST,	/* comma list of IPv4 addresses (extended form) */
	PT_IP6LIST,	/* comma list of IPv6 addresses (extended form) */
	PT_LIST,	/* list of strings (commands, mounts, depend...) */
};

enum param_flags {
	PF_KERNEL = 1 << 0,	/* kernel parameter: shown by ljls, set by -m */
	PF_CREATE_ONLY = 1 << 1,/* "RDTUN": cannot change after creation */
	PF_READ_ONLY = 1 << 2,	/* parent, dying, children.cur, cpuset.id */
	PF_INTERNAL = 1 << 3,	/* pseudo-parameter consumed by jail(8) */
	PF_EMULATED = 1 << 4,	/* Linux only emulates it: warn, see note */
	PF_IGNORED = 1 << 5,	/* accepted, no effect on Linux: warn */
	PF_DEPRECATED = 1 << 6,	/* allow.dying */
	PF_SPLIT_COMMA = 1 << 7,/* on the command line, value split on ',' */
};

/* One row per parameter; FreeBSD's name is the key. */
enum param_id {
	P_UNKNOWN = -1,
	/* core kernel parameters */
	P_JID = 0,
	P_NAME,
	P_PATH,
	P_SECURELEVEL,
	P_DEVFS_RULESET,
	P_ENFORCE_STATFS,
	P_CHILDREN_MAX,
	P_CHILDREN_CUR,
	P_PERSIST,
	P_DYING,
	P_PARENT,
	P_CPUSET_ID,
	P_OSRELEASE,
	P_OSRELDATE,
	P_VNET,
	P_HOST,
	P_HOST_HOSTNAME,
	P_HOST_DOMAINNAME,
	P_HOST_HOSTUUID,
	P_HOST_HOSTID,
	P_IP4,
	P_IP4_ADDR,
	P_IP4_SADDRSEL,
	P_IP6,
	P_IP6_ADDR,
	P_IP6_SADDRSEL,
	P_META,
	P_ENV,
	P_MAC_LABEL,
	/* allow.* */
	P_ALLOW_SET_HOSTNAME,
	P_ALLOW_SYSVIPC,
	P_ALLOW_RAW_SOCKETS,
	P_ALLOW_CHFLAGS,
	P_ALLOW_MOUNT,
	P_ALLOW_QUOTAS,
	P_ALLOW_SOCKET_AF,
	P_ALLOW_MLOCK,
	P_ALLOW_RESERVED_PORTS,
	P_ALLOW_READ_MSGBUF,
	P_ALLOW_UNPRIVILEGED_PROC_DEBUG,
	P_ALLOW_SUSER,
	P_ALLOW_NFSD,
	P_ALLOW_EXTATTR,
	P_ALLOW_ADJTIME,
	P_ALLOW_SETTIME,
	P_ALLOW_ROUTING,
	P_ALLOW_SETAUDIT,
	P_ALLOW_UNPRIVILEGED_PARENT_TAMPERING,
	P_ALLOW_MOUNT_DEVFS,
	P_ALLOW_MOUNT_FDESCFS,
	P_ALLOW_MOUNT_FUSEFS,
	P_ALLOW_MOUNT_NULLFS,
	P_ALLOW_MOUNT_PROCFS,
	P_ALLOW_MOUNT_LINPROCFS,
	P_ALLOW_MOUNT_LINSYSFS,
	P_ALLOW_MOUNT_TMPFS,
	P_ALLOW_MOUNT_ZFS,
	P_ALLOW_VMM,
	P_ALLOW_VMM_PPT,
	P_ALLOW_DYING,
	/* module parameters */
	P_SYSVMSG,
	P_SYSVSEM,
	P_SYSVSHM,
	P_LINUX,
	P_LINUX_OSNAME,
	P_LINUX_OSRELEASE,
	P_LINUX_OSS_VERSION,
	P_ZFS_MOUNT_SNAPSHOT,
	/* pseudo-parameters */
	P_EXEC_PREPARE,
	P_EXEC_PRESTART,
	P_EXEC_CREATED,
	P_EXEC_START,
	P_COMMAND,
	P_EXEC_POSTSTART,
	P_EXEC_PRESTOP,
	P_EXEC_STOP,
	P_EXEC_POSTSTOP,
	P_EXEC_RELEASE,
	P_EXEC_CLEAN,
	P_EXEC_JAIL_USER,
	P_EXEC_SYSTEM_JAIL_USER,
	P_EXEC_SYSTEM_USER,
	P_EXEC_TIMEOUT,
	P_EXEC_CONSOLELOG,
	P_EXEC_FIB,
	P_STOP_TIMEOUT,
	P_INTERFACE,
	P_VNET_INTERFACE,
	P_ZFS_DATASET,
	P_IP_HOSTNAME,
	P_MOUNT,
	P_MOUNT_FSTAB,
	P_MOUNT_DEVFS,
	P_MOUNT_FDESCFS,
	P_MOUNT_PROCFS,
	P_DEPEND,
	/* ljail extensions (documented as such in ljail.conf(5)) */
	P_VNET_VETH,		/* vnet.veth: host-side veth peer name */
	P_LJAIL_IDMAP_BASE,	/* ljail.idmap.base: host id range start */
	P_MOUNT_SYSFS,		/* mount.sysfs: read-only /sys */
	P_LJAIL_LAB,		/* ljail.lab: the rootless lab it joins */
	P_LJAIL_VNET_HOME,	/* ljail.vnet.home: vnet.interface's netns */
	P__COUNT
};

struct param_def {
	const char *name;	/* FreeBSD spelling, e.g. "allow.mount.devfs" */
	enum param_type type;
	unsigned flags;		/* enum param_flags */
	const char *def;	/* default for a new jail as text, or NULL */
	size_t max;		/* PT_STRING max length; 0 = unbounded */
	const char *linux_note;	/* what ljail does instead (PF_EMULATED/IGNORED) */
};

/* The table, indexed by enum param_id. */
extern const struct param_def param_table[P__COUNT];

/*
 * Looks a name up; accepts the boolean "no" form on the last component
 * (allow.nomount, mount.nodevfs).  Returns P_UNKNOWN if FreeBSD does not
 * know it; *ret_negated is true for a "no" spelling of a boolean.
 */
enum param_id param_lookup(const char *name, bool *ret_negated);

/*
 * Tells whether a name is a key of a key-value parameter, "meta.KEY" or
 * "env.KEY" (FreeBSD 15), which jail(8) accepts as parameters.
 */
bool param_is_keyvalue(const char *name);

/* FreeBSD's default security.jail.meta_maxbufsize: bytes with the NUL. */
#define PARAM_META_MAXBUFSIZE 4096

/*
 * One key write into a meta/env buffer, as FreeBSD 15's kernel does it:
 * every line "KEY=..." is cut out, then "KEY=value" goes to the front;
 * value NULL only cuts.  Returns the new buffer (malloc'd).
 */
char *param_keyvalue_set(const char *buf, const char *key, const char *value);

/* Parses a boolean value as FreeBSD does: true/false (any case) or integer. */
int param_parse_bool(const char *text, bool *ret);
/* Parses a jailsys value: disable/new/inherit (any case) or 0/1/2. */
int param_parse_jailsys(const char *text, int *ret);
/* Parses a whole base-10 integer. */
int param_parse_int(const char *text, long long *ret);
/*
 * The values an integer parameter takes (FreeBSD's kernel and jail(8)
 * keep them in a C int, jid at most 999999, enforce_statfs 0-2, counts
 * and timeouts not negative).  false for a parameter that is not an
 * integer.  host.hostid is an unsigned long: callers check it whole.
 */
bool param_int_range(enum param_id id, long long *ret_min,
    long long *ret_max);

/*
 * Formats the table for programs that complete or check parameter names
 * (bash completion, tests): one line per parameter, "NAME\tTYPE\tFLAGS",
 * TYPE as in enum param_type (string, int, bool, jailsys, ...), FLAGS a
 * comma list (kernel, create-only, ...) or "-".  The caller frees it.
 */
char *param_format_table(void);

enum jailsys { JAILSYS_DISABLE = 0, JAILSYS_NEW = 1, JAILSYS_INHERIT = 2 };

#endif
