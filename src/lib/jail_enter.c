/*
 * jail_enter.c - entering a live jail, the one way every in-jail command
 * gets in (exec.start, command, exec.stop, ljexec).
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caps.h"
#include "compat.h"
#include "filter.h"
#include "init.h"
#include "jail.h"
#include "jail_int.h"
#include "jail_rctl.h"
#include "ns.h"
#include "util.h"

/*
 * The jail's seccomp program, compiled once by jail_create() before the
 * clone: the jail's init and every command it enters during creation
 * are forks of that process and only load it.  Compiling takes
 * milliseconds (libseccomp); loading takes microseconds.
 */
static const struct conf_jail *prepared_for;
static struct sock_filter *prepared;
static unsigned short prepared_len;

/* Compiles j's program into a new buffer: libseccomp, then its BPF. */
static int
filter_compile(const struct conf_jail *j, struct sock_filter **ret,
    size_t *ret_bytes)
{
	_cleanup_close_ int fd = -1;
	struct sock_filter *prog;
	off_t len;
	int r;

	fd = memfd_create("ljail-filter", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = filter_export_bpf(j, fd);
	if (r < 0)
		return r;
	len = lseek(fd, 0, SEEK_END);
	if (len <= 0)
		return -EINVAL;
	prog = xmalloc((size_t)len);
	if (pread(fd, prog, (size_t)len, 0) != len) {
		free(prog);
		return -EIO;
	}
	*ret = prog;
	*ret_bytes = (size_t)len;
	return 0;
}

/*
 * Gets the jail's seccomp program for later loads: from the registry's
 * cache under filter_cache_key() when it is there (compiling took a
 * millisecond or two, a tenth of a jail's start), else compiled now and
 * stored for the next ljail.
 */
int
jail_filter_prepare(const struct conf_jail *j, struct reg *reg)
{
	_cleanup_free_ char *key = NULL;
	void *prog = NULL;
	size_t bytes = 0;
	int r = -ENOENT;

	free(prepared);
	prepared = NULL;
	prepared_for = NULL;
	prepared_len = 0;
	if (j == NULL)
		return 0;
	key = reg != NULL ? filter_cache_key(j) : NULL;
	if (key != NULL)
		r = reg_cache_get(reg, key, &prog, &bytes);
	if (r < 0) {
		r = filter_compile(j, (struct sock_filter **)&prog, &bytes);
		if (r < 0)
			return r;
		if (key != NULL && reg_cache_put(reg, key, prog, bytes) < 0)
			util_debug("filter cache: not stored");
	}
	if (bytes == 0 || bytes % sizeof(struct sock_filter) != 0 ||
	    bytes / sizeof(struct sock_filter) > BPF_MAXINSNS) {
		free(prog);
		return -EINVAL;
	}
	prepared = prog;
	prepared_len = (unsigned short)(bytes / sizeof(struct sock_filter));
	prepared_for = j;
	return 0;
}

/* Drops the prepared program if it is j's (j is being freed). */
void
jail_filter_forget(const struct conf_jail *j)
{
	if (j != NULL && j == prepared_for)
		(void)jail_filter_prepare(NULL, NULL);
}

/* Installs the jail's seccomp filter, prepared or compiled now. */
int
jail_filter_apply(const struct conf_jail *j)
{
	struct sock_fprog fprog;

	if (j == NULL || j != prepared_for)
		return filter_apply(j);
	/*
	 * What seccomp_load() does with this filter's attributes: no
	 * no_new_privs (setuid programs keep working in the jail), no
	 * flags; it needs CAP_SYS_ADMIN in the jail's user namespace.
	 */
	fprog.len = prepared_len;
	fprog.filter = prepared;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) < 0)
		return -errno;
	return 0;
}

/* The child of the intermediate, for the signal forwarder. */
static volatile pid_t enter_child;

/* In the intermediate: passes a termination signal on to the child. */
static void
enter_forward(int sig)
{
	if (enter_child > 0)
		kill(enter_child, sig);
}

/* The intermediate: waits for the child, tells init, exits alike. */
static void __attribute__((noreturn))
enter_wait(int init_pidfd, pid_t child, unsigned long start_brk)
{
	static const int fwd[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT,
	    SIGUSR1, SIGUSR2 };
	struct sigaction sa;
	int status = 0;
	size_t i;

	/*
	 * Nothing of the caller's stays open here: a pipe whose end of file
	 * tells the caller that the command has started (hook.c's
	 * background commands) must not be held for the command's life.
	 */
	if (init_pidfd > 3)
		compat_close_range(3, (unsigned)init_pidfd - 1, 0);
	compat_close_range((unsigned)init_pidfd + 1, ~0U, 0);
	enter_child = child;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = enter_forward;
	for (i = 0; i < ARRAY_SIZE(fwd); i++)
		sigaction(fwd[i], &sa, NULL);
	/*
	 * We may wait as long as a daemon runs: keep none of ljail's
	 * memory (nothing below touches the heap).
	 */
	jail_drop_heap(start_brk);
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			_exit(127);
	/* A non-persistent jail may now be empty: let init look. */
	compat_pidfd_send_signal(init_pidfd, INIT_SIG_CHECK, NULL, 0);
	if (WIFSIGNALED(status)) {
		sigset_t set;

		signal(WTERMSIG(status), SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, WTERMSIG(status));
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(WTERMSIG(status));
		_exit(128 + WTERMSIG(status));
	}
	_exit(WEXITSTATUS(status));
}

/* Moves the calling process into a live jail (see jail.h). */
int
jail_enter(const struct jail_handle *h)
{
	unsigned long start_brk = jail_heap_start();
	bool rootless = geteuid() != 0;
	unsigned long flags;
	pid_t child;
	int r, cg, pidfd;

	/*
	 * Non-dumpable before joining: the jail's root must not ptrace or
	 * read /proc of a process that still holds host resources
	 * (CVE-2016-9962).
	 */
	if (prctl(PR_SET_DUMPABLE, 0) < 0)
		return -errno;
	/*
	 * The jail's parameters say which namespaces it has (they cannot
	 * change after creation); /proc/INIT/ns is unreadable to a rootless
	 * caller because init is not dumpable.
	 */
	if (h->conf != NULL)
		flags = ns_jail_flags(h->conf);
	else {
		r = ns_differing(h->init_pid, &flags);
		if (r < 0)
			return r;
	}
	if (flags == 0)
		return -ESRCH;		/* not a jail (or its init is gone) */
	/*
	 * Into the jail's cgroup first, by birth (CLONE_INTO_CGROUP): once
	 * in the jail's cgroup namespace we could not, and nothing is moved.
	 * This process waits as the intermediate below does.
	 */
	cg = jail_rctl_enter(h);
	if (cg >= 0) {
		fflush(NULL);
		child = ns_clone_into(0, cg, &pidfd);
		close(cg);
		if (child < 0)
			return (int)child;
		if (child > 0) {
			close(pidfd);
			enter_wait(h->init_pidfd, child, start_brk);
		}
		prctl(PR_SET_PDEATHSIG, SIGKILL);
	}
	ns_remember_self();
	/*
	 * Root drops its supplementary groups (gid 0 among them) here, on
	 * the host: a user's jail may deny setgroups inside, and a process
	 * of that user's with host group 0 must never run there.
	 */
	if (!rootless)
		(void)setgroups(0, NULL);	/* ns_become_root checks */
	/* Whether it has users besides root, for a failed user switch. */
	ns_remember_jail(h->init_pid);
	/* One setns: the kernel joins the user namespace first. */
	r = ns_enter(h->init_pidfd, flags);
	if (r < 0)
		return r;
	if (flags & CLONE_NEWUSER) {
		r = ns_become_root(rootless);
		if (r < 0)
			return r;
	}
	fflush(NULL);
	child = fork();
	if (child < 0)
		return -errno;
	if (child > 0)
		enter_wait(h->init_pidfd, child, start_brk);
	/* Dies with the intermediate (until a user switch clears it). */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* Never the caller's cwd (CVE-2024-21626): the jail's root. */
	if (chdir("/") < 0)
		_exit(127);
	/*
	 * No host fd reaches a program exec'd here; the caller's own report
	 * pipes keep working until the exec.
	 */
	if (compat_close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		_exit(127);
	r = caps_apply(h->conf);
	if (r < 0 && r != -ENOSYS)
		_exit(127);
	if (r == -ENOSYS)
		util_debug("caps_apply: not built yet");
	r = jail_filter_apply(h->conf);
	if (r < 0 && r != -ENOSYS)
		_exit(127);
	if (r == -ENOSYS)
		util_debug("filter_apply: not built yet");
	return 0;
}
