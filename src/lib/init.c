/*
 * init.c - PLACEHOLDER until the init module lands: every function fails with
 * -ENOSYS (or does nothing where nothing is a safe answer).  The owner
 * replaces this file wholesale.
 */
#include "config.h"

#include <errno.h>

#include <stdlib.h>

#include "init.h"

void
init_main(bool persist)
{
	exit(1);
}
