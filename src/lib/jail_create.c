/*
 * jail_create.c - creating a jail (§1.7 "Create"): an ordered array of
 * steps walked forward, and backward over the steps already done when
 * one fails, so that a failed creation leaves no process, no registry
 * record and no interface behind.
 *
 * The jail itself is one clone3() with every namespace it gets; the
 * child becomes the jail's PID 1 (init).  Parent and child talk over a
 * socketpair: the parent writes the id maps and sends the (idmapped)
 * root, the child builds its view and reports (step, errno) back, and
 * only the parent prints.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "caps.h"
#include "compat.h"
#include "filter.h"
#include "fs.h"
#include "init.h"
#include "lab.h"
#include "jail_int.h"
#include "jail_rctl.h"
#include "net.h"
#include "ns.h"
#include "util.h"

/* What the child reports: the step it failed in (0: ready) and why. */
struct child_report {
	int32_t step;
	int32_t err;
	char text[240];
};

/* Steps of the child, named in the parent's message. */
enum child_step {
	CS_READY = 0,
	CS_WAIT,
	CS_IDS,
	CS_FS,
	CS_HOSTNAME,
	CS_DOMAINNAME,
	CS_LO,
	CS_CAPS,
	CS_FILTER,
	CS_LIMIT,
};

static const char *const child_step_name[] = {
	[CS_READY] = "ready",
	[CS_WAIT] = "waiting for the id maps",
	[CS_IDS] = "setresuid",
	[CS_FS] = "path",
	[CS_HOSTNAME] = "host.hostname",
	[CS_DOMAINNAME] = "host.domainname",
	[CS_LO] = "lo",
	[CS_CAPS] = "capabilities",
	[CS_FILTER] = "seccomp filter",
	[CS_LIMIT] = "children.max",
};

/* In the child: reports a step's result to the parent. */
static void
child_report(int sock, enum child_step step, int err, const char *text)
{
	struct child_report rep;

	memset(&rep, 0, sizeof(rep));
	rep.step = step;
	rep.err = err;
	if (text != NULL)
		snprintf(rep.text, sizeof(rep.text), "%s", text);
	if (send(sock, &rep, sizeof(rep), MSG_NOSIGNAL) < 0)
		_exit(1);
}

/* In the child: reports a failure and exits. */
static void __attribute__((noreturn))
child_fail(int sock, enum child_step step, int err, const char *text)
{
	child_report(sock, step, err, text);
	_exit(1);
}

/*
 * What the parent sends before the child builds its view: 's' and a
 * nullfs source's host path with its idmapped tree (any number), then 'g'
 * with the root's tree, or none.
 */
#define GO_SOURCE 's'
#define GO_GO 'g'

/* In the child: waits for the parent's go, with the root fd or none. */
static int
child_wait_go(int sock, int *ret_fd)
{
	static char data[PATH_MAX + 2];
	char buf[CMSG_SPACE(sizeof(int))];
	struct msghdr msg;
	struct cmsghdr *c;
	struct iovec iov;
	ssize_t n;
	int fd;

	for (;;) {
		memset(&msg, 0, sizeof(msg));
		memset(buf, 0, sizeof(buf));
		iov.iov_base = data;
		iov.iov_len = sizeof(data) - 1;
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = buf;
		msg.msg_controllen = sizeof(buf);
		do
			n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
		while (n < 0 && errno == EINTR);
		if (n <= 0)
			_exit(1);	/* the parent died: nobody to tell */
		data[n] = '\0';
		fd = -1;
		c = CMSG_FIRSTHDR(&msg);
		if (c != NULL && c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(int));
		if (data[0] != GO_SOURCE) {
			*ret_fd = fd;
			return 0;
		}
		if (fd >= 0)
			fs_give_source(data + 1, fd);
	}
}

/* Where ljail's heap, argv and environment lie in our memory. */
struct child_args {
	unsigned long long start_brk, arg_start, arg_end, env_start, env_end;
};

/*
 * In the child, while the host's /proc is still visible: finds the start
 * of the heap, the argument and environment areas (fields 47-51 of
 * /proc/self/stat).
 */
static void
child_find_args(struct child_args *a)
{
	_cleanup_free_ char *buf = NULL;
	char *p;
	int field;

	memset(a, 0, sizeof(*a));
	if (util_read_file("/proc/self/stat", &buf, NULL) < 0 ||
	    (p = strrchr(buf, ')')) == NULL)
		return;
	for (field = 2; field < 47 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p + 1, "%llu %llu %llu %llu %llu",
	    &a->start_brk, &a->arg_start, &a->arg_end, &a->env_start,
	    &a->env_end) != 5 ||
	    a->arg_end <= a->arg_start || a->env_end < a->env_start)
		memset(a, 0, sizeof(*a));
}

/*
 * In the child: blanks ljail's command line and environment in our own
 * memory, so that /proc/1/cmdline and environ in the jail show "init"
 * and nothing of the host's (paths, variables).
 */
static void
child_hide_args(const struct child_args *a)
{
	prctl(PR_SET_NAME, "init");
	if (a->arg_end <= a->arg_start)
		return;
	memset((void *)(uintptr_t)a->env_start, 0,
	    (size_t)(a->env_end - a->env_start));
	memset((void *)(uintptr_t)a->arg_start, 0,
	    (size_t)(a->arg_end - a->arg_start));
	if (a->arg_end - a->arg_start > 5)
		memcpy((void *)(uintptr_t)a->arg_start, "init", 5);
}

/* In the child (PID 1 of the new namespaces): builds the jail, then init. */
static void __attribute__((noreturn))
child_main(const struct jail_state *st, int sock)
{
	const struct conf_jail *j = st->conf;
	long long children_max = filter_children_max(j);
	_cleanup_free_ char *msg = NULL;
	int root_fd, devnull, r;
	long long stop_timeout = 10;
	struct child_args args;
	int32_t done = 0;
	const char *s;
	sigset_t all;

	/*
	 * Block every signal now: ljail's control signals may come as soon
	 * as we report ready, and an unblocked one from outside the PID
	 * namespace would be dropped (PID 1 ignores what it does not
	 * handle).  Blocked, they wait for init's loop.
	 */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	/*
	 * None of ljail's descriptors (registry directories, pidfds) may
	 * stay here: a jail process able to open /proc/1/fd (rootless, init
	 * is dumpable) would find a way out of its root through them.
	 */
	if (sock > 3)
		compat_close_range(3, (unsigned)sock - 1, 0);
	compat_close_range((unsigned)sock + 1, ~0U, 0);
	child_wait_go(sock, &root_fd);
	/*
	 * Bind sources on the host are opened while this process still has
	 * the host's ids, so a source below a 0700 directory (the F9
	 * advice) works; fs_setup_root binds them by fd.
	 */
	r = fs_open_sources(j, &msg);
	if (r < 0)
		child_fail(sock, CS_FS, -r, msg);
	r = ns_become_root(st->rootless);
	if (r < 0)
		child_fail(sock, CS_IDS, -r, NULL);
	/*
	 * children.max is also the kernel's limit on user namespaces below
	 * the jail's (each jail is one), which counts every level down as
	 * FreeBSD does; the jail's root cannot raise it (caps.c keeps
	 * CAP_SYS_RESOURCE from it then).  With children.max 0 the filter
	 * alone refuses namespaces: every user namespace that opens the
	 * sysctl adds a dentry of the same name to one dcache chain, so
	 * writing it in every jail made each creation O(jails).
	 */
	if (children_max > 0) {
		r = ns_set_userns_limit(children_max);
		/*
		 * Inside a jail its /proc/sys is read-only: the parent
		 * jail's limit still counts this jail's descendants, its
		 * own cannot be set.
		 */
		if (r < 0 && r != -ENOENT && !(st->nested && r == -EROFS))
			child_fail(sock, CS_LIMIT, -r, NULL);
	}
	/*
	 * Until creation is complete the jail dies with ljail, so that a
	 * SIGKILLed ljail leaves nothing.  Set after the id change, which
	 * clears the death signal; a parent that is already gone shows as
	 * a failed send below.
	 */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/*
	 * As root, init is not dumpable: the jail's root cannot ptrace it
	 * or open its /proc files, only the host's root can.  Rootless it
	 * must stay dumpable, or its own user could not setns() into the
	 * jail (ptrace access is the kernel's test); that user owns every
	 * process of the jail anyway.
	 */
	if (!st->rootless)
		prctl(PR_SET_DUMPABLE, 0);
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	child_find_args(&args);
	r = fs_setup_root(j, root_fd, &msg);
	if (r < 0)
		child_fail(sock, CS_FS, -r, msg);
	if (root_fd >= 0)
		close(root_fd);
	if (st->nsflags & CLONE_NEWUTS) {
		s = conf_jail_str(j, P_HOST_HOSTNAME);
		if (s != NULL && sethostname(s, strlen(s)) < 0)
			child_fail(sock, CS_HOSTNAME, errno, NULL);
		s = conf_jail_str(j, P_HOST_DOMAINNAME);
		if (s != NULL && setdomainname(s, strlen(s)) < 0)
			child_fail(sock, CS_DOMAINNAME, errno, NULL);
	}
	if (st->nsflags & CLONE_NEWNET) {
		/* lo up and its restriction-only addresses, rootless too. */
		free(msg);
		msg = NULL;
		r = net_setup_inside(j, &msg);
		if (r < 0 && r != -ENOSYS)
			child_fail(sock, CS_LO, -r, msg);
	}
	r = caps_apply(j);
	if (r < 0 && r != -ENOSYS)
		child_fail(sock, CS_CAPS, -r, NULL);
	r = jail_filter_apply(j);
	if (r < 0 && r != -ENOSYS)
		child_fail(sock, CS_FILTER, -r, NULL);
	/* init needs nothing the setup needed (caps.h's order). */
	r = caps_finish(j);
	if (r < 0 && r != -ENOSYS)
		child_fail(sock, CS_CAPS, -r, NULL);
	conf_jail_int(j, P_STOP_TIMEOUT, &stop_timeout);
	if (stop_timeout < 0)
		stop_timeout = 0;
	child_hide_args(&args);
	child_report(sock, CS_READY, 0, NULL);
	/*
	 * The jail now exists; exec.start and the rest run while we wait
	 * for the end of the creation (orphans wait a moment for reaping).
	 * Only then the death signal goes: from here on the jail outlives
	 * ljail.  The ack tells ljail it may exit without killing us.
	 */
	if (recv(sock, &done, sizeof(done), 0) != (ssize_t)sizeof(done))
		_exit(1);
	/*
	 * A non-persistent jail whose commands are all over ends here; say
	 * so, so that ljail can wait for us and drop the record.
	 */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		continue;
	if (!done && init_is_alone()) {
		child_report(sock, CS_READY, ESRCH, NULL);
		_exit(0);
	}
	prctl(PR_SET_PDEATHSIG, 0);
	/*
	 * Everything ljail allocated is garbage here, and would become
	 * init's own memory once ljail exits; init allocates nothing.
	 * Given back before the ack, so that once ljail has returned init
	 * is as small as it stays (nothing below touches the heap).
	 */
	jail_drop_heap((unsigned long)args.start_brk);
	child_report(sock, CS_READY, 0, NULL);
	/* init holds nothing of ljail's: no terminal, no pipes, no fds. */
	if (devnull >= 0) {
		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(devnull, 2);
	}
	compat_close_range(3, ~0U, 0);
	setsid();
	if (chdir("/") < 0)
		_exit(1);
	init_main(done != 0, (unsigned)stop_timeout);
}

/* Sends the child one message (child_wait_go), with an fd or none. */
static int
create_send(int sock, char type, const char *text, int fd)
{
	_cleanup_free_ char *data = xasprintf("%c%s", type,
	    text != NULL ? text : "");
	char buf[CMSG_SPACE(sizeof(int))];
	struct msghdr msg;
	struct cmsghdr *c;
	struct iovec iov;

	memset(&msg, 0, sizeof(msg));
	memset(buf, 0, sizeof(buf));
	iov.iov_base = data;
	iov.iov_len = strlen(data);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (fd >= 0) {
		msg.msg_control = buf;
		msg.msg_controllen = sizeof(buf);
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	if (sendmsg(sock, &msg, MSG_NOSIGNAL) < 0)
		return -errno;
	return 0;
}

/* Tells whether an idmap error means the file system cannot have one. */
static bool
create_no_idmap(int r)
{
	return r == -EINVAL || r == -EOPNOTSUPP || r == -ENOSYS || r == -EPERM;
}

/*
 * Applies the rule for a tree that cannot be idmapped (what, e.g. "path
 * /srv/j"): a jail that may mount is refused; any other starts again with
 * the host's ids (1), after a warning.
 */
static int
create_idmap_failed(struct jail_state *st, const char *what, int r)
{
	if (filter_mount_allowed(st->conf)) {
		/*
		 * With ids 1:1 the jail's root is the host's uid 0 to every
		 * host file it reaches; one that may mount could unmount the
		 * /proc masks and write host sysctls (core_pattern).  No
		 * fallback then.
		 */
		jail_err(st, "%s: cannot be idmapped (%s), and a jail that "
		    "may mount (allow.mount, children.max) must not have the "
		    "host's ids", what, strerror(-r));
		return -EPERM;
	}
	jail_err(st, "%s: cannot be idmapped (%s): the jail's ids are the "
	    "host's", what, strerror(-r));
	return 1;
}

/*
 * Idmaps the host source of every nullfs entry like the jail's root and
 * sends the trees to the child: a thin jail's base owned by the host's
 * root is the jail root's, and what the jail's root writes to a shared
 * directory is root's on disk.  The child cannot do it: idmapping a host
 * file system takes CAP_SYS_ADMIN in the host's user namespace.  A source
 * that cannot be opened is left to the child, which says why.
 */
static int
create_send_sources(struct jail_state *st, pid_t pid)
{
	_cleanup_free_ char *msg = NULL;
	char **names = NULL;
	int r;

	r = fs_bind_sources(st->conf, &names, &msg);
	if (r < 0)
		return 0;	/* the child reports the entries */
	for (size_t i = 0; names[i] != NULL; i++) {
		_cleanup_close_ int tree = -1;
		_cleanup_free_ char *what = NULL;

		r = ns_idmap_tree(names[i], pid, &tree);
		if (create_no_idmap(r)) {
			what = xasprintf("mount: %s", names[i]);
			r = create_idmap_failed(st, what, r);
			break;
		}
		if (r < 0) {
			r = 0;
			continue;
		}
		r = create_send(st->sock, GO_SOURCE, names[i], tree);
		if (r < 0) {
			jail_err(st, "jail init: %s", strerror(-r));
			break;
		}
	}
	strv_free(names);
	return r;
}

/*
 * Writes the child's id maps: a private range as root; rootless, the
 * caller as root and its subordinate ids (if it has them) as the rest.
 */
static int
create_write_maps(struct jail_state *st)
{
	/* In a lab, its ids are ours: mapped onto themselves, as nested. */
	if (st->nested && (!st->rootless || st->lab))
		return ns_write_idmap_inherit(st->h.init_pid);
	if (st->rootless && st->subids) {
		_cleanup_free_ char *msg = NULL;
		int r = ns_write_idmap_subid(st->h.init_pid, geteuid(),
		    getegid(), &st->sub, &msg);

		if (r < 0 && msg != NULL) {
			jail_err(st, "%s", msg);
			return -ECANCELED;	/* said */
		}
		return r;
	}
	if (st->rootless)
		return ns_write_idmap_self(st->h.init_pid, geteuid(),
		    getegid());
	if (st->identity_map)
		return ns_write_idmap(st->h.init_pid, 0, NS_IDMAP_COUNT);
	return ns_write_idmap(st->h.init_pid, (uid_t)st->rec.id_base,
	    (unsigned)st->rec.id_count);
}

/*
 * clone failed.  Inside a jail this is the parent jail's answer, said as
 * FreeBSD's kernel says it: its filter refuses (children.max = 0), or its
 * user namespace limit is reached (children.max descendants).
 */
static void
create_clone_failed(struct jail_state *st, int err)
{
	_cleanup_free_ char *why = NULL;

	if (st->rootless && !st->nested &&
	    (why = ns_userns_blocker("", geteuid())) != NULL)
		jail_err(st, "%s", why);
	else if (st->nested && err == EPERM)
		jail_err(st, "jail_set: %s", strerror(EPERM));
	else if (st->nested && err == ENOSPC)
		jail_err(st, "prison limit exceeded");
	else
		jail_err(st, "clone3: %s", strerror(err));
}

/*
 * The clone itself.  Inside a jail, ENOSPC may also be a user namespace
 * that just ended: the kernel uncounts it from a work queue, a moment
 * later (a -rc restart meets it at once).  The registry has said there
 * is room, so wait for it a little, up to 200 ms.
 */
static pid_t
create_clone(struct jail_state *st, int *ret_pidfd)
{
	_cleanup_close_ int cg = jail_rctl_cgroup_fd(st);
	pid_t pid = ns_clone_into(st->nsflags, cg, ret_pidfd);

	for (int tries = 0; pid == -ENOSPC && st->nested && tries < 100;
	    tries++) {
		struct timespec ts = { 0, 2 * 1000 * 1000 };

		nanosleep(&ts, NULL);
		pid = ns_clone_into(st->nsflags, cg, ret_pidfd);
	}
	return pid;
}

/*
 * Tells whether the jail has a root of its own: path=/ is the host's
 * tree, as no path is (FreeBSD treats them alike), so neither is
 * idmapped nor warned about.
 */
static bool
create_has_root(const struct conf_jail *j)
{
	const char *path = conf_jail_has(j, P_PATH) ?
	    conf_jail_str(j, P_PATH) : NULL;

	return path != NULL && path[strspn(path, "/")] != '\0';
}

/* Clones the child, maps it and hands it its root; 1 = retry 1:1. */
static int
create_spawn_once(struct jail_state *st)
{
	_cleanup_close_ int root_fd = -1;
	int sv[2], pidfd = -1, r;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		r = -errno;
		jail_err(st, "socketpair: %s", strerror(-r));
		return r;
	}
	fflush(NULL);
	pid = create_clone(st, &pidfd);
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		create_clone_failed(st, (int)-pid);
		return (int)pid;
	}
	if (pid == 0) {
		close(sv[0]);
		child_main(st, sv[1]);
	}
	close(sv[1]);
	st->sock = sv[0];
	st->h.init_pid = pid;
	st->h.init_pidfd = pidfd;
	r = create_write_maps(st);
	if (r == -ECANCELED)
		return -EPERM;
	if (r < 0) {
		jail_err(st, "uid_map: %s", strerror(-r));
		return r;
	}
	r = jail_rctl_spawned(st);
	if (r < 0)
		return r;
	if (!st->rootless && !st->identity_map && !st->nested &&
	    create_has_root(st->conf)) {
		_cleanup_free_ char *what = NULL;

		r = ns_idmap_tree(st->rec.path, pid, &root_fd);
		if (create_no_idmap(r)) {
			what = xasprintf("path %s", st->rec.path);
			return create_idmap_failed(st, what, r);
		}
		if (r < 0) {
			jail_err(st, "path %s: %s", st->rec.path,
			    strerror(-r));
			return r;
		}
		r = create_send_sources(st, pid);
		if (r != 0)
			return r;
	}
	r = create_send(st->sock, GO_GO, NULL, root_fd);
	if (r < 0) {
		jail_err(st, "jail init: %s", strerror(-r));
		return r;
	}
	return 0;
}

/* Waits for the child's report; 0 once it is ready to be init. */
static int
create_wait_ready(struct jail_state *st)
{
	_cleanup_free_ char *why = NULL;
	struct child_report rep;
	ssize_t n;

	do
		n = recv(st->sock, &rep, sizeof(rep), 0);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(rep)) {
		jail_err(st, "jail init exited during setup");
		return -ECHILD;
	}
	if (rep.step == CS_READY)
		return 0;
	if (rep.step < 0 || (size_t)rep.step >= ARRAY_SIZE(child_step_name))
		rep.step = CS_WAIT;
	rep.text[sizeof(rep.text) - 1] = '\0';
	/*
	 * A rootless jail under AppArmor's userns restriction fails at its
	 * first privileged step: name the cause, not that step's errno.
	 */
	if (st->rootless && !st->nested &&
	    (rep.err == EPERM || rep.err == EACCES) &&
	    (why = ns_userns_blocker("", geteuid())) != NULL)
		jail_err(st, "%s", why);
	/* fs_setup_root's message already names the parameter. */
	else if (rep.text[0] != '\0')
		jail_err(st, "%s", rep.text);
	else if (rep.step == CS_FS)
		jail_err(st, "path %s: %s", st->rec.path, strerror(rep.err));
	else
		jail_err(st, "%s: %s", child_step_name[rep.step],
		    strerror(rep.err));
	return rep.err > 0 ? -rep.err : -EIO;
}

/* The create step itself: the namespaces, PID 1, the network, the record. */
static int
create_jail(struct jail_state *st)
{
	_cleanup_free_ char *msg = NULL;
	char path[64];
	int r, netns;

	if (st->req->verbose > 0) {
		_cleanup_free_ char *kp = jail_kernel_params(st->conf);

		jail_trace(st, "jail_set(JAIL_CREATE)%s%s", kp,
		    conf_jail_bool(st->conf, P_PERSIST) ? "" : " persist");
	}
	r = create_spawn_once(st);
	if (r == 1) {
		/* No idmapped root here: start again with ids 1:1. */
		jail_kill(&st->h);
		close(st->h.init_pidfd);
		close(st->sock);
		st->h.init_pidfd = st->sock = -1;
		st->identity_map = true;
		r = create_spawn_once(st);
	}
	if (r < 0)
		return r;
	if (st->nsflags & CLONE_NEWNET) {
		snprintf(path, sizeof(path), "/proc/%d/ns/net",
		    (int)st->h.init_pid);
		netns = open(path, O_RDONLY | O_CLOEXEC);
		if (netns < 0) {
			r = -errno;
			/*
			 * PID 1 is gone: it failed its own setup (a missing
			 * nullfs source, say) and its report says why.
			 */
			if (create_wait_ready(st) < 0)
				return r;
			jail_err(st, "%s: %s", path, strerror(-r));
			return r;
		}
		r = net_setup(st->conf, netns, st->rec.jid, &msg);
		/* Where vnet.interface goes back to, whoever runs -r. */
		if (r == 0 && conf_jail_has(st->conf, P_VNET_INTERFACE)) {
			jail_record_net_home(st->conf);
			jail_net_hold(st, netns);
		}
		if (r == 0)
			r = net_ping_groups(netns, st->h.init_pid, &msg);
		/*
		 * A jail that ends by itself at the end of the creation
		 * gives its vnet.interface links back (create_finish).
		 */
		if (conf_jail_has(st->conf, P_VNET_INTERFACE) &&
		    st->netns < 0)
			st->netns = netns;
		else
			close(netns);
		if (r == -ENOSYS)
			util_debug("net_setup: not built yet");
		else if (r < 0) {
			jail_err(st, "%s", msg != NULL ? msg : strerror(-r));
			return r;
		} else
			st->net_done = true;
		r = jail_net_sync(st, st->conf, 0);
		if (r < 0)
			return r;
	}
	r = create_wait_ready(st);
	if (r < 0)
		return r;
	st->rec.init_pid = st->h.init_pid;
	r = init_start_time(st->h.init_pid, &st->rec.init_start);
	if (r == 0)
		r = reg_update(st->reg, &st->rec);
	if (r < 0) {
		jail_err(st, "registry: %s", strerror(-r));
		return r;
	}
	if (jail_notes_on(st))
		jail_note(st, "created");
	return 0;
}

/* Undoes create_jail: kills PID 1 (so the whole jail) and its network. */
static void
create_unjail(struct jail_state *st)
{
	char path[64];
	int netns = -1;

	if (st->sock >= 0)
		close(st->sock);
	st->sock = -1;
	if (st->h.init_pidfd < 0)
		return;
	if (st->net_done && st->netns < 0) {
		/* Hold the netns so vnet.interface links can go back. */
		snprintf(path, sizeof(path), "/proc/%d/ns/net",
		    (int)st->h.init_pid);
		netns = open(path, O_RDONLY | O_CLOEXEC);
	} else if (st->net_done)
		netns = TAKE_FD(st->netns);
	jail_kill(&st->h);
	if (st->net_done) {
		net_teardown(st->conf, netns, st->rec.jid,
		    conf_jail_str(st->conf, P_LJAIL_VNET_HOME));
		jail_net_release(st);
	}
	if (st->net_done)
		(void)jail_net_sync(st, st->conf, st->rec.jid);
	if (netns >= 0)
		close(netns);
	close(st->h.init_pidfd);
	st->h.init_pidfd = -1;
	if (st->rec.init_pid != 0 && (st->req->verbose > 0 ||
	    (st->req->verbose == 0 && st->conf->from_config)))
		jail_note(st, "removed");
}

/* Takes the registry reservation: jid, name, id range, "creating". */
static int
create_reserve(struct jail_state *st)
{
	long long v;
	int r;

	memset(&st->rec, 0, sizeof(st->rec));
	if (conf_jail_int(st->conf, P_JID, &v) == 0)
		st->rec.jid = (int)v;
	if (conf_jail_has(st->conf, P_NAME))
		st->rec.name = xstrdup(conf_jail_str(st->conf, P_NAME));
	else if (st->conf->name != NULL)
		st->rec.name = xstrdup(st->conf->name);
	st->rec.path = xstrdup(conf_jail_has(st->conf, P_PATH) ?
	    conf_jail_str(st->conf, P_PATH) : "/");
	st->rec.owner_pid = getpid();
	init_start_time(getpid(), &st->rec.owner_start);
	/* Rootless jails map only the caller; the range goes unused. */
	if (!st->rootless &&
	    conf_jail_int(st->conf, P_LJAIL_IDMAP_BASE, &v) == 0)
		st->rec.id_base = (unsigned long)v;
	st->rec.id_count = NS_IDMAP_COUNT;
	st->rec.conf = st->conf;
	r = reg_lock(st->reg);
	if (r == 0) {
		r = jail_check_clash(st, st->conf);
		if (r < 0) {
			reg_unlock(st->reg);
			return r;
		}
		r = reg_reserve(st->reg, &st->rec);
		reg_unlock(st->reg);
	}
	switch (r) {
	case 0:
		break;
	case -EEXIST:
		jail_warnx("\"%s\" already exists", st->rec.name != NULL ?
		    st->rec.name : conf_jail_str(st->conf, P_JID));
		return r;
	case -EINVAL:
		jail_err(st, "name cannot be numeric (unless it is the jid)");
		return r;
	case -ENOENT:
		/* FreeBSD's kernel names the missing parent: "a" of "a.b". */
		jail_err(st, "jail \"%.*s\" not found",
		    (int)(strrchr(st->rec.name, '.') != NULL ?
			strrchr(st->rec.name, '.') - st->rec.name :
			(ptrdiff_t)strlen(st->rec.name)), st->rec.name);
		return r;
	case -EMLINK:
		jail_err(st, "prison limit exceeded");
		return r;
	case -ENAMETOOLONG:
		jail_err(st, "name: value too long (%zu characters, at most "
		    "%zu)", strlen(st->rec.name), param_table[P_NAME].max);
		return r;
	case -EBUSY:
		jail_err(st, "ljail.idmap.base: ids %lu-%lu belong to another "
		    "jail", st->rec.id_base,
		    st->rec.id_base + NS_IDMAP_COUNT - 1);
		return r;
	case -EAGAIN:
		jail_err(st, "no available jail IDs");
		return r;
	default:
		jail_err(st, "registry: %s", strerror(-r));
		return r;
	}
	st->reserved = true;
	st->h.jid = st->rec.jid;
	st->h.name = st->rec.name;
	st->h.path = st->rec.path;
	st->h.conf = st->conf;
	return 0;
}

/* Undoes create_reserve: the record goes. */
static void
create_unreserve(struct jail_state *st)
{
	if (!st->reserved)
		return;
	reg_lock(st->reg);
	reg_delete(st->reg, st->rec.jid);
	reg_unlock(st->reg);
	st->reserved = false;
}

/* Writes the -J record of a new jail (§1.11, conf's formatter). */
static void
create_write_jid_file(struct jail_state *st)
{
	_cleanup_free_ char *rec = NULL;

	if (st->req->jid_file == NULL)
		return;
	rec = conf_format_record(st->conf, st->rec.jid, st->req->old_style);
	fputs(rec, st->req->jid_file);
	fflush(st->req->jid_file);
}

/*
 * The last step: ends the temporary persist (§1.7) and tells init that
 * creation is complete, which also lets it outlive ljail.
 */
static int
create_finish(struct jail_state *st)
{
	bool persist = conf_jail_bool(st->conf, P_PERSIST);
	int32_t done = persist;
	struct child_report rep;
	siginfo_t si;
	ssize_t n;

	if (!persist)
		jail_trace(st, "jail_set(JAIL_UPDATE) jid=%d nopersist",
		    st->rec.jid);
	/* init answers once its death signal is off: then we may exit. */
	if (send(st->sock, &done, sizeof(done), MSG_NOSIGNAL) < 0)
		n = -1;
	else
		do
			n = recv(st->sock, &rep, sizeof(rep), 0);
		while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(rep) || rep.step != CS_READY) {
		jail_err(st, "jail init exited during creation");
		return -ECHILD;
	}
	close(st->sock);
	st->sock = -1;
	if (st->req->print_jid)
		printf("%d\n", st->rec.jid);
	fflush(stdout);
	create_write_jid_file(st);
	/* An empty non-persistent jail has ended: reap it, drop the record. */
	if (rep.err == ESRCH && jail_wait_gone(st->h.init_pidfd, 5000)) {
		memset(&si, 0, sizeof(si));
		waitid(P_PIDFD, (id_t)st->h.init_pidfd, &si,
		    WEXITED | WNOHANG);
		reg_lock(st->reg);
		reg_delete(st->reg, st->rec.jid);
		reg_unlock(st->reg);
		jail_rctl_removed(st);
		if (st->net_done && st->netns >= 0) {
			net_teardown(st->conf, st->netns, st->rec.jid,
			    conf_jail_str(st->conf, P_LJAIL_VNET_HOME));
			jail_net_release(st);
		}
		if (st->net_done)
			(void)jail_net_sync(st, st->conf, 0);
	}
	return 0;
}

static const struct jail_step create_steps[] = {
	{ "reserve", create_reserve, create_unreserve, 0, false },
	{ "exec.prepare", NULL, NULL, P_EXEC_PREPARE, false },
	{ "exec.prestart", NULL, NULL, P_EXEC_PRESTART, false },
	{ "rctl", jail_rctl_setup, jail_rctl_undo, 0, false },
	{ "create", create_jail, create_unjail, 0, false },
	{ "exec.created", NULL, NULL, P_EXEC_CREATED, false },
	{ "exec.start", NULL, NULL, P_EXEC_START, true },
	{ "command", NULL, NULL, P_COMMAND, true },
	{ "exec.poststart", NULL, NULL, P_EXEC_POSTSTART, false },
	{ "persist", create_finish, NULL, 0, false },
};

/*
 * Jails inside jails.  Inside one, the registry holds its descendants
 * only, and its children.max (the kernel limit the parent ljail set) caps
 * them.  From the host, every jail on "/" gets its
 * private registry mounted on the host's /run/ljail (fs_setup_root), so
 * that directory must exist.
 */
static int
create_check_nested(struct jail_state *st)
{
	if (st->nested) {
		long long max = ns_userns_limit();

		/* children.max = 0: FreeBSD's kernel refuses jail_set. */
		if (max == 0) {
			jail_err(st, "jail_set: %s", strerror(EPERM));
			return -EPERM;
		}
		/* A fresh user namespace's limit is INT_MAX: no parent set it. */
		if (max > 0 && max < INT_MAX)
			reg_set_root_limit(st->reg, max);
		return 0;
	}
	if (!st->rootless && (!conf_jail_has(st->conf, P_PATH) ||
	    strcmp(conf_jail_str(st->conf, P_PATH), "/") == 0) &&
	    mkdir("/run/ljail", 0700) < 0 && errno != EEXIST)
		util_debug("/run/ljail: %s", strerror(errno));
	return 0;
}

/* Checks everything that can be checked before anything is created. */
static int
create_check(struct jail_state *st)
{
	const struct conf_jail *j = st->conf;
	_cleanup_free_ char *msg = NULL;
	int r;

	r = net_resolve_hostname(st->conf, &msg);
	if (r < 0) {
		jail_err(st, "%s", msg != NULL ? msg : strerror(-r));
		return r;
	}
	/*
	 * host=inherit shares the host's names: a name of its own would
	 * need a UTS namespace of its own, which is host=new (refused as
	 * ip4=inherit with addresses is).
	 */
	if (conf_jail_has(j, P_HOST) &&
	    conf_jail_jailsys(j, P_HOST) == JAILSYS_INHERIT) {
		static const enum param_id names[] = { P_HOST_HOSTNAME,
		    P_HOST_DOMAINNAME, P_HOST_HOSTUUID, P_HOST_HOSTID };

		for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
			if (!conf_jail_has(j, names[i]))
				continue;
			jail_err(st, "%s: not allowed with host=inherit",
			    param_table[names[i]].name);
			return -EINVAL;
		}
	}
	if (!conf_jail_bool(j, P_PERSIST) &&
	    conf_jail_list(j, P_EXEC_START) == NULL &&
	    conf_jail_list(j, P_COMMAND) == NULL &&
	    conf_jail_list(j, P_EXEC_POSTSTART) == NULL) {
		jail_err(st, "new jail must persist or attach");
		return -EINVAL;
	}
	r = fs_check(j, &msg);
	if (r < 0 && r != -ENOSYS) {
		jail_err(st, "%s", msg != NULL ? msg : strerror(-r));
		return r;
	}
	free(msg);
	msg = NULL;
	r = net_check(j, &msg);
	if (r < 0 && r != -ENOSYS) {
		jail_err(st, "%s", msg != NULL ? msg : strerror(-r));
		return r;
	}
	if (st->nested && !st->rootless &&
	    conf_jail_has(j, P_LJAIL_IDMAP_BASE)) {
		jail_err(st, "ljail.idmap.base: a jail inside a jail shares "
		    "its parent's ids");
		return -EINVAL;
	}
	return create_check_nested(st);
}

/*
 * A lab jail is made from inside the lab's user and network namespaces
 * (lab.h): root of the lab there, still rootless for the host (its init
 * stays dumpable for its user's ljexec).
 */
static int
create_enter_lab(struct jail_state *st)
{
	_cleanup_free_ char *why = NULL;
	int r = lab_enter(st->conf, st->reg, &st->lab, &why);

	if (r < 0) {
		jail_err(st, "%s", why != NULL ? why : strerror(-r));
		return r;
	}
	if (st->lab)
		lab_conf_defaults(st->conf);
	return 0;
}

/* Creates one jail: the checks, then the steps, rolled back on failure. */
int
jail_create(struct jail_state *st)
{
	size_t i, n = ARRAY_SIZE(create_steps);
	int r;

	r = create_enter_lab(st);
	if (r < 0)
		return r;
	st->rootless = st->lab || geteuid() != 0;
	st->nested = ns_in_jail();
	/* A jail inside a jail maps its parent's ids, never new ones. */
	st->subids = st->rootless && !st->nested &&
	    ns_subids_self(&st->sub) == NS_SUBID_OK;
	st->nsflags = ns_jail_flags(st->conf);
	r = create_check(st);
	if (r < 0)
		return r;
	/* Once here, not in init and in every entered command. */
	if (jail_filter_prepare(st->conf, st->reg) < 0)
		util_debug("seccomp filter not prepared: compiled per process");
	for (i = 0; i < n; i++) {
		const struct jail_step *s = &create_steps[i];

		r = s->run != NULL ? s->run(st) :
		    jail_hook(st, s->hook, s->in_jail);
		if (r < 0)
			break;
	}
	if (i == n)
		goto done;
	/*
	 * Roll back newest first, starting with the failed step itself:
	 * every undo copes with a half-done step.
	 */
	if (create_steps[i].undo != NULL)
		create_steps[i].undo(st);
	while (i-- > 0)
		if (create_steps[i].undo != NULL)
			create_steps[i].undo(st);
done:
	if (st->netns >= 0)
		close(st->netns);
	st->netns = -1;
	jail_filter_prepare(NULL, NULL);
	if (st->h.init_pidfd >= 0)
		close(st->h.init_pidfd);
	st->h.init_pidfd = -1;
	free(st->rec.name);
	free(st->rec.path);
	st->rec.name = st->rec.path = NULL;
	return r;
}
