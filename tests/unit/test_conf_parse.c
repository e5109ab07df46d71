/* Unit tests of the jail.conf lexer and parser: every rule of §3.1-3.2
 * and the edge cases of §3.4, with the exact messages. */
#include <pthread.h>

#include "conf_test.h"

Test(conf_lex, three_comment_kinds)
{
	struct parsed p = parse("# hash\n// slashes\n/* multi\nline */ a {"
	    " persist; # glued#comment\n}\n");

	cr_assert_eq(p.r, 0, "%s", p.full);
	cr_assert_eq(p.c->njails, 1);
	assert_eline(&p, 0, "name=a|persist");
	parsed_free(&p);
}

Test(conf_lex, hash_glued_to_a_token)
{
	struct parsed p = parse("a { path = /x#comment\n; }");

	cr_assert_eq(p.r, 0, "%s", p.full);
	assert_eline(&p, 0, "name=a|path=/x");
	parsed_free(&p);
}

Test(conf_lex, double_slash_in_unquoted_path_is_a_comment)
{
	struct parsed p = parse("a {\n\tpath = /usr//local;\n"
	    "\thost.hostname = x;\n}\n");

	cr_assert_eq(p.r, -EINVAL);
	cr_assert_null(p.c);
	cr_assert_str_eq(p.msgs,
	    "ljail: T line 3: host.hostname: syntax error\n");
	cr_assert_str_eq(p.full,
	    "ljail: T line 3: host.hostname: syntax error\n"
	    " 3:2 | \thost.hostname = x;\n"
	    "     | \t^~~~~~~~~~~~~\n");
	parsed_free(&p);
}

Test(conf_lex, slash_star_in_unquoted_value_opens_a_comment)
{
	struct parsed p = parse("a { path = /usr/*;\n}");

	cr_assert_eq(p.r, -EINVAL);
	cr_assert_str_eq(p.msgs, "ljail: T line 2: unterminated comment\n"
	    "ljail: T: unexpected EOF\n");
	parsed_free(&p);
}

Test(conf_lex, quoted_path_keeps_double_slash)
{
	struct parsed p = parse("a { path = \"/usr//local\"; }");

	cr_assert_eq(p.r, 0);
	assert_eline(&p, 0, "name=a|path=/usr//local");
	parsed_free(&p);
}

Test(conf_lex, escapes_in_both_quotes)
{
	struct parsed p = parse("a { s = 'a\\tb'; d = \"\\x41\\101\\n\\\\"
	    "\\\"\"; e = \"\\a\\b\\f\\r\\v\"; }");
	const struct conf_param *s, *d, *e;

	cr_assert_eq(p.r, 0, "%s", p.full);
	s = param_named(p.c->jails[0], "s");
	d = param_named(p.c->jails[0], "d");
	e = param_named(p.c->jails[0], "e");
	cr_assert_str_eq(s->values[0], "a\tb");
	cr_assert_str_eq(d->values[0], "AA\n\\\"");
	cr_assert_str_eq(e->values[0], "\a\b\f\r\v");
	parsed_free(&p);
}

Test(conf_lex, nul_escape_ends_a_quoted_piece)
{
	struct parsed p = parse("a { x = \"ab\\x\"; y = \"cd\\0ef\"; "
	    "z = pre\\xpost; }");

	cr_assert_eq(p.r, 0, "%s", p.full);
	cr_assert_str_eq(param_named(p.c->jails[0], "x")->values[0], "ab");
	cr_assert_str_eq(param_named(p.c->jails[0], "y")->values[0], "cd");
	/* Unquoted, "\x" is a piece of its own: only it is empty. */
	cr_assert_str_eq(param_named(p.c->jails[0], "z")->values[0],
	    "prepost");
	parsed_free(&p);
}

Test(conf_lex, backslash_newline_continues)
{
	struct parsed p = parse("a { x = ab\\\ncd; y = \"ef\\\ngh\"; }\n");

	cr_assert_eq(p.r, 0, "%s", p.full);
	cr_assert_str_eq(param_named(p.c->jails[0], "x")->values[0], "abcd");
	cr_assert_str_eq(param_named(p.c->jails[0], "y")->values[0], "efgh");
	parsed_free(&p);
}

Test(conf_lex, multi_line_string_and_line_numbers)
{
	struct parsed p = parse("a { x = \"line1\nline2\"; }\n");

	cr_assert_eq(p.r, 0);
	cr_assert_str_eq(param_named(p.c->jails[0], "x")->values[0],
	    "line1\nline2");
	parsed_free(&p);
	/* Lines after a multi-line string are counted right. */
	p = parse("a { x = \"line1\nline2\"; }\nb { c d e; }\n");
	cr_assert_eq(p.r, -EINVAL);
	cr_assert_str_eq(p.msgs, "ljail: T line 3: e: syntax error\n");
	parsed_free(&p);
}

Test(conf_lex, glued_pieces_are_one_value)
{
	struct parsed p = parse("a { path = /var/jail/$name; x = foo\"bar\""
	    "'baz'; }");

	cr_assert_eq(p.r, 0, "%s", p.full);
	assert_eline(&p, 0, "name=a|path=/var/jail/a|x=foobarbaz");
	parsed_free(&p);
}

Test(conf_lex, blank_between_pieces_is_a_syntax_error)
{
	struct parsed p = parse("a { path = /var/jail/ $name; }");

	cr_assert_str_eq(p.msgs, "ljail: T line 1: $name: syntax error\n");
	parsed_free(&p);
}

Test(conf_lex, dollar_without_name_is_literal)
{
	struct parsed p = parse("a { x = \"cost $5\"; y = a$; z = $; "
	    "w = '$name'; v = \\$name; }");

	cr_assert_eq(p.r, 0, "%s", p.full);
	assert_eline(&p, 0, "name=a|x=\"cost $5\"|y=a$|z=$|w=$name|v=$name");
	parsed_free(&p);
}

Test(conf_lex, braced_variable_with_dots)
{
	struct parsed p = parse("a { host.hostname = h; x = \"<${host.hostname}>"
	    "\"; }");

	cr_assert_eq(p.r, 0, "%s", p.full);
	assert_eline(&p, 0, "name=a|host.hostname=h|x=<h>");
	parsed_free(&p);
}

Test(conf_lex, carriage_return_is_an_error)
{
	struct parsed p = parse("a {\r\n\tpersist;\r\n}\r\n");

	cr_assert_eq(p.r, -EINVAL);
	cr_assert_str_eq(p.msgs, "ljail: T line 1: \\r: syntax error\n");
	parsed_free(&p);
}

Test(conf_lex, non_ascii_outside_quotes_is_an_error)
{
	struct parsed p = parse("a { host.hostname = caf\xc3\xa9; }");

	cr_assert_eq(p.r, -EINVAL);
	cr_assert_str_eq(p.full, "ljail: T line 1: \\xC3: syntax error\n"
	    " 1:24 | a { host.hostname = caf??; }\n"
	    "      |                        ^\n");
	parsed_free(&p);
	p = parse("a { host.hostname = \"caf\xc3\xa9\"; }");
	cr_assert_eq(p.r, 0);
	assert_eline(&p, 0, "name=a|host.hostname=caf\xc3\xa9");
	parsed_free(&p);
}

Test(conf_lex, form_feed_is_an_error)
{
	struct parsed p = parse("a { persist;\f }");

	cr_assert_str_eq(p.msgs, "ljail: T line 1: \\x0C: syntax error\n");
	parsed_free(&p);
}

Test(conf_lex, unterminated_string)
{
	struct parsed p = parse("a {\n\tx = \"abc;\n}\n");

	cr_assert_eq(p.r, -EINVAL);
	cr_assert_str_eq(p.full, "ljail: T line 2: unterminated string\n"
	    " 2:6 | \tx = \"abc;\n"
	    "     | \t    ^\n"
	    "ljail: T line 3: }: syntax error\n"
	    " 3:1 | }\n"
	    "     | ^\n");
	parsed_free(&p);
}

Test(conf_lex, unterminated_single_quote)
{
	struct parsed p = parse("a { x = 'abc; }\n");

	cr_assert_str_eq(p.msgs, "ljail: T line 1: unterminated string\n"
	    "ljail: T: unexpected EOF\n");
	parsed_free(&p);
}

Test(conf_lex, unterminated_variable)
{
	struct parsed p = parse("a { x = ${abc;\n}\n");

	cr_assert_str_eq(p.msgs, "ljail: T line 1: unterminated variable\n"
	    "ljail: T line 2: }: syntax error\n");
	parsed_free(&p);
}

Test(conf_lex, unterminated_comment_reports_the_last_line)
{
	struct parsed p = parse("a { persist; }\n/* never\nclosed\n");

	cr_assert_str_eq(p.full, "ljail: T line 4: unterminated comment\n"
	    " 2:1 | /* never\n"
	    "     | ^~\n");
	parsed_free(&p);
}

Test(conf_parse, name_value_form_without_equals)
{
	struct parsed p = parse("a { host.hostname foo; persist; }");

	cr_assert_eq(p.r, 0);
	assert_eline(&p, 0, "name=a|host.hostname=foo|persist");
	parsed_free(&p);
}

Test(conf_parse, comma_lists)
{
	struct parsed p = parse("a { exec.start = \"sh /etc/rc\", \"echo done\";"
	    " x = \"a, b\"; ip4.addr = \"10.0.0.1,10.0.0.2\"; }");

	cr_assert_eq(p.r, 0);
	cr_assert_eq(strv_length(conf_jail_list(p.c->jails[0],
	    P_EXEC_START)), 2);
	cr_assert_eq(strv_length(param_named(p.c->jails[0], "x")->values), 1);
	cr_assert_eq(strv_length(conf_jail_list(p.c->jails[0], P_IP4_ADDR)),
	    1);
	assert_eline(&p, 0, "name=a|exec.start=\"sh /etc/rc\",\"echo done\"|"
	    "x=\"a, b\"|ip4.addr=10.0.0.1,10.0.0.2");
	parsed_free(&p);
}

Test(conf_parse, last_scalar_value_wins)
{
	struct parsed p = parse("a { host.hostname = a, b; }");

	cr_assert_str_eq(conf_jail_str(p.c->jails[0], P_HOST_HOSTNAME), "b");
	parsed_free(&p);
}

Test(conf_parse, equals_inside_a_value_must_be_quoted)
{
	struct parsed p = parse("a { exec.start = env A=b; }");

	cr_assert_str_eq(p.msgs, "ljail: T line 1: A: syntax error\n");
	parsed_free(&p);
	p = parse("a { exec.start = \"env A=b\"; }");
	assert_eline(&p, 0, "name=a|exec.start=\"env A=b\"");
	parsed_free(&p);
}

Test(conf_parse, two_strings_need_a_comma)
{
	struct parsed p = parse("a {\n x = one two;\n}");

	cr_assert_str_eq(p.msgs, "ljail: T line 2: two: syntax error\n");
	parsed_free(&p);
}

Test(conf_parse, empty_value_needs_quotes)
{
	struct parsed p = parse("a { name = ; }");

	cr_assert_str_eq(p.msgs, "ljail: T line 1: ;: syntax error\n");
	parsed_free(&p);
}

Test(conf_parse, last_parameter_needs_its_semicolon)
{
	struct parsed p = parse("foo { persist }");

	cr_assert_eq(p.r, -EINVAL);
	cr_assert_str_eq(p.full, "ljail: T line 1: }: syntax error\n"
	    " 1:15 | foo { persist }\n"
	    "      |               ^\n");
	parsed_free(&p);
}

Test(conf_parse, unexpected_eof_and_stray_brace)
{
	struct parsed p = parse("a {\n persist;\n");

	cr_assert_str_eq(p.msgs, "ljail: T: unexpected EOF\n");
	parsed_free(&p);
	p = parse("a { }\n}\n");
	cr_assert_str_eq(p.msgs, "ljail: T line 2: }: syntax error\n");
	parsed_free(&p);
}

Test(conf_parse, errors_recover_at_the_next_semicolon)
{
	struct parsed p = parse("a {\n x = 1 2;\n y = 3;\n z = 4 5;\n}\n");

	cr_assert_str_eq(p.msgs, "ljail: T line 2: 2: syntax error\n"
	    "ljail: T line 4: 5: syntax error\n");
	parsed_free(&p);
}

Test(conf_parse, lint_mode_keeps_the_good_statements)
{
	struct parsed p = parse_flags("a {\n x = 1 2;\n y = 3;\n}\n",
	    CONF_PARSE_LINT);

	cr_assert_eq(p.r, 0);
	cr_assert_not_null(p.c);
	assert_eline(&p, 0, "name=a|y=3");
	parsed_free(&p);
}

Test(conf_parse, block_and_param_names_are_single_pieces)
{
	struct parsed p = parse("my\"jail\" { }");

	cr_assert_str_eq(p.msgs, "ljail: T line 1: \"jail\": syntax error\n");
	parsed_free(&p);
	p = parse("allow.\"mount\";");
	cr_assert_str_eq(p.msgs, "ljail: T line 1: \"mount\": syntax error\n");
	parsed_free(&p);
	p = parse("\"my jail\" { persist; }");
	assert_eline(&p, 0, "name=\"my jail\"|persist");
	parsed_free(&p);
}

Test(conf_parse, empty_statements_and_empty_file)
{
	struct parsed p = parse(";;\na { ; persist;; };\n");

	cr_assert_eq(p.r, 0, "%s", p.full);
	assert_eline(&p, 0, "name=a|persist");
	parsed_free(&p);
	p = parse("");
	cr_assert_eq(p.r, 0);
	cr_assert_eq(p.c->njails, 0);
	parsed_free(&p);
	p = parse("# only a comment\n/* and this */\n");
	cr_assert_eq(p.r, 0);
	cr_assert_eq(p.c->njails, 0);
	parsed_free(&p);
}

Test(conf_parse, nested_blocks_make_hierarchical_names)
{
	struct parsed p = parse("a { persist; b { path = /b; c { } } }\n"
	    "d.e { }\n");

	cr_assert_eq(p.r, 0, "%s", p.full);
	cr_assert_eq(p.c->njails, 4);
	assert_eline(&p, 0, "name=a|persist");
	assert_eline(&p, 1, "name=a.b|path=/b");
	assert_eline(&p, 2, "name=a.b.c");
	assert_eline(&p, 3, "name=d.e");
	parsed_free(&p);
}

/* Parses text (the argument) and returns the result (thread body). */
static void *
parse_thread(void *text)
{
	struct parsed *p = xmalloc(sizeof(*p));

	*p = parse(text);
	return p;
}

Test(conf_parse, deep_nesting_does_not_recurse)
{
	size_t n = 3000;
	char *text = xmalloc(n * 3 + 1), *s = text;
	struct parsed *p;
	pthread_attr_t attr;
	pthread_t t;

	for (size_t i = 0; i < n; i++)
		s += sprintf(s, "a{");
	for (size_t i = 0; i < n; i++)
		*s++ = '}';
	*s = '\0';
	/* A small stack: a parser recursing per block would overflow it. */
	cr_assert_eq(pthread_attr_init(&attr), 0);
	cr_assert_eq(pthread_attr_setstacksize(&attr, 256 * 1024), 0);
	cr_assert_eq(pthread_create(&t, &attr, parse_thread, text), 0);
	cr_assert_eq(pthread_join(t, (void **)&p), 0);
	cr_assert_eq(p->r, 0, "%s", p->msgs);
	cr_assert_eq(p->c->njails, n);
	parsed_free(p);
	free(p);
	free(text);
}
