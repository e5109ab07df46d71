/*
 * Unit tests of cg that are safe on any host: the parent's path, the
 * refusal on a host without cgroup v2 (this machine's cgroup v1), and
 * nothing found for a jail without a cgroup.  They only read
 * /sys/fs/cgroup; the real cgroup v2 work is tested in tests/vm.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <criterion/criterion.h>

#include "cg.h"
#include "rctl.h"
#include "util.h"

/* Limits that need controller ctl only. */
static void
need(struct rctl_limits *l, const char *ctl)
{
	memset(l, 0xff, sizeof(*l));
	if (strcmp(ctl, "memory") == 0)
		l->memory_max = 1 << 20;
	else if (strcmp(ctl, "pids") == 0)
		l->pids_max = 10;
	else if (strcmp(ctl, "cpu") == 0)
		l->pcpu = 50;
	else if (strcmp(ctl, "io") == 0)
		l->io[0] = 1 << 20;
}

Test(cg, parent_from_the_environment)
{
	_cleanup_free_ char *p = NULL;

	cr_assert_eq(setenv("LJAIL_CGROUP", "/sys/fs/cgroup/test.slice/x", 1),
	    0);
	p = cg_parent();
	cr_assert_str_eq(p, "/sys/fs/cgroup/test.slice/x");
	free(p);
	/* Not absolute: ignored. */
	cr_assert_eq(setenv("LJAIL_CGROUP", "relative", 1), 0);
	p = cg_parent();
	cr_assert(str_has_prefix(p, "/sys/fs/cgroup/"), "%s", p);
	cr_assert(strstr(p, "/ljail.slice") != NULL, "%s", p);
}

Test(cg, root_parent_is_ljail_slice)
{
	_cleanup_free_ char *p = NULL;

	if (geteuid() != 0)
		cr_skip_test("as root only");
	unsetenv("LJAIL_CGROUP");
	p = cg_parent();
	cr_assert_str_eq(p, "/sys/fs/cgroup/ljail.slice");
}

Test(cg, no_limit_needs_nothing)
{
	_cleanup_free_ char *msg = NULL;
	struct rctl_limits l;

	memset(&l, 0xff, sizeof(l));
	cr_assert_eq(cg_check(&l, &msg), 0);
	cr_assert_null(msg);
}

/* On cgroup v1 each controller is named, with the fix. */
Test(cg, v1_refusal_names_each_controller)
{
	static const char *const ctls[] = { "memory", "pids", "cpu", "io" };

	if (cg_is_v2())
		cr_skip_test("this host has cgroup v2 (tests/vm covers it)");
	for (size_t i = 0; i < ARRAY_SIZE(ctls); i++) {
		_cleanup_free_ char *msg = NULL, *want = NULL;
		struct rctl_limits l;

		need(&l, ctls[i]);
		cr_assert_eq(cg_check(&l, &msg), -EOPNOTSUPP);
		want = xasprintf("cgroup v2 controller '%s' not available: "
		    "/sys/fs/cgroup is not cgroup v2; boot with "
		    "systemd.unified_cgroup_hierarchy=1 cgroup_no_v1=all",
		    ctls[i]);
		cr_assert_str_eq(msg, want);
	}
}

Test(cg, a_jail_without_cgroup)
{
	struct cg_usage u;
	pid_t *pids = NULL;
	size_t n = 0;

	cr_assert_eq(setenv("LJAIL_CGROUP", "/nonexistent/ljail", 1), 0);
	cr_assert_not(cg_exists(424242));
	cr_assert_eq(cg_usage(424242, &u), -ENOENT);
	cr_assert_lt(cg_procs(424242, &pids, &n), 0);
	cr_assert_eq(cg_remove(424242), 0);
}
