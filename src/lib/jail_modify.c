/*
 * jail_modify.c - -m on a live jail (§1.7 "Modify"): runtime parameters
 * are applied to the running jail, create-only ones are refused (or make
 * -mr restart it), and the record keeps the new values.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"
#include "jail_int.h"
#include "net.h"
#include "ns.h"
#include "util.h"

/*
 * Parameters fixed at creation: FreeBSD's create-only ones, and on Linux
 * those that chose the jail's namespaces.
 */
static bool
modify_is_create_only(enum param_id id)
{
	switch (id) {
	case P_HOST:
	case P_SYSVMSG:
	case P_SYSVSEM:
	case P_SYSVSHM:
	case P_ALLOW_SYSVIPC:
	case P_LJAIL_IDMAP_BASE:
		return true;
	default:
		return id >= 0 && id < P__COUNT &&
		    (param_table[id].flags & PF_CREATE_ONLY);
	}
}

/* A parameter's values as one comma-joined string ("" if unset). */
static char *
modify_value(const struct conf_jail *j, enum param_id id)
{
	const struct conf_param *p = conf_jail_get(j, id);

	if (p == NULL)
		return NULL;
	if (param_table[id].type == PT_BOOL)
		return xstrdup(conf_jail_bool(j, id) ? "1" : "0");
	if (param_table[id].type == PT_JAILSYS)
		return xasprintf("%d", conf_jail_jailsys(j, id));
	return strv_join(p->values, ",");
}

/* Finds a create-only parameter that differs from the live jail. */
const char *
jail_changed_create_only(const struct conf_jail *want,
    const struct conf_jail *live)
{
	size_t i;

	for (i = 0; i < want->nparams; i++) {
		enum param_id id = want->params[i].id;
		_cleanup_free_ char *a = NULL, *b = NULL;

		if (id == P_JID || !modify_is_create_only(id))
			continue;
		a = modify_value(want, id);
		b = live != NULL ? modify_value(live, id) : NULL;
		if (b == NULL && id == P_PATH)
			b = xstrdup("/");
		if (b == NULL || strcmp(a, b) != 0)
			return param_table[id].name;
	}
	return NULL;
}

/*
 * Kernel parameters that -m can change in a running jail: those it
 * applies there (the UTS names, persist, the addresses), those that only
 * ljls ever reads (name, meta, env, host.hostuuid, host.hostid) and the
 * ignored ones.  Every other one restricts the jail's processes through
 * their seccomp filter, capability bounds or mounts, all fixed when the
 * process was made: Linux cannot change them from outside, and letting a
 * process of the jail answer for them would let the jail decide what it
 * may do.  A list of what is allowed, so that a parameter added later is
 * refused until it is applied.
 */
static bool
modify_is_live(enum param_id id)
{
	switch (id) {
	case P_NAME:
	case P_PERSIST:
	case P_HOST_HOSTNAME:
	case P_HOST_DOMAINNAME:
	case P_HOST_HOSTUUID:
	case P_HOST_HOSTID:
	case P_IP4_ADDR:
	case P_IP6_ADDR:
	case P_META:
	case P_ENV:
		return true;
	default:
		return id < 0 || id >= P__COUNT ||
		    !(param_table[id].flags & PF_KERNEL) ||
		    (param_table[id].flags & (PF_IGNORED | PF_READ_ONLY));
	}
}

/* Tells whether want's value of a parameter is the live jail's. */
static bool
modify_same(const struct conf_jail *want, const struct conf_jail *live,
    enum param_id id)
{
	_cleanup_free_ char *a = NULL, *b = NULL;
	long long x, y;
	int rx, ry;

	switch (param_table[id].type) {
	case PT_BOOL:
		return conf_jail_bool(want, id) == conf_jail_bool(live, id);
	case PT_INT:
	case PT_UINT:
	case PT_ULONG:
		rx = conf_jail_int(want, id, &x);
		ry = conf_jail_int(live, id, &y);
		return rx == ry && (rx < 0 || x == y);
	default:
		a = modify_value(want, id);
		b = modify_value(live, id);
		if (b == NULL && param_table[id].def != NULL)
			b = xstrdup(param_table[id].def);
		return a != NULL && b != NULL && strcmp(a, b) == 0;
	}
}

/* Finds a parameter that a running jail cannot take (modify_is_live). */
const char *
jail_changed_fixed(const struct conf_jail *want, const struct conf_jail *live)
{
	size_t i;

	for (i = 0; i < want->nparams; i++) {
		enum param_id id = want->params[i].id;

		if (modify_is_live(id) || modify_is_create_only(id))
			continue;
		if (live == NULL || !modify_same(want, live, id))
			return param_table[id].name;
	}
	return NULL;
}

/* Sets host.hostname / host.domainname inside the jail's UTS namespace. */
static int
modify_uts(struct jail_state *st, const char *host, const char *domain)
{
	int status, r;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		/*
		 * Join the jail's user namespace too: that is where the
		 * CAP_SYS_ADMIN over its UTS namespace is, also rootless.
		 */
		r = ns_enter(st->h.init_pidfd, CLONE_NEWUSER | CLONE_NEWUTS);
		if (r < 0)
			_exit(-r);
		if (host != NULL && sethostname(host, strlen(host)) < 0)
			_exit(errno);
		if (domain != NULL && setdomainname(domain, strlen(domain)) < 0)
			_exit(errno);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status))
		return -EINTR;
	return -WEXITSTATUS(status);
}

/* Cleanup attribute helper: frees a jail configuration. */
static void
modify_conf_freep(struct conf_jail **p)
{
	conf_jail_free(*p);
}

/* Tells whether a parameter holds a list (-m replaces it whole). */
static bool
modify_is_list(enum param_id id)
{
	return id >= 0 && id < P__COUNT &&
	    (param_table[id].type == PT_LIST ||
		param_table[id].type == PT_IP4LIST ||
		param_table[id].type == PT_IP6LIST);
}

/*
 * The live jail's record parameters with want's kernel parameters
 * applied: a new value replaces the old one, lists included (FreeBSD's
 * jail_set replaces ip4.addr, it does not add to it).
 */
static struct conf_jail *
modify_merge(const struct jail_state *st, const struct conf_jail *want)
{
	const struct conf_jail *live = st->rec.conf;
	struct conf_jail *m = conf_jail_new(live != NULL ? live->name :
	    st->rec.name, live != NULL && live->from_config);
	size_t i;

	for (i = 0; live != NULL && i < live->nparams; i++) {
		const struct conf_param *p = &live->params[i];

		conf_jail_set(m, p->name, p->values, false, p->file, p->line);
	}
	for (i = 0; i < want->nparams; i++) {
		const struct conf_param *p = &want->params[i];

		if (p->id < 0 || !(param_table[p->id].flags & PF_KERNEL) ||
		    (param_table[p->id].flags & PF_READ_ONLY) ||
		    p->id == P_JID || p->id == P_META || p->id == P_ENV)
			continue;
		/* A bare setting first empties a list, then it is refilled. */
		if (modify_is_list(p->id))
			conf_jail_set(m, p->name, NULL, false, p->file,
			    p->line);
		conf_jail_set(m, p->name, p->values, false, p->file, p->line);
	}
	return m;
}

/* Tells whether want sets a parameter of the jail's addresses. */
static bool
modify_touches_net(const struct conf_jail *want)
{
	return conf_jail_has(want, P_IP4_ADDR) ||
	    conf_jail_has(want, P_IP6_ADDR);
}

/* Changes the addresses of the running jail (net_modify). */
static int
modify_net(struct jail_state *st, struct conf_jail *merged)
{
	_cleanup_free_ char *msg = NULL;
	_cleanup_close_ int netns = -1;
	char path[64];
	int r;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)st->h.init_pid);
	netns = open(path, O_RDONLY | O_CLOEXEC);
	/* The lock keeps a parallel -c from taking the addresses meanwhile. */
	r = reg_lock(st->reg);
	if (r < 0) {
		jail_err(st, "registry: %s", strerror(-r));
		return r;
	}
	r = jail_check_clash(st, merged);
	if (r < 0) {
		reg_unlock(st->reg);
		return r;
	}
	r = net_modify(st->rec.conf != NULL ? st->rec.conf : merged, merged,
	    netns, st->rec.jid, &msg);
	if (r == 0) {
		/* Recorded before the lock goes, for the next clash check. */
		struct reg_jail rec = st->rec;

		rec.conf = merged;
		reg_update(st->reg, &rec);
		r = jail_net_sync(st, net_conf_has_parent(merged) ? merged :
		    st->rec.conf, 0);
		if (r < 0) {
			reg_unlock(st->reg);
			return r;
		}
	}
	reg_unlock(st->reg);
	if (r < 0 && r != -ENOSYS) {
		jail_err(st, "%s", msg != NULL ? msg : strerror(-r));
		return r;
	}
	return 0;
}

/*
 * Under the lock, the jail's record as it is now: another -m may have
 * changed it since it was looked up, and merging into the old one would
 * lose that change.  -ESRCH if it ended (or is another jail now).
 */
static int
modify_reload(struct jail_state *st)
{
	struct reg_jail *fresh = NULL;
	char key[16];
	int r;

	snprintf(key, sizeof(key), "%d", st->rec.jid);
	r = reg_find(st->reg, key, &fresh);
	if (r == 0 && (fresh->init_pid != st->rec.init_pid ||
	    fresh->init_start != st->rec.init_start))
		r = -ESRCH;
	if (r < 0) {
		reg_jail_free(fresh);
		jail_warnx("\"%s\" not found", st->rec.name);
		return r;
	}
	conf_jail_free(st->rec.conf);
	st->rec.conf = st->h.conf = TAKE_PTR(fresh->conf);
	reg_jail_free(fresh);
	return 0;
}

static int modify_locked(struct jail_state *st);

/*
 * Applies -m to a live jail, under the registry lock from reading its
 * record to writing it back, so parallel -m of one jail lose nothing.
 */
int
jail_modify(struct jail_state *st)
{
	int r = reg_lock(st->reg);

	if (r < 0) {
		jail_err(st, "registry: %s", strerror(-r));
		return r;
	}
	r = modify_reload(st);
	if (r == 0)
		r = modify_locked(st);
	reg_unlock(st->reg);
	return r;
}

/* jail_modify() once the lock is held and the record fresh. */
static int
modify_locked(struct jail_state *st)
{
	const struct conf_jail *want = st->conf;
	_cleanup_(modify_conf_freep) struct conf_jail *merged = NULL;
	const char *host, *domain;
	unsigned long differ = 0;
	int r;

	if (st->req->verbose > 0) {
		_cleanup_free_ char *kp = jail_kernel_params(want);

		jail_trace(st, "jail_set(JAIL_UPDATE) jid=%d%s", st->rec.jid,
		    kp);
	}
	merged = modify_merge(st, want);
	/* meta and env: the whole buffer and KEY writes, in their order. */
	r = jail_fold_keyvalue(st, want, merged);
	if (r < 0)
		return r;
	/* First what can be refused: a bad or clashing address. */
	if (modify_touches_net(want)) {
		r = modify_net(st, merged);
		if (r < 0)
			return r;
	}
	host = conf_jail_has(want, P_HOST_HOSTNAME) ?
	    conf_jail_str(want, P_HOST_HOSTNAME) : NULL;
	domain = conf_jail_has(want, P_HOST_DOMAINNAME) ?
	    conf_jail_str(want, P_HOST_DOMAINNAME) : NULL;
	if (host != NULL || domain != NULL) {
		r = ns_differing(st->h.init_pid, &differ);
		if (r == 0 && !(differ & CLONE_NEWUTS))
			r = -EPERM;	/* host=inherit: the host's name */
		if (r == 0)
			r = modify_uts(st, host, domain);
		if (r < 0) {
			jail_err(st, "%s: %s", host != NULL ?
			    "host.hostname" : "host.domainname", strerror(-r));
			return r;
		}
	}
	if (conf_jail_has(want, P_PERSIST)) {
		r = jail_signal_init(&st->h, conf_jail_bool(want, P_PERSIST) ?
		    INIT_SIG_PERSIST_ON : INIT_SIG_PERSIST_OFF);
		if (r < 0) {
			jail_err(st, "persist: %s", strerror(-r));
			return r;
		}
	}
	/* The record keeps every new kernel parameter (ljls shows them). */
	conf_jail_free(st->rec.conf);
	st->rec.conf = st->h.conf = TAKE_PTR(merged);
	r = reg_update(st->reg, &st->rec);
	if (r < 0) {
		jail_err(st, "registry: %s", strerror(-r));
		return r;
	}
	if (jail_notes_on(st))
		jail_note(st, "updated");
	return 0;
}
