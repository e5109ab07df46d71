/* Unit tests of jail.conf semantics (§3.3): merging, wildcards, "+=",
 * "no" prefixes, variables, .include, duplicates, and the checks made
 * before acting (unknown parameters, values, Linux notes). */
#define _GNU_SOURCE 1
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>

#include "conf_test.h"
#include "fixture.h"
#include "dep.h"

Test(conf_eval, expansion_test_of_freebsd)
{
	struct parsed p = parse("$root = \"/srv\";\n$empty = \"\";\n"
	    "a {\n\tpath = \"$root/${name}\";\n"
	    "\thost.hostname = \"pre${empty}post\";\n"
	    "\texec.start = \"${empty}\";\n}\n"
	    "a.child {\n\tpath = \"$root/${name}\";\n"
	    "\thost.hostname = \"${empty}child${empty}\";\n}\n");

	cr_assert_eq(p.r, 0, "%s", p.full);
	cr_assert_str_eq(p.full, "");
	assert_eline(&p, 0, "name=a|path=/srv/a|host.hostname=prepost|"
	    "exec.start=\"\"");
	assert_eline(&p, 1, "name=a.child|path=/srv/a.child|"
	    "host.hostname=child");
	parsed_free(&p);
}

Test(conf_eval, large_expansion)
{
	char *long_x = xmalloc(8193), *text, *want;
	struct parsed p;

	memset(long_x, 'x', 8192);
	long_x[8192] = '\0';
	text = xasprintf("$long = \"%s\";\ngrowth {\n\tpath = "
	    "\"prefix${long}middle${long}suffix\";\n}\n", long_x);
	want = xasprintf("name=growth|path=prefix%smiddle%ssuffix", long_x,
	    long_x);
	p = parse(text);
	cr_assert_eq(p.r, 0, "%s", p.msgs);
	assert_eline(&p, 0, want);
	parsed_free(&p);
	free(text);
	free(want);
	free(long_x);
}

Test(conf_eval, exponential_expansion_is_bounded)
{
	char *text = xstrdup("$v0 = \"xxxxxxxxxxxxxxxx\";\n"), *n;
	struct parsed p;

	for (int i = 1; i < 40; i++) {
		n = xasprintf("%s$v%d = \"$v%d$v%d\";\n", text, i, i - 1, i - 1);
		free(text);
		text = n;
	}
	n = xasprintf("%sa { path = \"$v39\"; }\nb { }\n", text);
	free(text);
	p = parse(n);
	cr_assert_eq(p.r, 0);
	cr_assert_not_null(strstr(p.msgs, "ljail: a: v22: expansion too large\n"),
	    "%s", p.msgs);
	cr_assert(p.c->jails[0]->failed);
	parsed_free(&p);
	free(n);
}

Test(conf_eval, wildcard_and_global_merge_order)
{
	struct parsed p = parse("a { x = own; }\nx = global;\n"
	    "b { x = own; }\n* { y = star; }\n\"c.*\" { z = c; }\n"
	    "c.d { z = mine; }\nc.d.e { }\n");

	cr_assert_eq(p.r, 0, "%s", p.full);
	/* The global pseudo-jail sits where the first top-level
	 * statement is: after a (overrides it), before b. */
	assert_eline(&p, 0, "name=a|x=global|y=star");
	assert_eline(&p, 1, "name=b|x=own|y=star");
	/* c.* comes before c.d: the jail overrides it. */
	assert_eline(&p, 2, "name=c.d|x=global|y=star|z=mine");
	assert_eline(&p, 3, "name=c.d.e|x=global|y=star|z=c");
	parsed_free(&p);
}

Test(conf_eval, wildcard_components)
{
	struct parsed p = parse("\"*.b\" { m = 1; }\na.b { }\na.c { }\nx.b.y { }\n");

	cr_assert_eq(p.r, 0);
	assert_eline(&p, 0, "name=a.b|m=1");
	assert_eline(&p, 1, "name=a.c");
	assert_eline(&p, 2, "name=x.b.y");
	parsed_free(&p);
}

Test(conf_eval, append_replace_clear)
{
	struct parsed p = parse("exec.start = a;\nj1 { exec.start += b, c; }\n"
	    "j2 { exec.start = d; }\nj3 { exec.start; }\n"
	    "j4 { exec.start += ; }\n");

	cr_assert_eq(p.r, -EINVAL);	/* "+= ;" is a syntax error */
	parsed_free(&p);
	p = parse("exec.start = a;\nj1 { exec.start += b, c; }\n"
	    "j2 { exec.start = d; }\nj3 { exec.start; }\nj5 { x += y; }\n");
	cr_assert_eq(p.r, 0, "%s", p.full);
	assert_eline(&p, 0, "name=j1|exec.start=a,b,c");
	assert_eline(&p, 1, "name=j2|exec.start=d");
	assert_eline(&p, 2, "name=j3|exec.start");
	assert_eline(&p, 3, "name=j5|exec.start=a|x=y");
	parsed_free(&p);
}

Test(conf_eval, no_prefix_is_the_same_parameter)
{
	struct parsed p = parse("* { mount.devfs; persist = 0; }\n"
	    "a { mount.nodevfs; }\nb { nopersist = false; }\n"
	    "c { allow.mount; allow.nomount; }\n");

	cr_assert_eq(p.r, 0, "%s", p.full);
	assert_eline(&p, 0, "name=a|mount.nodevfs|persist=0");
	cr_assert_not(conf_jail_bool(p.c->jails[0], P_MOUNT_DEVFS));
	cr_assert_not(conf_jail_bool(p.c->jails[0], P_PERSIST));
	assert_eline(&p, 1, "name=b|mount.devfs|nopersist=false");
	cr_assert(conf_jail_bool(p.c->jails[1], P_PERSIST));
	cr_assert_not(conf_jail_bool(p.c->jails[2], P_ALLOW_MOUNT));
	parsed_free(&p);
}

Test(conf_eval, numeric_block_names_are_jids)
{
	struct parsed p = parse("5309 { persist; }\n5310 { name = web; }\n"
	    "5311 { host.hostname = \"${name}\"; }\n0 { }\n");

	cr_assert_eq(p.r, 0, "%s", p.full);
	assert_eline(&p, 0, "persist|name=5309");
	cr_assert_str_eq(conf_jail_str(p.c->jails[0], P_JID), "5309");
	assert_eline(&p, 1, "name=web");
	assert_eline(&p, 2, "host.hostname=5311|name=5311");
	/* strtol("0") is 0: "0" is a name, not a jid. */
	assert_eline(&p, 3, "name=0");
	cr_assert_null(conf_jail_get(p.c->jails[3], P_JID));
	parsed_free(&p);
}

Test(conf_eval, name_and_jid_cannot_be_redefined)
{
	struct parsed p = parse("a {\n\tname = b;\n}\n7 { jid = 8; }\n"
	    "c { name = x; }\n");

	cr_assert_eq(p.r, 0);
	cr_assert_str_eq(p.full,
	    "ljail: a: cannot redefine parameter \"name\".\n"
	    " T:2:2 | \tname = b;\n"
	    "       | \t^~~~\n"
	    "ljail: 7: cannot redefine parameter \"jid\".\n"
	    " T:4:5 | 7 { jid = 8; }\n"
	    "       |     ^~~\n"
	    "ljail: c: cannot redefine parameter \"name\".\n"
	    " T:5:5 | c { name = x; }\n"
	    "       |     ^~~~\n");
	cr_assert(p.c->jails[0]->failed);
	cr_assert(p.c->jails[1]->failed);
	parsed_free(&p);
}

/*
 * A per-jail message's source line names its file: the first line does
 * not, and the setting may be in an .include'd file.
 */
Test(conf_include, per_jail_message_names_the_included_file)
{
	char dir[] = "/tmp/ljail-inc.XXXXXX", *path, *text, *want;
	struct parsed p;
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/inc.conf", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("x {\n  name = y;\n}\n", f);
	fclose(f);
	text = xasprintf(".include \"%s\";\nx { name = z; }\n", path);
	p = parse(text);
	want = xasprintf(" %s:2:3 |", path);
	cr_assert(strstr(p.full, want) != NULL, "%s", p.full);
	free(want);
	parsed_free(&p);
	unlink(path);
	rmdir(dir);
	free(path);
	free(text);
}

Test(conf_eval, variable_cannot_be_named_like_a_parameter)
{
	struct parsed p = parse("$path = /x;\na { }\nb { $persist = 1; }\n"
	    "c { host.hostname = h; ${host.hostname} = i; }\n"
	    "d { $osrelease = fine; x = $osrelease; }\n");

	cr_assert_str_eq(p.msgs,
	    "ljail: a: variable \"$path\" cannot have the same name as a "
	    "parameter.\n"
	    "ljail: b: variable \"$path\" cannot have the same name as a "
	    "parameter.\n"
	    "ljail: b: variable \"$persist\" cannot have the same name as a "
	    "parameter.\n"
	    "ljail: c: variable \"$path\" cannot have the same name as a "
	    "parameter.\n"
	    "ljail: c: variable \"$host.hostname\" cannot have the same name "
	    "as a parameter.\n"
	    "ljail: d: variable \"$path\" cannot have the same name as a "
	    "parameter.\n");
	parsed_free(&p);
}

Test(conf_eval, variable_errors)
{
	struct parsed p = parse("a {\n\tpath = \"/x/$nope\";\n}\n"
	    "b { persist; x = \"$persist\"; }\n"
	    "c { $v = \"$w\"; $w = \"$v\"; x = $v; }\n"
	    "$list = 1, 2;\nd { x = \"pre$list\"; }\ne { y = \"$HOME\"; }\n");

	cr_assert_eq(p.r, 0);
	cr_assert_str_eq(p.msgs,
	    "ljail: a: path: variable \"nope\" not found\n"
	    "ljail: b: x: variable \"persist\" not found\n"
	    "ljail: c: v: variable loop\n"
	    "ljail: d: x: array cannot be substituted inline\n"
	    "ljail: e: y: variable \"HOME\" not found\n");
	for (size_t i = 0; i < 5; i++)
		cr_assert(p.c->jails[i]->failed, "jail %zu", i);
	/* The failed variable is dropped, the rest is kept. */
	assert_eline(&p, 0, "name=a|path=/x/");
	parsed_free(&p);
}

Test(conf_eval, errors_of_one_jail_leave_the_others_alone)
{
	struct parsed p = parse("a { path = \"/j/$nope\"; }\nb { path = /b; }\n"
	    "c { name = x; }\nd { }\n");

	cr_assert_eq(p.r, 0);
	cr_assert(p.c->jails[0]->failed);
	cr_assert_not(p.c->jails[1]->failed);
	cr_assert(p.c->jails[2]->failed);
	cr_assert_not(p.c->jails[3]->failed);
	assert_eline(&p, 1, "name=b|path=/b");
	parsed_free(&p);
}

Test(conf_eval, lists_are_spliced_only_whole)
{
	struct parsed p = parse("$addrs = 192.0.2.1, 192.0.2.2;\n"
	    "a { ip4.addr = $addrs; exec.start = \"${addrs}\"; }\n"
	    "b { ip4.addr = 198.51.100.1, $addrs, 203.0.113.1; }\n");

	cr_assert_eq(p.r, 0, "%s", p.full);
	cr_assert_str_eq(p.full, "");
	assert_eline(&p, 0, "name=a|ip4.addr=192.0.2.1,192.0.2.2|"
	    "exec.start=192.0.2.1,192.0.2.2");
	cr_assert_eq(strv_length(conf_jail_list(p.c->jails[0], P_EXEC_START)),
	    2);
	assert_eline(&p, 1, "name=b|ip4.addr=198.51.100.1,192.0.2.1,"
	    "192.0.2.2,203.0.113.1");
	parsed_free(&p);
}

Test(conf_eval, single_quotes_are_never_expanded)
{
	struct parsed p = parse("a { exec.poststop = 'echo JID=$JID'; "
	    "exec.start = \"echo \\$JID\"; }");

	cr_assert_eq(p.r, 0, "%s", p.full);
	assert_eline(&p, 0, "name=a|exec.poststop=\"echo JID=$JID\"|"
	    "exec.start=\"echo $JID\"");
	parsed_free(&p);
}

Test(conf_eval, references_are_expanded_first_and_move)
{
	struct parsed p = parse("j { host.hostname = \"$path\"; "
	    "path = \"/j/$name\"; }");

	cr_assert_eq(p.r, 0, "%s", p.full);
	/* FreeBSD resolves path first and moves it before its user. */
	assert_eline(&p, 0, "name=j|path=/j/j|host.hostname=/j/j");
	parsed_free(&p);
}

Test(conf_eval, wildcard_variables_see_each_jail)
{
	struct parsed p = parse("path = \"/jails/$name\";\n"
	    "host.hostname = \"$name.example.org\";\nweb { }\ndb { }\n");

	cr_assert_eq(p.r, 0, "%s", p.full);
	assert_eline(&p, 0, "name=web|path=/jails/web|"
	    "host.hostname=web.example.org");
	assert_eline(&p, 1, "name=db|path=/jails/db|"
	    "host.hostname=db.example.org");
	parsed_free(&p);
}

Test(conf_eval, duplicate_blocks_are_refused)
{
	struct parsed p = parse("a { }\nb { }\na { persist; }\n");

	cr_assert_eq(p.r, -EINVAL);
	cr_assert_null(p.c);
	cr_assert_str_eq(p.msgs, "ljail: T line 3: a: jail defined twice "
	    "(first at T line 1)\n");
	parsed_free(&p);
	p = parse("a { b { } }\na.b { }\n");
	cr_assert_str_eq(p.msgs, "ljail: T line 2: a.b: jail defined twice "
	    "(first at T line 1)\n");
	parsed_free(&p);
}

/* Writes a file under dir. */
static void
put(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* Removes one entry (nftw callback). */
static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

/* Removes a temporary directory tree and frees its name. */
static void
rmtree(char *d)
{
	(void)nftw(d, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(d);
}

/* A fresh temporary directory. */
static char *
tmpdir(void)
{
	char buf[512], *d;

	d = xstrdup(fixture_path(buf, sizeof(buf), "conf-test.XXXXXX"));

	cr_assert_not_null(mkdtemp(d));
	return d;
}

/* Parses dir/name. */
static struct parsed
parse_path(const char *dir, const char *name)
{
	struct parsed p;
	char *path = xasprintf("%s/%s", dir, name);

	memset(&p, 0, sizeof(p));
	p.r = conf_parse_file(path, 0, &p.c, &p.d);
	p.msgs = render(p.d, false, false);
	p.full = render(p.d, true, false);
	free(path);
	return p;
}

Test(conf_include, relative_glob_and_block_context)
{
	char *d = tmpdir();
	struct parsed p;
	char *sub = xasprintf("%s/jail.conf.d", d);

	cr_assert_eq(mkdir(sub, 0755), 0);
	free(sub);
	put(d, "jail.conf", "persist;\n.include \"jail.conf.d/*.conf\";\n"
	    "web {\n\t.include \"web.inc\";\n}\n"
	    ".include \"none/*.conf\";\n");
	put(d, "jail.conf.d/b.conf", "b { path = /b; }\n");
	put(d, "jail.conf.d/a.conf", "a { path = /a; }\n");
	put(d, "web.inc", "path = /web;\nhost.hostname = web;\n");
	p = parse_path(d, "jail.conf");
	cr_assert_eq(p.r, 0, "%s", p.full);
	cr_assert_eq(p.c->njails, 3);
	assert_eline(&p, 0, "name=a|persist|path=/a");
	assert_eline(&p, 1, "name=b|persist|path=/b");
	assert_eline(&p, 2, "name=web|persist|path=/web|host.hostname=web");
	parsed_free(&p);
	rmtree(d);
}

Test(conf_include, missing_file_and_variables)
{
	char *d = tmpdir();
	struct parsed p;
	char *want;

	put(d, "jail.conf", "a { }\n.include \"missing.conf\";\nb { }\n");
	p = parse_path(d, "jail.conf");
	cr_assert_eq(p.r, -EINVAL);
	want = xasprintf("ljail: %s/missing.conf: No such file or directory\n",
	    d);
	cr_assert_str_eq(p.msgs, want);
	parsed_free(&p);
	free(want);
	put(d, "v.conf", "$x = y;\n.include \"$x.conf\";\n");
	p = parse_path(d, "v.conf");
	want = xasprintf("ljail: %s/v.conf line 2: variables not permitted "
	    "in '.include' filename\n", d);
	cr_assert_str_eq(p.msgs, want);
	parsed_free(&p);
	free(want);
	rmtree(d);
}

Test(conf_include, cycles_hit_the_depth_limit)
{
	char *d = tmpdir();
	struct parsed p;

	put(d, "a.conf", "x { }\n.include \"b.conf\";\n");
	put(d, "b.conf", ".include \"a.conf\";\n");
	p = parse_path(d, "a.conf");
	cr_assert_eq(p.r, -EINVAL);
	cr_assert_str_eq(p.msgs, "ljail: maximum include depth exceeded\n");
	parsed_free(&p);
	rmtree(d);
}

Test(conf_include, errors_in_an_included_file_stop_reading)
{
	char *d = tmpdir();
	struct parsed p;
	char *want;

	put(d, "main.conf", ".include \"bad.conf\";\nz { x = 1 2; }\n");
	put(d, "bad.conf", "a { persist }\n");
	p = parse_path(d, "main.conf");
	want = xasprintf("ljail: %s/bad.conf line 1: }: syntax error\n", d);
	cr_assert_str_eq(p.msgs, want);
	parsed_free(&p);
	free(want);
	rmtree(d);
}

Test(conf_include, equals_form_is_an_ordinary_parameter)
{
	struct parsed p = parse("a { .include = \"x.conf\"; }");
	struct conf_diag *d = NULL;
	char *m;

	cr_assert_eq(p.r, 0);
	assert_eline(&p, 0, "name=a|.include=x.conf");
	cr_assert_eq(conf_check_jail(p.c, p.c->jails[0], true, &d), -EINVAL);
	m = render(d, false, false);
	cr_assert_str_eq(m, "ljail: a: unknown parameter: .include\n");
	free(m);
	conf_diag_free(d);
	parsed_free(&p);
}

/* Runs conf_check_jail on the only jail of text; returns the messages. */
static char *
check(const char *text, bool kernel, int *ret_r)
{
	struct parsed p = parse(text);
	struct conf_diag *d = NULL;
	char *m;

	cr_assert_eq(p.r, 0, "%s", p.full);
	*ret_r = conf_check_jail(p.c, p.c->jails[0], kernel ?
	    CONF_CHECK_KERNEL : 0, &d);
	/* Only the errors: the notes have their own test. */
	for (struct conf_diag **dp = &d; *dp != NULL;) {
		if ((*dp)->level == CONF_DIAG_WARNING) {
			struct conf_diag *w = *dp;

			*dp = w->next;
			w->next = NULL;
			conf_diag_free(w);
		} else
			dp = &(*dp)->next;
	}
	m = render(d, false, false);
	conf_diag_free(d);
	parsed_free(&p);
	return m;
}

Test(conf_check, unknown_parameters)
{
	int r;
	char *m = check("a { bogus = 1; novnet; nohost.hostname; "
	    "meta.key = v; env.x; persist; }", true, &r);

	cr_assert_eq(r, -EINVAL);
	cr_assert_str_eq(m, "ljail: a: unknown parameter: bogus\n"
	    "ljail: a: unknown parameter: novnet\n"
	    "ljail: a: unknown parameter: nohost.hostname\n");
	free(m);
	/* Removal does not import parameters. */
	m = check("a { bogus = 1; }", false, &r);
	cr_assert_eq(r, 0);
	cr_assert_str_eq(m, "");
	free(m);
}

Test(conf_check, value_validation)
{
	int r;
	char *m = check("a { persist = maybe; vnet = sometimes; "
	    "securelevel = high; exec.timeout = 10s; stop.timeout = \"\"; "
	    "mount.devfs = yes; allow.mount = 1; enforce_statfs = \"\"; "
	    "ip4 = INHERIT; children.max = 3; }", true, &r);

	cr_assert_eq(r, -EINVAL);
	cr_assert_str_eq(m,
	    "ljail: a: persist: unknown boolean value \"maybe\"\n"
	    "ljail: a: vnet: unknown jailsys value \"sometimes\"\n"
	    "ljail: a: securelevel: non-integer value \"high\"\n"
	    "ljail: a: exec.timeout: non-integer value \"10s\"\n"
	    "ljail: a: stop.timeout: non-integer value \"\"\n"
	    "ljail: a: mount.devfs: unknown boolean value \"yes\"\n");
	free(m);
}

Test(conf_check, addresses)
{
	int r;
	char *m = check("a { ip4.addr = \"em0|192.0.2.1/24\", 192.0.2.300, "
	    "\"192.0.2.2 netmask 255.255.255.0\"; ip6.addr = 2001:db8::1, "
	    "192.0.2.9; }", true, &r);

	cr_assert_eq(r, -EINVAL);
	cr_assert_str_eq(m,
	    "ljail: a: ip4.addr: not an IPv4 address: 192.0.2.300\n"
	    "ljail: a: ip6.addr: not an IPv6 address: 192.0.2.9\n");
	free(m);
}

Test(conf_check, linux_notes_for_emulated_settings)
{
	struct parsed p = parse("a { mac.label = x; allow.nfsd = false; "
	    "allow.vmm; osrelease = 14.0-RELEASE; persist; }");
	struct conf_diag *d = NULL;
	int r = conf_check_jail(p.c, p.c->jails[0], CONF_CHECK_KERNEL |
	    CONF_CHECK_NOTES, &d);
	char *m = render(d, false, false);
	char *want = xasprintf("ljail: a: mac.label: %s\n"
	    "ljail: a: allow.vmm: %s\nljail: a: osrelease: %s\n",
	    param_table[P_MAC_LABEL].linux_note,
	    param_table[P_ALLOW_VMM].linux_note,
	    param_table[P_OSRELEASE].linux_note);

	cr_assert_eq(r, 0);
	cr_assert_str_eq(m, want);
	cr_assert_eq(d->level, CONF_DIAG_WARNING);
	free(m);
	free(want);
	conf_diag_free(d);
	parsed_free(&p);
}

/*
 * At start-up (no --check) only settings Linux ignores are noted, bare
 * (no jail name, no source line and caret): the Handbook's
 * devfs_ruleset, enforce_statfs and securelevel say nothing.
 */
Test(conf_check, startup_notes_only_for_ignored_settings)
{
	struct parsed p = parse("a { devfs_ruleset = 5; enforce_statfs = 2; "
	    "securelevel = 3; env = x; allow.vmm; persist; }");
	struct conf_diag *d = NULL;
	int r = conf_check_jail(p.c, p.c->jails[0], CONF_CHECK_KERNEL, &d);
	char *m = render(d, false, false);
	char *want = xasprintf("ljail: allow.vmm: %s\n",
	    param_table[P_ALLOW_VMM].linux_note);

	cr_assert_eq(r, 0);
	cr_assert_str_eq(m, want);
	free(m);
	free(want);
	conf_diag_free(d);
	parsed_free(&p);
}

Test(conf_check, every_emulated_row_has_a_note)
{
	for (int i = 0; i < P__COUNT; i++)
		if (param_table[i].flags & (PF_EMULATED | PF_IGNORED))
			cr_assert_not_null(param_table[i].linux_note, "%s",
			    param_table[i].name);
}

Test(conf_check, every_linux_mapping_is_documented)
{
	char *man = NULL;
	size_t len;

	cr_assert_eq(util_read_file(LJAIL_CONF_5, &man, &len), 0);
	for (int i = 0; i < P__COUNT; i++) {
		char *item;

		if (!(param_table[i].flags & (PF_EMULATED | PF_IGNORED)))
			continue;
		/* ".It Va name" or "... , Va name" on an item line. */
		item = xasprintf("Va %s", param_table[i].name);
		{
			bool found = false;

			for (char *s = strstr(man, item); s != NULL && !found;
			    s = strstr(s + 1, item)) {
				char *bol = s;

				while (bol > man && bol[-1] != '\n')
					bol--;
				found = strncmp(bol, ".It ", 4) == 0 &&
				    (s[strlen(item)] == '\n' ||
				    s[strlen(item)] == ' ');
			}
			cr_assert(found, "%s not in ljail.conf(5) LINUX "
			    "MAPPINGS", param_table[i].name);
		}
		free(item);
	}
	free(man);
}

Test(conf_check, lint_format)
{
	struct parsed p = parse_flags("a {\n\tbogus;\n\tx = 1 2;\n}\n",
	    CONF_PARSE_LINT);
	struct conf_diag *d = NULL;
	char *m;

	cr_assert_eq(conf_check_jail(p.c, p.c->jails[0], true, &d), -EINVAL);
	conf_diag_append(&p.d, d);
	m = render(p.d, false, true);
	cr_assert_str_eq(m, "T:3: 2: syntax error\n"
	    "T:2: a: unknown parameter: bogus\n");
	free(m);
	parsed_free(&p);
}

/*
 * Every integer parameter is checked against its range (FreeBSD's are C
 * ints; jid at most 999999, enforce_statfs 0-2, counts and timeouts not
 * negative), naming the parameter and the range.
 */
Test(conf_check, integer_ranges)
{
	static const struct {
		const char *set, *msg;
		bool kernel;
	} bad[] = {
		{ "securelevel = 99999999999999999999", "ljail: a: securelevel: "
		    "value 99999999999999999999 out of range (-2147483648 to "
		    "2147483647)\n", true },
		{ "securelevel = 4294967296", "ljail: a: securelevel: value "
		    "4294967296 out of range (-2147483648 to 2147483647)\n",
		    true },
		{ "children.max = -5", "ljail: a: children.max: value -5 out "
		    "of range (0 to 2147483647)\n", true },
		{ "jid = 99999999", "ljail: a: jid: value 99999999 out of "
		    "range (0 to 999999)\n", true },
		{ "enforce_statfs = 3", "ljail: a: enforce_statfs: value 3 "
		    "out of range (0 to 2)\n", true },
		{ "host.hostid = -1", "ljail: a: host.hostid: value -1 out "
		    "of range (0 to 18446744073709551615)\n", true },
		{ "stop.timeout = -1", "ljail: a: stop.timeout: value -1 out "
		    "of range (0 to 2147483647)\n", false },
		{ "exec.timeout = 2147483648", "ljail: a: exec.timeout: value "
		    "2147483648 out of range (0 to 2147483647)\n", false },
	};
	static const char *const good[] = {
		"securelevel = -2147483648", "securelevel = 2147483647",
		"jid = 999999", "enforce_statfs = 2", "children.max = 0",
		"host.hostid = 18446744073709551615", "stop.timeout = 0",
	};
	int r;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *text = xasprintf("a { %s; persist; }", bad[i].set);
		char *m = check(text, bad[i].kernel, &r);

		cr_assert_eq(r, -EINVAL, "%s", bad[i].set);
		cr_assert_str_eq(m, bad[i].msg);
		free(m);
		free(text);
	}
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char *text = xasprintf("a { %s; persist; }", good[i]);
		char *m = check(text, true, &r);

		cr_assert_eq(r, 0, "%s: %s", good[i], m);
		free(m);
		free(text);
	}
}

/* A string longer than the kernel keeps is refused, naming it. */
Test(conf_check, string_lengths)
{
	char *name = xmalloc(301), *text, *m;
	int r;

	memset(name, 'n', 300);
	name[300] = '\0';
	text = xasprintf("a { host.hostname = %s; persist; }", name);
	m = check(text, true, &r);
	cr_assert_eq(r, -EINVAL);
	cr_assert_str_eq(m, "ljail: a: host.hostname: value too long (300 "
	    "characters, at most 255)\n");
	free(m);
	free(text);
	name[255] = '\0';
	text = xasprintf("a { host.hostname = %s; persist; }", name);
	m = check(text, true, &r);
	cr_assert_eq(r, 0, "%s", m);
	free(m);
	free(text);
	free(name);
}
