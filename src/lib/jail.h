/*
 * jail.h - create, modify, remove and enter jails: FreeBSD's ordered
 * steps (§1.7 of the spec) walked forward, and backward on failure.
 *
 * CONTRACT: the ljail front end builds a struct jail_request and calls
 * jail_run(); ljexec and hook_ call jail_enter().  Owner: jail_/ns_/init_.
 */
#ifndef LJAIL_JAIL_H
#define LJAIL_JAIL_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "conf.h"

enum jail_op {
	JAIL_OP_START = 1,	/* -c */
	JAIL_OP_SET = 2,	/* -m */
	JAIL_OP_STOP = 4,	/* -r */
};

struct jail_request {
	unsigned op;		/* JAIL_OP_* bitmask, as in FreeBSD */
	bool remove_force;	/* -R: no config actions, SIGTERM phase only */
	bool cleanup;		/* -C */
	bool cleanup_only;	/* -C alone: never remove a live jail */
	int verbose;		/* -1 quiet (-q/-i), 0 normal, 1 -v */
	bool print_jid;		/* -i */
	FILE *jid_file;		/* -J, or NULL */
	bool old_style;		/* positional form: -J uses the old record */
	int max_parallel;	/* -p; <= 0 unlimited */
	/* Jails to act on, in dependency order (dep_ sorted them). */
	struct conf_jail **jails;
	size_t njails;
	/* "wild" selection: skip silently instead of "not found" etc. */
	bool wild;
	/* Operands of -r/-R that name running jails not in the config. */
	char **targets;
	/* -r: print "NAME: removed" (config loaded, several operands or a
	 * pattern), FreeBSD's note_remove. */
	bool note_remove;
};

/*
 * Runs the request; prints notes and errors itself (it is the layer that
 * knows the jail and the step).  Returns jail(8)'s exit status (0 or 1),
 * except that a command-line -c returns the command's exit status.
 */
int jail_run(const struct jail_request *req);

/* A live jail, as the registry knows it. */
struct rctl_limits;

struct jail_handle {
	int jid;
	char *name;
	char *path;		/* host path of the jail root */
	pid_t init_pid;
	int init_pidfd;		/* pins the init; setns(pidfd, ...) target */
	struct conf_jail *conf;	/* the jail's parameters (policy for enter) */
	/* Its rctl limits if the caller has them (creation), else NULL. */
	const struct rctl_limits *limits;
};

/*
 * Enters the jail from the calling process: joins all its namespaces
 * (one setns on the pidfd), forks so the caller ends up inside the PID
 * namespace, trims capabilities and installs the jail's seccomp filter.
 * Returns 0 in the process that is now inside the jail (still jail root,
 * cwd "/", every fd >= 3 close-on-exec, not dumpable until it execs); the
 * caller switches user and calls caps_finish() before exec.  -errno if
 * it could not get in (nothing was forked then; a failure after the fork
 * ends the child with status 127).  The intermediate process never
 * returns: it waits for that child, forwards SIGTERM, SIGINT, SIGHUP,
 * SIGQUIT, SIGUSR1 and SIGUSR2 to it, tells the jail's init, and
 * _exit()s with the child's status (or dies of the same signal).  The
 * child has PR_SET_PDEATHSIG(SIGKILL), so a SIGKILLed intermediate takes
 * it along until it changes uid; killing the process group reaches both
 * in every case.
 */
int jail_enter(const struct jail_handle *h);

/*
 * Finds a live jail by jid (all digits) or name in the caller's registry
 * and opens a handle on it (for ljexec).  -ESRCH if there is none.
 */
int jail_open(const char *key, struct jail_handle **ret);

/* Frees a handle from jail_open() (closes its pidfd); NULL is fine. */
void jail_handle_free(struct jail_handle *h);

#endif
