/*
 * rctl.c - rctl(8) rules for jails: syntax, refusals, storage, rctl.conf
 * and the mapping onto Linux limits (see rctl.h).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "rctl.h"
#include "util.h"

/* What FreeBSD allows of a resource (kern_rctl.c), and Linux here. */
#define F_DENY		0x01	/* FreeBSD: deny allowed */
#define F_THROTTLE	0x02	/* FreeBSD: throttle allowed */
#define F_BYTES		0x04	/* an amount of bytes */

struct rctl_res {
	const char *name;
	unsigned flags;
	/* Linux: the actions ljail implements (bit per enum rctl_action). */
	unsigned linux_actions;
	/* Why there is no Linux mapping, for the refusal. */
	const char *why;
};

#define A(x) (1U << (x))

static const struct rctl_res rctl_res[RCTL_NRESOURCES] = {
	[RCTL_CPUTIME] = { "cputime", 0, A(RCTL_SIGNAL),
	    "only sigkill and sigxcpu (RLIMIT_CPU)" },
	[RCTL_DATASIZE] = { "datasize", F_DENY | F_BYTES, A(RCTL_DENY), NULL },
	[RCTL_STACKSIZE] = { "stacksize", F_DENY | F_BYTES, A(RCTL_DENY),
	    NULL },
	[RCTL_COREDUMPSIZE] = { "coredumpsize", F_DENY | F_BYTES,
	    A(RCTL_DENY), NULL },
	[RCTL_MEMORYUSE] = { "memoryuse", F_DENY | F_BYTES, A(RCTL_DENY),
	    NULL },
	[RCTL_MEMORYLOCKED] = { "memorylocked", F_DENY | F_BYTES,
	    A(RCTL_DENY), NULL },
	[RCTL_MAXPROC] = { "maxproc", F_DENY, A(RCTL_DENY), NULL },
	[RCTL_OPENFILES] = { "openfiles", F_DENY, A(RCTL_DENY), NULL },
	[RCTL_VMEMORYUSE] = { "vmemoryuse", F_DENY | F_BYTES, A(RCTL_DENY),
	    NULL },
	[RCTL_PSEUDOTERMINALS] = { "pseudoterminals", F_DENY, 0,
	    "no pseudo-terminal limit" },
	[RCTL_SWAPUSE] = { "swapuse", F_DENY | F_BYTES, A(RCTL_DENY), NULL },
	[RCTL_NTHR] = { "nthr", F_DENY, A(RCTL_DENY), NULL },
	[RCTL_MSGQQUEUED] = { "msgqqueued", F_DENY, 0,
	    "no System V IPC accounting" },
	[RCTL_MSGQSIZE] = { "msgqsize", F_DENY | F_BYTES, 0,
	    "no System V IPC accounting" },
	[RCTL_NMSGQ] = { "nmsgq", F_DENY, 0, "no System V IPC accounting" },
	[RCTL_NSEM] = { "nsem", F_DENY, 0, "no System V IPC accounting" },
	[RCTL_NSEMOP] = { "nsemop", F_DENY, 0, "no System V IPC accounting" },
	[RCTL_NSHM] = { "nshm", F_DENY, 0, "no System V IPC accounting" },
	[RCTL_SHMSIZE] = { "shmsize", F_DENY | F_BYTES, 0,
	    "no System V IPC accounting" },
	[RCTL_WALLCLOCK] = { "wallclock", 0, 0, "no wall clock limit" },
	[RCTL_PCPU] = { "pcpu", F_DENY, A(RCTL_DENY), NULL },
	[RCTL_READBPS] = { "readbps", F_THROTTLE | F_BYTES,
	    A(RCTL_THROTTLE), NULL },
	[RCTL_WRITEBPS] = { "writebps", F_THROTTLE | F_BYTES,
	    A(RCTL_THROTTLE), NULL },
	[RCTL_READIOPS] = { "readiops", F_THROTTLE, A(RCTL_THROTTLE), NULL },
	[RCTL_WRITEIOPS] = { "writeiops", F_THROTTLE, A(RCTL_THROTTLE),
	    NULL },
};

static const char *const rctl_action_names[] = {
	[RCTL_DENY] = "deny",
	[RCTL_LOG] = "log",
	[RCTL_DEVCTL] = "devctl",
	[RCTL_THROTTLE] = "throttle",
};

/* The signals FreeBSD's rctl knows by name (kern_rctl.c's table). */
static const struct {
	const char *name;
	int sig;
} rctl_sigs[] = {
	{ "sighup", SIGHUP }, { "sigint", SIGINT }, { "sigquit", SIGQUIT },
	{ "sigill", SIGILL }, { "sigtrap", SIGTRAP }, { "sigabrt", SIGABRT },
	{ "sigiot", SIGIOT }, { "sigfpe", SIGFPE }, { "sigkill", SIGKILL },
	{ "sigbus", SIGBUS }, { "sigsegv", SIGSEGV }, { "sigsys", SIGSYS },
	{ "sigpipe", SIGPIPE }, { "sigalrm", SIGALRM }, { "sigterm", SIGTERM },
	{ "sigurg", SIGURG }, { "sigstop", SIGSTOP }, { "sigtstp", SIGTSTP },
	{ "sigchld", SIGCHLD }, { "sigttin", SIGTTIN }, { "sigttou", SIGTTOU },
	{ "sigio", SIGIO }, { "sigxcpu", SIGXCPU }, { "sigxfsz", SIGXFSZ },
	{ "sigvtalrm", SIGVTALRM }, { "sigprof", SIGPROF },
	{ "sigwinch", SIGWINCH }, { "sigusr1", SIGUSR1 },
	{ "sigusr2", SIGUSR2 },
};

/* The resource's name, or "?" */
const char *
rctl_resource_name(int res)
{
	if (res < 0 || res >= RCTL_NRESOURCES)
		return "?";
	return rctl_res[res].name;
}

/* The action's name (a signal's "sigNAME"). */
static const char *
rctl_action_name(int action, int sig)
{
	if (action == RCTL_SIGNAL) {
		for (size_t i = 0; i < ARRAY_SIZE(rctl_sigs); i++)
			if (rctl_sigs[i].sig == sig)
				return rctl_sigs[i].name;
		return "sig?";
	}
	if (action < 0 || action > RCTL_THROTTLE)
		return "?";
	return rctl_action_names[action];
}

/* expand_number(3): digits with an optional k/m/g/t/p/e suffix. */
static int
rctl_expand_number(const char *s, uint64_t *ret)
{
	unsigned shift = 0;
	uint64_t v = 0;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -ERANGE;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	switch (tolower((unsigned char)*p)) {
	case '\0':
		break;
	case 'e':
		shift += 10;
		/* FALLTHROUGH */
	case 'p':
		shift += 10;
		/* FALLTHROUGH */
	case 't':
		shift += 10;
		/* FALLTHROUGH */
	case 'g':
		shift += 10;
		/* FALLTHROUGH */
	case 'm':
		shift += 10;
		/* FALLTHROUGH */
	case 'k':
		shift += 10;
		/* FALLTHROUGH */
	case 'b':
		break;
	default:
		return -EINVAL;
	}
	if (*p != '\0' && p[1] != '\0')
		return -EINVAL;
	if (shift > 0 && v > (UINT64_MAX >> shift))
		return -ERANGE;
	*ret = v << shift;
	return 0;
}

/* Clears a rule (frees its jail name). */
void
rctl_rule_clear(struct rctl_rule *r)
{
	free(r->jail);
	memset(r, 0, sizeof(*r));
	r->resource = r->action = -1;
}

/* Checks the action against FreeBSD's rules, then ljail's mapping. */
static int
rctl_check_action(const struct rctl_rule *r, const char *text,
    char **ret_msg)
{
	const struct rctl_res *res = &rctl_res[r->resource];

	/* kern_rctl.c: what FreeBSD itself refuses, EOPNOTSUPP. */
	if ((r->action == RCTL_DENY && !(res->flags & F_DENY)) ||
	    (r->action == RCTL_THROTTLE && !(res->flags & F_THROTTLE))) {
		*ret_msg = xasprintf("failed to add rule '%s': %s", text,
		    strerror(EOPNOTSUPP));
		return -EOPNOTSUPP;
	}
	if (res->linux_actions & A(r->action)) {
		if (r->resource == RCTL_CPUTIME && r->sig != SIGKILL &&
		    r->sig != SIGXCPU)
			goto refuse;
		return 0;
	}
refuse:
	if (r->action == RCTL_LOG || r->action == RCTL_DEVCTL)
		*ret_msg = xasprintf("failed to add rule '%s': %s: action "
		    "'%s' not supported by ljail (deny limits only)", text,
		    strerror(EOPNOTSUPP), rctl_action_name(r->action, 0));
	else if (res->linux_actions == 0)
		*ret_msg = xasprintf("failed to add rule '%s': %s: resource "
		    "'%s' has no Linux equivalent (%s)", text,
		    strerror(EOPNOTSUPP), res->name, res->why);
	else if (r->resource == RCTL_CPUTIME)
		*ret_msg = xasprintf("failed to add rule '%s': %s: "
		    "cputime takes %s", text, strerror(EOPNOTSUPP), res->why);
	else
		*ret_msg = xasprintf("failed to add rule '%s': %s: action "
		    "'%s' not supported by ljail for '%s' (only %s)", text,
		    strerror(EOPNOTSUPP),
		    rctl_action_name(r->action, r->sig), res->name,
		    res->linux_actions == A(RCTL_DENY) ? "deny" : "throttle");
	return -EOPNOTSUPP;
}

/* Parses a rule or filter text (see rctl.h). */
int
rctl_parse(const char *text, bool filter, struct rctl_rule *ret,
    char **ret_msg)
{
	_cleanup_free_ char *copy = xstrdup(text);
	char *s = copy, *subject, *id, *resource, *action, *amount, *per;
	const char *what = filter ? "filter" : "rule";
	struct rctl_rule r;
	int e;

	*ret_msg = NULL;
	memset(&r, 0, sizeof(r));
	r.resource = r.action = -1;
	subject = strsep(&s, ":");
	id = strsep(&s, ":");
	if (id == NULL && !(filter && *subject == '\0')) {
		*ret_msg = xasprintf("malformed rule '%s': missing subject",
		    text);
		return -EINVAL;
	}
	resource = strsep(&s, ":");
	action = strsep(&s, "=/");
	amount = strsep(&s, "/");
	per = s;
	if (strcasecmp(subject, "j") == 0 || strcasecmp(subject, "jail") == 0)
		;
	else if (*subject != '\0' || !filter) {
		static const char *const known[] = { "process", "p", "user",
			"u", "loginclass", "l", "c", "class", "group", "g" };
		bool is_known = false;

		for (size_t i = 0; i < ARRAY_SIZE(known); i++)
			is_known |= strcasecmp(subject, known[i]) == 0;
		if (!is_known) {
			*ret_msg = xasprintf("malformed %s '%s': unknown "
			    "subject '%s'", what, text, subject);
			return -EINVAL;
		}
		*ret_msg = xasprintf("subject '%s' not supported: ljail "
		    "limits jails only (jail:NAME)", subject);
		return -EPROTONOSUPPORT;
	}
	if (id != NULL && *id != '\0')
		r.jail = xstrdup(id);
	if (resource != NULL && *resource != '\0') {
		for (int i = 0; i < RCTL_NRESOURCES; i++)
			if (strcasecmp(resource, rctl_res[i].name) == 0)
				r.resource = i;
		if (r.resource < 0) {
			*ret_msg = xasprintf("malformed %s '%s': unknown "
			    "resource '%s'", what, text, resource);
			goto inval;
		}
	}
	if (action != NULL && *action != '\0') {
		for (int i = 0; i <= RCTL_THROTTLE; i++)
			if (strcasecmp(action, rctl_action_names[i]) == 0)
				r.action = i;
		for (size_t i = 0; i < ARRAY_SIZE(rctl_sigs); i++)
			if (strcasecmp(action, rctl_sigs[i].name) == 0) {
				r.action = RCTL_SIGNAL;
				r.sig = rctl_sigs[i].sig;
			}
		if (r.action < 0) {
			*ret_msg = xasprintf("malformed %s '%s': unknown "
			    "action '%s'", what, text, action);
			goto inval;
		}
	}
	if (amount != NULL && *amount != '\0') {
		e = rctl_expand_number(amount, &r.amount);
		if (e < 0) {
			*ret_msg = xasprintf("malformed %s '%s': invalid "
			    "numeric value '%s'", what, text, amount);
			goto inval;
		}
		r.has_amount = true;
	}
	if (per != NULL && *per != '\0' && strcasecmp(per, "jail") != 0 &&
	    strcasecmp(per, "j") != 0) {
		*ret_msg = xasprintf("%s '%s': per '%s' not supported: ljail "
		    "counts per jail only", what, text, per);
		rctl_rule_clear(&r);
		return -EOPNOTSUPP;
	}
	if (!filter) {
		/* The kernel's EINVAL: a rule has every field. */
		if (r.jail == NULL || r.resource < 0 || r.action < 0 ||
		    !r.has_amount) {
			*ret_msg = xasprintf("failed to add rule '%s': %s",
			    text, strerror(EINVAL));
			goto inval;
		}
		e = rctl_check_action(&r, text, ret_msg);
		if (e < 0) {
			rctl_rule_clear(&r);
			return e;
		}
	}
	*ret = r;
	return 0;
inval:
	rctl_rule_clear(&r);
	return -EINVAL;
}

/*
 * humanize_number(buf, 6, v, "", HN_AUTOSCALE, HN_DECIMAL | HN_NOSPACE),
 * as rctl -h prints: at most 4 digits and a prefix (k, M, G... base
 * 1024), "9.8k" style below 10, rounding as libutil does.
 */
void
rctl_humanize(uint64_t v, char *buf, size_t size)
{
	static const char *const prefix[] = { "", "k", "M", "G", "T", "P",
		"E" };
	uint64_t q = v, rem = 0;
	size_t i = 0;

	while ((q >= 10000 || (q == 9999 && rem >= 950)) &&
	    i + 1 < ARRAY_SIZE(prefix)) {
		rem = q % 1024;
		q /= 1024;
		i++;
	}
	if (q <= 9 && rem < 950 && i > 0)
		snprintf(buf, size, "%" PRIu64 ".%" PRIu64 "%s",
		    q + (rem + 50) / 1000, ((rem + 50) / 100) % 10, prefix[i]);
	else
		snprintf(buf, size, "%" PRIu64 "%s", q + (rem + 50) / 1000,
		    prefix[i]);
}

/* The rule's text as rctl(8) prints it. */
char *
rctl_format(const struct rctl_rule *r, bool human)
{
	char amount[32] = "";

	if (r->has_amount && human)
		rctl_humanize(r->amount, amount, sizeof(amount));
	else if (r->has_amount)
		snprintf(amount, sizeof(amount), "%" PRIu64, r->amount);
	return xasprintf("jail:%s:%s:%s%s%s", r->jail != NULL ? r->jail : "",
	    r->resource >= 0 ? rctl_res[r->resource].name : "",
	    r->action >= 0 ? rctl_action_name(r->action, r->sig) : "",
	    r->has_amount ? "=" : "", amount);
}

/* Whether rule matches filter. */
bool
rctl_match(const struct rctl_rule *f, const struct rctl_rule *r)
{
	if (f->jail != NULL && (r->jail == NULL || strcmp(f->jail,
	    r->jail) != 0))
		return false;
	if (f->resource >= 0 && f->resource != r->resource)
		return false;
	if (f->action >= 0 && (f->action != r->action ||
	    (f->action == RCTL_SIGNAL && f->sig != r->sig)))
		return false;
	if (f->has_amount && (!r->has_amount || f->amount != r->amount))
		return false;
	return true;
}

/* Frees a set's rules. */
void
rctl_set_clear(struct rctl_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].jail);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* Adds (a copy of) r, replacing a rule that differs only in amount. */
void
rctl_set_add(struct rctl_set *s, const struct rctl_rule *r)
{
	for (size_t i = 0; i < s->n; i++) {
		struct rctl_rule *o = &s->v[i];

		if (strcmp(o->jail, r->jail) == 0 &&
		    o->resource == r->resource && o->action == r->action &&
		    o->sig == r->sig) {
			o->amount = r->amount;
			return;
		}
	}
	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n] = *r;
	s->v[s->n].jail = xstrdup(r->jail);
	s->n++;
}

/* Removes the rules matching filter; returns how many went. */
size_t
rctl_set_remove(struct rctl_set *s, const struct rctl_rule *filter)
{
	size_t i, o = 0, gone = 0;

	for (i = 0; i < s->n; i++) {
		if (rctl_match(filter, &s->v[i])) {
			free(s->v[i].jail);
			gone++;
		} else
			s->v[o++] = s->v[i];
	}
	s->n = o;
	return gone;
}

/*
 * Reads rule lines into s.  Blank lines, "#" comments and other
 * subjects' lines (they are FreeBSD's) are skipped; with jail set, only
 * that jail's rules are kept.  file names the text for
 * messages ("file:line: ...").
 */
static int
rctl_read_lines(char *buf, const char *file, const char *jail,
    struct rctl_set *s, char **ret_msg)
{
	char *line;
	unsigned lineno = 0;
	char *p = buf;

	while ((line = strsep(&p, "\n")) != NULL) {
		struct rctl_rule r;
		_cleanup_free_ char *msg = NULL;
		char *hash = strchr(line, '#'), *e;
		int err;

		lineno++;
		if (hash != NULL)
			*hash = '\0';
		while (isspace((unsigned char)*line))
			line++;
		e = line + strlen(line);
		while (e > line && isspace((unsigned char)e[-1]))
			*--e = '\0';
		if (*line == '\0')
			continue;
		err = rctl_parse(line, false, &r, &msg);
		if (err == -EPROTONOSUPPORT)
			continue;
		if (err < 0) {
			*ret_msg = xasprintf("%s:%u: %s", file, lineno, msg);
			return err;
		}
		if (jail == NULL || strcmp(r.jail, jail) == 0)
			rctl_set_add(s, &r);
		rctl_rule_clear(&r);
	}
	return 0;
}

/* Reads the store in dir. */
int
rctl_store_read(const char *dir, struct rctl_set *ret)
{
	_cleanup_free_ char *path = xasprintf("%s/rctl.rules", dir);
	_cleanup_free_ char *buf = NULL, *msg = NULL;
	int r;

	ret->v = NULL;
	ret->n = 0;
	r = util_read_file(path, &buf, NULL);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	r = rctl_read_lines(buf, path, NULL, ret, &msg);
	if (r < 0) {
		util_debug("%s", msg);
		rctl_set_clear(ret);
		return -EBADMSG;
	}
	return 0;
}

/* Replaces the store in dir by s (write, fsync-free rename). */
int
rctl_store_write(const char *dir, const struct rctl_set *s)
{
	_cleanup_free_ char *path = xasprintf("%s/rctl.rules", dir);
	_cleanup_free_ char *tmp = xasprintf("%s/.rctl.rules.%d", dir,
	    (int)getpid());
	char *text = xstrdup("");
	int fd, r;

	for (size_t i = 0; i < s->n; i++) {
		_cleanup_free_ char *line = rctl_format(&s->v[i], false);
		char *t = xasprintf("%s%s\n", text, line);

		free(text);
		text = t;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0) {
		free(text);
		return -errno;
	}
	r = util_write_full(fd, text, strlen(text));
	free(text);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	return r;
}

/* The rctl.conf path: $LJAIL_RCTL_CONF, or FreeBSD's /etc/rctl.conf. */
const char *
rctl_conf_path(void)
{
	const char *s = getenv("LJAIL_RCTL_CONF");

	return s != NULL && *s != '\0' ? s : "/etc/rctl.conf";
}

/* Adds jail's rules of an rctl.conf to s. */
int
rctl_conf_read(const char *path, const char *jail, struct rctl_set *s,
    char **ret_msg)
{
	_cleanup_free_ char *buf = NULL;
	int r;

	*ret_msg = NULL;
	r = util_read_file(path, &buf, NULL);
	if (r == -ENOENT)
		return 0;
	if (r < 0) {
		*ret_msg = xasprintf("%s: %s", path, strerror(-r));
		return r;
	}
	return rctl_read_lines(buf, path, jail, s, ret_msg);
}

/* Lowers *v to amount. */
static void
rctl_lower(uint64_t *v, uint64_t amount)
{
	if (amount < *v)
		*v = amount;
}

/* The limits the rules of jail set. */
void
rctl_limits_from_rules(const struct rctl_set *s, const char *jail,
    struct rctl_limits *l)
{
	static const int rlim[RCTL_NRESOURCES] = {
		[RCTL_DATASIZE] = RLIMIT_DATA + 1,
		[RCTL_STACKSIZE] = RLIMIT_STACK + 1,
		[RCTL_COREDUMPSIZE] = RLIMIT_CORE + 1,
		[RCTL_MEMORYLOCKED] = RLIMIT_MEMLOCK + 1,
		[RCTL_OPENFILES] = RLIMIT_NOFILE + 1,
		[RCTL_VMEMORYUSE] = RLIMIT_AS + 1,
	};

	memset(l, 0xff, sizeof(*l));
	for (size_t i = 0; i < s->n; i++) {
		const struct rctl_rule *r = &s->v[i];

		if (jail != NULL && strcmp(r->jail, jail) != 0)
			continue;
		switch (r->resource) {
		case RCTL_MEMORYUSE:
			rctl_lower(&l->memory_max, r->amount);
			break;
		case RCTL_SWAPUSE:
			rctl_lower(&l->swap_max, r->amount);
			break;
		case RCTL_PCPU:
			rctl_lower(&l->pcpu, r->amount);
			break;
		case RCTL_MAXPROC:
		case RCTL_NTHR:
			rctl_lower(&l->pids_max, r->amount);
			break;
		case RCTL_READBPS:
		case RCTL_WRITEBPS:
		case RCTL_READIOPS:
		case RCTL_WRITEIOPS:
			rctl_lower(&l->io[r->resource - RCTL_READBPS],
			    r->amount);
			break;
		case RCTL_CPUTIME:
			/* sigkill: the hard limit (and so the soft one). */
			rctl_lower(&l->rlim_soft[RLIMIT_CPU], r->amount);
			if (r->sig == SIGKILL)
				rctl_lower(&l->rlim_hard[RLIMIT_CPU],
				    r->amount);
			break;
		default:
			if (rlim[r->resource] != 0) {
				int k = rlim[r->resource] - 1;

				rctl_lower(&l->rlim_soft[k], r->amount);
				rctl_lower(&l->rlim_hard[k], r->amount);
			}
			break;
		}
	}
}

/* Whether the limits need cgroup v2 controller ctl. */
bool
rctl_limits_need(const struct rctl_limits *l, const char *ctl)
{
	if (strcmp(ctl, "memory") == 0)
		return l->memory_max != UINT64_MAX ||
		    l->swap_max != UINT64_MAX;
	if (strcmp(ctl, "cpu") == 0)
		return l->pcpu != UINT64_MAX;
	if (strcmp(ctl, "pids") == 0)
		return l->pids_max != UINT64_MAX;
	if (strcmp(ctl, "io") == 0)
		for (size_t i = 0; i < ARRAY_SIZE(l->io); i++)
			if (l->io[i] != UINT64_MAX)
				return true;
	return false;
}

/* Whether any rlimit is set. */
bool
rctl_limits_have_rlimits(const struct rctl_limits *l)
{
	for (size_t i = 0; i < ARRAY_SIZE(l->rlim_soft); i++)
		if (l->rlim_soft[i] != UINT64_MAX)
			return true;
	return false;
}

/*
 * Lowers process pid's rlimits to l's (never raises one: a limit above
 * the current hard limit would need CAP_SYS_RESOURCE, and an rctl rule
 * only ever bounds).
 */
int
rctl_apply_rlimits(pid_t pid, const struct rctl_limits *l)
{
	for (int k = 0; k < RLIM_NLIMITS && k < 16; k++) {
		struct rlimit old, new;

		if (l->rlim_soft[k] == UINT64_MAX &&
		    l->rlim_hard[k] == UINT64_MAX)
			continue;
		if (prlimit(pid, (enum __rlimit_resource)k, NULL, &old) < 0)
			return -errno;
		new = old;
		if (l->rlim_hard[k] < new.rlim_max)
			new.rlim_max = l->rlim_hard[k];
		if (l->rlim_soft[k] < new.rlim_cur)
			new.rlim_cur = l->rlim_soft[k];
		if (new.rlim_cur > new.rlim_max)
			new.rlim_cur = new.rlim_max;
		if (prlimit(pid, (enum __rlimit_resource)k, &new, NULL) < 0)
			return -errno;
	}
	return 0;
}
