/*
 * Every input the fuzzer ever crashed or hung on (tests/fuzz/regress/)
 * and every seed of its corpus goes through the whole reader again:
 * parse, evaluate, check, -e and lint formatting.  Under ASan/UBSan a
 * regression aborts the test.
 */
#include <dirent.h>

#include "conf_test.h"
#include "dep.h"

/* Runs one input through everything the fuzz target does. */
static void
run_one(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	struct conf *c = NULL;
	struct conf_diag *d = NULL;

	cr_assert_eq(util_read_file(path, &buf, &len), 0, "%s", path);
	for (unsigned flags = 0; flags <= CONF_PARSE_LINT; flags++) {
		c = NULL;
		d = NULL;
		(void)conf_parse_buffer("fuzz", buf, len, flags, &c, &d);
		if (c != NULL) {
			dep_check(c, &d);
			for (size_t i = 0; i < c->njails; i++) {
				char *s = conf_format_jail(c->jails[i], "|");

				free(s);
				(void)conf_check_jail(c, c->jails[i], true, &d);
			}
		}
		for (struct conf_diag *x = d; x != NULL; x = x->next) {
			free(conf_diag_format(x, "ljail"));
			free(conf_diag_format_lint(x, "ljail"));
		}
		conf_diag_free(d);
		conf_free(c);
	}
	free(buf);
}

/* Runs every file of a directory; returns how many. */
static unsigned
run_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	unsigned n = 0;

	cr_assert_not_null(dp, "%s", dir);
	while ((e = readdir(dp)) != NULL) {
		char *path;

		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		run_one(path);
		free(path);
		n++;
	}
	closedir(dp);
	return n;
}

Test(conf_regress, fuzz_findings)
{
	(void)run_dir(FUZZ_REGRESS_DIR);
}

Test(conf_regress, seed_corpus)
{
	cr_assert_gt(run_dir(FUZZ_CORPUS_DIR), 10);
}
