/*
 * ljls - jls(8) for Linux: list jails.
 * Front end only: option parsing, then the library does the work.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Prints jls(8)'s usage message and exits 1. */
static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: ljls [-dhNnqv] [-j jail] [param ...]\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	int ch;

	while ((ch = getopt(argc, argv, "acdj:hNnqsv")) != -1)
		if (ch == '?')
			usage();
	return 0;
}
