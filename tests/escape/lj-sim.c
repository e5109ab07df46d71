/*
 * lj-sim.c - a minimal jail launcher for the escape suite, built from the
 * library's security functions, so the probes can run in a real jail
 * before (and besides) ljail -c.  It follows the ordering contract of
 * linux-peers.md §1.11: user namespace with the others in one step, maps
 * written by the parent, / made private, the root bound onto itself,
 * procfs and a small /dev mounted through fds below the root (never
 * following a symlink), the /proc masks, hostname, pivot_root and the old
 * root detached, fds closed, caps_apply, filter_apply, the user switch,
 * caps_finish, exec.
 *
 * usage: lj-sim [-u UID] [-b BASE] [-s NAME=VALUE]... [-FCM] ROOT PROG [ARG]...
 *   -u UID   run PROG as jail user UID (default 0, the jail's root)
 *   -b BASE  host uid/gid that jail id 0 maps to (root only; default
 *            3100000, 65536 ids); unprivileged callers map only themselves
 *   -s       a jail parameter (allow.raw_sockets=1, children.max=1...)
 *   -F -C -M leave out the filter, the capability trim or the masks
 *            (to see what each defence holds on its own)
 * Exit status: PROG's, 128+N if it died of signal N, 125 on a setup error.
 */
#include "config.h"

#include <err.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caps.h"
#include "compat.h"
#include "conf.h"
#include "filter.h"
#include "mask.h"
#include "util.h"

#define SETUP_FAILED 125

struct sim {
	const char *root;
	char **argv;
	uid_t uid;
	unsigned long base;
	bool no_filter, no_caps, no_masks;
	struct conf_jail *conf;
};

/* Reports a setup error from inside the jail and exits. */
static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	fprintf(stderr, "lj-sim: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(e));
	_exit(SETUP_FAILED);
}

/* Opens path below dirfd, refusing symlinks and escapes. */
static int
open_below(int dirfd, const char *path, int flags)
{
	struct open_how how = {
		.flags = (uint64_t)(flags | O_CLOEXEC),
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
		    RESOLVE_NO_MAGICLINKS,
	};

	return compat_openat2(dirfd, path, &how);
}

/* A new file system instance as a detached mount fd. */
static int
new_fs(const char *type, const char *mode)
{
	int fs = (int)syscall(SYS_fsopen, type, 1 /* FSOPEN_CLOEXEC */);
	int mnt;

	if (fs < 0)
		die("fsopen %s", type);
	if (mode != NULL && syscall(SYS_fsconfig, fs, 1, "mode", mode, 0) < 0)
		die("fsconfig %s", type);
	if (syscall(SYS_fsconfig, fs, 6 /* CMD_CREATE */, NULL, NULL, 0) < 0)
		die("fsconfig create %s", type);
	mnt = (int)syscall(SYS_fsmount, fs, 1, MOUNT_ATTR_NOSUID |
	    MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
	if (mnt < 0)
		die("fsmount %s", type);
	close(fs);
	return mnt;
}

/* Attaches a detached mount onto an O_PATH target fd. */
static void
attach(int mnt, int target, const char *what)
{
	if (compat_move_mount(mnt, "", target, "", MOVE_MOUNT_F_EMPTY_PATH |
	    0x40 /* MOVE_MOUNT_T_EMPTY_PATH */) < 0)
		die("mount %s", what);
}

/* /dev: a tmpfs with the host's harmless nodes bound in. */
static void
setup_dev(int rootfd)
{
	static const char *const nodes[] = {
		"null", "zero", "full", "random", "urandom", "tty",
	};
	int target = open_below(rootfd, "dev", O_PATH | O_DIRECTORY);
	int dev;

	if (target < 0)
		die("dev");
	dev = new_fs("tmpfs", "0755");
	for (size_t i = 0; i < ARRAY_SIZE(nodes); i++) {
		char host[64];
		int f, src;

		f = openat(dev, nodes[i], O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
		if (f < 0)
			die("dev/%s", nodes[i]);
		close(f);
		f = openat(dev, nodes[i], O_PATH | O_CLOEXEC | O_NOFOLLOW);
		snprintf(host, sizeof(host), "/dev/%s", nodes[i]);
		src = compat_open_tree(AT_FDCWD, host, OPEN_TREE_CLONE |
		    OPEN_TREE_CLOEXEC);
		if (f < 0 || src < 0)
			die("bind %s", host);
		attach(src, f, host);
		close(src);
		close(f);
	}
	if (symlinkat("/proc/self/fd", dev, "fd") < 0)
		die("dev/fd");
	attach(dev, target, "/dev");
	close(dev);
	close(target);
}

/* PID 1 of the jail: builds the view, locks down, runs PROG. */
static int
jail_init(const struct sim *s)
{
	char *msg = NULL;
	int rootfd, target, proc, r, st;
	pid_t pid;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		die("make / private");
	if (mount(s->root, s->root, NULL, MS_BIND | MS_REC, NULL) < 0)
		die("bind %s", s->root);
	rootfd = open(s->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		die("open %s", s->root);
	/* Targets are looked up below the root, symlinks refused (F5). */
	target = open_below(rootfd, "proc", O_PATH | O_DIRECTORY);
	if (target < 0)
		die("proc");
	proc = new_fs("proc", NULL);
	attach(proc, target, "/proc");
	close(target);
	if (!s->no_masks && (r = mask_apply_proc(proc, &msg)) < 0) {
		errno = -r;
		die("mask %s", msg != NULL ? msg : "/proc");
	}
	close(proc);
	setup_dev(rootfd);
	if (sethostname("sec-jail", 8) < 0)
		die("sethostname");
	if (fchdir(rootfd) < 0 || syscall(SYS_pivot_root, ".", ".") < 0)
		die("pivot_root");
	if (mount(NULL, ".", NULL, MS_REC | MS_SLAVE, NULL) < 0 ||
	    umount2(".", MNT_DETACH) < 0 || chdir("/") < 0)
		die("detach old root");
	close(rootfd);
	/* Only 0-2 survive into the jail (F2, F3). */
	if (compat_close_range(3, ~0U, 0) < 0)
		die("close_range");
	if (!s->no_caps && (r = caps_apply(s->conf)) < 0) {
		errno = -r;
		die("caps_apply");
	}
	if (!s->no_filter && (r = filter_apply(s->conf)) < 0) {
		errno = -r;
		die("filter_apply");
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (s->uid != 0 && (setgroups(0, NULL) < 0 ||
		    setresgid(s->uid, s->uid, s->uid) < 0 ||
		    setresuid(s->uid, s->uid, s->uid) < 0))
			die("switch to uid %u", (unsigned)s->uid);
		if (!s->no_caps && (r = caps_finish(s->conf)) < 0) {
			errno = -r;
			die("caps_finish");
		}
		execv(s->argv[0], s->argv);
		die("exec %s", s->argv[0]);
	}
	if (!s->no_caps)
		(void)caps_finish(s->conf);
	/* Reap everything; the exit status is PROG's. */
	for (;;) {
		pid_t w = waitpid(-1, &st, 0);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			return SETUP_FAILED;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Writes a /proc/PID file. */
static int
write_proc(pid_t pid, const char *file, const char *text)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	return util_write_file(path, text);
}

/* Runs the jail and returns its exit status. */
static int
run(const struct sim *s)
{
	int sv[2], st;
	char c = 0, map[64];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		err(SETUP_FAILED, "socketpair");
	pid = fork();
	if (pid < 0)
		err(SETUP_FAILED, "fork");
	if (pid == 0) {
		close(sv[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID |
		    CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS |
		    CLONE_NEWCGROUP) < 0)
			die("unshare");
		if (write(sv[1], &c, 1) != 1 || read(sv[1], &c, 1) != 1 ||
		    c != 1)
			die("waiting for the id maps");
		if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0)
			die("become jail root");
		pid = fork();
		if (pid < 0)
			die("fork PID 1");
		if (pid == 0)
			_exit(jail_init(s));
		if (waitpid(pid, &st, 0) != pid)
			die("wait");
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	}
	close(sv[1]);
	if (read(sv[0], &c, 1) != 1)
		errx(SETUP_FAILED, "the jail's first process died");
	if (getuid() == 0) {
		snprintf(map, sizeof(map), "0 %lu 65536\n", s->base);
		c = write_proc(pid, "uid_map", map) == 0 &&
		    write_proc(pid, "gid_map", map) == 0;
	} else {
		(void)write_proc(pid, "setgroups", "deny");
		snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)getuid());
		c = write_proc(pid, "uid_map", map) == 0;
		snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)getgid());
		c = c && write_proc(pid, "gid_map", map) == 0;
	}
	if (write(sv[0], &c, 1) != 1 || !c)
		warnx("writing the id maps failed");
	if (waitpid(pid, &st, 0) != pid)
		err(SETUP_FAILED, "wait");
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int
main(int argc, char **argv)
{
	struct sim s = { .base = 3100000 };
	int opt;

	s.conf = conf_jail_new("sec-sim", false);
	while ((opt = getopt(argc, argv, "+u:b:s:FCM")) != -1) {
		switch (opt) {
		case 'u':
			s.uid = (uid_t)strtoul(optarg, NULL, 10);
			break;
		case 'b':
			s.base = strtoul(optarg, NULL, 10);
			break;
		case 's': {
			char *eq = strchr(optarg, '=');
			char *vals[2] = { eq != NULL ? eq + 1 : NULL, NULL };

			if (eq != NULL)
				*eq = '\0';
			conf_jail_set(s.conf, optarg, eq != NULL ? vals : NULL,
			    false, NULL, 0);
			break;
		}
		case 'F':
			s.no_filter = true;
			break;
		case 'C':
			s.no_caps = true;
			break;
		case 'M':
			s.no_masks = true;
			break;
		default:
			fprintf(stderr, "usage: lj-sim [-u UID] [-b BASE] "
			    "[-s NAME=VALUE]... [-FCM] ROOT PROG [ARG]...\n");
			return SETUP_FAILED;
		}
	}
	if (argc - optind < 2) {
		fprintf(stderr, "usage: lj-sim [-u UID] [-b BASE] "
		    "[-s NAME=VALUE]... [-FCM] ROOT PROG [ARG]...\n");
		return SETUP_FAILED;
	}
	s.root = argv[optind];
	s.argv = argv + optind + 1;
	opt = run(&s);
	conf_jail_free(s.conf);
	return opt;
}
