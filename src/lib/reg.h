/*
 * reg.h - the registry of live jails: FreeBSD keeps jails in the kernel,
 * ljail keeps one record per jail under /run/ljail (root) or
 * $XDG_RUNTIME_DIR/ljail, checked for liveness on every read.
 * CONTRACT owner: reg.
 */
#ifndef LJAIL_REG_H
#define LJAIL_REG_H

#include <stdbool.h>
#include <sys/types.h>

#include "conf.h"

struct reg;

struct reg_jail {
	int jid;
	char *name;
	int parent;		/* parent jid, 0 = host */
	char *path;
	pid_t init_pid;		/* 0 while being created */
	unsigned long long init_start;	/* /proc/PID/stat start time */
	pid_t owner_pid;	/* the ljail creating it (state "creating") */
	unsigned long long owner_start;
	unsigned long id_base;	/* host uid/gid of jail id 0 */
	unsigned long id_count;
	bool dying;
	struct conf_jail *conf;	/* the jail's parameters */
};

/* Opens (creating) the registry directory of the caller. */
int reg_open(struct reg **ret);
void reg_close(struct reg *r);
/* Exclusive lock over the whole registry (flock); held briefly. */
int reg_lock(struct reg *r);
void reg_unlock(struct reg *r);

/*
 * Under the lock: checks name and jid are free, allocates a jid as
 * FreeBSD does (want > 0: that jid) and an id range, and writes a
 * "creating" record owned by the calling process.
 */
int reg_reserve(struct reg *r, struct reg_jail *j);
/* Rewrites a record (atomic rename), e.g. once init runs. */
int reg_update(struct reg *r, const struct reg_jail *j);
int reg_delete(struct reg *r, int jid);

/* Live jails in jid order; stale records are removed on the way. */
int reg_list(struct reg *r, struct reg_jail ***ret, size_t *ret_n);
/* Finds a live jail by jid (all digits) or name; -ESRCH if none. */
int reg_find(struct reg *r, const char *key, struct reg_jail **ret);
/* Opens a pidfd on the jail's init, checking its start time. */
int reg_open_init(const struct reg_jail *j, int *ret_pidfd);

void reg_jail_free(struct reg_jail *j);
void reg_jail_list_free(struct reg_jail **v, size_t n);

#endif
