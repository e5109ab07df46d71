/*
 * probe.h - the escape probes (linux-peers.md §3): one technique per
 * source file under probes/, all linked into one static multi-call
 * binary, run as "probe NAME" or through a link named NAME.
 *
 * A probe performs its technique with arguments that are harmless if
 * the defence is missing (invalid ids, fd -1, signal 0, never a write to
 * a kernel knob), and classifies every step:
 *   held     the expected defence answered (a specific errno or signal)
 *   escaped  the step reached what it must not (success, or the errno
 *            the kernel itself gives only once no defence stopped it)
 *   broken   anything else: the setup is wrong, and that must not pass
 * A probe's verdict is the worst of its steps; the exit status is
 * PROBE_HELD (0), PROBE_ESCAPED (1), PROBE_BROKEN (2) or PROBE_SKIP (77),
 * and one line per step goes to stdout for the harness's TAP output.
 *
 * The harness passes the host-side facts in the environment:
 *   LJ_MARKER    absolute host path of a marker file outside the root
 *   LJ_SENTINEL  host pid of a sentinel process
 *   LJ_SHMKEY    key of a host SysV shm segment and message queue
 *   LJ_ABSTRACT  name of a host abstract unix socket (without the @)
 *   LJ_PORT      a TCP port the host listens on at 127.0.0.1
 *   LJ_KEY       description of a key in the harness's user keyring
 */
#ifndef LJAIL_PROBE_H
#define LJAIL_PROBE_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum probe_verdict {
	PROBE_HELD = 0,
	PROBE_ESCAPED = 1,
	PROBE_BROKEN = 2,
	PROBE_SKIP = 77,
};

struct probe {
	const char *name;	/* the §3 id, e.g. "F1" */
	const char *what;	/* one line: the technique */
	int (*run)(void);	/* returns an enum probe_verdict */
};

/* Probes register themselves in the "probes" section. */
#define PROBE(id, desc)                                                    \
	static int probe_##id(void);                                       \
	static const struct probe probe_def_##id                           \
	    __attribute__((used, section("probes"), aligned(8))) = {       \
		#id, desc, probe_##id };                                   \
	static int probe_##id(void)

/* Errno lists end with 0. */
#define E(...) ((const int[]){ __VA_ARGS__, 0 })
#define NONE ((const int[]){ 0 })

/*
 * Classifies a step that must fail: r < 0 with errno in held is held,
 * success or an errno in reached is escaped, anything else broken.
 * Returns the verdict and prints one line.
 */
int probe_expect_fail(const char *step, long r, int err, const int *held,
    const int *reached);

/* Wrapper: evaluates call, captures errno. */
#define EXPECT_FAIL(v, step, call, held, reached)                          \
	do {                                                               \
		errno = 0;                                                 \
		long r_ = (long)(call);                                    \
		int e_ = errno;                                            \
		v = probe_worst(v, probe_expect_fail(step, r_, e_, held,   \
		    reached));                                             \
	} while (0)

/* Records a step's verdict with a message. */
int probe_note(int verdict, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The worse of two verdicts (escaped > broken > skip > held). */
int probe_worst(int a, int b);

/* A harness-provided value, or NULL (the probe then skips that step). */
const char *probe_env(const char *name);

/* Runs fn in a child; returns its wait status (for signal checks). */
int probe_in_child(int (*fn)(void *), void *arg);

/* Whether the process runs as (jail) root. */
static inline bool
probe_is_root(void)
{
	return geteuid() == 0;
}

#endif
