/*
 * Unit tests of the /proc and /sys masks.  Each check mounts a fresh
 * procfs (or sysfs) in a private user, mount and PID namespace, applies
 * the masks, and checks what a jail would see.  No check ever writes a
 * kernel knob: opening for writing is refused (EROFS) when the mask
 * holds, and the file is closed unwritten if it does not.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mask.h"
#include "fixture.h"
#include "sec_helpers.h"

static char mask_dir[512];

/*
 * Whether an open-for-write errno shows the read-only mask.  As host
 * root (mapped to uid 0) only EROFS does; as another user the kernel
 * may refuse with EACCES first, which proves less, so that pass is
 * strict only when run as root.
 */
static bool
refused_ro(int err)
{
	static uid_t host_uid = (uid_t)-1;

	if (host_uid == (uid_t)-1)
		host_uid = getuid();
	return err == EROFS || (host_uid != 0 && err == EACCES);
}

/* Makes the empty mount point every check uses. */
static void
setup(void)
{
	cr_assert_not_null(mkdtemp(fixture_path(mask_dir, sizeof(mask_dir),
	    "sec-mask-XXXXXX")));
}

/* Removes the mount point (the mounts died with the namespace). */
static void
teardown(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/sys", mask_dir);
	(void)unlink(path);
	snprintf(path, sizeof(path), "%s/kcore", mask_dir);
	(void)rmdir(path);
	(void)rmdir(mask_dir);
}

TestSuite(mask, .init = setup, .fini = teardown);

/*
 * Enters user, mount and PID namespaces and forks so that the caller is
 * PID 1 of the new PID namespace (a procfs shows the mounter's PID
 * namespace); the parent side waits and exits with the child's status.
 */
static void
enter_pidns(int extra)
{
	pid_t pid;
	int st;

	sec_enter_userns(CLONE_NEWNS | CLONE_NEWPID | extra);
	SEC_CHECK(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0,
	    "rprivate: %s\n", strerror(errno));
	pid = fork();
	SEC_CHECK(pid >= 0, "fork: %s\n", strerror(errno));
	if (pid > 0) {
		if (waitpid(pid, &st, 0) != pid)
			_exit(1);
		if (WIFEXITED(st))
			_exit(WEXITSTATUS(st));
		_exit(1);
	}
}

/* Opens a fresh procfs (or sysfs) mounted on mask_dir, masked. */
static int
mount_masked(const char *type)
{
	char *msg = NULL;
	int fd, r;

	if (mount(type, mask_dir, type, MS_NOSUID | MS_NODEV | MS_NOEXEC |
	    (type[0] == 's' ? MS_RDONLY : 0), NULL) < 0)
		SEC_SKIP("cannot mount %s here: %s", type, strerror(errno));
	fd = open(mask_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	SEC_CHECK(fd >= 0, "open: %s\n", strerror(errno));
	r = type[0] == 'p' ? mask_apply_proc(fd, &msg) :
	    mask_apply_sys(fd, &msg);
	SEC_CHECK(r == 0, "mask: %s (%s)\n", strerror(-r),
	    msg != NULL ? msg : "no message");
	return fd;
}

/* errno of opening path (relative to mask_dir) with flags; 0 = opened. */
static int
open_err(int dirfd, const char *path, int flags)
{
	int fd = openat(dirfd, path, flags | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* Bytes readable from a file; -errno on failure. */
static long
read_len(int dirfd, const char *path)
{
	char buf[4096];
	long total = 0;
	ssize_t n;
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf, sizeof(buf))) > 0 && total < (1 << 20))
		total += n;
	close(fd);
	return n < 0 ? -errno : total;
}

/* Whether a path is the null device. */
static bool
is_null(int dirfd, const char *path)
{
	struct stat st;

	return fstatat(dirfd, path, &st, 0) == 0 && S_ISCHR(st.st_mode) &&
	    major(st.st_rdev) == 1 && minor(st.st_rdev) == 3;
}

/* Number of entries in a directory besides . and .. */
static int
entries(int dirfd, const char *path)
{
	int fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *e;
	DIR *d;
	int n = 0;

	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* Whether a path exists (kernels differ in what /proc and /sys hold). */
static bool
exists(int dirfd, const char *path)
{
	struct stat st;

	return fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* Opens a real directory fd below an O_PATH one. */
static int
dir_of(int pathfd)
{
	int fd = openat(pathfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	SEC_CHECK(fd >= 0, "dir: %s\n", strerror(errno));
	return fd;
}

SEC_TEST(mask, proc_sysctls_read_only, 0)
{
	int fd;

	(void)refused_ro(0);	/* note the host uid before entering */
	enter_pidns(0);
	fd = dir_of(mount_masked("proc"));
	SEC_CHECK(refused_ro(open_err(fd, "sys/kernel/core_pattern", O_WRONLY)),
	    "core_pattern writable\n");
	SEC_CHECK(!exists(fd, "sys/kernel/modprobe") ||
	    refused_ro(open_err(fd, "sys/kernel/modprobe", O_WRONLY)),
	    "modprobe writable\n");
	SEC_CHECK(refused_ro(open_err(fd, "sys/vm/drop_caches", O_WRONLY)),
	    "drop_caches writable\n");
	SEC_CHECK(refused_ro(open_err(fd, "sys/kernel/hostname", O_WRONLY)),
	    "hostname sysctl writable\n");
	SEC_CHECK(!exists(fd, "sysrq-trigger") ||
	    refused_ro(open_err(fd, "sysrq-trigger", O_WRONLY)),
	    "sysrq-trigger writable\n");
	/* Still readable, as on FreeBSD's sysctl. */
	SEC_CHECK(read_len(fd, "sys/kernel/ostype") > 0, "ostype unreadable\n");
	/* The jail's own processes stay visible. */
	SEC_CHECK(read_len(fd, "self/status") > 0, "self/status\n");
	SEC_CHECK(read_len(fd, "1/status") > 0, "1/status\n");
}

SEC_TEST(mask, proc_info_files_masked, 0)
{
	static const char *const files[] = {
		"kcore", "keys", "timer_list", "kallsyms", "kmsg", "sched_debug",
		"interrupts",
	};
	int fd;

	enter_pidns(0);
	fd = dir_of(mount_masked("proc"));
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		if (!exists(fd, files[i]))
			continue;	/* not in this kernel */
		SEC_CHECK(is_null(fd, files[i]), "%s is not masked\n",
		    files[i]);
		SEC_CHECK(read_len(fd, files[i]) == 0, "%s readable\n",
		    files[i]);
	}
	/* A masked directory is empty and takes no files. */
	if (entries(fd, "acpi") >= 0) {
		SEC_CHECK(entries(fd, "acpi") == 0, "acpi not empty\n");
		SEC_CHECK(open_err(fd, "acpi/x", O_WRONLY | O_CREAT) == EROFS,
		    "acpi writable\n");
	}
}

SEC_TEST(mask, sys_knobs_masked, 0)
{
	int fd;

	(void)refused_ro(0);
	enter_pidns(CLONE_NEWNET);
	fd = dir_of(mount_masked("sysfs"));
	SEC_CHECK(!exists(fd, "kernel/uevent_helper") ||
	    is_null(fd, "kernel/uevent_helper"), "uevent_helper not masked\n");
	SEC_CHECK(entries(fd, "firmware") == 0, "firmware not empty\n");
	SEC_CHECK(entries(fd, "kernel/security") <= 0, "security visible\n");
	/* The read-only sysfs itself refuses writes. */
	SEC_CHECK(refused_ro(open_err(fd, "kernel/profiling", O_WRONLY)) ||
	    !exists(fd, "kernel/profiling"), "sysfs writable\n");
}

/*
 * A directory tree laid out by the test, as a hostile jail root could,
 * seen from a private user and mount namespace: should the masks ever
 * mount something there, it dies with the namespace, never on the host.
 */
static int
plant(const char *what)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", mask_dir, what);
	if (strcmp(what, "sys") == 0)
		SEC_CHECK(symlink("/", path) == 0, "symlink\n");
	else
		SEC_CHECK(mkdir(path, 0755) == 0, "mkdir\n");
	sec_enter_userns(CLONE_NEWNS);
	SEC_CHECK(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0,
	    "rprivate: %s\n", strerror(errno));
	fd = open(mask_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	SEC_CHECK(fd >= 0, "open: %s\n", strerror(errno));
	return fd;
}

SEC_TEST(mask, refuses_symlinks, 0)
{
	char *msg = NULL;
	int fd = plant("sys");
	int r = mask_apply_proc(fd, &msg);

	/* Nothing is followed out of the directory: ELOOP, named. */
	SEC_CHECK(r == -ELOOP, "got %d\n", r);
	SEC_CHECK(msg != NULL && strcmp(msg, "/proc/sys: Too many levels of "
	    "symbolic links") == 0, "message %s\n", msg ? msg : "(none)");
	free(msg);
	close(fd);
}

SEC_TEST(mask, refuses_a_directory_for_a_file, 0)
{
	char *msg = NULL;
	int fd = plant("kcore");
	int r = mask_apply_proc(fd, &msg);

	SEC_CHECK(r == -EISDIR, "got %d\n", r);
	SEC_CHECK(msg != NULL && strcmp(msg, "/proc/kcore: Is a directory") ==
	    0, "message %s\n", msg ? msg : "(none)");
	free(msg);
	close(fd);
}

SEC_TEST(mask, refuses_a_fake_null_device, 0)
{
	char fake[PATH_MAX], *msg = NULL;
	int fd, proc, r;

	/* CVE-2025-31133: /dev/null swapped for something else. */
	enter_pidns(0);
	snprintf(fake, sizeof(fake), "%s-null", mask_dir);
	fd = open(fake, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	SEC_CHECK(fd >= 0, "fake: %s\n", strerror(errno));
	close(fd);
	SEC_CHECK(mount(fake, "/dev/null", NULL, MS_BIND, NULL) == 0,
	    "bind over /dev/null: %s\n", strerror(errno));
	unlink(fake);
	if (mount("proc", mask_dir, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	    NULL) < 0)
		SEC_SKIP("cannot mount proc here: %s", strerror(errno));
	proc = open(mask_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	SEC_CHECK(proc >= 0, "open: %s\n", strerror(errno));
	r = mask_apply_proc(proc, &msg);
	SEC_CHECK(r == -EPERM, "masked with a regular file: %d\n", r);
	SEC_CHECK(msg != NULL && strncmp(msg, "/proc/", 6) == 0 &&
	    strstr(msg, ": Operation not permitted") != NULL, "message %s\n",
	    msg != NULL ? msg : "(none)");
	/* Nothing was covered with the fake. */
	SEC_CHECK(!exists(proc, "keys") || !is_null(proc, "keys"),
	    "keys covered\n");
	free(msg);
}
