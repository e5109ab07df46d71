/*
 * Unit tests of rctl: rule and filter syntax, units, FreeBSD's and
 * ljail's refusals (with their messages), printing, the rule set, the
 * store, rctl.conf, every row of the mapping onto Linux limits, and
 * rlimits lowered on a live process.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <criterion/criterion.h>

#include "fixture.h"

#include "rctl.h"
#include "util.h"

/* Parses a rule that must be accepted. */
static struct rctl_rule
ok_rule(const char *text)
{
	_cleanup_free_ char *msg = NULL;
	struct rctl_rule r;
	int e = rctl_parse(text, false, &r, &msg);

	cr_assert_eq(e, 0, "%s: %d %s", text, e, msg != NULL ? msg : "");
	return r;
}

/* Parses a rule that must be refused with err and a message like want. */
static void
bad_rule(const char *text, int err, const char *want)
{
	_cleanup_free_ char *msg = NULL;
	struct rctl_rule r;
	int e = rctl_parse(text, false, &r, &msg);

	cr_assert_eq(e, err, "%s: got %d want %d", text, e, err);
	cr_assert_not_null(msg);
	cr_assert(strstr(msg, want) != NULL, "%s: message '%s' lacks '%s'",
	    text, msg, want);
}

Test(rctl, rule_fields_and_units)
{
	struct rctl_rule r = ok_rule("jail:www:memoryuse:deny=512M");

	cr_assert_str_eq(r.jail, "www");
	cr_assert_eq(r.resource, RCTL_MEMORYUSE);
	cr_assert_eq(r.action, RCTL_DENY);
	cr_assert(r.has_amount);
	cr_assert_eq(r.amount, 512ULL << 20);
	rctl_rule_clear(&r);
	r = ok_rule("j:db:maxproc:deny=100/jail");
	cr_assert_str_eq(r.jail, "db");
	cr_assert_eq(r.resource, RCTL_MAXPROC);
	cr_assert_eq(r.amount, 100);
	rctl_rule_clear(&r);
	r = ok_rule("jail:a.b:vmemoryuse:deny=2g");
	cr_assert_eq(r.amount, 2ULL << 30);
	rctl_rule_clear(&r);
	r = ok_rule("jail:x:swapuse:deny=1k");
	cr_assert_eq(r.amount, 1024);
	rctl_rule_clear(&r);
	r = ok_rule("jail:x:swapuse:deny=3T");
	cr_assert_eq(r.amount, 3ULL << 40);
	rctl_rule_clear(&r);
	r = ok_rule("jail:x:readbps:throttle=1m");
	cr_assert_eq(r.action, RCTL_THROTTLE);
	rctl_rule_clear(&r);
	r = ok_rule("jail:x:cputime:sigkill=10");
	cr_assert_eq(r.action, RCTL_SIGNAL);
	cr_assert_eq(r.sig, SIGKILL);
	rctl_rule_clear(&r);
}

Test(rctl, malformed_rules)
{
	bad_rule("foo", -EINVAL, "malformed rule 'foo': missing subject");
	bad_rule("jail:www:memoryuse:deny=5x", -EINVAL,
	    "malformed rule 'jail:www:memoryuse:deny=5x': invalid numeric "
	    "value '5x'");
	bad_rule("jail:www:memoryuse:deny=-1", -EINVAL, "invalid numeric");
	bad_rule("jail:www:memoryuse:deny=99999999999999999999", -EINVAL,
	    "invalid numeric");
	bad_rule("jail:www:memoryuse:deny=99999999999e", -EINVAL,
	    "invalid numeric");
	bad_rule("jail:www:bogus:deny=1", -EINVAL, "unknown resource 'bogus'");
	bad_rule("jail:www:memoryuse:bogus=1", -EINVAL,
	    "unknown action 'bogus'");
	bad_rule("thing:www:memoryuse:deny=1", -EINVAL,
	    "unknown subject 'thing'");
	/* The kernel's EINVAL: a rule lacks a field. */
	bad_rule("jail:www:memoryuse:deny", -EINVAL,
	    "failed to add rule 'jail:www:memoryuse:deny': Invalid argument");
	bad_rule("jail::memoryuse:deny=1", -EINVAL, "Invalid argument");
	bad_rule("jail:www::deny=1", -EINVAL, "Invalid argument");
}

Test(rctl, other_subjects_refused)
{
	static const char *const rules[] = { "user:1000:maxproc:deny=5",
		"u:root:maxproc:deny=5", "process:1:openfiles:deny=5",
		"p:1:openfiles:deny=5", "loginclass:x:pcpu:deny=5",
		"class:x:pcpu:deny=5", "c:x:pcpu:deny=5",
		"l:x:pcpu:deny=5" };

	for (size_t i = 0; i < ARRAY_SIZE(rules); i++)
		bad_rule(rules[i], -EPROTONOSUPPORT,
		    "not supported: ljail limits jails only (jail:NAME)");
	bad_rule("user:1000:maxproc:deny=5", -EPROTONOSUPPORT,
	    "subject 'user'");
}

Test(rctl, per_other_than_jail_refused)
{
	bad_rule("jail:www:openfiles:deny=5/process", -EOPNOTSUPP,
	    "per 'process' not supported");
	bad_rule("jail:www:openfiles:deny=5/user", -EOPNOTSUPP,
	    "per 'user'");
}

/* What FreeBSD's kernel refuses with EOPNOTSUPP is refused so. */
Test(rctl, freebsd_refusals)
{
	bad_rule("jail:www:cputime:deny=5", -EOPNOTSUPP,
	    "failed to add rule 'jail:www:cputime:deny=5': Operation not "
	    "supported");
	bad_rule("jail:www:wallclock:deny=5", -EOPNOTSUPP,
	    "Operation not supported");
	bad_rule("jail:www:readbps:deny=5", -EOPNOTSUPP,
	    "Operation not supported");
	bad_rule("jail:www:pcpu:throttle=5", -EOPNOTSUPP,
	    "Operation not supported");
	bad_rule("jail:www:memoryuse:throttle=5", -EOPNOTSUPP,
	    "Operation not supported");
}

/* Every resource without a Linux mapping is refused, named. */
Test(rctl, linux_refusals_name_the_resource)
{
	static const char *const res[] = { "pseudoterminals", "msgqqueued",
		"msgqsize", "nmsgq", "nsem", "nsemop", "nshm", "shmsize" };

	for (size_t i = 0; i < ARRAY_SIZE(res); i++) {
		_cleanup_free_ char *rule = xasprintf("jail:w:%s:deny=1",
		    res[i]);
		_cleanup_free_ char *want = xasprintf("resource '%s' has no "
		    "Linux equivalent", res[i]);

		bad_rule(rule, -EOPNOTSUPP, want);
	}
	bad_rule("jail:w:wallclock:sigkill=10", -EOPNOTSUPP,
	    "resource 'wallclock' has no Linux equivalent");
}

/* log, devctl and signals (but cputime's two) are refused, named. */
Test(rctl, linux_refusals_name_the_action)
{
	bad_rule("jail:w:memoryuse:log=1", -EOPNOTSUPP, "action 'log'");
	bad_rule("jail:w:maxproc:devctl=1", -EOPNOTSUPP, "action 'devctl'");
	bad_rule("jail:w:memoryuse:sigterm=1", -EOPNOTSUPP,
	    "action 'sigterm' not supported by ljail for 'memoryuse' "
	    "(only deny)");
	bad_rule("jail:w:readbps:sigkill=1", -EOPNOTSUPP,
	    "(only throttle)");
	bad_rule("jail:w:cputime:sigterm=1", -EOPNOTSUPP,
	    "cputime takes only sigkill and sigxcpu");
	bad_rule("jail:w:cputime:log=1", -EOPNOTSUPP, "action 'log'");
}

/* Every mapped resource and action is accepted. */
Test(rctl, mapped_rules_accepted)
{
	static const char *const rules[] = { "memoryuse:deny",
		"swapuse:deny", "pcpu:deny", "maxproc:deny", "nthr:deny",
		"readbps:throttle", "writebps:throttle", "readiops:throttle",
		"writeiops:throttle", "openfiles:deny", "vmemoryuse:deny",
		"stacksize:deny", "datasize:deny", "coredumpsize:deny",
		"memorylocked:deny", "cputime:sigkill", "cputime:sigxcpu" };

	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		_cleanup_free_ char *text = xasprintf("jail:w:%s=7", rules[i]);
		struct rctl_rule r = ok_rule(text);

		rctl_rule_clear(&r);
	}
}

Test(rctl, filters)
{
	_cleanup_free_ char *msg = NULL;
	struct rctl_rule f, r;

	cr_assert_eq(rctl_parse(":", true, &f, &msg), 0);
	cr_assert_null(f.jail);
	cr_assert_eq(f.resource, -1);
	cr_assert_eq(f.action, -1);
	r = ok_rule("jail:www:memoryuse:deny=1");
	cr_assert(rctl_match(&f, &r));
	rctl_rule_clear(&f);
	cr_assert_eq(rctl_parse("jail:www", true, &f, &msg), 0);
	cr_assert(rctl_match(&f, &r));
	rctl_rule_clear(&f);
	cr_assert_eq(rctl_parse("jail:db", true, &f, &msg), 0);
	cr_assert_not(rctl_match(&f, &r));
	rctl_rule_clear(&f);
	cr_assert_eq(rctl_parse("::memoryuse", true, &f, &msg), 0);
	cr_assert(rctl_match(&f, &r));
	rctl_rule_clear(&f);
	cr_assert_eq(rctl_parse("::maxproc", true, &f, &msg), 0);
	cr_assert_not(rctl_match(&f, &r));
	rctl_rule_clear(&f);
	cr_assert_eq(rctl_parse("jail:www:memoryuse:deny", true, &f, &msg),
	    0);
	cr_assert(rctl_match(&f, &r));
	rctl_rule_clear(&f);
	cr_assert_eq(rctl_parse("jail:www:memoryuse:deny=2", true, &f, &msg),
	    0);
	cr_assert_not(rctl_match(&f, &r));
	rctl_rule_clear(&f);
	cr_assert_eq(rctl_parse("", true, &f, &msg), 0);
	cr_assert(rctl_match(&f, &r));
	rctl_rule_clear(&f);
	rctl_rule_clear(&r);
}

Test(rctl, format_and_humanize)
{
	struct rctl_rule r = ok_rule("j:www:memoryuse:deny=512m/jail");
	_cleanup_free_ char *plain = rctl_format(&r, false);
	_cleanup_free_ char *human = rctl_format(&r, true);
	char buf[16];

	cr_assert_str_eq(plain, "jail:www:memoryuse:deny=536870912");
	cr_assert_str_eq(human, "jail:www:memoryuse:deny=512M");
	rctl_rule_clear(&r);
	r = ok_rule("jail:w:cputime:sigxcpu=5");
	free(plain);
	plain = rctl_format(&r, false);
	cr_assert_str_eq(plain, "jail:w:cputime:sigxcpu=5");
	rctl_rule_clear(&r);
	rctl_humanize(0, buf, sizeof(buf));
	cr_assert_str_eq(buf, "0");
	rctl_humanize(9999, buf, sizeof(buf));
	cr_assert_str_eq(buf, "9999");
	rctl_humanize(10000, buf, sizeof(buf));
	cr_assert_str_eq(buf, "9.8k");
	rctl_humanize(99999, buf, sizeof(buf));
	cr_assert_str_eq(buf, "97k");
	rctl_humanize(1536ULL << 20, buf, sizeof(buf));
	cr_assert_str_eq(buf, "1536M");
	rctl_humanize(64ULL << 20, buf, sizeof(buf));
	cr_assert_str_eq(buf, "64M");
	rctl_humanize(1ULL << 60, buf, sizeof(buf));
	cr_assert_str_eq(buf, "1024P");
}

/* A rule differing only in amount replaces; remove takes a filter. */
Test(rctl, set_add_replace_remove)
{
	struct rctl_set s = { NULL, 0 };
	_cleanup_free_ char *msg = NULL;
	struct rctl_rule r, f;

	r = ok_rule("jail:a:memoryuse:deny=1");
	rctl_set_add(&s, &r);
	rctl_rule_clear(&r);
	r = ok_rule("jail:a:memoryuse:deny=2");
	rctl_set_add(&s, &r);
	rctl_rule_clear(&r);
	cr_assert_eq(s.n, 1);
	cr_assert_eq(s.v[0].amount, 2);
	r = ok_rule("jail:a:maxproc:deny=3");
	rctl_set_add(&s, &r);
	rctl_rule_clear(&r);
	r = ok_rule("jail:b:maxproc:deny=3");
	rctl_set_add(&s, &r);
	rctl_rule_clear(&r);
	cr_assert_eq(s.n, 3);
	cr_assert_eq(rctl_parse("::maxproc", true, &f, &msg), 0);
	cr_assert_eq(rctl_set_remove(&s, &f), 2);
	rctl_rule_clear(&f);
	cr_assert_eq(s.n, 1);
	cr_assert_eq(s.v[0].resource, RCTL_MEMORYUSE);
	rctl_set_clear(&s);
}

/* The store keeps rules by jail name, across reads. */
Test(rctl, store_round_trip)
{
	char dir[512];
	struct rctl_set s = { NULL, 0 }, t;
	struct rctl_rule r;

	fixture_path(dir, sizeof(dir), "rctl-unit.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(rctl_store_read(dir, &t), 0);
	cr_assert_eq(t.n, 0);
	r = ok_rule("jail:www:memoryuse:deny=64M");
	rctl_set_add(&s, &r);
	rctl_rule_clear(&r);
	r = ok_rule("jail:db:cputime:sigkill=9");
	rctl_set_add(&s, &r);
	rctl_rule_clear(&r);
	cr_assert_eq(rctl_store_write(dir, &s), 0);
	cr_assert_eq(rctl_store_read(dir, &t), 0);
	cr_assert_eq(t.n, 2);
	cr_assert_str_eq(t.v[0].jail, "www");
	cr_assert_eq(t.v[0].amount, 64ULL << 20);
	cr_assert_str_eq(t.v[1].jail, "db");
	cr_assert_eq(t.v[1].sig, SIGKILL);
	rctl_set_clear(&t);
	rctl_set_clear(&s);
	cr_assert_eq(rctl_store_write(dir, &s), 0);
	cr_assert_eq(rctl_store_read(dir, &t), 0);
	cr_assert_eq(t.n, 0);
	{
		_cleanup_free_ char *cmd = xasprintf("rm -rf '%s'", dir);

		cr_assert_eq(system(cmd), 0);
	}
}

/* Writes a file below TMPDIR. */
static void
write_tmp(char *path, size_t size, const char *name, const char *text)
{
	FILE *f;

	fixture_path(path, size, name);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

Test(rctl, conf_reads_the_jails_rules)
{
	char path[512];
	_cleanup_free_ char *msg = NULL;
	struct rctl_set s = { NULL, 0 };

	write_tmp(path, sizeof(path), "rctl-unit.conf",
	    "# FreeBSD's file\n"
	    "user:1000:maxproc:deny=10\n"
	    "\n"
	    "jail:www:memoryuse:deny=1G   # www\n"
	    "  jail:db:maxproc:deny=5\n"
	    "loginclass:x:pcpu:deny=5\n"
	    "jail:www:pcpu:deny=50\n");
	cr_assert_eq(rctl_conf_read(path, "www", &s, &msg), 0);
	cr_assert_eq(s.n, 2);
	cr_assert_eq(s.v[0].resource, RCTL_MEMORYUSE);
	cr_assert_eq(s.v[1].resource, RCTL_PCPU);
	rctl_set_clear(&s);
	cr_assert_eq(rctl_conf_read("/nonexistent/rctl.conf", "www", &s,
	    &msg), 0);
	cr_assert_eq(s.n, 0);
	unlink(path);
}

Test(rctl, conf_errors_name_file_and_line)
{
	char path[512];
	_cleanup_free_ char *msg = NULL, *want = NULL;
	struct rctl_set s = { NULL, 0 };

	write_tmp(path, sizeof(path), "rctl-unit-bad.conf",
	    "jail:www:memoryuse:deny=1G\n"
	    "jail:www:pseudoterminals:deny=5\n");
	cr_assert_eq(rctl_conf_read(path, "www", &s, &msg), -EOPNOTSUPP);
	want = xasprintf("%s:2: failed to add rule 'jail:www:pseudoterminals:"
	    "deny=5': Operation not supported", path);
	cr_assert(str_has_prefix(msg, want), "%s", msg);
	rctl_set_clear(&s);
	free(msg);
	msg = NULL;
	write_tmp(path, sizeof(path), "rctl-unit-bad.conf",
	    "jail:www:memoryuse:deny=1Q\n");
	cr_assert_eq(rctl_conf_read(path, "www", &s, &msg), -EINVAL);
	cr_assert(strstr(msg, ":1: malformed rule") != NULL, "%s", msg);
	rctl_set_clear(&s);
	unlink(path);
}

/* Rules of one jail as limits. */
static void
limits_of(const char *const *rules, size_t n, struct rctl_limits *l)
{
	struct rctl_set s = { NULL, 0 };

	for (size_t i = 0; i < n; i++) {
		struct rctl_rule r = ok_rule(rules[i]);

		rctl_set_add(&s, &r);
		rctl_rule_clear(&r);
	}
	rctl_limits_from_rules(&s, "w", l);
	rctl_set_clear(&s);
}

Test(rctl, no_rule_no_limit)
{
	struct rctl_limits l;

	limits_of(NULL, 0, &l);
	cr_assert_eq(l.memory_max, UINT64_MAX);
	cr_assert_eq(l.pids_max, UINT64_MAX);
	cr_assert_eq(l.pcpu, UINT64_MAX);
	cr_assert_not(rctl_limits_need(&l, "memory"));
	cr_assert_not(rctl_limits_need(&l, "pids"));
	cr_assert_not(rctl_limits_need(&l, "cpu"));
	cr_assert_not(rctl_limits_need(&l, "io"));
	cr_assert_not(rctl_limits_have_rlimits(&l));
}

/* One test per row of the mapping (rctl.h, ljrctl(8)). */
Test(rctl, map_memoryuse)
{
	static const char *const r[] = { "jail:w:memoryuse:deny=64M" };
	struct rctl_limits l;

	limits_of(r, 1, &l);
	cr_assert_eq(l.memory_max, 64ULL << 20);
	cr_assert(rctl_limits_need(&l, "memory"));
	cr_assert_not(rctl_limits_need(&l, "pids"));
}

Test(rctl, map_swapuse)
{
	static const char *const r[] = { "jail:w:swapuse:deny=1M" };
	struct rctl_limits l;

	limits_of(r, 1, &l);
	cr_assert_eq(l.swap_max, 1ULL << 20);
	cr_assert_eq(l.memory_max, UINT64_MAX);
	cr_assert(rctl_limits_need(&l, "memory"));
}

Test(rctl, map_pcpu)
{
	static const char *const r[] = { "jail:w:pcpu:deny=50" };
	struct rctl_limits l;

	limits_of(r, 1, &l);
	cr_assert_eq(l.pcpu, 50);
	cr_assert(rctl_limits_need(&l, "cpu"));
}

Test(rctl, map_maxproc_nthr_lower_wins)
{
	static const char *const r[] = { "jail:w:maxproc:deny=50",
		"jail:w:nthr:deny=30" };
	struct rctl_limits l;

	limits_of(r, 1, &l);
	cr_assert_eq(l.pids_max, 50);
	limits_of(r, 2, &l);
	cr_assert_eq(l.pids_max, 30);
	cr_assert(rctl_limits_need(&l, "pids"));
}

Test(rctl, map_io)
{
	static const char *const r[] = { "jail:w:readbps:throttle=1M",
		"jail:w:writebps:throttle=2M", "jail:w:readiops:throttle=3",
		"jail:w:writeiops:throttle=4" };
	struct rctl_limits l;

	limits_of(r, 4, &l);
	cr_assert_eq(l.io[0], 1ULL << 20);
	cr_assert_eq(l.io[1], 2ULL << 20);
	cr_assert_eq(l.io[2], 3);
	cr_assert_eq(l.io[3], 4);
	cr_assert(rctl_limits_need(&l, "io"));
}

Test(rctl, map_rlimits)
{
	static const char *const r[] = { "jail:w:openfiles:deny=100",
		"jail:w:vmemoryuse:deny=1G", "jail:w:stacksize:deny=8M",
		"jail:w:datasize:deny=2G", "jail:w:coredumpsize:deny=0",
		"jail:w:memorylocked:deny=64k", "jail:x:openfiles:deny=1" };
	struct rctl_limits l;

	limits_of(r, ARRAY_SIZE(r), &l);
	cr_assert_eq(l.rlim_hard[RLIMIT_NOFILE], 100);
	cr_assert_eq(l.rlim_soft[RLIMIT_NOFILE], 100);
	cr_assert_eq(l.rlim_hard[RLIMIT_AS], 1ULL << 30);
	cr_assert_eq(l.rlim_hard[RLIMIT_STACK], 8ULL << 20);
	cr_assert_eq(l.rlim_hard[RLIMIT_DATA], 2ULL << 30);
	cr_assert_eq(l.rlim_hard[RLIMIT_CORE], 0);
	cr_assert_eq(l.rlim_hard[RLIMIT_MEMLOCK], 64ULL << 10);
	cr_assert(rctl_limits_have_rlimits(&l));
	cr_assert_not(rctl_limits_need(&l, "memory"));
}

Test(rctl, map_cputime)
{
	static const char *const xcpu[] = { "jail:w:cputime:sigxcpu=10" };
	static const char *const kill[] = { "jail:w:cputime:sigkill=20" };
	struct rctl_limits l;

	limits_of(xcpu, 1, &l);
	cr_assert_eq(l.rlim_soft[RLIMIT_CPU], 10);
	cr_assert_eq(l.rlim_hard[RLIMIT_CPU], UINT64_MAX);
	limits_of(kill, 1, &l);
	cr_assert_eq(l.rlim_soft[RLIMIT_CPU], 20);
	cr_assert_eq(l.rlim_hard[RLIMIT_CPU], 20);
}

/* rlimits land on a live process and are only ever lowered. */
Test(rctl, apply_rlimits_to_a_process)
{
	static const char *const r[] = { "jail:w:openfiles:deny=77",
		"jail:w:cputime:sigxcpu=1000",
		"jail:w:memorylocked:deny=1E" };
	struct rctl_limits l;
	struct rlimit before, nofile, cpu, mlock;
	int status;
	pid_t pid;

	cr_assert_eq(getrlimit(RLIMIT_MEMLOCK, &before), 0);
	limits_of(r, ARRAY_SIZE(r), &l);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		pause();
		_exit(0);
	}
	cr_assert_eq(rctl_apply_rlimits(pid, &l), 0);
	cr_assert_eq(prlimit(pid, RLIMIT_NOFILE, NULL, &nofile), 0);
	cr_assert_eq(prlimit(pid, RLIMIT_CPU, NULL, &cpu), 0);
	cr_assert_eq(prlimit(pid, RLIMIT_MEMLOCK, NULL, &mlock), 0);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	cr_assert_eq(nofile.rlim_cur, 77);
	cr_assert_eq(nofile.rlim_max, 77);
	cr_assert_eq(cpu.rlim_cur, 1000);
	cr_assert_eq(cpu.rlim_max, RLIM_INFINITY);
	/* Above the current limit: unchanged, never raised. */
	cr_assert_eq(mlock.rlim_max, before.rlim_max);
}
