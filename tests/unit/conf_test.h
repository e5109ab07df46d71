/*
 * conf_test.h - helpers shared by the jail.conf unit tests: parse a
 * string, render diagnostics, look parameters up.
 */
#ifndef LJAIL_CONF_TEST_H
#define LJAIL_CONF_TEST_H

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>

#include "conf.h"
#include "util.h"

struct parsed {
	int r;
	struct conf *c;
	struct conf_diag *d;
	char *msgs;	/* the first line of every diagnostic */
	char *full;	/* every diagnostic as printed */
};

/* Renders diagnostics: first lines only, or everything. */
static inline char *
render(const struct conf_diag *d, bool full, bool lint)
{
	char *out = xstrdup("");

	for (; d != NULL; d = d->next) {
		char *s = lint ? conf_diag_format_lint(d, "ljail") :
		    conf_diag_format(d, "ljail");
		char *nl = full ? NULL : strchr(s, '\n');
		char *n;

		if (nl != NULL)
			nl[1] = '\0';
		n = xasprintf("%s%s", out, s);
		free(out);
		free(s);
		out = n;
	}
	return out;
}

/* Parses text as file "T" (flags as conf_parse_buffer). */
static inline struct parsed
parse_flags(const char *text, unsigned flags)
{
	struct parsed p;

	memset(&p, 0, sizeof(p));
	p.r = conf_parse_buffer("T", text, strlen(text), flags, &p.c, &p.d);
	p.msgs = render(p.d, false, false);
	p.full = render(p.d, true, false);
	return p;
}

static inline struct parsed
parse(const char *text)
{
	return parse_flags(text, 0);
}

static inline void
parsed_free(struct parsed *p)
{
	conf_free(p->c);
	conf_diag_free(p->d);
	free(p->msgs);
	free(p->full);
}

/* The -e line of jail i. */
static inline char *
eline(const struct parsed *p, size_t i)
{
	cr_assert_not_null(p->c);
	cr_assert_lt(i, p->c->njails);
	return conf_format_jail(p->c->jails[i], "|");
}

/* Asserts the -e line of jail i. */
#define assert_eline(p, i, want)                                          \
	do {                                                              \
		char *_l = eline((p), (i));                               \
		cr_assert_str_eq(_l, (want));                             \
		free(_l);                                                 \
	} while (0)

/* A parameter of a jail by exact name; the test fails if there is none. */
__attribute__((returns_nonnull)) static inline const struct conf_param *
param_named(const struct conf_jail *j, const char *name)
{
	for (size_t i = 0; i < j->nparams; i++)
		if (strcmp(j->params[i].name, name) == 0)
			return &j->params[i];
	cr_assert_fail("no parameter %s", name);
	abort();
}

#endif
