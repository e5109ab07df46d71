/* Unit tests of "depend" ordering (§1.9). */
#include "conf_test.h"
#include "dep.h"

/* Names of jails joined by spaces. */
static char *
names(struct conf_jail **v, size_t n)
{
	char *out = xstrdup("");

	for (size_t i = 0; i < n; i++) {
		char *s = xasprintf("%s%s%s%s", out, i > 0 ? " " : "",
		    v[i]->name, v[i]->implied ? "*" : "");

		free(out);
		out = s;
	}
	return out;
}

/* Orders the targets named in t (space separated, "" = none). */
static char *
order(struct conf *c, const char *t, unsigned closure)
{
	struct conf_jail **sel = NULL, **run = NULL;
	size_t nsel = 0, nrun = 0;
	char *copy = xstrdup(t), *save = NULL, *out;

	for (char *s = strtok_r(copy, " ", &save); s != NULL;
	    s = strtok_r(NULL, " ", &save)) {
		sel = xreallocarray(sel, nsel + 1, sizeof(*sel));
		sel[nsel] = conf_find(c, s);
		cr_assert_not_null(sel[nsel], "%s", s);
		nsel++;
	}
	dep_order(c, sel, nsel, closure, &run, &nrun);
	out = names(run, nrun);
	for (size_t i = 0; i < c->njails; i++)
		c->jails[i]->implied = false;
	free(run);
	free(sel);
	free(copy);
	return out;
}

Test(dep, undefined_and_loop)
{
	struct parsed p = parse("a { depend = nosuch; }\nb { depend = c; }\n"
	    "c { depend = b; }\nd { depend = c; }\ne { }\n");
	struct conf_diag *d = NULL;
	char *m;

	dep_check(p.c, &d);
	m = render(d, false, false);
	cr_assert_str_eq(m, "ljail: a: depends on undefined jail \"nosuch\"\n"
	    "ljail: b: dependency loop\n");
	cr_assert(p.c->jails[0]->failed);
	cr_assert(p.c->jails[1]->failed);
	cr_assert_not(p.c->jails[2]->failed);
	cr_assert_not(p.c->jails[4]->failed);
	free(m);
	conf_diag_free(d);
	parsed_free(&p);
}

Test(dep, creation_order_and_closure)
{
	struct parsed p = parse("web { depend = db, cache; }\n"
	    "db { }\ncache { depend = db; }\nother { }\n");
	char *s;

	s = order(p.c, "web db cache other", DEP_NONE);
	cr_assert_str_eq(s, "db cache web other");
	free(s);
	s = order(p.c, "web", DEP_REQUIRED);
	cr_assert_str_eq(s, "db* cache* web");
	free(s);
	s = order(p.c, "db", DEP_DEPENDENTS);
	cr_assert_str_eq(s, "db cache* web*");
	free(s);
	s = order(p.c, "db", DEP_REQUIRED);
	cr_assert_str_eq(s, "db");
	free(s);
	parsed_free(&p);
}

Test(dep, child_depends_on_parent)
{
	struct parsed p = parse("a.b { }\na { }\nx.y { }\n");
	char *s;

	s = order(p.c, "a.b a x.y", DEP_NONE);
	cr_assert_str_eq(s, "a a.b x.y");
	free(s);
	s = order(p.c, "a.b", DEP_REQUIRED);
	cr_assert_str_eq(s, "a* a.b");
	free(s);
	s = order(p.c, "a", DEP_DEPENDENTS);
	cr_assert_str_eq(s, "a a.b*");
	free(s);
	cr_assert(dep_depends_on(p.c, p.c->jails[0], p.c->jails[1]));
	cr_assert_not(dep_depends_on(p.c, p.c->jails[1], p.c->jails[0]));
	parsed_free(&p);
}

Test(dep, command_line_jails_keep_their_order)
{
	struct conf_jail *j = conf_jail_new(NULL, false);
	struct conf_jail **run = NULL;
	size_t n = 0;

	dep_order(NULL, &j, 1, DEP_REQUIRED, &run, &n);
	cr_assert_eq(n, 1);
	cr_assert_eq(run[0], j);
	free(run);
	conf_jail_free(j);
}
