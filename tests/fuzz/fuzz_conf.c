/*
 * fuzz_conf.c - libFuzzer target for the jail.conf reader: lexer,
 * parser, evaluator, depend checks, the per-jail checks, -e and the
 * diagnostics formatting, in both normal and lint mode.
 *
 * Build (a separate build directory; the library must be instrumented):
 *   ../configure CC=clang --enable-fuzzing \
 *       CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
 *   make tests/fuzz/fuzz_conf
 * Run it from an empty directory: relative ".include" names and globs
 * resolve against the current one.
 *   tests/fuzz/fuzz_conf -max_total_time=600 -dict=../tests/fuzz/conf.dict \
 *       NEWCORPUS ../tests/fuzz/corpus
 * Every crash found is kept in tests/fuzz/regress/ (test_conf_regress
 * replays them).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "conf.h"
#include "dep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One input through everything. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (unsigned flags = 0; flags <= CONF_PARSE_LINT; flags++) {
		struct conf *c = NULL;
		struct conf_diag *d = NULL;

		/* "fuzz" has no slash: includes resolve against the
		 * current directory, where nothing matches. */
		(void)conf_parse_buffer("fuzz", (const char *)data, size,
		    flags, &c, &d);
		if (c != NULL) {
			dep_check(c, &d);
			for (size_t i = 0; i < c->njails; i++) {
				free(conf_format_jail(c->jails[i], "|"));
				(void)conf_check_jail(c, c->jails[i], true,
				    &d);
			}
		}
		for (struct conf_diag *x = d; x != NULL; x = x->next) {
			free(conf_diag_format(x, "ljail"));
			free(conf_diag_format_lint(x, "ljail"));
		}
		conf_diag_free(d);
		conf_free(c);
	}
	return 0;
}
