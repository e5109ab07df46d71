/*
 * jail.c - jail(8)'s per-jail loop (§1.6/§1.7 of the spec): decides for
 * each selected jail whether it is created, modified, restarted or
 * removed, runs that sequence (jail_create.c, jail_modify.c,
 * jail_remove.c) and prints the notes and messages.  This is the one
 * library layer that prints: it knows the jail and the step.
 */
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compat.h"
#include "hook.h"
#include "jail.h"
#include "jail_int.h"
#include "net.h"
#include "reg.h"
#include "util.h"

/* Prints an error without the jail prefix. */
void
jail_warnx(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("ljail: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Prints an error of this jail, prefixed with its name for config jails. */
void
jail_err(const struct jail_state *st, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("ljail: ", stderr);
	if (st->label != NULL)
		fprintf(stderr, "%s: ", st->label);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Tells whether notes (created, removed...) are printed for this jail. */
bool
jail_notes_on(const struct jail_state *st)
{
	if (st->req->verbose > 0)
		return true;
	return st->req->verbose == 0 && st->conf->from_config;
}

/* Prints "[NAME: ]MESSAGE" on stdout. */
static void
jail_vprint(const struct jail_state *st, const char *fmt, va_list ap)
{
	if (st->label != NULL)
		printf("%s: ", st->label);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
}

/* Prints a note on stdout. */
void
jail_note(const struct jail_state *st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jail_vprint(st, fmt, ap);
	va_end(ap);
}

/* Prints a -v trace line on stdout. */
void
jail_trace(const struct jail_state *st, const char *fmt, ...)
{
	va_list ap;

	if (st->req->verbose <= 0)
		return;
	va_start(ap, fmt);
	jail_vprint(st, fmt, ap);
	va_end(ap);
}

/* Runs one command list of the jail through hook_run(). */
int
jail_hook(struct jail_state *st, enum param_id list, bool in_jail)
{
	struct hook_ctx ctx;
	int r, status = 0;

	if (conf_jail_list(st->conf, list) == NULL)
		return 0;
	memset(&ctx, 0, sizeof(ctx));
	ctx.conf = st->conf;
	ctx.label = st->label;
	ctx.jid = st->rec.jid;
	ctx.name = st->rec.name;
	ctx.path = st->rec.path;
	ctx.verbose = st->req->verbose;
	ctx.jail = st->h.init_pidfd >= 0 ? &st->h : NULL;
	r = hook_run(&ctx, list, in_jail, &status);
	if (list == P_COMMAND && r != -ENOSYS) {
		st->have_status = true;
		st->cmd_status = status;
	}
	if (r == -ENOSYS)
		jail_err(st, "%s: running commands is not built yet",
		    param_table[list].name);
	return r;
}

/* Waits for the process behind pidfd to exit. */
bool
jail_wait_gone(int pidfd, int timeout_ms)
{
	struct pollfd p = { .fd = pidfd, .events = POLLIN };
	int r;

	do
		r = poll(&p, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	return r > 0;
}

/* Sends a control signal to the jail's init. */
int
jail_signal_init(const struct jail_handle *h, int sig)
{
	/* No siginfo: the kernel sends SI_USER with si_pid 0 inside. */
	if (compat_pidfd_send_signal(h->init_pidfd, sig, NULL, 0) < 0)
		return -errno;
	return 0;
}

/* Kills the jail's init, and so the jail, and waits for the end. */
int
jail_kill(struct jail_handle *h)
{
	siginfo_t si;

	if (h->init_pidfd < 0)
		return 0;
	if (compat_pidfd_send_signal(h->init_pidfd, SIGKILL, NULL, 0) < 0 &&
	    errno != ESRCH)
		return -errno;
	/*
	 * When PID 1 of a namespace dies the kernel kills every other
	 * process in it and reaps them before init's exit completes, so a
	 * readable pidfd means the whole jail is gone.
	 */
	jail_wait_gone(h->init_pidfd, -1);
	/* Reap it if it is our child (it is, during creation). */
	memset(&si, 0, sizeof(si));
	waitid(P_PIDFD, (id_t)h->init_pidfd, &si, WEXITED | WNOHANG);
	return 0;
}

/* True if the jail's "depend" names a jail that failed in this run. */
static const char *
jail_failed_dependency(const struct conf_jail *j, char *const *failed)
{
	char *const *dep = conf_jail_list(j, P_DEPEND);
	size_t i, k;

	for (i = 0; dep != NULL && dep[i] != NULL; i++)
		for (k = 0; failed != NULL && failed[k] != NULL; k++)
			if (strcmp(dep[i], failed[k]) == 0)
				return dep[i];
	return NULL;
}

/* The registry key of a jail: its jid if set, else its name. */
static const char *
jail_key(const struct conf_jail *j)
{
	if (conf_jail_has(j, P_JID))
		return conf_jail_str(j, P_JID);
	if (conf_jail_has(j, P_NAME))
		return conf_jail_str(j, P_NAME);
	return j->name;
}

/* Fills a handle from a live registry record. */
static int
jail_handle_fill(const struct reg_jail *rec, struct jail_handle *h)
{
	int r, pidfd;

	r = reg_open_init(rec, &pidfd);
	if (r < 0)
		return r;
	h->jid = rec->jid;
	h->name = rec->name;
	h->limits = NULL;	/* jail_rctl_enter reads the jail's rules */
	h->path = rec->path;
	h->init_pid = rec->init_pid;
	h->init_pidfd = pidfd;
	h->conf = rec->conf;
	return 0;
}

/* Orders jails deepest name first ("a.b.c" before "a.b"), then newest. */
static int
jail_cmp_deepest(const void *a, const void *b)
{
	const struct reg_jail *x = *(struct reg_jail *const *)a;
	const struct reg_jail *y = *(struct reg_jail *const *)b;
	size_t dx = 0, dy = 0;

	for (const char *p = x->name; p != NULL && *p != '\0'; p++)
		dx += *p == '.';
	for (const char *p = y->name; p != NULL && *p != '\0'; p++)
		dy += *p == '.';
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return x->jid > y->jid ? -1 : x->jid < y->jid;
}

/* Tells whether live jail c is a descendant ("NAME.x") of jail p. */
static bool
jail_is_descendant(const struct reg_jail *c, const struct reg_jail *p)
{
	size_t n;

	if (c->jid == p->jid || c->name == NULL || p->name == NULL)
		return false;
	n = strlen(p->name);
	return strncmp(c->name, p->name, n) == 0 && c->name[n] == '.';
}

/*
 * Removes the live descendants of the jail being removed, deepest first,
 * as FreeBSD's kernel does when a parent goes: no hooks, the SIGTERM
 * phase with the default timeout.
 */
int
jail_remove_children(struct jail_state *st)
{
	struct reg_jail **v = NULL;
	size_t n = 0, i;
	int r, status = 0;

	if (!reg_may_have_children(st->reg, st->rec.jid))
		return 0;
	r = reg_list(st->reg, &v, &n);
	if (r < 0)
		return r;
	qsort(v, n, sizeof(*v), jail_cmp_deepest);
	for (i = 0; i < n; i++) {
		struct jail_state cs;

		if (!jail_is_descendant(v[i], &st->rec))
			continue;
		memset(&cs, 0, sizeof(cs));
		cs.req = st->req;
		cs.conf = v[i]->conf != NULL ? v[i]->conf : st->conf;
		cs.label = st->label != NULL ? v[i]->name : NULL;
		cs.reg = st->reg;
		cs.rec = *v[i];
		cs.sock = cs.netns = -1;
		cs.note_remove = st->note_remove;
		r = jail_handle_fill(v[i], &cs.h);
		if (r == -ESRCH)
			continue;	/* it ended meanwhile */
		if (r == 0) {
			r = jail_remove(&cs, true);
			close(cs.h.init_pidfd);
		} else
			jail_err(&cs, "jail init: %s", strerror(-r));
		if (r < 0 && status == 0)
			status = r;
	}
	reg_jail_list_free(v, n);
	return status;
}

/* Acts on one jail; returns 0 or -errno (already reported). */
static int
jail_one(struct jail_state *st, struct reg *reg)
{
	const struct jail_request *req = st->req;
	struct reg_jail *live = NULL;
	const char *key, *changed;
	unsigned op = req->op;
	int r;

	st->reg = reg;
	key = jail_key(st->conf);
	r = key != NULL ? reg_find(reg, key, &live) : -ESRCH;
	if (r < 0 && r != -ESRCH) {
		jail_err(st, "registry: %s", strerror(-r));
		return r;
	}
	/*
	 * A dying jail does not hold its name (FreeBSD: it is invisible
	 * but to -d): -c makes a new jail of that name while the old one
	 * dies, and -m does not reach it.  -r and -R still find it.
	 */
	if (live != NULL && live->dying && !(op & JAIL_OP_STOP)) {
		reg_jail_free(live);
		live = NULL;
	}
	/* -cm / -cmr: create if absent, else modify. */
	if ((op & JAIL_OP_START) && (op & JAIL_OP_SET))
		op = live != NULL ? (op & ~JAIL_OP_START) :
		    (op & ~(JAIL_OP_SET | JAIL_OP_STOP));
	/* -mr: modify, or restart if a create-only parameter changes. */
	if ((op & JAIL_OP_SET) && live != NULL) {
		changed = jail_changed_create_only(st->conf, live->conf);
		if (changed != NULL && !(op & JAIL_OP_STOP)) {
			jail_err(st, "%s cannot be changed after creation",
			    changed);
			r = -EINVAL;
			goto out;
		}
		if (changed == NULL)
			changed = jail_changed_fixed(st->conf, live->conf);
		if (changed != NULL && !(op & JAIL_OP_STOP)) {
			jail_err(st, "%s cannot be changed while the jail "
			    "runs: its processes keep the value they started "
			    "with; restart the jail (-rc) to change it",
			    changed);
			r = -EINVAL;
			goto out;
		}
		op = changed != NULL ? (JAIL_OP_START | JAIL_OP_STOP) :
		    JAIL_OP_SET;
	}
	if (live == NULL && (op & (JAIL_OP_SET | JAIL_OP_STOP))) {
		if (req->wild && !(op & JAIL_OP_SET)) {
			if (op & JAIL_OP_START)
				op = JAIL_OP_START;	/* -rc: just start */
			else
				return 0;
		} else if (req->cleanup && (op & JAIL_OP_STOP)) {
			return jail_cleanup(st);
		} else if (op == JAIL_OP_STOP && key != NULL &&
		    (r = reg_find_user(key, &live)) != -ESRCH) {
			/* Root removing a user's jail (jail_remove.c). */
			if (r == 0)
				r = jail_remove_user(st, live);
			else
				jail_warnx("\"%s\": %s", key, r == -ENOTUNIQ ?
				    "jails of several users are so called" :
				    strerror(-r));
			reg_jail_free(live);
			return r;
		} else {
			/* jail(8) -q: a jail to remove that is not there. */
			if ((op & JAIL_OP_SET) || req->verbose >= 0)
				jail_warnx("\"%s\" not found",
				    key != NULL ? key : "");
			return -ESRCH;
		}
	}
	/* -C alone cleans up after a removed jail; a live one stays. */
	if (req->cleanup_only && live != NULL) {
		jail_err(st, "still running: -C cleans up after a removed "
		    "jail (-r removes it)");
		reg_jail_free(live);
		return -EBUSY;
	}
	if (op == JAIL_OP_START && live != NULL) {
		r = 0;
		if (!req->wild) {
			jail_warnx("\"%s\" already exists", key);
			r = -EEXIST;
		}
		reg_jail_free(live);
		return r;
	}
	if (live != NULL) {
		/*
		 * As jail(8): a running jail's jid joins its parameters, so
		 * that a restart keeps it.
		 */
		if (!conf_jail_has(st->conf, P_JID)) {
			char jid[16], *v[2] = { jid, NULL };

			snprintf(jid, sizeof(jid), "%d", live->jid);
			conf_jail_set(st->conf, "jid", v, false, NULL, 0);
		}
		st->rec = *live;	/* shallow: live keeps ownership */
		r = jail_handle_fill(live, &st->h);
		if (r < 0) {
			jail_err(st, "jail init: %s", strerror(-r));
			goto out;
		}
	}
	if (op & JAIL_OP_SET) {
		r = jail_modify(st);
		live->conf = st->rec.conf;	/* it may have made one */
		goto out;
	}
	if (op & JAIL_OP_STOP) {
		st->restarting = (op & JAIL_OP_START) != 0;
		r = jail_remove(st, req->remove_force);
		if (r < 0 || !(op & JAIL_OP_START))
			goto out;
	}
	if (live != NULL) {
		if (st->h.init_pidfd >= 0)
			close(st->h.init_pidfd);
		reg_jail_free(live);
		live = NULL;
	}
	memset(&st->rec, 0, sizeof(st->rec));
	memset(&st->h, 0, sizeof(st->h));
	st->h.init_pidfd = -1;
	r = jail_fold_keyvalue(st, st->conf, st->conf);
	if (r == 0)
		r = jail_create(st);
	return r;
out:
	if (live != NULL) {
		if (st->h.init_pidfd >= 0)
			close(st->h.init_pidfd);
		st->h.init_pidfd = -1;
		reg_jail_free(live);
	}
	return r;
}

/*
 * Under the registry lock: FreeBSD's address clash check against the live
 * jails; prints the message itself.
 */
int
jail_check_clash(struct jail_state *st, const struct conf_jail *j)
{
	_cleanup_free_ const struct conf_jail **confs = NULL;
	_cleanup_free_ char *msg = NULL;
	struct reg_jail **v = NULL;
	size_t n = 0, i, k = 0;
	int r;

	if (!conf_jail_has(j, P_IP4_ADDR) && !conf_jail_has(j, P_IP6_ADDR))
		return 0;
	r = reg_list(st->reg, &v, &n);
	if (r < 0) {
		jail_err(st, "registry: %s", strerror(-r));
		return r;
	}
	confs = xcalloc(n + 1, sizeof(*confs));
	for (i = 0; i < n; i++)
		if (v[i]->conf != NULL && v[i]->jid != st->rec.jid)
			confs[k++] = v[i]->conf;
	r = net_check_clash(j, confs, k, &msg);
	reg_jail_list_free(v, n);
	if (r < 0 && r != -ENOSYS) {
		jail_err(st, "%s", msg != NULL ? msg : strerror(-r));
		return r;
	}
	return 0;
}

/* Folds want's meta/env writes into dst (see jail_int.h). */
int
jail_fold_keyvalue(struct jail_state *st, const struct conf_jail *want,
    struct conf_jail *dst)
{
	static const enum param_id ids[] = { P_META, P_ENV };
	size_t max = reg_meta_maxbufsize(st->reg);
	char *buf[2] = { NULL, NULL };
	int r = 0;

	for (size_t k = 0; k < 2 && r == 0; k++) {
		const char *kind = param_table[ids[k]].name;
		const char *base = dst != want && conf_jail_has(dst, ids[k]) ?
		    conf_jail_str(dst, ids[k]) : "";

		r = conf_jail_keyvalue(want, kind, base, max, &buf[k]);
		if (r < 0)
			jail_err(st, "%s: value too large (at most %zu bytes, "
			    "the NUL included)", kind, max);
	}
	if (r == 0) {
		conf_jail_drop_keys(dst);
		for (size_t k = 0; k < 2; k++) {
			char *v[2] = { buf[k], NULL };

			if (buf[k] != NULL)
				conf_jail_set(dst, param_table[ids[k]].name,
				    v, false, NULL, 0);
		}
	}
	free(buf[0]);
	free(buf[1]);
	return r;
}

/*
 * Brings the host's side of the jails' addresses up to date with the
 * live jails (net_host_sync), leaving out jail except (0: none), under
 * the registry lock.  Only when conf (the jail being changed) puts an
 * address on a parent interface: other jails cost no netlink work.
 * Prints its own message.
 */
int
jail_net_sync(struct jail_state *st, const struct conf_jail *conf,
    int except)
{
	_cleanup_free_ struct net_jail_ref *refs = NULL;
	_cleanup_free_ char *msg = NULL;
	struct reg_jail **v = NULL;
	size_t n = 0, k = 0;
	int r;

	if (geteuid() != 0 || conf == NULL || !net_conf_has_parent(conf))
		return 0;
	r = reg_lock(st->reg);
	if (r < 0) {
		jail_err(st, "registry: %s", strerror(-r));
		return r;
	}
	r = reg_list_all(st->reg, &v, &n);
	if (r < 0) {
		reg_unlock(st->reg);
		jail_err(st, "registry: %s", strerror(-r));
		return r;
	}
	refs = xcalloc(n + 1, sizeof(*refs));
	for (size_t i = 0; i < n; i++)
		if (v[i]->jid != except && !v[i]->dying)
			refs[k++] = (struct net_jail_ref){ v[i]->name,
			    v[i]->conf };
	r = net_host_sync(refs, k, &msg);
	reg_jail_list_free(v, n);
	reg_unlock(st->reg);
	if (r < 0)
		jail_err(st, "%s", msg != NULL ? msg : strerror(-r));
	return r;
}

/* Records the caller's network namespace as ljail.vnet.home in j. */
void
jail_record_net_home(struct conf_jail *j)
{
	_cleanup_free_ char *home = net_home_id();
	char *v[2] = { home, NULL };

	if (home != NULL)
		conf_jail_set(j, "ljail.vnet.home", v, false, NULL, 0);
}

/* The path a vnet.interface jail's namespace is held at (net_hold). */
static char *
jail_hold_path(struct reg *reg, int jid)
{
	return xasprintf("%s/netns/%d", reg_path(reg), jid);
}

/*
 * Holds the namespace of a jail with vnet.interface (root only), so that
 * its death without ljail destroys no host interface.
 */
void
jail_net_hold(struct jail_state *st, int netns_fd)
{
	_cleanup_free_ char *dir = NULL, *path = NULL;
	int r;

	if (geteuid() != 0 || !conf_jail_has(st->conf, P_VNET_INTERFACE))
		return;
	dir = xasprintf("%s/netns", reg_path(st->reg));
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return;
	path = jail_hold_path(st->reg, st->rec.jid);
	r = net_hold(netns_fd, path, st->conf,
	    conf_jail_str(st->conf, P_LJAIL_VNET_HOME));
	if (r < 0)
		util_debug("net_hold: %s", strerror(-r));
}

/* Ends jail_net_hold(), the links already given back by net_teardown. */
void
jail_net_release(struct jail_state *st)
{
	_cleanup_free_ char *path = NULL;

	if (geteuid() != 0)
		return;
	path = jail_hold_path(st->reg, st->rec.jid);
	(void)net_release(path, false);
}

/*
 * Repairs what a vnet.interface jail that died without ljail left: its
 * held namespace still has the links; they go home and the hold ends.
 * Run at the start of every ljail (root), under the registry lock.
 */
static void
jail_net_repair(struct reg *reg)
{
	_cleanup_free_ char *dir = NULL;
	struct reg_jail **v = NULL;
	size_t n = 0;
	struct dirent *de;
	DIR *d;

	if (geteuid() != 0)
		return;
	dir = xasprintf("%s/netns", reg_path(reg));
	d = opendir(dir);
	if (d == NULL)
		return;
	if (reg_lock(reg) < 0) {
		closedir(d);
		return;
	}
	if (reg_list_all(reg, &v, &n) < 0)
		n = 0;
	while ((de = readdir(d)) != NULL) {
		_cleanup_free_ char *path = NULL;
		bool live = false;
		int jid;

		if (!str_is_digits(de->d_name))
			continue;
		jid = atoi(de->d_name);
		for (size_t i = 0; i < n; i++)
			live = live || v[i]->jid == jid;
		if (live)
			continue;
		path = jail_hold_path(reg, jid);
		(void)net_release(path, true);
	}
	reg_jail_list_free(v, n);
	reg_unlock(reg);
	closedir(d);
}

/* A bare conf for a running jail named on the command line (-r/-R X). */
static struct conf_jail *
jail_target_conf(const char *target)
{
	struct conf_jail *j = conf_jail_new(NULL, false);
	char *v[2] = { (char *)target, NULL };

	conf_jail_set(j, str_is_digits(target) ? "jid" : "name", v, false,
	    NULL, 0);
	return j;
}

/* Runs jail(8)'s per-jail loop over the request. */
int
jail_run(const struct jail_request *req)
{
	struct reg *reg = NULL;
	char **failed = NULL;
	int status = 0, cmd_status = -1, r;
	size_t i, ntargets;

	/*
	 * Jails are handled one after another and so are their commands:
	 * at most one exec.* command runs at a time, which satisfies any
	 * limit, but a limit above one asks for a parallelism we lack.
	 */
	if (req->max_parallel > 1 && req->verbose >= 0)
		jail_warnx("-p %d: jails are processed one after another, "
		    "one command at a time", req->max_parallel);
	r = reg_open(&reg);
	if (r < 0) {
		jail_warnx("registry: %s", strerror(-r));
		return 1;
	}
	jail_net_repair(reg);
	ntargets = strv_length(req->targets);
	for (i = 0; i < req->njails + ntargets; i++) {
		struct conf_jail *adhoc = NULL;
		struct jail_state st;
		const char *dep;

		memset(&st, 0, sizeof(st));
		st.req = req;
		st.h.init_pidfd = -1;
		st.sock = -1;
		st.netns = -1;
		if (i < req->njails)
			st.conf = req->jails[i];
		else
			st.conf = adhoc = jail_target_conf(
			    req->targets[i - req->njails]);
		st.label = st.conf->from_config ? conf_jail_label(st.conf) :
		    NULL;
		/* jail -r a b: each named, "a: removed", as jail(8). */
		if (adhoc != NULL)
			st.label = req->targets[i - req->njails];
		st.note_remove = req->note_remove;
		dep = jail_failed_dependency(st.conf, failed);
		if (dep != NULL) {
			if (req->verbose >= 0)
				jail_err(&st, "skipped");
			r = -EAGAIN;
		} else
			r = jail_one(&st, reg);
		if (r < 0) {
			status = 1;
			if (st.conf->name != NULL)
				strv_push(&failed, st.conf->name);
		}
		if (st.have_status)
			cmd_status = st.cmd_status;
		conf_jail_free(adhoc);
	}
	strv_free(failed);
	reg_close(reg);
	/* A command-line jail's command decides the exit status. */
	if (cmd_status >= 0 && req->njails == 1 && !req->jails[0]->from_config)
		return cmd_status;
	return status;
}

/* Opens a handle on a live jail found by jid or name. */
int
jail_open(const char *key, struct jail_handle **ret)
{
	struct reg_jail *rec = NULL;
	struct jail_handle *h;
	struct reg *reg = NULL;
	int r, pidfd;

	r = reg_open(&reg);
	if (r < 0)
		return r;
	r = reg_find(reg, key, &rec);
	/* Root enters users' jails too (reg_users.c says what it trusts). */
	if (r == -ESRCH)
		r = reg_find_user(key, &rec);
	if (r < 0)
		goto out;
	r = reg_open_init(rec, &pidfd);
	if (r < 0)
		goto out;
	h = xcalloc(1, sizeof(*h));
	h->jid = rec->jid;
	h->name = TAKE_PTR(rec->name);
	h->path = TAKE_PTR(rec->path);
	h->init_pid = rec->init_pid;
	h->init_pidfd = pidfd;
	h->conf = TAKE_PTR(rec->conf);
	/* ljexec's filter, from the cache when an ljail compiled it. */
	if (h->conf != NULL && jail_filter_prepare(h->conf, reg) < 0)
		util_debug("seccomp filter not prepared: compiled when entering");
	*ret = h;
out:
	reg_jail_free(rec);
	reg_close(reg);
	return r;
}

/* Frees a handle from jail_open(). */
void
jail_handle_free(struct jail_handle *h)
{
	if (h == NULL)
		return;
	if (h->init_pidfd >= 0)
		close(h->init_pidfd);
	free(h->name);
	free(h->path);
	jail_filter_forget(h->conf);
	conf_jail_free(h->conf);
	free(h);
}

/* Formats the kernel parameters of a jail for -v traces. */
char *
jail_kernel_params(const struct conf_jail *j)
{
	char *out = xstrdup(""), *more;
	size_t i;

	for (i = 0; i < j->nparams; i++) {
		const struct conf_param *p = &j->params[i];
		_cleanup_free_ char *f = NULL;

		if (p->id < 0 || !(param_table[p->id].flags & PF_KERNEL) ||
		    (param_table[p->id].flags & PF_READ_ONLY))
			continue;
		f = conf_format_param(p);
		more = xasprintf("%s %s", out, f);
		free(out);
		out = more;
	}
	return out;
}

/* Frees the heap of a process that will not touch it again (see jail_int.h). */
void
jail_drop_heap(unsigned long start_brk)
{
	uintptr_t start = (uintptr_t)start_brk, end = (uintptr_t)sbrk(0);
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);

	/*
	 * malloc_trim() alone keeps the chunks malloc caches (150-250 KiB
	 * after parsing and the seccomp compile); the pages are still
	 * shared with ljail, and become ours alone when it exits.
	 */
	malloc_trim(0);
	start = (start + page - 1) & ~(page - 1);
	if (start_brk == 0 || end <= start)
		return;
	madvise((void *)start, end - start, MADV_DONTNEED);
}

/* Reads where the heap starts (field 47 of /proc/self/stat); 0 if unknown. */
unsigned long
jail_heap_start(void)
{
	_cleanup_free_ char *buf = NULL;
	unsigned long v = 0;
	char *p;
	int field;

	if (util_read_file("/proc/self/stat", &buf, NULL) < 0 ||
	    (p = strrchr(buf, ')')) == NULL)
		return 0;
	for (field = 2; field < 47 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p + 1, "%lu", &v) != 1)
		return 0;
	return v;
}
