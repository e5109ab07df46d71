/*
 * ljexec - jexec(8) for Linux: run a command in a running jail.
 * Front end only: option parsing, then the library does the work.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Prints jexec(8)'s usage message and exits 1. */
static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: ljexec [-l] [-d working-directory] "
	    "[-u username | -U username] jail [command ...]\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	int ch;

	while ((ch = getopt(argc, argv, "d:lnu:U:")) != -1)
		if (ch == '?')
			usage();
	usage();
}
