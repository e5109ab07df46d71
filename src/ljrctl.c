/*
 * ljrctl - rctl(8) for jails on Linux: add, remove, list rules of the
 * subject jail:NAME, and show a jail's resource usage.
 * Front end only: option parsing, then the library does the work
 * (jail_rctl.h).  As rctl(8): one of -a, -l, -r, -u; each operand is a
 * rule or filter; the exit status is the number of failed operands.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jail_rctl.h"
#include "util.h"

/* Prints rctl(8)'s usage message and exits 1. */
static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: ljrctl [ -h ] [-a rule | -l filter | "
	    "-r filter | -u filter | filter]\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	bool aflag = false, hflag = false, lflag = false, rflag = false;
	bool uflag = false;
	int ch, failed = 0;

	while ((ch = getopt(argc, argv, "ahlnru")) != -1) {
		switch (ch) {
		case 'a':
			aflag = true;
			break;
		case 'h':
			hflag = true;
			break;
		case 'l':
			lflag = true;
			break;
		case 'n':
			/* Ids are not resolved for jails: nothing to do. */
			break;
		case 'r':
			rflag = true;
			break;
		case 'u':
			uflag = true;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (aflag + lflag + rflag + uflag > 1)
		errx(1, "at most one of -a, -l, -r, or -u may be specified");
	if (argc == 0) {
		static char all[] = "::";
		static char *v[] = { all, NULL };

		if (aflag || lflag || rflag || uflag)
			usage();
		argv = v;
		argc = 1;
	}
	for (int i = 0; i < argc; i++) {
		_cleanup_free_ char *msg = NULL, *text = NULL;
		int r;

		if (aflag)
			r = jail_rctl_add(argv[i], &msg);
		else if (rflag)
			r = jail_rctl_remove(argv[i], &msg);
		else if (uflag)
			r = jail_rctl_usage(argv[i], hflag, &text, &msg);
		else
			r = jail_rctl_show(argv[i], hflag, lflag, &text, &msg);
		if (r < 0) {
			warnx("%s", msg != NULL ? msg : strerror(-r));
			failed++;
			continue;
		}
		if (text != NULL)
			fputs(text, stdout);
	}
	return failed;
}
