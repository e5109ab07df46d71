/*
 * Unit tests of reg: records, jid and name rules, stale cleanup, the lock
 * under parallel reservers, directory trust.  Every test uses a private
 * registry (LJAIL_RUNDIR) and live processes it starts itself as inits.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <criterion/criterion.h>

#include "fixture.h"

#include "reg.h"
#include "util.h"

static char regdir[512];
static pid_t kids[64];
static size_t nkids;

/* Makes a private registry directory for this test. */
static void
setup(void)
{
	fixture_path(regdir, sizeof(regdir), "reg-unit.XXXXXX");
	cr_assert_not_null(mkdtemp(regdir));
	cr_assert_eq(setenv("LJAIL_RUNDIR", regdir, 1), 0);
}

/* Kills the processes the test started and removes the registry. */
static void
teardown(void)
{
	char cmd[1024];

	for (size_t i = 0; i < nkids; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	nkids = 0;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", regdir);
	if (system(cmd) != 0)
		cr_log_warn("could not remove %s", regdir);
}

/* Starts a process that sleeps until killed (a stand-in for an init). */
static pid_t
sleeper(void)
{
	pid_t pid = fork();

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			pause();
	}
	kids[nkids++] = pid;
	return pid;
}

/* Kills one of our sleepers and reaps it. */
static void
kill_kid(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* Reserves a jail and completes it with a live sleeping init. */
static int
make_jail(struct reg *r, const char *name, int jid, struct reg_jail **ret)
{
	struct reg_jail *j = xcalloc(1, sizeof(*j));
	int rc;

	j->name = name != NULL ? xstrdup(name) : NULL;
	j->jid = jid;
	j->path = xstrdup("/");
	j->conf = conf_jail_new(name, false);
	rc = reg_reserve(r, j);
	if (rc < 0) {
		reg_jail_free(j);
		return rc;
	}
	j->init_pid = sleeper();
	cr_assert_eq(reg_proc_start(j->init_pid, &j->init_start), 0);
	cr_assert_eq(reg_update(r, j), 0);
	if (ret != NULL)
		*ret = j;
	else
		reg_jail_free(j);
	return 0;
}

/* Writes a file into the registry's jails/ directory. */
static void
plant(const char *name, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/jails/%s", regdir, name);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

TestSuite(reg, .init = setup, .fini = teardown);

Test(reg, record_round_trip)
{
	struct reg_jail j = { 0 }, *back = NULL;
	char *v1[] = { "a b\tc", "", "line1\nline2", "back\\slash", NULL };
	char *v2[] = { "x", NULL };
	char *text, *again;

	j.jid = 42;
	j.name = "web.db";
	j.parent = 7;
	j.path = "/srv/with space";
	j.init_pid = 1234;
	j.init_start = 99887766ULL;
	j.owner_pid = 55;
	j.owner_start = 3;
	j.id_base = 0x10020000UL;
	j.id_count = 65536;
	j.dying = true;
	j.conf = conf_jail_new("web.db", true);
	conf_jail_set(j.conf, "exec.start", v1, false, NULL, 0);
	conf_jail_set(j.conf, "allow.nomount", NULL, false, NULL, 0);
	conf_jail_set(j.conf, "host.hostname", v2, false, NULL, 0);
	conf_jail_set(j.conf, "x-unknown", v2, false, NULL, 0);
	text = reg_record_format(&j, "boot-1");
	cr_assert_eq(reg_record_parse(text, strlen(text), "boot-1", &back), 0);
	cr_assert_eq(back->jid, 42);
	cr_assert_str_eq(back->name, "web.db");
	cr_assert_eq(back->parent, 7);
	cr_assert_str_eq(back->path, "/srv/with space");
	cr_assert_eq(back->init_pid, 1234);
	cr_assert_eq(back->init_start, 99887766ULL);
	cr_assert_eq(back->owner_pid, 55);
	cr_assert_eq(back->owner_start, 3);
	cr_assert_eq(back->id_base, 0x10020000UL);
	cr_assert_eq(back->id_count, 65536);
	cr_assert(back->dying);
	cr_assert_str_eq(back->conf->name, "web.db");
	cr_assert(back->conf->from_config);
	cr_assert_eq(back->conf->nparams, 4);
	char *const *l = conf_jail_list(back->conf, P_EXEC_START);
	cr_assert_eq(strv_length(l), 4);
	for (int i = 0; i < 4; i++)
		cr_assert_str_eq(l[i], v1[i]);
	cr_assert_null(back->conf->params[1].values);
	cr_assert(back->conf->params[1].negated);
	cr_assert_not(conf_jail_bool(back->conf, P_ALLOW_MOUNT));
	cr_assert_str_eq(conf_jail_str(back->conf, P_HOST_HOSTNAME), "x");
	cr_assert_eq(back->conf->params[3].id, P_UNKNOWN);
	cr_assert_str_eq(back->conf->params[3].name, "x-unknown");
	/* Formatting the parsed record gives the same text. */
	again = reg_record_format(back, "boot-1");
	cr_assert_str_eq(again, text);
	/* Another boot: stale. */
	reg_jail_free(back);
	cr_assert_eq(reg_record_parse(text, strlen(text), "boot-2", &back),
	    -ESTALE);
	free(text);
	free(again);
	conf_jail_free(j.conf);
}

Test(reg, record_empty_values)
{
	struct reg_jail j = { 0 }, *back = NULL;
	char *empty[] = { NULL };
	char *one[] = { "", NULL };
	char *text;

	j.jid = 1;
	j.name = "1";
	j.conf = conf_jail_new(NULL, false);
	conf_jail_set(j.conf, "meta", one, false, NULL, 0);
	conf_jail_set(j.conf, "exec.stop", empty, false, NULL, 0);
	text = reg_record_format(&j, "b");
	cr_assert_eq(reg_record_parse(text, strlen(text), "b", &back), 0);
	cr_assert_null(back->path);
	cr_assert_null(back->conf->name);
	cr_assert_str_eq(conf_jail_str(back->conf, P_META), "");
	cr_assert_not_null(back->conf->params[1].values);
	cr_assert_eq(strv_length(back->conf->params[1].values), 0);
	reg_jail_free(back);
	free(text);
	conf_jail_free(j.conf);
}

/* Parses text, expecting it to be rejected as corrupt. */
static void
expect_corrupt(const char *text)
{
	struct reg_jail *j = NULL;

	cr_expect_eq(reg_record_parse(text, strlen(text), "b", &j), -EINVAL,
	    "accepted: %s", text);
	reg_jail_free(j);
}

#define HEAD "ljail-record 1\nboot :b\n"
#define BODY "name :x\nparent 0\npath :/\ninit 5 6\nowner 0 0\n" \
	"ids 0 0\ndying 0\n"

Test(reg, record_corrupt_rejected)
{
	struct reg_jail *j = NULL;
	const char *ok = HEAD "jid 3\n" BODY "end\n";

	cr_assert_eq(reg_record_parse(ok, strlen(ok), "b", &j), 0);
	reg_jail_free(j);
	expect_corrupt("");
	expect_corrupt(HEAD "jid 3\n" BODY);			/* no end */
	expect_corrupt(HEAD "jid 3\n" BODY "end");		/* no newline */
	expect_corrupt(HEAD "jid 3\n" BODY "end\njunk\n");	/* after end */
	expect_corrupt("ljail-record 2\nboot :b\njid 3\n" BODY "end\n");
	expect_corrupt(HEAD BODY "end\n");			/* no jid */
	expect_corrupt(HEAD "jid 0\n" BODY "end\n");
	expect_corrupt(HEAD "jid 1000000\n" BODY "end\n");
	expect_corrupt(HEAD "jid -3\n" BODY "end\n");
	expect_corrupt(HEAD "jid 03\n" BODY "end\n");
	expect_corrupt(HEAD "jid 3\njid 4\n" BODY "end\n");	/* twice */
	expect_corrupt(HEAD "jid 3 \n" BODY "end\n");		/* trailing sp */
	expect_corrupt(HEAD "jid 3\nname :a\\x00b\n" "end\n");
	expect_corrupt(HEAD "jid 3\nname :a\\qb\n" BODY "end\n");
	expect_corrupt(HEAD "jid 3\nname x\n" "parent 0\npath :/\n"
	    "init 5 6\nowner 0 0\nids 0 0\nend\n");		/* no ':' */
	expect_corrupt(HEAD "jid 3\nname :\n" "init 5 6\nowner 0 0\n"
	    "ids 0 0\nend\n");					/* empty name */
	expect_corrupt(HEAD "jid 3\n" "name :x\ninit 99999999999 6\n"
	    "owner 0 0\nids 0 0\nend\n");			/* pid range */
	expect_corrupt(HEAD "jid 3\n" "name :x\ninit 5 6\nowner 0 0\n"
	    "ids 4294967295 2\nend\n");				/* ids wrap */
	expect_corrupt(HEAD "jid 3\n" BODY "param 1 :persist\nend\n");
	expect_corrupt(HEAD "jid 3\n" BODY "conf 0 -\nparam 2 :exec.start\n"
	    "value :a\nend\n");					/* short */
	expect_corrupt(HEAD "jid 3\n" BODY "conf 0 -\nparam -2 :x\nend\n");
	expect_corrupt(HEAD "jid 3\n" BODY "bogus 1\nend\n");
	/* An embedded NUL byte. */
	char nul[] = HEAD "jid 3\n" BODY "end\n";
	nul[3] = '\0';
	cr_expect_eq(reg_record_parse(nul, sizeof(nul) - 1, "b", &j), -EINVAL);
}

Test(reg, reserve_list_find_delete)
{
	struct reg *r;
	struct reg_jail **v, *j;
	size_t n;

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, "alpha", 0, NULL), 0);
	cr_assert_eq(make_jail(r, "beta", 0, NULL), 0);
	cr_assert_eq(make_jail(r, NULL, 0, NULL), 0);
	cr_assert_eq(reg_list(r, &v, &n), 0);
	cr_assert_eq(n, 3);
	cr_assert_eq(v[0]->jid, 1);
	cr_assert_str_eq(v[0]->name, "alpha");
	cr_assert_eq(v[1]->jid, 2);
	cr_assert_eq(v[2]->jid, 3);
	cr_assert_str_eq(v[2]->name, "3");	/* default name = jid */
	reg_jail_list_free(v, n);
	cr_assert_eq(reg_find(r, "beta", &j), 0);
	cr_assert_eq(j->jid, 2);
	reg_jail_free(j);
	cr_assert_eq(reg_find(r, "2", &j), 0);
	cr_assert_str_eq(j->name, "beta");
	reg_jail_free(j);
	cr_assert_eq(reg_find(r, "gamma", &j), -ESRCH);
	cr_assert_eq(reg_find(r, "7", &j), -ESRCH);
	cr_assert_eq(reg_find(r, "0", &j), -ESRCH);
	cr_assert_eq(make_jail(r, "alpha", 0, NULL), -EEXIST);
	cr_assert_eq(make_jail(r, NULL, 1, NULL), -EEXIST);
	cr_assert_eq(reg_delete(r, 2), 0);
	cr_assert_eq(reg_find(r, "beta", &j), -ESRCH);
	cr_assert_eq(reg_list(r, &v, &n), 0);
	cr_assert_eq(n, 2);
	reg_jail_list_free(v, n);
	/* The name is free again; the jid is not reused (monotonic). */
	cr_assert_eq(make_jail(r, "beta", 0, &j), 0);
	cr_assert_eq(j->jid, 4);
	reg_jail_free(j);
	reg_close(r);
}

Test(reg, jid_rules)
{
	struct reg *r;
	struct reg_jail *j;
	char buf[1024];
	int fd;

	cr_assert_eq(reg_open(&r), 0);
	/* A numeric name is the jid. */
	cr_assert_eq(make_jail(r, "7", 0, &j), 0);
	cr_assert_eq(j->jid, 7);
	reg_jail_free(j);
	/* Numeric names other than the jid are refused. */
	cr_assert_eq(make_jail(r, "8", 9, NULL), -EINVAL);
	cr_assert_eq(make_jail(r, "8", 8, NULL), 0);
	/* An explicit jid does not move the counter: next auto is 1. */
	cr_assert_eq(make_jail(r, "a", 0, &j), 0);
	cr_assert_eq(j->jid, 1);
	reg_jail_free(j);
	cr_assert_eq(make_jail(r, NULL, -1, NULL), -EINVAL);
	cr_assert_eq(make_jail(r, NULL, 1000000, NULL), -EINVAL);
	/* Wrap at 999999, skipping live jids. */
	snprintf(buf, sizeof(buf), "%s/next", regdir);
	fd = open(buf, O_WRONLY | O_TRUNC);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "999998\n", 7), 7);
	close(fd);
	cr_assert_eq(make_jail(r, NULL, 0, &j), 0);
	cr_assert_eq(j->jid, 999999);
	reg_jail_free(j);
	cr_assert_eq(make_jail(r, NULL, 0, &j), 0);
	cr_assert_eq(j->jid, 2);	/* 1 is live */
	reg_jail_free(j);
	cr_assert_eq(make_jail(r, NULL, 0, &j), 0);
	cr_assert_eq(j->jid, 3);
	reg_jail_free(j);
	reg_close(r);
}

Test(reg, hierarchical_names)
{
	struct reg *r;
	struct reg_jail *j, *p;
	struct reg_jail **v;
	size_t n;

	char *two[] = { "2", NULL }, *one[] = { "1", NULL };

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, "a.b", 0, NULL), -ENOENT);
	cr_assert_eq(make_jail(r, "a", 0, &p), 0);
	/* children.max defaults to 0: no children at all. */
	cr_assert_eq(make_jail(r, "a.b", 0, NULL), -EMLINK);
	conf_jail_set(p->conf, "children.max", two, false, NULL, 0);
	cr_assert_eq(reg_update(r, p), 0);
	cr_assert_eq(make_jail(r, "a.b", 0, &j), 0);
	cr_assert_eq(j->parent, p->jid);
	cr_assert_eq(make_jail(r, "a.b.c", 0, NULL), -EMLINK);
	conf_jail_set(j->conf, "children.max", one, false, NULL, 0);
	cr_assert_eq(reg_update(r, j), 0);
	cr_assert_eq(make_jail(r, "a.b.c", 0, NULL), 0);
	/* a holds two descendants (b and b.c): its limit is reached. */
	cr_assert_eq(make_jail(r, "a.x", 0, NULL), -EMLINK);
	cr_assert_eq(make_jail(r, "a.5", 0, NULL), -EINVAL);
	cr_assert_eq(reg_list(r, &v, &n), 0);
	cr_assert_eq(n, 3);
	cr_assert_eq(reg_children_count(v, n, p->jid), 2);
	cr_assert_eq(reg_children_count(v, n, j->jid), 1);
	cr_assert_eq(reg_children_count(v, n, v[2]->jid), 0);
	/* The kids index answers without reading the records. */
	cr_assert(reg_may_have_children(r, p->jid));
	cr_assert(reg_may_have_children(r, j->jid));
	cr_assert_not(reg_may_have_children(r, v[2]->jid));
	cr_assert_eq(reg_delete(r, v[2]->jid), 0);
	cr_assert_not(reg_may_have_children(r, j->jid));
	cr_assert(reg_may_have_children(r, p->jid));
	reg_jail_list_free(v, n);
	reg_jail_free(j);
	reg_jail_free(p);
	reg_close(r);
}

Test(reg, long_and_odd_names)
{
	struct reg *r;
	struct reg_jail *j;
	char name[256];

	memset(name, 'x', 255);
	name[255] = '\0';
	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, name, 0, NULL), 0);
	cr_assert_eq(reg_find(r, name, &j), 0);
	cr_assert_str_eq(j->name, name);
	reg_jail_free(j);
	cr_assert_eq(make_jail(r, name, 0, NULL), -EEXIST);
	cr_assert_eq(make_jail(r, "../etc/passwd", 0, NULL), -ENOENT);
	cr_assert_eq(make_jail(r, "with/slash and space", 0, NULL), 0);
	cr_assert_eq(reg_find(r, "with/slash and space", &j), 0);
	reg_jail_free(j);
	cr_assert_eq(make_jail(r, ".hidden", 0, NULL), -ENOENT);
	char longer[300];
	memset(longer, 'y', 299);
	longer[299] = '\0';
	cr_assert_eq(make_jail(r, longer, 0, NULL), -ENAMETOOLONG);
	reg_close(r);
}

Test(reg, rename_by_update)
{
	struct reg *r;
	struct reg_jail *j, *k;

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, "old", 0, &j), 0);
	cr_assert_eq(make_jail(r, "other", 0, NULL), 0);
	free(j->name);
	j->name = xstrdup("other");
	cr_assert_eq(reg_update(r, j), -EEXIST);
	free(j->name);
	j->name = xstrdup("new");
	cr_assert_eq(reg_update(r, j), 0);
	cr_assert_eq(reg_find(r, "old", &k), -ESRCH);
	cr_assert_eq(reg_find(r, "new", &k), 0);
	cr_assert_eq(k->jid, j->jid);
	reg_jail_free(k);
	cr_assert_eq(reg_delete(r, j->jid), 0);
	cr_assert_eq(reg_update(r, j), -ENOENT);
	reg_jail_free(j);
	reg_close(r);
}

Test(reg, stale_records_removed)
{
	struct reg *r;
	struct reg_jail **v, *j;
	char path[1024];
	struct stat st;
	size_t n;

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, "dead", 0, &j), 0);
	cr_assert_eq(make_jail(r, "alive", 0, NULL), 0);
	kill_kid(j->init_pid);
	cr_assert_eq(reg_list(r, &v, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0]->name, "alive");
	reg_jail_list_free(v, n);
	snprintf(path, sizeof(path), "%s/jails/%d", regdir, j->jid);
	cr_assert_eq(stat(path, &st), -1);
	/* The name is free again. */
	cr_assert_eq(make_jail(r, "dead", 0, NULL), 0);
	reg_jail_free(j);

	/* A live pid with another start time is a recycled pid: stale. */
	cr_assert_eq(make_jail(r, "reused", 0, &j), 0);
	j->init_start += 1;
	cr_assert_eq(reg_update(r, j), 0);
	cr_assert_eq(reg_find(r, "reused", &j), -ESRCH);
	snprintf(path, sizeof(path), "%s/jails/%d", regdir, j->jid);
	cr_assert_eq(stat(path, &st), -1);
	cr_assert_eq(reg_find(r, "reused", &j), -ESRCH);
	reg_jail_free(j);
	reg_close(r);
}

Test(reg, creating_owner_dies)
{
	struct reg *r;
	struct reg_jail **v, *j;
	size_t n;
	int status, p[2];
	pid_t pid;

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(pipe(p), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		struct reg *cr;
		struct reg_jail cj = { .name = "half" };
		char c = 'x';

		if (reg_open(&cr) < 0 || reg_reserve(cr, &cj) < 0)
			_exit(1);
		(void)write(p[1], &c, 1);
		pause();
		_exit(0);
	}
	kids[nkids++] = pid;
	close(p[1]);
	char c;
	cr_assert_eq(read(p[0], &c, 1), 1);
	/* A "creating" record is no jail, but holds its name. */
	cr_assert_eq(reg_find(r, "half", &j), -ESRCH);
	cr_assert_eq(reg_list(r, &v, &n), 0);
	cr_assert_eq(n, 0);
	free(v);
	cr_assert_eq(make_jail(r, "half", 0, NULL), -EEXIST);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	nkids--;
	/* Its owner is gone: the name can be taken again. */
	cr_assert_eq(make_jail(r, "half", 0, &j), 0);
	cr_assert_eq(j->jid, 2);
	reg_jail_free(j);
	reg_close(r);
}

Test(reg, corrupt_and_hostile_files)
{
	struct reg *r;
	struct reg_jail **v, *j;
	char path[1024];
	size_t n;

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, "good", 0, NULL), 0);
	plant("5", "garbage\n");
	plant("6", HEAD "jid 7\nname :liar\ninit 1 1\nowner 0 0\n"
	    "ids 0 0\nend\n");		/* jid differs from the file name */
	snprintf(path, sizeof(path), "%s/jails/8", regdir);
	cr_assert_eq(symlink("/etc/passwd", path), 0);
	plant("notajid", "x");
	cr_assert_eq(reg_list(r, &v, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0]->name, "good");
	reg_jail_list_free(v, n);
	cr_assert_eq(reg_find(r, "5", &j), -ESRCH);
	cr_assert_eq(reg_find(r, "8", &j), -ESRCH);
	cr_assert_eq(reg_find(r, "liar", &j), -ESRCH);
	reg_close(r);
}

Test(reg, untrusted_directory_refused)
{
	struct reg *r;
	char sub[1024];

	cr_assert_eq(chmod(regdir, 0777), 0);
	cr_assert_eq(reg_open(&r), -EPERM);
	cr_assert_eq(chmod(regdir, 0700), 0);
	cr_assert_eq(reg_open(&r), 0);
	reg_close(r);
	/* A planted symlink instead of a subdirectory. */
	snprintf(sub, sizeof(sub), "%s/names", regdir);
	cr_assert_eq(rmdir(sub), 0);
	cr_assert_eq(symlink("/tmp", sub), 0);
	int rc = reg_open(&r);
	cr_assert_eq(rc, -EPERM, "got %d", rc);
	cr_assert_eq(unlink(sub), 0);
	/* The registry itself a symlink. */
	snprintf(sub, sizeof(sub), "%s/link", regdir);
	cr_assert_eq(symlink(regdir, sub), 0);
	cr_assert_eq(setenv("LJAIL_RUNDIR", sub, 1), 0);
	cr_assert_eq(reg_open(&r), -EPERM);
	cr_assert_eq(setenv("LJAIL_RUNDIR", regdir, 1), 0);
	if (geteuid() == 0) {
		cr_assert_eq(chown(regdir, 65534, 65534), 0);
		cr_assert_eq(reg_open(&r), -EPERM);
		cr_assert_eq(chown(regdir, 0, 0), 0);
	}
}

Test(reg, record_of_other_owner_refused)
{
	struct reg *r;
	struct reg_jail *j;
	char path[1024];

	if (geteuid() != 0) {
		teardown();	/* a skipped test does not run .fini */
		cr_skip_test("needs root to chown a record");
	}
	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, "mine", 0, &j), 0);
	snprintf(path, sizeof(path), "%s/jails/%d", regdir, j->jid);
	cr_assert_eq(chown(path, 65534, 65534), 0);
	reg_jail_free(j);
	cr_assert_eq(reg_find(r, "mine", &j), -ESRCH);
	reg_close(r);
}

Test(reg, id_ranges)
{
	struct reg *r;
	struct reg_jail *a, *b, *c, *a2;
	char *base[] = { "268763136", NULL };	/* 0x10050000: slot 5 */

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, "a", 0, &a), 0);
	cr_assert_eq(make_jail(r, "b", 0, &b), 0);
	cr_assert_eq(a->id_count, REG_ID_COUNT);
	cr_assert_geq(a->id_base, REG_ID_BASE);
	cr_assert(a->id_base + a->id_count <= b->id_base ||
	    b->id_base + b->id_count <= a->id_base);
	/* An explicit base overlapping a live jail is refused. */
	c = xcalloc(1, sizeof(*c));
	c->name = xstrdup("c");
	c->conf = conf_jail_new("c", false);
	conf_jail_set(c->conf, "ljail.idmap.base", base, false, NULL, 0);
	c->id_base = b->id_base + 100;
	cr_assert_eq(reg_reserve(r, c), -EBUSY);
	c->id_base = 0;
	cr_assert_eq(reg_reserve(r, c), 0);
	cr_assert_eq(c->id_base, 268763136UL);
	/* Its slot is taken: a jail whose jid maps there gets another. */
	cr_assert_eq(make_jail(r, NULL, 6, &a2), 0);
	cr_assert_neq(a2->id_base, c->id_base);
	reg_jail_free(a2);
	reg_jail_free(c);
	reg_jail_free(a);
	reg_jail_free(b);
	reg_close(r);
}

Test(reg, open_init_checks_start_time)
{
	struct reg *r;
	struct reg_jail *j;
	int fd;

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, "i", 0, &j), 0);
	cr_assert_eq(reg_open_init(j, &fd), 0);
	cr_assert_geq(fd, 0);
	close(fd);
	j->init_start++;
	cr_assert_eq(reg_open_init(j, &fd), -ESRCH);
	j->init_start--;
	kill_kid(j->init_pid);
	cr_assert_eq(reg_open_init(j, &fd), -ESRCH);
	reg_jail_free(j);
	reg_close(r);
}

/* Forks n reservers racing under the lock; returns their jids (0: failed). */
static void
race(int n, bool same_name, int *jids, int *errs)
{
	int res[2], go[2], rel[2];
	pid_t pids[20];

	cr_assert_eq(pipe(res), 0);
	cr_assert_eq(pipe(go), 0);
	cr_assert_eq(pipe(rel), 0);
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		cr_assert_geq(pids[i], 0);
		if (pids[i] == 0) {
			struct reg *cr;
			struct reg_jail cj = { 0 };
			int out[3] = { i, 0, 0 }, rc;
			char c;

			close(go[1]);
			close(rel[1]);
			cj.name = same_name ? xstrdup("same") :
			    xasprintf("racer%d", i);
			/* Wait for the start signal so all race at once. */
			(void)read(go[0], &c, 1);
			rc = reg_open(&cr);
			if (rc == 0)
				rc = reg_reserve(cr, &cj);
			out[1] = rc == 0 ? cj.jid : 0;
			out[2] = rc;
			(void)write(res[1], out, sizeof(out));
			/* Stay alive as the owner until the parent is done. */
			(void)read(rel[0], &c, 1);
			_exit(0);
		}
		kids[nkids++] = pids[i];
	}
	close(go[0]);
	close(res[1]);
	close(rel[0]);
	/* One byte each: closing go[1] instead would race with the fork. */
	for (int i = 0; i < n; i++)
		cr_assert_eq(write(go[1], "g", 1), 1);
	for (int i = 0; i < n; i++) {
		int out[3];

		cr_assert_eq(util_read_full(res[0], out, sizeof(out)), 0);
		jids[out[0]] = out[1];
		errs[out[0]] = out[2];
	}
	close(res[0]);
	close(go[1]);
	close(rel[1]);
}

Test(reg, parallel_reservers_distinct)
{
	int jids[20], errs[20];

	race(20, false, jids, errs);
	for (int i = 0; i < 20; i++) {
		cr_assert_eq(errs[i], 0, "racer %d: %d", i, errs[i]);
		cr_assert(jids[i] >= 1 && jids[i] <= 20);
		for (int k = 0; k < i; k++)
			cr_assert_neq(jids[i], jids[k]);
	}
}

Test(reg, parallel_reservers_one_name)
{
	int jids[20], errs[20], wins = 0;

	race(20, true, jids, errs);
	for (int i = 0; i < 20; i++) {
		if (errs[i] == 0)
			wins++;
		else
			cr_assert_eq(errs[i], -EEXIST, "racer %d: %d", i,
			    errs[i]);
	}
	cr_assert_eq(wins, 1);
}

Test(reg, proc_start)
{
	unsigned long long a, b;

	cr_assert_eq(reg_proc_start(getpid(), &a), 0);
	cr_assert_eq(reg_proc_start(getpid(), &b), 0);
	cr_assert_eq(a, b);
	cr_assert_eq(reg_proc_start(0, &a), -ESRCH);
	cr_assert_eq(reg_proc_start(0x3fffffff, &a), -ESRCH);
}

Test(reg, zombie_init_is_dead)
{
	struct reg *r;
	struct reg_jail *j;
	siginfo_t si;

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, "z", 0, &j), 0);
	kill(j->init_pid, SIGKILL);
	/* Wait for the exit without reaping: the init is a zombie. */
	cr_assert_eq(waitid(P_PID, (id_t)j->init_pid, &si, WEXITED | WNOWAIT),
	    0);
	cr_assert_eq(reg_find(r, "z", &j), -ESRCH);
	reg_jail_free(j);
	reg_close(r);
}

Test(reg, dying_jail_frees_its_name)
{
	struct reg *r;
	struct reg_jail *old, *new, *j;

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_eq(make_jail(r, "d", 0, &old), 0);
	old->dying = true;
	cr_assert_eq(reg_update(r, old), 0);
	cr_assert_eq(make_jail(r, "d", 0, &new), 0);
	cr_assert_neq(new->jid, old->jid);
	cr_assert_eq(reg_find(r, "d", &j), 0);
	cr_assert_eq(j->jid, new->jid);
	reg_jail_free(j);
	/* The dying one is still found by jid, and says so. */
	char key[16];
	snprintf(key, sizeof(key), "%d", old->jid);
	cr_assert_eq(reg_find(r, key, &j), 0);
	cr_assert(j->dying);
	reg_jail_free(j);
	/* Its removal leaves the new jail's name alone. */
	cr_assert_eq(reg_delete(r, old->jid), 0);
	cr_assert_eq(reg_find(r, "d", &j), 0);
	cr_assert_eq(j->jid, new->jid);
	reg_jail_free(j);
	reg_jail_free(old);
	reg_jail_free(new);
	reg_close(r);
}

Test(reg, dead_writers_temporary_files_removed)
{
	struct reg *r;
	struct reg_jail **v;
	char path[1024];
	struct stat st;
	size_t n;
	pid_t dead = fork();

	cr_assert_geq(dead, 0);
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	cr_assert_eq(reg_open(&r), 0);
	snprintf(path, sizeof(path), ".tmp.%d.3", (int)dead);
	plant(path, "half a record");
	snprintf(path, sizeof(path), ".tmp.%d.4", (int)getpid());
	plant(path, "ours, in progress");
	cr_assert_eq(reg_list(r, &v, &n), 0);
	reg_jail_list_free(v, n);
	snprintf(path, sizeof(path), "%s/jails/.tmp.%d.3", regdir, (int)dead);
	cr_assert_eq(stat(path, &st), -1);
	snprintf(path, sizeof(path), "%s/jails/.tmp.%d.4", regdir,
	    (int)getpid());
	cr_assert_eq(stat(path, &st), 0);
	reg_close(r);
}

/* The one file in cache/, by path; "" if there is not exactly one. */
static void
cache_file(char *path, size_t size)
{
	char cmd[1024];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "ls %s/cache", regdir);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	path[0] = '\0';
	if (fgets(path, (int)size, p) != NULL) {
		char name[64];

		path[strcspn(path, "\n")] = '\0';
		snprintf(name, sizeof(name), "%s", path);
		snprintf(path, size, "%s/cache/%s", regdir, name);
	}
	pclose(p);
}

Test(reg, cache_round_trip_and_distrust)
{
	static const char blob[] = { 1, 0, 2, 0, 3 };
	struct reg *r;
	void *got = NULL;
	size_t len = 0;
	char path[1024];
	FILE *f;

	cr_assert_eq(reg_open(&r), 0);
	cr_assert_lt(reg_cache_get(r, "key A", &got, &len), 0);
	cr_assert_eq(reg_cache_put(r, "key A", blob, sizeof(blob)), 0);
	cr_assert_eq(reg_cache_get(r, "key A", &got, &len), 0);
	cr_assert_eq(len, sizeof(blob));
	cr_assert_eq(memcmp(got, blob, len), 0);
	free(got);
	cr_assert_lt(reg_cache_get(r, "key B", &got, &len), 0);
	cache_file(path, sizeof(path));
	cr_assert_neq(path[0], '\0');
	/* Writable by others: not trusted. */
	cr_assert_eq(chmod(path, 0666), 0);
	cr_assert_lt(reg_cache_get(r, "key A", &got, &len), 0);
	cr_assert_eq(chmod(path, 0600), 0);
	/* Another key under A's file name (a hash collision): a miss. */
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fwrite("key Z", 1, 6, f);
	fwrite(blob, 1, sizeof(blob), f);
	fclose(f);
	cr_assert_eq(reg_cache_get(r, "key A", &got, &len), -ENOENT);
	/* A symlink in its place is refused, not followed. */
	cr_assert_eq(unlink(path), 0);
	cr_assert_eq(symlink("/etc/passwd", path), 0);
	cr_assert_lt(reg_cache_get(r, "key A", &got, &len), 0);
	reg_close(r);
}
