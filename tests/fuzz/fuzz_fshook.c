/*
 * fuzz_fshook.c - libFuzzer target for what fs, hook and user read from
 * untrusted or hand-written text: fstab lines (vis decoding, fields),
 * mount options, the command metacharacter rule, and a jail's passwd and
 * group files (written by the jail's root).
 *
 * Build: ./configure CC=clang --enable-fuzzing && make tests/fuzz/fuzz_fshook
 * Run:   tests/fuzz/fuzz_fshook -max_total_time=600 NEWCORPUS
 * The input is split at its first NUL: passwd text before, group after;
 * each line of it is also an fstab line and a command.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fs.h"
#include "hook.h"
#include "user.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One input through every parser. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	size_t len = strlen(text);
	const char *group = len + 1 < size ? (const char *)data + len + 1 : "";
	char *groups = xstrndup(group, size - (len < size ? len + 1 : len));
	char *copy = xstrdup(text), *save = NULL;
	struct user_info *u = NULL;

	for (char *line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		struct fs_mount_entry *e = NULL;
		char *msg = NULL, **argv = NULL;
		bool bg;

		for (int is_file = 0; is_file < 2; is_file++) {
			if (fs_parse_mount_line(line, is_file, &e, &msg) == 0)
				fs_mount_entry_free(e);
			free(msg);
			msg = NULL;
			e = NULL;
		}
		(void)hook_split_command(line, &argv, &bg);
		strv_free(argv);
		if (user_parse_db(text, groups, line, 0, &u) == 0)
			user_info_free(u);
	}
	if (user_parse_db(text, groups, NULL, 0, &u) == 0)
		user_info_free(u);
	free(copy);
	free(groups);
	free(text);
	return 0;
}
