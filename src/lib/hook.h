/*
 * hook.h - running exec.* commands and the jail's command (§1.8).
 * CONTRACT owner: hook.
 */
#ifndef LJAIL_HOOK_H
#define LJAIL_HOOK_H

#include <stdbool.h>

#include "conf.h"
#include "param.h"

struct jail_handle;

struct hook_ctx {
	const struct conf_jail *conf;
	const char *label;	/* "NAME" prefix for messages, or NULL */
	int jid;		/* JID, JNAME, JPATH in the environment */
	const char *name;
	const char *path;
	int verbose;
	/* The running jail, for in-jail commands; NULL before creation. */
	const struct jail_handle *jail;
};

/*
 * Splits a command string by the 22-metacharacter rule: plain words are
 * exec'd directly, a lone trailing '&' runs in the background, anything
 * else becomes /bin/sh -c STRING.
 */
int hook_split_command(const char *cmd, char ***ret_argv, bool *ret_background);

/*
 * Runs every value of a command list (exec.prestart, exec.start,
 * command...) in order; in_jail ones enter ctx->jail first.  Prints
 * jail(8)'s messages ("NAME: CMD: failed").  Returns 0 if all exited 0;
 * *ret_status (if not NULL) gets the last command's exit status.
 *
 * Stops at the first command that fails: -ECHILD (it exited non-zero or
 * was killed), -ETIMEDOUT (exec.timeout: its process group was killed),
 * or the -errno of a step before it could run (exec.consolelog, fork).
 * *ret_status is then the exit code, 128 + signal number, or 1 (timed
 * out, or failed before running).
 * A background command ("cmd &") is not waited for and always counts as
 * success, as in jail(8).
 */
int hook_run(const struct hook_ctx *ctx, enum param_id list, bool in_jail,
    int *ret_status);

#endif
