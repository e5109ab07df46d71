/*
 * ljail - jail(8) for Linux: create, modify and remove jails.
 * Front end only: option parsing, then the library does the work.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Prints jail(8)'s usage message and exits 1. */
static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "%s",
	    "usage: ljail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
	    "             -[cmr] param=value ... [command=command ...]\n"
	    "       ljail [-dqv] [-f file] -[cmr] [jail]\n"
	    "       ljail [-qv] [-f file] -[rR] ['*' | jail ...]\n"
	    "       ljail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
	    "             [-n jailname] [-s securelevel]\n"
	    "             path hostname ip[,...] command ...\n"
	    "       ljail [-f file] -e separator\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	int ch;

	while ((ch = getopt(argc, argv, "cCde:f:hiJ:lmn:p:qrRs:u:U:v")) != -1)
		if (ch == '?')
			usage();
	usage();
}
