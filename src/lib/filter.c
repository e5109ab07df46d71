/*
 * filter.c - PLACEHOLDER until the filter module lands: every function fails with
 * -ENOSYS (or does nothing where nothing is a safe answer).  The owner
 * replaces this file wholesale.
 */
#include "config.h"

#include <errno.h>

#include "filter.h"

int
filter_apply(const struct conf_jail *j)
{
	return -ENOSYS;
}
