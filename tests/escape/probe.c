/*
 * probe.c - the multi-call entry point and the verdict helpers of the
 * escape probes (see probe.h).
 */
#include "probe.h"

#include <libgen.h>
#include <sys/wait.h>

extern const struct probe __start_probes[];
extern const struct probe __stop_probes[];

static const char *probe_current = "?";

static const char *const verdict_names[] = {
	[PROBE_HELD] = "held", [PROBE_ESCAPED] = "escaped",
	[PROBE_BROKEN] = "broken",
};

/* Name of a verdict for the output lines. */
static const char *
verdict_name(int v)
{
	if (v == PROBE_SKIP)
		return "skip";
	if (v >= 0 && v <= PROBE_BROKEN)
		return verdict_names[v];
	return "?";
}

/* The worse of two verdicts. */
int
probe_worst(int a, int b)
{
	static const int rank[] = { [PROBE_HELD] = 0, [PROBE_BROKEN] = 2,
		[PROBE_ESCAPED] = 3 };
	int ra = a == PROBE_SKIP ? 1 : rank[a];
	int rb = b == PROBE_SKIP ? 1 : rank[b];

	return ra >= rb ? a : b;
}

/* Prints one step line and returns its verdict. */
int
probe_note(int verdict, const char *fmt, ...)
{
	va_list ap;

	printf("%s %s: ", probe_current, verdict_name(verdict));
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return verdict;
}

/* Whether err is in a 0-terminated list. */
static bool
in_list(int err, const int *list)
{
	for (; *list != 0; list++)
		if (*list == err)
			return true;
	return false;
}

/* Classifies a step that must fail (see probe.h). */
int
probe_expect_fail(const char *step, long r, int err, const int *held,
    const int *reached)
{
	if (r >= 0)
		return probe_note(PROBE_ESCAPED, "%s succeeded (%ld)", step, r);
	if (in_list(err, held))
		return probe_note(PROBE_HELD, "%s: %s", step, strerror(err));
	if (in_list(err, reached))
		return probe_note(PROBE_ESCAPED, "%s reached the kernel: %s",
		    step, strerror(err));
	return probe_note(PROBE_BROKEN, "%s: unexpected %s (errno %d)", step,
	    strerror(err), err);
}

/* A harness value from the environment. */
const char *
probe_env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* Runs fn in a forked child and returns the wait status. */
int
probe_in_child(int (*fn)(void *), void *arg)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn(arg));
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* Lists the probes. */
static void
probe_list(void)
{
	for (const struct probe *p = __start_probes; p < __stop_probes; p++)
		printf("%s\t%s\n", p->name, p->what);
}

/* Finds a probe by name. */
static const struct probe *
probe_find(const char *name)
{
	for (const struct probe *p = __start_probes; p < __stop_probes; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

/* Runs the probe named by the program's own name, or by argv[1]. */
int
main(int argc, char **argv)
{
	const struct probe *p = probe_find(basename(argv[0]));
	int v;

	if (p == NULL && argc >= 2 && strcmp(argv[1], "-l") == 0) {
		probe_list();
		return 0;
	}
	if (p == NULL && argc >= 2)
		p = probe_find(argv[1]);
	if (p == NULL) {
		fprintf(stderr, "usage: probe NAME | probe -l\n");
		return PROBE_BROKEN;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	probe_current = p->name;
	v = p->run();
	printf("%s verdict %s\n", p->name, verdict_name(v));
	return v;
}
