/*
 * jail_rctl.c - rctl rules applied to jails (see jail_rctl.h).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cg.h"
#include "jail_int.h"
#include "jail_rctl.h"
#include "ns.h"
#include "rctl.h"
#include "reg.h"
#include "util.h"

/* Parses a rule or filter; a refused subject is said with what failed. */
static int
jr_parse(const char *text, bool filter, const char *what,
    struct rctl_rule *ret, char **ret_msg)
{
	int r = rctl_parse(text, filter, ret, ret_msg);

	if (r == -EPROTONOSUPPORT) {
		char *m = xasprintf("failed to %s '%s': %s", what, text,
		    *ret_msg);

		free(*ret_msg);
		*ret_msg = m;
	}
	return r;
}

/* The rules that apply to jail name: the store's, then rctl.conf's. */
static int
jr_rules(struct reg *reg, const char *name, struct rctl_set *s,
    char **ret_msg)
{
	struct rctl_set conf = { NULL, 0 };
	int r;

	r = rctl_store_read(reg_path(reg), s);
	if (r < 0) {
		*ret_msg = xasprintf("%s/rctl.rules: %s", reg_path(reg),
		    strerror(-r));
		return r;
	}
	r = rctl_conf_read(rctl_conf_path(), name, &conf, ret_msg);
	if (r < 0) {
		rctl_set_clear(s);
		return r;
	}
	/* A rule added with ljrctl overrides the file's (FreeBSD: newest). */
	for (size_t i = 0; i < conf.n; i++) {
		struct rctl_rule f = conf.v[i];
		bool have = false;

		f.has_amount = false;
		for (size_t k = 0; k < s->n && !have; k++)
			have = rctl_match(&f, &s->v[k]);
		if (!have)
			rctl_set_add(s, &conf.v[i]);
	}
	rctl_set_clear(&conf);
	return 0;
}

/* Lowers the rlimits of every process of a running jail. */
static int
jr_apply_rlimits(const struct reg_jail *j, const struct rctl_limits *l)
{
	_cleanup_free_ pid_t *pids = NULL;
	size_t n = 0;
	int r;

	if (!rctl_limits_have_rlimits(l))
		return 0;
	if (cg_procs(j->jid, &pids, &n) < 0) {
		/* No cgroup to list them: init, whose children inherit. */
		return rctl_apply_rlimits(j->init_pid, l);
	}
	for (size_t i = 0; i < n; i++) {
		r = rctl_apply_rlimits(pids[i], l);
		if (r < 0 && r != -ESRCH)
			return r;
	}
	return 0;
}

/*
 * Applies the rules of jail name to it, if it runs: cgroup limits and
 * rlimits.  Without a running jail, only checks that they could be.
 */
static int
jr_apply(struct reg *reg, const struct rctl_set *s, const char *name,
    char **ret_msg)
{
	struct reg_jail *j = NULL;
	struct rctl_limits l;
	bool need_cg;
	int r;

	rctl_limits_from_rules(s, name, &l);
	need_cg = rctl_limits_need(&l, "memory") ||
	    rctl_limits_need(&l, "pids") || rctl_limits_need(&l, "cpu") ||
	    rctl_limits_need(&l, "io");
	if (need_cg) {
		r = cg_check(&l, ret_msg);
		if (r < 0)
			return r;
	}
	if (reg_find(reg, name, &j) < 0)
		return 0;
	r = 0;
	if (cg_exists(j->jid))
		r = cg_set_limits(j->jid, &l, j->path, ret_msg);
	else if (need_cg) {
		*ret_msg = xasprintf("jail %s runs without a cgroup; restart "
		    "it (ljail -rc %s) for the limit to apply", name, name);
		r = -EOPNOTSUPP;
	}
	if (r == 0) {
		r = jr_apply_rlimits(j, &l);
		if (r < 0)
			*ret_msg = xasprintf("prlimit: %s", strerror(-r));
	}
	reg_jail_free(j);
	return r;
}

/* Adds a rule (see jail_rctl.h). */
int
jail_rctl_add(const char *text, char **ret_msg)
{
	struct rctl_set s = { NULL, 0 }, all = { NULL, 0 };
	_cleanup_free_ char *msg = NULL;
	struct rctl_rule rule;
	struct reg *reg = NULL;
	int r;

	*ret_msg = NULL;
	r = jr_parse(text, false, "add rule", &rule, ret_msg);
	if (r < 0)
		return r;
	r = reg_open(&reg);
	if (r == 0)
		r = reg_lock(reg);
	if (r < 0) {
		*ret_msg = xasprintf("failed to add rule '%s': registry: %s",
		    text, strerror(-r));
		goto out;
	}
	r = rctl_store_read(reg_path(reg), &s);
	if (r == 0)
		r = jr_rules(reg, rule.jail, &all, &msg);
	if (r < 0) {
		*ret_msg = xasprintf("failed to add rule '%s': %s", text,
		    msg != NULL ? msg : strerror(-r));
		goto unlock;
	}
	rctl_set_add(&s, &rule);
	rctl_set_add(&all, &rule);
	/* Enforced first, stored after: no rule that cannot hold. */
	r = jr_apply(reg, &all, rule.jail, &msg);
	if (r == 0)
		r = rctl_store_write(reg_path(reg), &s);
	if (r < 0)
		*ret_msg = xasprintf("failed to add rule '%s': %s", text,
		    msg != NULL ? msg : strerror(-r));
unlock:
	reg_unlock(reg);
out:
	reg_close(reg);
	rctl_set_clear(&s);
	rctl_set_clear(&all);
	rctl_rule_clear(&rule);
	return r;
}

/* Removes rules (see jail_rctl.h). */
int
jail_rctl_remove(const char *text, char **ret_msg)
{
	struct rctl_set s = { NULL, 0 };
	struct reg_jail **v = NULL;
	struct rctl_rule f;
	struct reg *reg = NULL;
	size_t n = 0;
	int r;

	*ret_msg = NULL;
	r = jr_parse(text, true, "remove rule", &f, ret_msg);
	if (r < 0)
		return r;
	r = reg_open(&reg);
	if (r == 0)
		r = reg_lock(reg);
	if (r == 0)
		r = rctl_store_read(reg_path(reg), &s);
	if (r == 0) {
		rctl_set_remove(&s, &f);
		r = rctl_store_write(reg_path(reg), &s);
	}
	if (r < 0) {
		*ret_msg = xasprintf("failed to remove rule '%s': %s", text,
		    strerror(-r));
		goto out;
	}
	/* The running jails it may concern get their limits recomputed. */
	if (reg_list(reg, &v, &n) == 0) {
		for (size_t i = 0; i < n; i++) {
			struct rctl_set all = { NULL, 0 };
			_cleanup_free_ char *msg = NULL;

			if (f.jail != NULL && strcmp(f.jail, v[i]->name) != 0)
				continue;
			if (!cg_exists(v[i]->jid))
				continue;
			if (jr_rules(reg, v[i]->name, &all, &msg) == 0) {
				struct rctl_limits l;

				rctl_limits_from_rules(&all, v[i]->name, &l);
				free(msg);
				msg = NULL;
				r = cg_set_limits(v[i]->jid, &l, v[i]->path,
				    &msg);
				if (r < 0 && *ret_msg == NULL)
					*ret_msg = xasprintf("failed to "
					    "remove rule '%s': %s", text,
					    msg != NULL ? msg : strerror(-r));
			}
			rctl_set_clear(&all);
		}
		reg_jail_list_free(v, n);
	}
	if (*ret_msg == NULL)
		r = 0;
out:
	if (reg != NULL)
		reg_unlock(reg);
	reg_close(reg);
	rctl_set_clear(&s);
	rctl_rule_clear(&f);
	return r;
}

/* Appends a line to a text. */
static void
jr_append(char **text, const char *line)
{
	char *t = xasprintf("%s%s\n", *text != NULL ? *text : "", line);

	free(*text);
	*text = t;
}

/* Shows rules (see jail_rctl.h). */
int
jail_rctl_show(const char *text, bool human, bool all, char **ret_text,
    char **ret_msg)
{
	struct rctl_set s = { NULL, 0 };
	char *out = NULL;
	struct rctl_rule f;
	struct reg *reg = NULL;
	int r;

	*ret_msg = NULL;
	r = jr_parse(text, true, "show rules for", &f, ret_msg);
	if (r < 0)
		return r;
	r = reg_open(&reg);
	if (r == 0)
		r = rctl_store_read(reg_path(reg), &s);
	if (r == 0 && all) {
		_cleanup_free_ char *msg = NULL;
		struct rctl_set conf = { NULL, 0 };

		r = rctl_conf_read(rctl_conf_path(), NULL, &conf, &msg);
		for (size_t i = 0; r == 0 && i < conf.n; i++) {
			struct rctl_rule k = conf.v[i];
			bool have = false;

			k.has_amount = false;
			for (size_t j = 0; j < s.n && !have; j++)
				have = rctl_match(&k, &s.v[j]);
			if (!have)
				rctl_set_add(&s, &conf.v[i]);
		}
		rctl_set_clear(&conf);
		if (r < 0 && msg != NULL) {
			*ret_msg = xasprintf("failed to show rules for '%s': "
			    "%s", text, msg);
			goto out;
		}
	}
	if (r < 0) {
		*ret_msg = xasprintf("failed to show rules for '%s': %s", text,
		    strerror(-r));
		goto out;
	}
	for (size_t i = 0; i < s.n; i++) {
		if (rctl_match(&f, &s.v[i])) {
			_cleanup_free_ char *line = rctl_format(&s.v[i],
			    human);

			jr_append(&out, line);
		}
	}
	*ret_text = out != NULL ? out : xstrdup("");
out:
	reg_close(reg);
	rctl_set_clear(&s);
	rctl_rule_clear(&f);
	return r;
}

/* Seconds since boot, from /proc/uptime. */
static double
jr_uptime(void)
{
	_cleanup_free_ char *buf = NULL;

	if (util_read_file("/proc/uptime", &buf, NULL) < 0)
		return 0;
	return strtod(buf, NULL);
}

/* Number of open files of the jail's processes. */
static uint64_t
jr_openfiles(int jid)
{
	_cleanup_free_ pid_t *pids = NULL;
	uint64_t total = 0;
	size_t n = 0;

	if (cg_procs(jid, &pids, &n) < 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char path[64];
		struct dirent *e;
		DIR *d;

		snprintf(path, sizeof(path), "/proc/%d/fd", (int)pids[i]);
		d = opendir(path);
		if (d == NULL)
			continue;
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				total++;
		closedir(d);
	}
	return total;
}

/* Shows usage (see jail_rctl.h). */
int
jail_rctl_usage(const char *text, bool human, char **ret_text,
    char **ret_msg)
{
	uint64_t v[RCTL_NRESOURCES];
	struct reg_jail *j = NULL;
	struct reg *reg = NULL;
	struct cg_usage u;
	struct rctl_rule f;
	double secs;
	char *out = NULL;
	int r;

	*ret_msg = NULL;
	r = jr_parse(text, true, "show resource consumption for", &f,
	    ret_msg);
	if (r < 0)
		return r;
	if (f.jail == NULL) {
		*ret_msg = xasprintf("failed to show resource consumption for "
		    "'%s': %s", text, strerror(EINVAL));
		rctl_rule_clear(&f);
		return -EINVAL;
	}
	r = reg_open(&reg);
	if (r == 0)
		r = reg_find(reg, f.jail, &j);
	if (r == 0 && !cg_exists(j->jid)) {
		_cleanup_free_ char *msg = NULL;
		struct rctl_limits need;

		/* Name the controller that is missing, as a rule would. */
		memset(&need, 0xff, sizeof(need));
		need.memory_max = 0;
		if (cg_check(&need, &msg) < 0)
			*ret_msg = xasprintf("failed to show resource "
			    "consumption for '%s': %s", text, msg);
		r = -EOPNOTSUPP;
	}
	if (r == 0)
		r = cg_usage(j->jid, &u);
	if (r < 0) {
		if (*ret_msg == NULL)
			*ret_msg = xasprintf("failed to show resource "
			    "consumption for '%s': %s", text, strerror(-r));
		goto out;
	}
	memset(v, 0, sizeof(v));
	secs = jr_uptime() - (double)j->init_start /
	    (double)sysconf(_SC_CLK_TCK);
	if (secs < 1)
		secs = 1;
	v[RCTL_CPUTIME] = u.cpu_usec / 1000000;
	v[RCTL_MEMORYUSE] = u.memory;
	v[RCTL_MAXPROC] = u.pids;
	v[RCTL_OPENFILES] = jr_openfiles(j->jid);
	v[RCTL_SWAPUSE] = u.swap;
	v[RCTL_NTHR] = u.pids;
	v[RCTL_WALLCLOCK] = (uint64_t)secs;
	/* Averages over the jail's life (FreeBSD's decay recent use). */
	v[RCTL_PCPU] = (uint64_t)((double)u.cpu_usec / 1e4 / secs);
	for (int i = 0; i < 4; i++)
		v[RCTL_READBPS + i] = (uint64_t)((double)u.io[i] / secs);
	for (int i = 0; i < RCTL_NRESOURCES; i++) {
		char num[32], line[64];

		if (human)
			rctl_humanize(v[i], num, sizeof(num));
		else
			snprintf(num, sizeof(num), "%" PRIu64, v[i]);
		snprintf(line, sizeof(line), "%s=%s", rctl_resource_name(i),
		    num);
		jr_append(&out, line);
	}
	*ret_text = out;
out:
	reg_jail_free(j);
	reg_close(reg);
	rctl_rule_clear(&f);
	return r;
}

/* For cg_sweep: whether jail jid of the registry may still be alive. */
static bool
jr_is_live(int jid, void *arg)
{
	struct reg *reg = arg;
	struct reg_jail **v = NULL;
	size_t n = 0;
	bool live = false;

	/*
	 * A record can be stale (its ljail was killed): reg_list() drops
	 * those; a jail being created (record, no process yet) stays live.
	 */
	if (jid == 0 || reg_list(reg, &v, &n) < 0)
		return true;
	reg_jail_list_free(v, n);
	{
		_cleanup_free_ char *rec = xasprintf("%s/jails/%d",
		    reg_path(reg), jid);

		live = access(rec, F_OK) == 0;
	}
	return live;
}

/* Creation step "rctl" (see jail_rctl.h). */
int
jail_rctl_setup(struct jail_state *st)
{
	struct rctl_set s = { NULL, 0 };
	_cleanup_free_ char *msg = NULL;
	bool need_cg;
	int r;

	st->cg_made = false;
	r = reg_lock(st->reg);
	if (r == 0) {
		r = jr_rules(st->reg, st->rec.name, &s, &msg);
		reg_unlock(st->reg);
	}
	if (r < 0) {
		jail_err(st, "%s", msg != NULL ? msg : strerror(-r));
		return r;
	}
	rctl_limits_from_rules(&s, st->rec.name, &st->limits);
	st->h.limits = &st->limits;
	rctl_set_clear(&s);
	need_cg = rctl_limits_need(&st->limits, "memory") ||
	    rctl_limits_need(&st->limits, "pids") ||
	    rctl_limits_need(&st->limits, "cpu") ||
	    rctl_limits_need(&st->limits, "io");
	if (st->nested) {
		/* The parent's cgroup is not ours to divide (yet). */
		if (need_cg) {
			jail_err(st, "rctl: cgroup limits for jails inside "
			    "jails are not supported");
			return -EOPNOTSUPP;
		}
		return 0;
	}
	if (need_cg) {
		r = cg_check(&st->limits, &msg);
		if (r < 0) {
			jail_err(st, "rctl: %s", msg);
			return r;
		}
	}
	if (!cg_is_v2())
		return 0;
	cg_sweep(jr_is_live, st->reg);
	r = cg_create(st->rec.jid, NULL);
	if (r < 0) {
		_cleanup_free_ char *parent = cg_parent();

		if (!need_cg) {
			/* No limit asked: a jail without a cgroup, as before. */
			util_debug("%s/%d: %s", parent, st->rec.jid,
			    strerror(-r));
			return 0;
		}
		jail_err(st, "rctl: cgroup %s/%d: %s", parent, st->rec.jid,
		    strerror(-r));
		return r;
	}
	st->cg_made = true;
	r = cg_set_limits(st->rec.jid, &st->limits, st->rec.path, &msg);
	if (r < 0) {
		jail_err(st, "rctl: %s", msg != NULL ? msg : strerror(-r));
		return r;
	}
	return 0;
}

/* Undo of the "rctl" step. */
void
jail_rctl_undo(struct jail_state *st)
{
	if (st->cg_made && cg_remove(st->rec.jid) < 0)
		util_debug("cgroup of jail %d left: the next creation "
		    "removes it", st->rec.jid);
	st->cg_made = false;
}

/* The jail's cgroup for CLONE_INTO_CGROUP. */
int
jail_rctl_cgroup_fd(const struct jail_state *st)
{
	_cleanup_free_ char *parent = NULL, *path = NULL;
	int fd;

	if (!st->cg_made)
		return -1;
	parent = cg_parent();
	path = xasprintf("%s/%d", parent, st->rec.jid);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/*
	 * Never a jail outside the cgroup it was given: an fd no process
	 * has makes clone3 fail (EBADF) rather than run without it.
	 */
	return fd >= 0 ? fd : INT_MAX;
}

/* rlimits of the new init (see jail_rctl.h). */
int
jail_rctl_spawned(struct jail_state *st)
{
	int r;

	if (!rctl_limits_have_rlimits(&st->limits))
		return 0;
	/*
	 * Still ljail's credentials (the child has not changed ids yet),
	 * so lowering its limits needs no privilege; its processes
	 * inherit them.
	 */
	r = rctl_apply_rlimits(st->h.init_pid, &st->limits);
	if (r < 0)
		jail_err(st, "rctl: prlimit: %s", strerror(-r));
	return r;
}

/* After removal: the cgroup goes. */
void
jail_rctl_removed(struct jail_state *st)
{
	if (cg_is_v2() && cg_exists(st->rec.jid) &&
	    cg_remove(st->rec.jid) < 0)
		util_debug("cgroup of jail %d left: the next creation "
		    "removes it", st->rec.jid);
}

/* For a process about to enter jail h (see jail_rctl.h). */
int
jail_rctl_enter(const struct jail_handle *h)
{
	_cleanup_free_ char *msg = NULL, *parent = NULL, *path = NULL;
	struct rctl_set s = { NULL, 0 };
	struct reg *reg = NULL;
	struct rctl_limits l;
	int fd;

	/* Inside a jail, /sys/fs/cgroup and the jids are not the host's. */
	if (h->jid <= 0 || h->name == NULL || ns_in_jail())
		return -1;
	/* The creation knows them (its "rctl" step); ljexec reads them. */
	if (h->limits != NULL) {
		if (rctl_apply_rlimits(0, h->limits) < 0)
			util_debug("rlimits of jail %s: %s", h->name,
			    strerror(errno));
	} else if (reg_open(&reg) == 0 &&
	    jr_rules(reg, h->name, &s, &msg) == 0) {
		rctl_limits_from_rules(&s, h->name, &l);
		if (rctl_apply_rlimits(0, &l) < 0)
			util_debug("rlimits of jail %s: %s", h->name,
			    strerror(errno));
	}
	rctl_set_clear(&s);
	reg_close(reg);
	if (!cg_is_v2() || !cg_exists(h->jid))
		return -1;
	parent = cg_parent();
	path = xasprintf("%s/%d", parent, h->jid);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* As jail_rctl_cgroup_fd: never in the jail outside its cgroup. */
	return fd >= 0 ? fd : INT_MAX;
}
