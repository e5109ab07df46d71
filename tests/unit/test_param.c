/* Unit tests of the parameter table and value parsers. */
#include <errno.h>

#include <criterion/criterion.h>

#include "conf.h"
#include "param.h"
#include "util.h"

Test(param, every_row_named)
{
	for (int i = 0; i < P__COUNT; i++)
		cr_assert_not_null(param_table[i].name, "row %d has no name", i);
}

Test(param, no_prefix_on_last_component)
{
	bool neg;

	cr_assert_eq(param_lookup("allow.nomount", &neg), P_ALLOW_MOUNT);
	cr_assert(neg);
	cr_assert_eq(param_lookup("allow.mount.nodevfs", &neg), P_ALLOW_MOUNT_DEVFS);
	cr_assert(neg);
	cr_assert_eq(param_lookup("nopersist", &neg), P_PERSIST);
	cr_assert_eq(param_lookup("novnet", &neg), P_UNKNOWN, "vnet is jailsys");
	cr_assert_eq(param_lookup("bogus", &neg), P_UNKNOWN);
}

Test(param, bool_and_jailsys)
{
	bool b;
	int js;

	cr_assert_eq(param_parse_bool("TRUE", &b), 0);
	cr_assert(b);
	cr_assert_eq(param_parse_bool("0", &b), 0);
	cr_assert_not(b);
	cr_assert_eq(param_parse_bool("maybe", &b), -EINVAL);
	cr_assert_eq(param_parse_jailsys("Inherit", &js), 0);
	cr_assert_eq(js, JAILSYS_INHERIT);
	cr_assert_eq(param_parse_jailsys("3", &js), -EINVAL);
}

Test(conf_jail, override_and_negation)
{
	struct conf_jail *j = conf_jail_new("a", true);
	char *t[] = { "true", NULL };

	conf_jail_set(j, "allow.mount", t, false, NULL, 0);
	cr_assert(conf_jail_bool(j, P_ALLOW_MOUNT));
	conf_jail_set(j, "allow.nomount", NULL, false, NULL, 0);
	cr_assert_not(conf_jail_bool(j, P_ALLOW_MOUNT));
	cr_assert_str_eq(conf_jail_get(j, P_ALLOW_MOUNT)->name, "allow.nomount");
	cr_assert(conf_jail_bool(j, P_ALLOW_SET_HOSTNAME), "default true");
	conf_jail_free(j);
}

Test(conf_jail, lists_append_scalars_replace)
{
	struct conf_jail *j = conf_jail_new(NULL, false);
	char *a[] = { "a", NULL }, *b[] = { "b", NULL };

	conf_jail_set(j, "exec.start", a, false, NULL, 0);
	conf_jail_set(j, "exec.start", b, false, NULL, 0);
	cr_assert_eq(strv_length(conf_jail_list(j, P_EXEC_START)), 2);
	conf_jail_set(j, "host.hostname", a, false, NULL, 0);
	conf_jail_set(j, "host.hostname", b, false, NULL, 0);
	cr_assert_str_eq(conf_jail_str(j, P_HOST_HOSTNAME), "b");
	conf_jail_free(j);
}

/* Applies param_keyvalue_set and checks the buffer, freeing the old one. */
static char *
kv(char *buf, const char *key, const char *value, const char *want)
{
	char *next = param_keyvalue_set(buf, key, value);

	cr_assert_str_eq(next, want, "%s=%s on \"%s\"", key,
	    value != NULL ? value : "(removal)", buf != NULL ? buf : "");
	free(buf);
	return next;
}

/* FreeBSD's jailmeta.sh "keyvalue" sequence, one write at a time. */
Test(param, keyvalue_writes_as_freebsd)
{
	char *b = NULL;

	b = kv(b, "a", "1", "a=1");
	b = kv(b, "c", "3", "c=3\na=1");
	b = kv(b, "b", "2", "b=2\nc=3\na=1");
	b = kv(b, "a", "A", "a=A\nb=2\nc=3");
	b = kv(b, "c", "C", "c=C\na=A\nb=2");
	b = kv(b, "a", "", "a=\nc=C\nb=2");
	b = kv(b, "b", NULL, "a=\nc=C");
	b = kv(b, "missing", NULL, "a=\nc=C");
	free(b);
	b = kv(xstrdup("ttt"), "b", "2", "b=2\nttt");
	b = kv(b, "b", "=", "b==\nttt");
	free(b);
}

/* The kernel's cut: every "KEY=" line, and a last line's newline. */
Test(param, keyvalue_cut_edges)
{
	char *b;

	b = kv(xstrdup("b=1\nx\nb=2\nbb=3"), "b", NULL, "x\nbb=3");
	b = kv(b, "x", "1", "x=1\nx\nbb=3");
	free(b);
	b = kv(xstrdup("x\nb=2\n"), "b", NULL, "x");
	free(b);
	b = kv(xstrdup("b=2\n"), "b", NULL, "");
	free(b);
	b = kv(xstrdup("x\n\nb=2"), "b", NULL, "x\n");
	free(b);
	b = kv(xstrdup("ab=1\nb"), "b", NULL, "ab=1\nb");
	free(b);
}

/* conf_jail_keyvalue: writes in their order, and the size limit. */
Test(conf_jail, keyvalue_in_order_and_limited)
{
	struct conf_jail *j = conf_jail_new(NULL, false);
	char *one[] = { "1", NULL }, *ttt[] = { "ttt", NULL };
	char *two[] = { "2", NULL }, *big[] = { "123456789", NULL };
	char *out = NULL;

	conf_jail_set(j, "meta.a", one, false, NULL, 0);
	conf_jail_set(j, "meta", ttt, false, NULL, 0);
	conf_jail_set(j, "meta.b", two, false, NULL, 0);
	conf_jail_set(j, "env.x", NULL, false, NULL, 0);
	cr_assert_eq(conf_jail_keyvalue(j, "meta", "old", 4096, &out), 0);
	cr_assert_str_eq(out, "b=2\nttt");
	free(out);
	cr_assert_eq(conf_jail_keyvalue(j, "env", "x=1\ny=2", 4096, &out), 0);
	cr_assert_str_eq(out, "y=2");
	free(out);
	cr_assert_eq(conf_jail_keyvalue(j, "meta", "", 8, &out), 0);
	free(out);
	cr_assert_eq(conf_jail_keyvalue(j, "meta", "", 7, &out), -EFBIG,
	    "b=2\\nttt and its NUL are 8 bytes");
	conf_jail_set(j, "meta.c", big, false, NULL, 0);
	cr_assert_eq(conf_jail_keyvalue(j, "meta", "", 9, &out), -EFBIG,
	    "a value of 10 bytes with its NUL");
	conf_jail_drop_keys(j);
	cr_assert_eq(j->nparams, 1);
	cr_assert_str_eq(j->params[0].name, "meta");
	cr_assert_eq(conf_jail_keyvalue(j, "env", "e", 4096, &out), 0);
	cr_assert_null(out, "no env write");
	conf_jail_free(j);
}

Test(param, format_table_one_line_per_row)
{
	_cleanup_free_ char *t = param_format_table();
	size_t lines = 0;

	for (const char *p = t; *p != '\0'; p++)
		lines += *p == '\n';
	cr_assert_eq(lines, P__COUNT);
	cr_assert_not_null(strstr(t, "\npersist\tbool\tkernel\n"));
	cr_assert_not_null(strstr(t, "\nexec.start\tlist\tinternal\n"));
	cr_assert_not_null(strstr(t, "\nchildren.cur\tint\tkernel,read-only\n"));
	cr_assert(str_has_prefix(t, "jid\tint\tkernel,create-only\n"));
}
