/*
 * fixture.h - where unit tests put what they make: below the run's
 * temporary directory (TMPDIR, which scripts/run-tests points at a
 * per-run directory it removes at the end), never straight in /tmp; and
 * the shared busybox root, made once and completely (scripts/mkroot
 * builds it under a temporary name and renames it into place).
 */
#ifndef LJAIL_TEST_FIXTURE_H
#define LJAIL_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <criterion/criterion.h>

/* The run's temporary directory: $TMPDIR if absolute, else /tmp. */
static inline const char *
fixture_tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	return t != NULL && t[0] == '/' ? t : "/tmp";
}

/* Writes TMPDIR/NAME (NAME may be a mkstemp template) into buf. */
static inline char *
fixture_path(char *buf, size_t size, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", fixture_tmpdir(), name);

	cr_assert(n > 0 && (size_t)n < size, "TMPDIR too long for %s", name);
	return buf;
}

/*
 * The shared busybox root: $LJAIL_TEST_ROOT (made by scripts/run-tests
 * before any test starts), else TMPDIR/ljail-test-root, made here by
 * scripts/mkroot if absent.  Skips the test when it cannot be made.
 */
static inline const char *
fixture_root(void)
{
	static char root[1024];
	const char *r = getenv("LJAIL_TEST_ROOT");
	const char *top = getenv("top_srcdir");
	char cmd[4096];

	if (r != NULL && r[0] == '/')
		snprintf(root, sizeof(root), "%s", r);
	else
		fixture_path(root, sizeof(root), "ljail-test-root");
	if (access(root, F_OK) == 0)
		return root;
	if (top == NULL)
		cr_skip_test("top_srcdir unset: run through make check");
	snprintf(cmd, sizeof(cmd), "'%s/scripts/mkroot' '%s' >/dev/null 2>&1",
	    top, root);
	if (system(cmd) != 0)
		cr_skip_test("no busybox test root (scripts/mkroot failed)");
	return root;
}

#endif
