/*
 * Unit tests of ls: jls(8) output from in-memory records, with the
 * viewer's host values fixed, so defaults and reporting rules are exact.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <criterion/criterion.h>

#include "ls.h"
#include "util.h"

static const struct ls_host host = {
	.hostname = "viewer", .domainname = "", .osrelease = "6.1.0-18-amd64",
	.hostuuid = "00000000-0000-0000-0000-000000000001",
	.osreldate = 601000,
};

/* A record with parameters "name=value" or bare "name". */
static struct reg_jail *
jail(int jid, const char *name, int parent, const char *const *params)
{
	struct reg_jail *j = xcalloc(1, sizeof(*j));

	j->jid = jid;
	j->name = xstrdup(name);
	j->parent = parent;
	j->path = xstrdup("/");
	j->conf = conf_jail_new(name, false);
	for (size_t i = 0; params != NULL && params[i] != NULL; i++) {
		const char *eq = strchr(params[i], '=');
		char *v[2] = { NULL, NULL };

		if (eq == NULL) {
			conf_jail_set(j->conf, params[i], NULL, false, NULL, 0);
			continue;
		}
		_cleanup_free_ char *n = xstrndup(params[i],
		    (size_t)(eq - params[i]));
		v[0] = (char *)eq + 1;
		conf_jail_set(j->conf, n, v, false, NULL, 0);
	}
	return j;
}

/* Runs ls over jails v with flags and operand names; returns the text. */
static char *
run(unsigned flags, enum ls_style style, const char *const *names,
    struct reg_jail **v, size_t n)
{
	struct ls_query *q = NULL;
	const char *bad = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	cr_assert_eq(ls_prepare(flags, style, (char *const *)names, &q, &bad),
	    0);
	ls_set_host(q, &host);
	cr_assert_eq(ls_print(f, q, v, n, v, n), 0);
	fclose(f);
	ls_query_free(q);
	return buf;
}

Test(ls, defaults_come_from_the_viewer)
{
	const char *names[] = { "host.hostname", "osrelease", "osreldate",
	    "host.hostuuid", "securelevel", "enforce_statfs", "persist",
	    "cpuset.id", NULL };
	struct reg_jail *j = jail(1, "a", 0, NULL);
	char *out = run(0, LS_TEXT, names, &j, 1);

	cr_assert_str_eq(out, "viewer 6.1.0-18-amd64 601000 "
	    "00000000-0000-0000-0000-000000000001 -1 2 false 0\n");
	free(out);
	reg_jail_free(j);
}

Test(ls, ip_jailsys_reporting)
{
	const char *p1[] = { NULL };
	const char *p2[] = { "ip4.addr=192.0.2.1", NULL };
	const char *p3[] = { "ip4=inherit", NULL };
	const char *names[] = { "ip4", "ip6", NULL };
	const char *snames[] = { "jid", "ip4.addr", NULL };
	struct reg_jail *v[3] = { jail(1, "a", 0, p1), jail(2, "b", 0, p2),
	    jail(3, "c", 0, p3) };
	char *out = run(0, LS_TEXT, names, v, 3);

	cr_assert_str_eq(out, "disable disable\nnew disable\ninherit disable\n");
	free(out);
	/* -s keeps ip4.addr only where ip4 is reported "new". */
	out = run(LS_NAMEVAL | LS_QUOTED | LS_SKIP, LS_TEXT, snames, v, 3);
	cr_assert_str_eq(out, "jid=1\njid=2 ip4.addr=192.0.2.1\njid=3\n");
	free(out);
	for (int i = 0; i < 3; i++)
		reg_jail_free(v[i]);
}

Test(ls, host_jailsys)
{
	const char *p1[] = { "host.hostname=x", NULL };
	const char *p2[] = { "host=inherit", NULL };
	const char *names[] = { "host", "host.hostname", NULL };
	struct reg_jail *v[2] = { jail(1, "a", 0, p1), jail(2, "b", 0, p2) };
	char *out = run(LS_NAMEVAL | LS_QUOTED | LS_SKIP, LS_TEXT, names, v, 2);

	cr_assert_str_eq(out, "host=new host.hostname=x\nhost=inherit\n");
	free(out);
	for (int i = 0; i < 2; i++)
		reg_jail_free(v[i]);
}

Test(ls, all_order_and_membership)
{
	struct reg_jail *j = jail(1, "a", 0, NULL);
	char *out = run(LS_HEADER, LS_TEXT, NULL, &j, 1);
	char *nl = strchr(out, '\n');

	*nl = '\0';
	cr_assert(str_has_prefix(out, "devfs_ruleset dying enforce_statfs env "
	    "host ip4 ip6 jid meta name "), "%s", out);
	cr_assert(strstr(out, " vnet allow.adjtime ") != NULL);
	cr_assert(strstr(out, "ip6.addr ip6.saddrsel") != NULL);
	cr_assert_null(strstr(out, "exec."));
	cr_assert_null(strstr(out, "mac.label"));
	cr_assert_null(strstr(out, "allow.dying"));
	cr_assert_null(strstr(out, "linux"));
	cr_assert_null(strstr(out, "command"));
	/* Every dotless name comes before every dotted one. */
	char *first_dot = strchr(out, '.');
	char *sp = first_dot;
	while (sp > out && sp[-1] != ' ')
		sp--;
	for (char *s = sp; (s = strchr(s, ' ')) != NULL; s++)
		cr_assert(strchr(s + 1, '.') != NULL &&
		    strchr(s + 1, '.') < (strchr(s + 1, ' ') != NULL ?
		    strchr(s + 1, ' ') : s + strlen(s)), "dotless late: %s", s);
	free(out);
	reg_jail_free(j);
}

Test(ls, unknown_parameters)
{
	const char *n1[] = { "jid", "bogus", NULL };
	const char *n2[] = { "exec.start", NULL };
	const char *n3[] = { "novnet", NULL };
	const char *n4[] = { "meta.", NULL };
	struct ls_query *q = NULL;
	const char *bad = NULL;

	cr_assert_eq(ls_prepare(0, LS_TEXT, (char *const *)n1, &q, &bad),
	    -EINVAL);
	cr_assert_str_eq(bad, "bogus");
	cr_assert_eq(ls_prepare(0, LS_TEXT, (char *const *)n2, &q, &bad),
	    -EINVAL);
	cr_assert_str_eq(bad, "exec.start");
	cr_assert_eq(ls_prepare(0, LS_TEXT, (char *const *)n3, &q, &bad),
	    -EINVAL);
	cr_assert_eq(ls_prepare(0, LS_TEXT, (char *const *)n4, &q, &bad),
	    -EINVAL);
}

Test(ls, no_booleans)
{
	const char *p[] = { "allow.mount", NULL };
	const char *names[] = { "persist", "nopersist", "allow.nomount",
	    "allow.mount.nodevfs", "nodying", NULL };
	struct reg_jail *j = jail(1, "a", 0, p);
	char *out = run(0, LS_TEXT, names, &j, 1);

	cr_assert_str_eq(out, "false true false true true\n");
	free(out);
	out = run(LS_NAMEVAL, LS_TEXT, names, &j, 1);
	cr_assert_str_eq(out, "nopersist nopersist allow.mount "
	    "allow.mount.nodevfs nodying\n");
	free(out);
	reg_jail_free(j);
}

Test(ls, quoting)
{
	const char *p[] = { "meta=a b", "env=x'y", "host.hostname=say \"hi\"",
	    "host.domainname=", "osrelease=tab\there", NULL };
	const char *names[] = { "meta", "env", "host.hostname",
	    "host.domainname", "osrelease", "jid", NULL };
	struct reg_jail *j = jail(4, "a", 0, p);
	char *out = run(0, LS_TEXT, names, &j, 1);

	cr_assert_str_eq(out, "a b x'y say \"hi\" \"\" tab\there 4\n");
	free(out);
	out = run(LS_QUOTED, LS_TEXT, names, &j, 1);
	cr_assert_str_eq(out, "\"a b\" \"x'y\" 'say \"hi\"' \"\" "
	    "\"tab\there\" 4\n");
	free(out);
	reg_jail_free(j);
}

Test(ls, children_cur_counts_descendants)
{
	const char *names[] = { "name", "children.cur", NULL };
	struct reg_jail *v[4] = { jail(1, "a", 0, NULL), jail(2, "a.b", 1, NULL),
	    jail(3, "a.b.c", 2, NULL), jail(4, "d", 0, NULL) };
	char *out = run(0, LS_TEXT, names, v, 4);

	cr_assert_str_eq(out, "a 2\na.b 1\na.b.c 0\nd 0\n");
	free(out);
	for (int i = 0; i < 4; i++)
		reg_jail_free(v[i]);
}

Test(ls, json_escaping)
{
	const char *p[] = { "meta=q\"b\\s\x01", NULL };
	const char *names[] = { "meta", "ip6.addr", NULL };
	struct reg_jail *j = jail(1, "a", 0, p);
	char *out = run(0, LS_JSON, names, &j, 1);

	cr_assert_str_eq(out, "{\"__version\": \"2\", \"jail-information\": "
	    "{\"jail\": [{\"meta\":\"q\\\"b\\\\s\\u0001\", \"ip6.addr\": []}]}}\n");
	free(out);
	/* libxo's XML: quotes as they are, a control character as a space */
	out = run(0, LS_XML, names, &j, 1);
	cr_assert_str_eq(out, "<jail-information version=\"2\"><jail>"
	    "<meta>q\"b\\s </meta></jail></jail-information>");
	free(out);
	reg_jail_free(j);
}

Test(ls, empty_list_forms)
{
	const char *names[] = { "ip4.addr", NULL };
	struct reg_jail *j = jail(1, "a", 0, NULL);
	char *out;

	out = run(0, LS_TEXT, names, &j, 1);
	cr_assert_str_eq(out, "-\n");
	free(out);
	out = run(LS_QUOTED, LS_TEXT, names, &j, 1);
	cr_assert_str_eq(out, "\"\"\n");
	free(out);
	out = run(LS_NAMEVAL, LS_TEXT, names, &j, 1);
	cr_assert_str_eq(out, "ip4.addr=\n");
	free(out);
	out = run(LS_NAMEVAL | LS_QUOTED, LS_TEXT, names, &j, 1);
	cr_assert_str_eq(out, "ip4.addr=\"\"\n");
	free(out);
	reg_jail_free(j);
}
