/*
 * sec_helpers.h - shared by the filter, caps and mask unit tests: a jail
 * configuration from "name=value" strings, and entering a private user
 * namespace (plus others) in the test process so that filter_apply() and
 * caps_apply() run as a jail root would, without touching the host.
 */
#ifndef LJAIL_TEST_SEC_HELPERS_H
#define LJAIL_TEST_SEC_HELPERS_H

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "conf.h"
#include "util.h"

/* A command-line jail from "name=value" (or bare "name") settings. */
static inline struct conf_jail *
sec_jail_va(const char *first, va_list ap)
{
	struct conf_jail *j = conf_jail_new(NULL, false);

	for (const char *kv = first; kv != NULL;
	    kv = va_arg(ap, const char *)) {
		const char *eq = strchr(kv, '=');
		char *name = eq != NULL ? xstrndup(kv, (size_t)(eq - kv)) :
		    xstrdup(kv);
		char *vals[2] = { (char *)(eq != NULL ? eq + 1 : NULL), NULL };

		conf_jail_set(j, name, eq != NULL ? vals : NULL, false, NULL,
		    0);
		free(name);
	}
	return j;
}

/* sec_jail_va() with the settings as arguments, NULL-terminated. */
static inline struct conf_jail *
sec_jail(const char *first, ...)
{
	struct conf_jail *j;
	va_list ap;

	va_start(ap, first);
	j = sec_jail_va(first, ap);
	va_end(ap);
	return j;
}

/* Writes a string to a /proc file; returns 0 or -errno. */
static inline int
sec_write(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

/*
 * Criterion's test process has threads, and unshare(CLONE_NEWUSER) needs
 * a single-threaded caller, so each privileged check runs in a forked
 * child.  The child must not use cr_assert (the reporting channel
 * belongs to the parent): it reports a failure as text on a pipe and
 * exits 1, a skip with exit 77; the parent turns that into Criterion's
 * verdict.
 */
static int sec_report_fd = -1;

#define SEC_SKIP_STATUS 77

/* Fails the running check (child side) with a message. */
#define SEC_FAIL(...)                                                      \
	do {                                                               \
		dprintf(sec_report_fd, "%s:%d: ", __FILE__, __LINE__);     \
		dprintf(sec_report_fd, __VA_ARGS__);                       \
		_exit(1);                                                  \
	} while (0)

/* Asserts a condition in the child. */
#define SEC_CHECK(cond, ...)                                               \
	do {                                                               \
		if (!(cond))                                               \
			SEC_FAIL(__VA_ARGS__);                             \
	} while (0)

/* Skips the running check (child side) with a reason. */
#define SEC_SKIP(...)                                                      \
	do {                                                               \
		dprintf(sec_report_fd, __VA_ARGS__);                       \
		_exit(SEC_SKIP_STATUS);                                    \
	} while (0)

/* Asserts that a call failed with exactly err. */
#define EXPECT_ERR(call, err)                                              \
	do {                                                               \
		errno = 0;                                                 \
		long r_ = (long)(call);                                    \
		int e_ = errno;                                            \
		SEC_CHECK(r_ == -1 && e_ == (err),                         \
		    "%s: want errno %d (%s), got %ld errno %d (%s)\n",     \
		    #call, (err), strerror(err), r_, e_, strerror(e_));    \
	} while (0)

/* Asserts that a call succeeded (returned >= 0). */
#define EXPECT_OK(call)                                                    \
	do {                                                               \
		errno = 0;                                                 \
		long r_ = (long)(call);                                    \
		SEC_CHECK(r_ >= 0, "%s: want success, got errno %d (%s)\n",\
		    #call, errno, strerror(errno));                        \
	} while (0)

/* Runs body in a child; sig is the signal that must end it, or 0. */
static inline void
sec_run(void (*body)(void), int sig)
{
	char msg[4096];
	size_t len = 0;
	ssize_t n;
	int p[2], st;
	pid_t pid;

	cr_assert_eq(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		close(p[0]);
		sec_report_fd = p[1];
		body();
		_exit(0);
	}
	close(p[1]);
	while (len < sizeof(msg) - 1 &&
	    (n = read(p[0], msg + len, sizeof(msg) - 1 - len)) > 0)
		len += (size_t)n;
	msg[len] = '\0';
	close(p[0]);
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	if (WIFEXITED(st) && WEXITSTATUS(st) == SEC_SKIP_STATUS)
		cr_skip_test("%s", msg);
	if (sig != 0) {
		cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == sig,
		    "want signal %d, got status %#x: %s", sig, st, msg);
		return;
	}
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "check failed (status %#x): %s", st, msg);
}

/* Declares a Criterion test whose body runs in a child (see sec_run). */
#define SEC_TEST(suite, name, sig)                                         \
	static void suite##_##name##_body(void);                           \
	Test(suite, name)                                                  \
	{                                                                  \
		sec_run(suite##_##name##_body, sig);                       \
	}                                                                  \
	static void suite##_##name##_body(void)

/*
 * Enters a new user namespace (and the extra namespaces in flags) with
 * the caller mapped to root, so the check holds every capability there
 * and nothing it does reaches the host; skips when that is impossible.
 * Child side only.
 */
static inline void
sec_enter_userns(int flags)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();
	int r;

	if (unshare(CLONE_NEWUSER | flags) < 0)
		SEC_SKIP("cannot create a user namespace: %s", strerror(errno));
	(void)sec_write("/proc/self/setgroups", "deny");
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	r = sec_write("/proc/self/uid_map", map);
	SEC_CHECK(r == 0, "uid_map: %s\n", strerror(-r));
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	r = sec_write("/proc/self/gid_map", map);
	SEC_CHECK(r == 0, "gid_map: %s\n", strerror(-r));
}

#endif
