/*
 * param.c - the parameter table and FreeBSD's value parsers.
 *
 * One row per parameter, indexed by enum param_id (param.h).  Defaults are
 * those of a new FreeBSD jail on a host (§2 of the compatibility spec).
 * linux_note says, in one line, what ljail does where Linux cannot do what
 * FreeBSD does; ljail.conf(5) lists the same mappings.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <strings.h>

#include "param.h"
#include "util.h"

#define K PF_KERNEL
#define CO PF_CREATE_ONLY
#define RO PF_READ_ONLY
#define I PF_INTERNAL
#define EM PF_EMULATED
#define IG PF_IGNORED

const struct param_def param_table[P__COUNT] = {
	[P_JID] = { "jid", PT_INT, K | CO, NULL, 0, NULL },
	[P_NAME] = { "name", PT_STRING, K, NULL, 255, NULL },
	[P_PATH] = { "path", PT_STRING, K | CO, "/", 1024, NULL },
	[P_SECURELEVEL] = { "securelevel", PT_INT, K | EM, "-1", 0,
	    "no kernel securelevel: kept and never lowered; 1 and up withhold chflags, 2 and up clock setting, 3 network administration" },
	[P_DEVFS_RULESET] = { "devfs_ruleset", PT_INT, K | EM, "0", 0,
	    "picks one of ljail's fixed device sets 0-5 for mount.devfs, not devfs(8) rules" },
	[P_ENFORCE_STATFS] = { "enforce_statfs", PT_INT, K | EM, "2", 0,
	    "the jail's mount namespace shows only mounts under its root; statfs(2) is not filtered; gates allow.mount as on FreeBSD" },
	[P_CHILDREN_MAX] = { "children.max", PT_INT, K, "0", 0, NULL },
	[P_CHILDREN_CUR] = { "children.cur", PT_INT, K | RO, "0", 0, NULL },
	[P_PERSIST] = { "persist", PT_BOOL, K, "false", 0, NULL },
	[P_DYING] = { "dying", PT_BOOL, K | RO, "false", 0, NULL },
	[P_PARENT] = { "parent", PT_INT, K | RO, "0", 0, NULL },
	[P_CPUSET_ID] = { "cpuset.id", PT_INT, K | RO | EM, NULL, 0,
	    "no cpusets: reported by ljls, not enforced" },
	[P_OSRELEASE] = { "osrelease", PT_STRING, K | CO | EM, NULL, 31,
	    "recorded and shown by ljls; uname(2) in the jail still reports the host kernel" },
	[P_OSRELDATE] = { "osreldate", PT_INT, K | CO | EM, NULL, 0,
	    "recorded and shown by ljls only" },
	[P_VNET] = { "vnet", PT_JAILSYS, K | CO, "inherit", 0, NULL },
	[P_HOST] = { "host", PT_JAILSYS, K, "new", 0, NULL },
	[P_HOST_HOSTNAME] = { "host.hostname", PT_STRING, K, NULL, 255, NULL },
	[P_HOST_DOMAINNAME] = { "host.domainname", PT_STRING, K, NULL, 255, NULL },
	[P_HOST_HOSTUUID] = { "host.hostuuid", PT_STRING, K | EM, NULL, 63,
	    "recorded and shown by ljls; programs in the jail do not see it" },
	[P_HOST_HOSTID] = { "host.hostid", PT_ULONG, K | EM, "0", 0,
	    "recorded and shown by ljls; gethostid(3) in the jail reads its own /etc/hostid" },
	[P_IP4] = { "ip4", PT_JAILSYS, K | CO, NULL, 0, NULL },
	[P_IP4_ADDR] = { "ip4.addr", PT_IP4LIST, K | PF_SPLIT_COMMA, NULL, 0, NULL },
	[P_IP4_SADDRSEL] = { "ip4.saddrsel", PT_BOOL, K | IG, "true", 0,
	    "source addresses follow Linux routing in the jail's network namespace; ignored" },
	[P_IP6] = { "ip6", PT_JAILSYS, K | CO, NULL, 0, NULL },
	[P_IP6_ADDR] = { "ip6.addr", PT_IP6LIST, K | PF_SPLIT_COMMA, NULL, 0, NULL },
	[P_IP6_SADDRSEL] = { "ip6.saddrsel", PT_BOOL, K | IG, "true", 0,
	    "source addresses follow Linux routing in the jail's network namespace; ignored" },
	[P_META] = { "meta", PT_STRING, K, "", 0, NULL },
	[P_ENV] = { "env", PT_STRING, K | EM, "", 0,
	    "recorded and shown by ljls; not readable from inside the jail (no sysctl)" },
	[P_MAC_LABEL] = { "mac.label", PT_STRING, K | IG, NULL, 0,
	    "no MAC framework on Linux; ignored" },
	[P_ALLOW_SET_HOSTNAME] = { "allow.set_hostname", PT_BOOL, K, "true", 0, NULL },
	[P_ALLOW_SYSVIPC] = { "allow.sysvipc", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_RAW_SOCKETS] = { "allow.raw_sockets", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_CHFLAGS] = { "allow.chflags", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_MOUNT] = { "allow.mount", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_QUOTAS] = { "allow.quotas", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_SOCKET_AF] = { "allow.socket_af", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_MLOCK] = { "allow.mlock", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_RESERVED_PORTS] = { "allow.reserved_ports", PT_BOOL, K, "true", 0, NULL },
	[P_ALLOW_READ_MSGBUF] = { "allow.read_msgbuf", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_UNPRIVILEGED_PROC_DEBUG] = { "allow.unprivileged_proc_debug",
	    PT_BOOL, K, "true", 0, NULL },
	[P_ALLOW_SUSER] = { "allow.suser", PT_BOOL, K, "true", 0, NULL },
	[P_ALLOW_NFSD] = { "allow.nfsd", PT_BOOL, K | IG, "false", 0,
	    "the kernel NFS server cannot be given to a jail; ignored" },
	[P_ALLOW_EXTATTR] = { "allow.extattr", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_ADJTIME] = { "allow.adjtime", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_SETTIME] = { "allow.settime", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_ROUTING] = { "allow.routing", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_SETAUDIT] = { "allow.setaudit", PT_BOOL, K | IG, "false", 0,
	    "audit is not namespaced on Linux; never granted" },
	[P_ALLOW_UNPRIVILEGED_PARENT_TAMPERING] = {
	    "allow.unprivileged_parent_tampering", PT_BOOL, K | IG, "false", 0,
	    "host processes outside the jail's user namespace cannot signal or trace it anyway; ignored" },
	[P_ALLOW_MOUNT_DEVFS] = { "allow.mount.devfs", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_MOUNT_FDESCFS] = { "allow.mount.fdescfs", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_MOUNT_FUSEFS] = { "allow.mount.fusefs", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_MOUNT_NULLFS] = { "allow.mount.nullfs", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_MOUNT_PROCFS] = { "allow.mount.procfs", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_MOUNT_LINPROCFS] = { "allow.mount.linprocfs", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_MOUNT_LINSYSFS] = { "allow.mount.linsysfs", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_MOUNT_TMPFS] = { "allow.mount.tmpfs", PT_BOOL, K, "false", 0, NULL },
	[P_ALLOW_MOUNT_ZFS] = { "allow.mount.zfs", PT_BOOL, K | IG, "false", 0,
	    "no ZFS delegation; ignored" },
	[P_ALLOW_VMM] = { "allow.vmm", PT_BOOL, K | IG, "false", 0,
	    "no bhyve: /dev/kvm is never given to a jail; ignored" },
	[P_ALLOW_VMM_PPT] = { "allow.vmm_ppt", PT_BOOL, K | IG, "false", 0,
	    "no PCI passthrough; ignored" },
	[P_ALLOW_DYING] = { "allow.dying", PT_BOOL, I | PF_DEPRECATED, NULL, 0, NULL },
	[P_SYSVMSG] = { "sysvmsg", PT_JAILSYS, K, "disable", 0, NULL },
	[P_SYSVSEM] = { "sysvsem", PT_JAILSYS, K, "disable", 0, NULL },
	[P_SYSVSHM] = { "sysvshm", PT_JAILSYS, K, "disable", 0, NULL },
	[P_LINUX] = { "linux", PT_JAILSYS, K | IG, NULL, 0,
	    "FreeBSD's Linux ABI layer: Linux binaries run natively; ignored" },
	[P_LINUX_OSNAME] = { "linux.osname", PT_STRING, K | IG, NULL, 0,
	    "FreeBSD's Linux ABI layer: uname(2) is the host's; ignored" },
	[P_LINUX_OSRELEASE] = { "linux.osrelease", PT_STRING, K | IG, NULL, 0,
	    "FreeBSD's Linux ABI layer: uname(2) is the host's; ignored" },
	[P_LINUX_OSS_VERSION] = { "linux.oss_version", PT_INT, K | IG, NULL, 0,
	    "FreeBSD's Linux ABI layer: no OSS emulation; ignored" },
	[P_ZFS_MOUNT_SNAPSHOT] = { "zfs.mount_snapshot", PT_INT, K | IG, "0", 0,
	    "no ZFS; ignored" },
	[P_EXEC_PREPARE] = { "exec.prepare", PT_LIST, I, NULL, 0, NULL },
	[P_EXEC_PRESTART] = { "exec.prestart", PT_LIST, I, NULL, 0, NULL },
	[P_EXEC_CREATED] = { "exec.created", PT_LIST, I, NULL, 0, NULL },
	[P_EXEC_START] = { "exec.start", PT_LIST, I, NULL, 0, NULL },
	[P_COMMAND] = { "command", PT_LIST, I, NULL, 0, NULL },
	[P_EXEC_POSTSTART] = { "exec.poststart", PT_LIST, I, NULL, 0, NULL },
	[P_EXEC_PRESTOP] = { "exec.prestop", PT_LIST, I, NULL, 0, NULL },
	[P_EXEC_STOP] = { "exec.stop", PT_LIST, I, NULL, 0, NULL },
	[P_EXEC_POSTSTOP] = { "exec.poststop", PT_LIST, I, NULL, 0, NULL },
	[P_EXEC_RELEASE] = { "exec.release", PT_LIST, I, NULL, 0, NULL },
	[P_EXEC_CLEAN] = { "exec.clean", PT_BOOL, I, "false", 0, NULL },
	[P_EXEC_JAIL_USER] = { "exec.jail_user", PT_STRING, I, NULL, 0, NULL },
	[P_EXEC_SYSTEM_JAIL_USER] = { "exec.system_jail_user", PT_BOOL, I, "false", 0, NULL },
	[P_EXEC_SYSTEM_USER] = { "exec.system_user", PT_STRING, I, NULL, 0, NULL },
	[P_EXEC_TIMEOUT] = { "exec.timeout", PT_INT, I, NULL, 0, NULL },
	[P_EXEC_CONSOLELOG] = { "exec.consolelog", PT_STRING, I, NULL, 0, NULL },
	[P_EXEC_FIB] = { "exec.fib", PT_INT, I | IG, NULL, 0,
	    "FIBs are not mapped to Linux routing tables: commands use the jail's routes; ignored" },
	[P_STOP_TIMEOUT] = { "stop.timeout", PT_INT, I, "10", 0, NULL },
	[P_INTERFACE] = { "interface", PT_STRING, I, NULL, 0, NULL },
	[P_VNET_INTERFACE] = { "vnet.interface", PT_LIST, I | PF_SPLIT_COMMA, NULL, 0, NULL },
	[P_ZFS_DATASET] = { "zfs.dataset", PT_LIST, I | PF_SPLIT_COMMA | IG, NULL, 0,
	    "no ZFS dataset delegation (zfs jail); ignored" },
	[P_IP_HOSTNAME] = { "ip_hostname", PT_BOOL, I, "false", 0, NULL },
	[P_MOUNT] = { "mount", PT_LIST, I, NULL, 0, NULL },
	[P_MOUNT_FSTAB] = { "mount.fstab", PT_LIST, I, NULL, 0, NULL },
	[P_MOUNT_DEVFS] = { "mount.devfs", PT_BOOL, I, "false", 0,
	    "a tmpfs /dev with the device set of devfs_ruleset and a private devpts" },
	[P_MOUNT_FDESCFS] = { "mount.fdescfs", PT_BOOL, I, "false", 0,
	    "/dev/fd is a link to /proc/self/fd" },
	[P_MOUNT_PROCFS] = { "mount.procfs", PT_BOOL, I, "false", 0,
	    "a Linux procfs of the jail's PID namespace, host knobs masked" },
	[P_DEPEND] = { "depend", PT_LIST, I, NULL, 0, NULL },
	[P_VNET_VETH] = { "vnet.veth", PT_LIST, I | PF_SPLIT_COMMA, NULL, 0, NULL },
	[P_LJAIL_IDMAP_BASE] = { "ljail.idmap.base", PT_UINT, I, NULL, 0,
	    NULL },
	[P_MOUNT_SYSFS] = { "mount.sysfs", PT_BOOL, I, "false", 0, NULL },
	[P_LJAIL_LAB] = { "ljail.lab", PT_STRING, I | PF_CREATE_ONLY, NULL, 0,
	    NULL },
	/* Recorded by ljail at creation, not set by users (net.h). */
	[P_LJAIL_VNET_HOME] = { "ljail.vnet.home", PT_STRING, I, NULL, 64,
	    NULL },
};

/* Finds an exact name in the table. */
static enum param_id
param_find(const char *name)
{
	for (int i = 0; i < P__COUNT; i++)
		if (param_table[i].name != NULL &&
		    strcmp(param_table[i].name, name) == 0)
			return (enum param_id)i;
	return P_UNKNOWN;
}

/* Looks a name up, with the boolean "no" form on the last component. */
enum param_id
param_lookup(const char *name, bool *ret_negated)
{
	enum param_id id = param_find(name);
	const char *last;
	_cleanup_free_ char *plain = NULL;

	if (ret_negated != NULL)
		*ret_negated = false;
	if (id != P_UNKNOWN)
		return id;
	last = strrchr(name, '.');
	last = last != NULL ? last + 1 : name;
	if (strncmp(last, "no", 2) != 0)
		return P_UNKNOWN;
	plain = xmalloc(strlen(name) - 1);
	memcpy(plain, name, (size_t)(last - name));
	strcpy(plain + (last - name), last + 2);
	id = param_find(plain);
	if (id == P_UNKNOWN || param_table[id].type != PT_BOOL)
		return P_UNKNOWN;
	if (ret_negated != NULL)
		*ret_negated = true;
	return id;
}

/* Tells whether a name is meta.KEY or env.KEY. */
bool
param_is_keyvalue(const char *name)
{
	return (str_has_prefix(name, "meta.") && name[5] != '\0') ||
	    (str_has_prefix(name, "env.") && name[4] != '\0');
}

/*
 * Cuts the line starting at s[begin] out of s (in place).  As the
 * kernel's hunks do: with text after the line, the line and its newline
 * go; as the last line, the text is cut at begin and a newline left at
 * the end goes too (the kernel seals its buffer over that byte).
 */
static void
param_keyvalue_cut(char *s, size_t begin)
{
	size_t end = begin + strcspn(s + begin, "\n");

	if (s[end] == '\n' && s[end + 1] != '\0') {
		memmove(s + begin, s + end + 1, strlen(s + end + 1) + 1);
		return;
	}
	s[begin] = '\0';
	if (begin > 0 && s[begin - 1] == '\n')
		s[begin - 1] = '\0';
}

/* One key write into a meta/env buffer (FreeBSD 15's jailmeta). */
char *
param_keyvalue_set(const char *buf, const char *key, const char *value)
{
	_cleanup_free_ char *s = xstrdup(buf != NULL ? buf : "");
	size_t klen = strlen(key), i = 0;

	while (s[i] != '\0') {
		if (strncmp(s + i, key, klen) == 0 && s[i + klen] == '=') {
			param_keyvalue_cut(s, i);
			continue;
		}
		i += strcspn(s + i, "\n");
		if (s[i] == '\n')
			i++;
	}
	if (value == NULL)
		return TAKE_PTR(s);
	return s[0] != '\0' ? xasprintf("%s=%s\n%s", key, value, s) :
	    xasprintf("%s=%s", key, value);
}

/* Parses a whole base-10 integer. */
int
param_parse_int(const char *text, long long *ret)
{
	char *end;
	long long v;

	if (*text == '\0')
		return -EINVAL;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (errno != 0 || *end != '\0')
		return -EINVAL;
	*ret = v;
	return 0;
}

/* The values an integer parameter takes. */
bool
param_int_range(enum param_id id, long long *ret_min, long long *ret_max)
{
	long long lo = INT_MIN, hi = INT_MAX;

	if (id < 0 || id >= P__COUNT)
		return false;
	switch (param_table[id].type) {
	case PT_INT:
		break;
	case PT_UINT:
		lo = 0;
		hi = UINT_MAX;
		break;
	case PT_ULONG:
		lo = 0;
		hi = LLONG_MAX;
		break;
	default:
		return false;
	}
	switch (id) {
	case P_JID:
		lo = 0;
		hi = 999999;	/* JAIL_MAX */
		break;
	case P_ENFORCE_STATFS:
		lo = 0;
		hi = 2;
		break;
	case P_DEVFS_RULESET:
	case P_CHILDREN_MAX:
	case P_OSRELDATE:
	case P_EXEC_TIMEOUT:
	case P_EXEC_FIB:
	case P_STOP_TIMEOUT:
		lo = 0;
		break;
	default:
		break;
	}
	*ret_min = lo;
	*ret_max = hi;
	return true;
}

/* Parses true/false (any case) or an integer (0 = false). */
int
param_parse_bool(const char *text, bool *ret)
{
	long long v;

	if (strcasecmp(text, "true") == 0) {
		*ret = true;
		return 0;
	}
	if (strcasecmp(text, "false") == 0) {
		*ret = false;
		return 0;
	}
	if (param_parse_int(text, &v) < 0)
		return -EINVAL;
	*ret = v != 0;
	return 0;
}

/* Parses disable/new/inherit (any case) or 0/1/2. */
int
param_parse_jailsys(const char *text, int *ret)
{
	static const char *const names[] = { "disable", "new", "inherit" };
	long long v;

	for (int i = 0; i < 3; i++)
		if (strcasecmp(text, names[i]) == 0) {
			*ret = i;
			return 0;
		}
	if (param_parse_int(text, &v) < 0 || v < 0 || v > 2)
		return -EINVAL;
	*ret = (int)v;
	return 0;
}

/* Formats the table, one "NAME\tTYPE\tFLAGS" line per parameter. */
char *
param_format_table(void)
{
	static const char *const types[] = {
		[PT_STRING] = "string", [PT_INT] = "int", [PT_UINT] = "uint",
		[PT_ULONG] = "ulong", [PT_BOOL] = "bool",
		[PT_JAILSYS] = "jailsys", [PT_IP4LIST] = "ip4list",
		[PT_IP6LIST] = "ip6list", [PT_LIST] = "list",
	};
	static const struct {
		unsigned flag;
		const char *name;
	} flags[] = {
		{ PF_KERNEL, "kernel" }, { PF_CREATE_ONLY, "create-only" },
		{ PF_READ_ONLY, "read-only" }, { PF_INTERNAL, "internal" },
		{ PF_EMULATED, "emulated" }, { PF_IGNORED, "ignored" },
		{ PF_DEPRECATED, "deprecated" },
		{ PF_SPLIT_COMMA, "split-comma" },
	};
	_cleanup_strv_free_ char **lines = NULL;

	for (size_t i = 0; i < P__COUNT; i++) {
		const struct param_def *d = &param_table[i];
		_cleanup_strv_free_ char **fl = NULL;
		_cleanup_free_ char *f = NULL, *line = NULL;

		for (size_t k = 0; k < ARRAY_SIZE(flags); k++)
			if (d->flags & flags[k].flag)
				strv_push(&fl, flags[k].name);
		f = fl != NULL ? strv_join(fl, ",") : xstrdup("-");
		line = xasprintf("%s\t%s\t%s\n", d->name, types[d->type], f);
		strv_push(&lines, line);
	}
	return strv_join(lines, "");
}
