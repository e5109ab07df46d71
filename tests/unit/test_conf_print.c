/* Unit tests of jail(8)'s quoting, -e lines, -J records, diagnostics,
 * and the round trip parse -> -e -> parse. */
#include "conf_test.h"

/* Quotes v and compares. */
static void
q(const char *v, const char *want)
{
	char *s = conf_quote_value(v);

	cr_assert_str_eq(s, want, "quoting [%s]", v);
	free(s);
}

Test(conf_print, quoting_rule)
{
	q("", "\"\"");
	q("plain", "plain");
	q("a b", "\"a b\"");
	q("a\tb", "\"a\tb\"");
	q("it's", "\"it's\"");
	q("say \"hi\"", "'say \"hi\"'");
	q("both ' and \"", "\"both ' and \\\"\"");
	q("back\\slash", "back\\\\slash");
	q("a b\\c", "\"a b\\\\c\"");
	q("'q' \\", "\"'q' \\\\\"");
}

Test(conf_print, format_param)
{
	struct conf_jail *j = conf_jail_new("a", true);
	char *v[] = { "sh /etc/rc", "x", NULL }, *s;

	conf_jail_set(j, "exec.start", v, false, NULL, 0);
	conf_jail_set(j, "persist", NULL, false, NULL, 0);
	s = conf_format_param(&j->params[0]);
	cr_assert_str_eq(s, "exec.start=\"sh /etc/rc\",x");
	free(s);
	s = conf_format_param(&j->params[1]);
	cr_assert_str_eq(s, "persist");
	free(s);
	conf_jail_free(j);
}

Test(conf_print, jid_is_never_shown_by_e)
{
	struct parsed p = parse("a { jid = 7; persist; }");
	char *s = conf_format_jail(p.c->jails[0], ", ");

	cr_assert_str_eq(s, "name=a, persist");
	free(s);
	parsed_free(&p);
}

Test(conf_print, jid_records)
{
	struct parsed p = parse("a { path = \"/j/a b\"; ip4.addr = 192.0.2.1;"
	    " persist; jid = 3; }");
	char *s = conf_format_record(p.c->jails[0], 9, false);

	cr_assert_str_eq(s, "jid=9\tname=a\tpath=\"/j/a b\"\t"
	    "ip4.addr=192.0.2.1\tpersist\n");
	free(s);
	parsed_free(&p);
}

Test(conf_print, old_style_record)
{
	struct conf_jail *j = conf_jail_new(NULL, false);
	char *v4[] = { "192.0.2.1", NULL }, *v6[] = { "2001:db8::1", NULL };
	char *cmd[] = { "/bin/sh", "-c", "true", NULL }, *s;

	conf_jail_set(j, "path", (char *[]){ "/j", NULL }, true, NULL, 0);
	conf_jail_set(j, "host.hostname", (char *[]){ "h", NULL }, true, NULL,
	    0);
	conf_jail_set(j, "ip4.addr", v4, true, NULL, 0);
	conf_jail_set(j, "ip6.addr", v6, true, NULL, 0);
	conf_jail_set(j, "command", cmd, true, NULL, 0);
	s = conf_format_record(j, 4, true);
	cr_assert_str_eq(s, "4\t/j\th\t192.0.2.1,2001:db8::1\t/bin/sh -c true\n");
	free(s);
	conf_jail_free(j);
}

Test(conf_print, caret_window_on_long_lines)
{
	char *text = xmalloc(1000), *s = text;
	struct parsed p;

	s += sprintf(s, "a { x = ");
	for (int i = 0; i < 300; i++)
		*s++ = 'y';
	s += sprintf(s, " z; }");
	p = parse(text);
	cr_assert_str_eq(p.msgs, "ljail: T line 1: z: syntax error\n");
	/* The caret line still points at "z" within the window. */
	{
		const char *l2 = strchr(p.full, '\n') + 1;
		const char *l3 = strchr(l2, '\n') + 1;
		const char *z = strstr(l2, " z;");
		const char *caret = strchr(l3, '^');

		cr_assert_not_null(z);
		cr_assert_eq(caret - l3, z + 1 - l2);
		cr_assert(strlen(l2) < 200);
	}
	parsed_free(&p);
	free(text);
}

/* Rebuilds a jail.conf from the -e output of every jail. */
static char *
reprint(const struct conf *c)
{
	char *out = xstrdup("");

	for (size_t i = 0; i < c->njails; i++) {
		const struct conf_jail *j = c->jails[i];
		char *q = conf_quote_value(j->name), *n;

		n = xasprintf("%s%s {\n", out, q);
		free(out);
		free(q);
		out = n;
		for (size_t k = 0; k < j->nparams; k++) {
			char *f;

			if (strcmp(j->params[k].name, "name") == 0 ||
			    strcmp(j->params[k].name, "jid") == 0)
				continue;
			f = conf_format_param(&j->params[k]);
			n = xasprintf("%s\t%s;\n", out, f);
			free(out);
			free(f);
			out = n;
		}
		n = xasprintf("%s}\n", out);
		free(out);
		out = n;
	}
	return out;
}

Test(conf_print, round_trip_keeps_the_parameters)
{
	struct parsed a = parse("path = \"/jails/$name\";\n"
	    "exec.start = \"/bin/sh /etc/rc\";\nexec.stop = 'echo \"bye\"';\n"
	    "web { host.hostname = web.example.org; ip4.addr = 192.0.2.1,"
	    " 192.0.2.2; allow.nomount; mount.devfs; devfs_ruleset = 4;"
	    " exec.start += \"it's \\\\ fine\"; persist; meta = \"\"; }\n"
	    "\"my jail\" { host.hostname = \"a\\tb\"; }\n");
	struct parsed b;
	char *text;

	cr_assert_eq(a.r, 0, "%s", a.full);
	text = reprint(a.c);
	b = parse(text);
	cr_assert_eq(b.r, 0, "%s\n%s", b.full, text);
	cr_assert_eq(a.c->njails, b.c->njails);
	for (size_t i = 0; i < a.c->njails; i++) {
		char *la = eline(&a, i), *lb = eline(&b, i);

		cr_assert_str_eq(la, lb);
		free(la);
		free(lb);
	}
	free(text);
	parsed_free(&a);
	parsed_free(&b);
}
