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
