/* Unit tests of jail(8)'s operands (§1.4) and name patterns. */
#include "args.h"
#include "conf_test.h"

Test(args, wildcard_names)
{
	cr_assert(args_is_wildcard("*"));
	cr_assert(args_is_wildcard("foo.*"));
	cr_assert(args_is_wildcard("*.bar"));
	cr_assert(args_is_wildcard("a.*.c"));
	cr_assert_not(args_is_wildcard("foo*"));
	cr_assert_not(args_is_wildcard("a.b*"));
	cr_assert_not(args_is_wildcard("web"));
}

Test(args, wildcard_matching)
{
	cr_assert(args_wild_match("foo.bar", "foo.*"));
	cr_assert(args_wild_match("foo.bar.baz", "foo.*"));
	cr_assert_not(args_wild_match("foo", "foo.*"));
	cr_assert(args_wild_match("anything", "*"));
	cr_assert(args_wild_match("a.b", "*"));
	cr_assert(args_wild_match("x.b", "*.b"));
	cr_assert_not(args_wild_match("x.y.b", "*.b"));
	cr_assert(args_wild_match("a.q.c", "a.*.c"));
	cr_assert_not(args_wild_match("a.q.d", "a.*.c"));
	cr_assert_not(args_wild_match("foobar", "foo.*"));
}

/* Builds a command-line jail from a NULL-terminated operand list. */
static struct conf_jail *
cl(char **argv, char **ret_msgs)
{
	struct conf_jail *j = conf_jail_new(NULL, false);
	struct conf_diag *d = NULL;
	int argc = 0;

	while (argv[argc] != NULL)
		argc++;
	(void)args_command_line(j, argc, argv, &d);
	*ret_msgs = render(d, false, false);
	conf_diag_free(d);
	return j;
}

/* The -e style line of a command-line jail. */
static void
assert_line(const struct conf_jail *j, const char *want)
{
	char *s = conf_format_jail(j, " ");

	cr_assert_str_eq(s, want);
	free(s);
}

Test(args, command_takes_the_rest)
{
	char *m;
	struct conf_jail *j = cl((char *[]){ "name=t", "persist",
	    "command=/bin/echo", "a=b", "-n", "x y", NULL }, &m);

	cr_assert_str_eq(m, "");
	assert_line(j, "name=t persist command=/bin/echo,a=b,-n,\"x y\"");
	cr_assert_eq(strv_length(conf_jail_list(j, P_COMMAND)), 4);
	conf_jail_free(j);
	free(m);
	j = cl((char *[]){ "path=/", "command", "ls", "-l", NULL }, &m);
	assert_line(j, "path=/ command=ls,-l");
	conf_jail_free(j);
	free(m);
}

Test(args, lists_split_on_commas)
{
	char *m;
	struct conf_jail *j = cl((char *[]){ "ip4.addr=192.0.2.1,192.0.2.2",
	    "ip4.addr=192.0.2.3", "vnet.interface=a,b", "zfs.dataset=p/x,p/y",
	    "ip6.addr=2001:db8::1,2001:db8::2", "exec.start=a,b", NULL }, &m);

	cr_assert_eq(strv_length(conf_jail_list(j, P_IP4_ADDR)), 3);
	cr_assert_eq(strv_length(conf_jail_list(j, P_VNET_INTERFACE)), 2);
	cr_assert_eq(strv_length(conf_jail_list(j, P_ZFS_DATASET)), 2);
	cr_assert_eq(strv_length(conf_jail_list(j, P_IP6_ADDR)), 2);
	cr_assert_eq(strv_length(conf_jail_list(j, P_EXEC_START)), 1);
	conf_jail_free(j);
	free(m);
}

Test(args, repeated_parameters_append)
{
	char *m;
	struct conf_jail *j = cl((char *[]){ "exec.start=a", "exec.start=b",
	    "host.hostname=x", "host.hostname=y", "persist", "nopersist",
	    "meta=", NULL }, &m);

	assert_line(j, "exec.start=a,b host.hostname=x,y nopersist meta=\"\"");
	cr_assert_str_eq(conf_jail_str(j, P_HOST_HOSTNAME), "y");
	cr_assert_not(conf_jail_bool(j, P_PERSIST));
	conf_jail_free(j);
	free(m);
}

Test(args, name_cannot_be_given_twice)
{
	char *m;
	struct conf_jail *j = cl((char *[]){ "name=a", "name=b", NULL }, &m);

	cr_assert_str_eq(m, "ljail: cannot redefine parameter \"name\".\n");
	cr_assert(j->failed);
	conf_jail_free(j);
	free(m);
}

Test(args, two_bare_names_are_two_parameters)
{
	char *m;
	struct conf_jail *j = cl((char *[]){ "a", "b", NULL }, &m);

	assert_line(j, "a b");
	conf_jail_free(j);
	free(m);
}

Test(args, old_positional_form)
{
	struct conf_jail *j = conf_jail_new(NULL, false);
	struct conf_diag *d = NULL;
	char *argv[] = { "/jail", "host.example", "192.0.2.1,2001:db8::5,",
		"/bin/sh", "-c", "echo hi", NULL };

	cr_assert_eq(args_old_style(j, 6, argv, &d), 0);
	assert_line(j, "path=/jail host.hostname=host.example "
	    "ip4.addr=192.0.2.1,\"\" ip6.addr=2001:db8::5 "
	    "command=/bin/sh,-c,\"echo hi\" allow.set_hostname "
	    "allow.sysvipc=false allow.raw_sockets=false allow.chflags=false "
	    "allow.mount=false allow.socket_af=false");
	conf_jail_free(j);
	j = conf_jail_new(NULL, false);
	argv[2] = "";
	cr_assert_eq(args_old_style(j, 4, argv, &d), 0);
	cr_assert_null(conf_jail_get(j, P_IP4_ADDR));
	cr_assert_null(conf_jail_get(j, P_IP6_ADDR));
	conf_jail_free(j);
	cr_assert_null(d);
}
