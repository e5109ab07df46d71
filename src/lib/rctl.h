/*
 * rctl.h - rctl(8) rules for jails: the rule and filter syntax, units,
 * resources and actions of FreeBSD's rctl, what of it Linux can do, the
 * rules' storage (keyed by jail name, outliving the jail) and rctl.conf.
 * CONTRACT owner: rctl.  The cgroup that enforces the rules is cg's.
 *
 * A rule is "subject:subject-id:resource:action=amount[/per]"; only the
 * subject "jail" (alias "j") is accepted, and per must be the jail.  A
 * filter is a rule with fields left empty (":" matches every rule).
 * Amounts take expand_number(3) suffixes (k, m, g, t, p, e; base 1024).
 *
 * Mapping (rctl_limits_from_rules), documented in ljrctl(8):
 *	memoryuse:deny		memory.max
 *	swapuse:deny		memory.swap.max
 *	pcpu:deny		cpu.max (percent of one CPU)
 *	maxproc, nthr:deny	pids.max (Linux counts threads; the lower)
 *	readbps, writebps, readiops, writeiops:throttle
 *				io.max rbps, wbps, riops, wiops on the
 *				device holding the jail's path
 *	openfiles, vmemoryuse, stacksize, datasize, coredumpsize,
 *	memorylocked:deny	RLIMIT_NOFILE, AS, STACK, DATA, CORE,
 *				MEMLOCK of every process (per process)
 *	cputime:sigkill / sigxcpu
 *				RLIMIT_CPU hard / soft (per process)
 * Everything else FreeBSD accepts is refused with -EOPNOTSUPP and a
 * message naming it; what FreeBSD refuses is refused as FreeBSD does.
 */
#ifndef LJAIL_RCTL_H
#define LJAIL_RCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The resources, in FreeBSD's kernel order (rctl -u prints them so). */
enum rctl_resource {
	RCTL_CPUTIME,
	RCTL_DATASIZE,
	RCTL_STACKSIZE,
	RCTL_COREDUMPSIZE,
	RCTL_MEMORYUSE,
	RCTL_MEMORYLOCKED,
	RCTL_MAXPROC,
	RCTL_OPENFILES,
	RCTL_VMEMORYUSE,
	RCTL_PSEUDOTERMINALS,
	RCTL_SWAPUSE,
	RCTL_NTHR,
	RCTL_MSGQQUEUED,
	RCTL_MSGQSIZE,
	RCTL_NMSGQ,
	RCTL_NSEM,
	RCTL_NSEMOP,
	RCTL_NSHM,
	RCTL_SHMSIZE,
	RCTL_WALLCLOCK,
	RCTL_PCPU,
	RCTL_READBPS,
	RCTL_WRITEBPS,
	RCTL_READIOPS,
	RCTL_WRITEIOPS,
	RCTL_NRESOURCES
};

enum rctl_action {
	RCTL_DENY,
	RCTL_LOG,
	RCTL_DEVCTL,
	RCTL_THROTTLE,
	RCTL_SIGNAL,		/* sig* : rule.sig says which */
};

/* A rule, or a filter (fields unset: jail NULL, resource/action -1). */
struct rctl_rule {
	char *jail;		/* subject id: the jail's name */
	int resource;		/* enum rctl_resource, or -1 */
	int action;		/* enum rctl_action, or -1 */
	int sig;		/* for RCTL_SIGNAL */
	bool has_amount;
	uint64_t amount;
};

/* A set of rules (the store, or what applies to one jail). */
struct rctl_set {
	struct rctl_rule *v;
	size_t n;
};

/* The limits rules give one jail; UINT64_MAX = none. */
struct rctl_limits {
	uint64_t memory_max;
	uint64_t swap_max;
	uint64_t pcpu;		/* percent of one CPU */
	uint64_t pids_max;
	uint64_t io[4];		/* rbps, wbps, riops, wiops */
	uint64_t rlim_soft[16];	/* by RLIMIT_*; UINT64_MAX = unchanged */
	uint64_t rlim_hard[16];
};

const char *rctl_resource_name(int res);

/*
 * Parses a rule (filter false: every field required, FreeBSD's and
 * Linux's refusals applied) or a filter.  On error *ret_msg says why in
 * rctl(8)'s words ("malformed rule '...': ...", or a reason to follow
 * "failed to add rule '...': "); -EINVAL malformed, -EOPNOTSUPP an
 * action the resource cannot have here, -EPROTONOSUPPORT a subject
 * other than jail (then *ret_msg is only the reason, for the caller to
 * say what failed).
 */
int rctl_parse(const char *text, bool filter, struct rctl_rule *ret,
    char **ret_msg);
/* The rule's text as rctl(8) prints it; human: amounts as "512M". */
char *rctl_format(const struct rctl_rule *r, bool human);
/* Whether rule matches filter. */
bool rctl_match(const struct rctl_rule *filter, const struct rctl_rule *rule);
/* humanize_number(3) as rctl -h uses it: 5 characters, base 1024. */
void rctl_humanize(uint64_t v, char *buf, size_t size);

void rctl_rule_clear(struct rctl_rule *r);
void rctl_set_clear(struct rctl_set *s);
/*
 * Adds a rule to a set, replacing one of the same jail, resource and
 * action (FreeBSD replaces a rule that differs only in amount).
 */
void rctl_set_add(struct rctl_set *s, const struct rctl_rule *r);
/* Removes the rules matching filter; returns how many. */
size_t rctl_set_remove(struct rctl_set *s, const struct rctl_rule *filter);

/*
 * The store: "rctl.rules" in directory dir (the registry's), one rule a
 * line, replaced by atomic rename.  The caller holds the registry lock.
 */
int rctl_store_read(const char *dir, struct rctl_set *ret);
int rctl_store_write(const char *dir, const struct rctl_set *s);

/* The rctl.conf path: $LJAIL_RCTL_CONF, or /etc/rctl.conf. */
const char *rctl_conf_path(void);
/*
 * Adds to s the rules of jail from an rctl.conf (other subjects' lines
 * are FreeBSD's business and skipped); a missing file is no rule.  A bad
 * line: -EINVAL or -EOPNOTSUPP, *ret_msg "file:line: message".
 */
int rctl_conf_read(const char *path, const char *jail, struct rctl_set *s,
    char **ret_msg);

/* The limits the rules of jail (others ignored) set. */
void rctl_limits_from_rules(const struct rctl_set *s, const char *jail,
    struct rctl_limits *ret);
/* Whether the limits need cgroup v2 controller ctl ("memory"...). */
bool rctl_limits_need(const struct rctl_limits *l, const char *ctl);
/* Whether any rlimit is set. */
bool rctl_limits_have_rlimits(const struct rctl_limits *l);
/* Lowers process pid's rlimits to the limits' (never raises one). */
int rctl_apply_rlimits(pid_t pid, const struct rctl_limits *l);

#endif
