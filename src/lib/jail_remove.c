/*
 * jail_remove.c - removing a jail (§1.7 "Remove", -R, -C).  Until the
 * jail is gone a failure abandons the removal and the jail stays up;
 * after that every remaining cleanup step still runs.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init.h"
#include "jail_int.h"
#include "jail_rctl.h"
#include "net.h"
#include "ns.h"
#include "util.h"

/* For -v: lists the jail's processes other than init ("sent SIGTERM to:"). */
static void
remove_trace_sigterm(struct jail_state *st)
{
	struct stat jail_ns, other;
	_cleanup_free_ char *pids = NULL;
	char path[300];
	struct dirent *d;
	DIR *dir;

	if (st->req->verbose <= 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/ns/pid", (int)st->h.init_pid);
	if (stat(path, &jail_ns) < 0 || (dir = opendir("/proc")) == NULL)
		return;
	pids = xstrdup("");
	while ((d = readdir(dir)) != NULL) {
		char *more;

		if (!str_is_digits(d->d_name) ||
		    atoi(d->d_name) == (int)st->h.init_pid)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/ns/pid", d->d_name);
		if (stat(path, &other) < 0 || other.st_ino != jail_ns.st_ino ||
		    other.st_dev != jail_ns.st_dev)
			continue;
		more = xasprintf("%s %s", pids, d->d_name);
		free(pids);
		pids = more;
	}
	closedir(dir);
	if (*pids != '\0')
		jail_trace(st, "sent SIGTERM to:%s", pids);
}

/* The SIGTERM phase: init SIGTERMs everything; wait up to stop.timeout. */
static void
remove_sigterm(struct jail_state *st, long long timeout)
{
	if (timeout <= 0)
		return;
	remove_trace_sigterm(st);
	if (jail_signal_init(&st->h, INIT_SIG_STOP) < 0)
		return;
	if (!jail_wait_gone(st->h.init_pidfd, (int)(timeout * 1000)))
		jail_trace(st, "timed out");
}

/* Runs a host-side hook after the jail is gone; failures are counted. */
static void
remove_after(struct jail_state *st, enum param_id list, int *r)
{
	int k = jail_hook(st, list, false);

	if (k < 0 && *r == 0)
		*r = k;
}

/*
 * The configuration whose vnet.interface links go back: the jail.conf
 * entry as on FreeBSD, else (-r NAME without one, -R) the parameters the
 * registry recorded at creation.
 */
static const struct conf_jail *
remove_net_conf(const struct jail_state *st, bool force)
{
	if ((st->conf->from_config && !force) || st->rec.conf == NULL)
		return st->conf;
	return st->rec.conf;
}

/* Removes a live jail: hooks, SIGTERM phase, kill, cleanup. */
int
jail_remove(struct jail_state *st, bool force)
{
	unsigned long differ = 0;
	long long timeout = 10;
	char path[64];
	int netns = -1, r = 0;

	st->rootless = geteuid() != 0;
	if (!force) {
		r = jail_hook(st, P_EXEC_PRESTOP, false);
		if (r == 0)
			r = jail_hook(st, P_EXEC_STOP, true);
		if (r < 0)
			return r;	/* abandoned: the jail stays up */
		if (conf_jail_int(st->conf, P_STOP_TIMEOUT, &timeout) < 0)
			timeout = 10;
	}
	/* The removal is decided: the jail is dying from here on. */
	st->rec.dying = true;
	if (reg_lock(st->reg) == 0) {
		reg_update(st->reg, &st->rec);
		reg_unlock(st->reg);
	}
	/* Children go first, as FreeBSD removes a parent's jails with it. */
	jail_remove_children(st);
	/* Hold the jail's netns so net_teardown can give links back. */
	if (ns_differing(st->h.init_pid, &differ) == 0 &&
	    (differ & CLONE_NEWNET)) {
		snprintf(path, sizeof(path), "/proc/%d/ns/net",
		    (int)st->h.init_pid);
		netns = open(path, O_RDONLY | O_CLOEXEC);
	}
	remove_sigterm(st, timeout);
	r = jail_kill(&st->h);
	if (r < 0) {
		jail_err(st, "jail_remove: %s", strerror(-r));
		if (netns >= 0)
			close(netns);
		return r;
	}
	jail_rctl_removed(st);
	reg_lock(st->reg);
	reg_delete(st->reg, st->rec.jid);
	reg_unlock(st->reg);
	/* The host's routes to the jail go with it. */
	(void)jail_net_sync(st, st->rec.conf != NULL ? st->rec.conf :
	    st->conf, 0);
	if (st->req->verbose > 0 || (st->req->verbose == 0 &&
	    st->note_remove && !st->restarting))
		jail_note(st, "removed");
	if (!force)
		remove_after(st, P_EXEC_POSTSTOP, &r);
	if (netns >= 0) {
		int k = net_teardown(remove_net_conf(st, force), netns,
		    st->rec.jid, st->rec.conf != NULL ?
		    conf_jail_str(st->rec.conf, P_LJAIL_VNET_HOME) : NULL);

		/* The links are home: the hold on the namespace goes. */
		jail_net_release(st);
		if (k < 0 && k != -ENOSYS && r == 0) {
			jail_err(st, "network: %s", strerror(-k));
			r = k;
		}
		close(netns);
	}
	if (!force)
		remove_after(st, P_EXEC_RELEASE, &r);
	return r;
}

/*
 * Root removing a user's jail (reg_find_user): the record is the user's,
 * so none of its hooks runs as root and nothing in the user's registry
 * is written; init is told to stop (stop.timeout 10, as -R) and killed,
 * and the user's next ljail or ljls drops the record of a dead init.
 */
int
jail_remove_user(struct jail_state *st, const struct reg_jail *rec)
{
	struct jail_handle h = { .init_pidfd = -1 };
	int r, pidfd;

	r = reg_open_init(rec, &pidfd);
	if (r < 0) {
		jail_err(st, "jail init: %s", strerror(-r));
		return r;
	}
	h.jid = rec->jid;
	h.init_pid = rec->init_pid;
	h.init_pidfd = pidfd;
	st->h = h;
	remove_sigterm(st, 10);
	r = jail_kill(&st->h);
	close(pidfd);
	st->h.init_pidfd = -1;
	if (r < 0) {
		jail_err(st, "jail_remove: %s", strerror(-r));
		return r;
	}
	if (st->req->verbose > 0 || (st->req->verbose == 0 &&
	    st->note_remove))
		jail_note(st, "removed");
	return 0;
}

/* Runs the after-removal hooks of a jail that is already gone (-C). */
int
jail_cleanup(struct jail_state *st)
{
	int r = 0;

	remove_after(st, P_EXEC_POSTSTOP, &r);
	remove_after(st, P_EXEC_RELEASE, &r);
	return r;
}
