/*
 * hook.c - PLACEHOLDER until the hook module lands: every function fails with
 * -ENOSYS (or does nothing where nothing is a safe answer).  The owner
 * replaces this file wholesale.
 */
#include "config.h"

#include <errno.h>

#include "hook.h"

int
hook_split_command(const char *cmd, char ***ret_argv, bool *ret_background)
{
	return -ENOSYS;
}

int
hook_run(const struct hook_ctx *ctx, enum param_id list, bool in_jail,
    int *ret_status)
{
	return -ENOSYS;
}
