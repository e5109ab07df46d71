/*
 * reg.h - the registry of live jails: FreeBSD keeps jails in the kernel,
 * ljail keeps one record per jail under /run/ljail (root) or
 * $XDG_RUNTIME_DIR/ljail, checked for liveness on every read.
 * CONTRACT owner: reg.
 *
 * Layout of the registry directory (0700, owned by the caller):
 *	lock		flock(2) target, held to reserve/update/delete
 *	next		the last jid allocated (FreeBSD's lastprid)
 *	jails/JID	one record per jail, replaced by atomic rename
 *	names/KEY	symlink KEY (encoded name) -> JID, the name index
 *	slots/N		symlink N (id range slot) -> JID
 *	kids/P.C	symlink -> C for each jail C whose parent is P
 *	cache/HASH	derived data (compiled filters) under a key it holds
 *	meta_maxbufsize	optional, the administrator's size limit of
 *			meta and env (security.jail.meta_maxbufsize)
 *	netns/JID	a vnet.interface jail's network namespace, held (a
 *			bind mount, jail.c/net_hold), JID.ifs its links
 * $LJAIL_RUNDIR, when set, names the directory instead (tests use it).
 *
 * A record is live when its init (pid + start time) runs, or, while
 * init_pid is 0 ("creating"), when its owner (the creating ljail) runs;
 * anything else is stale and removed by whoever looks next.
 */
#ifndef LJAIL_REG_H
#define LJAIL_REG_H

#include <stdbool.h>
#include <sys/types.h>

#include "conf.h"

/* FreeBSD's JAIL_MAX: jids are 1..999999 and wrap. */
#define REG_JID_MAX 999999
/* Host ids of automatically allocated ranges start here. */
#define REG_ID_BASE 0x10000000UL
#define REG_ID_COUNT 65536UL

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
	bool nested;		/* made inside a jail (reg_nested_list) */
	struct conf_jail *conf;	/* the jail's parameters */
	char *owner;		/* NULL: the caller's; else the user whose
				   registry holds it (reg_list_users) */
	uid_t owner_uid;
};

/* Opens (creating) the registry directory of the caller. */
int reg_open(struct reg **ret);
void reg_close(struct reg *r);
/*
 * Inside a jail the registry holds that jail's descendants only: at most
 * max of them (its children.max), counting those being created; a
 * reserve beyond fails with -EMLINK.  -1 (the default): no limit.
 */
void reg_set_root_limit(struct reg *r, long long max);
/* The registry directory's path (for messages). */
const char *reg_path(const struct reg *r);
/* Exclusive lock over the whole registry (flock); held briefly; nests. */
int reg_lock(struct reg *r);
void reg_unlock(struct reg *r);

/*
 * Under the lock (taken if the caller does not hold it): checks name and
 * jid are free, allocates a jid as FreeBSD does (want > 0: that jid; a
 * numeric name means that jid) and an id range (id_base != 0 or
 * ljail.idmap.base: that base, if it overlaps no live jail), and writes
 * a "creating" record owned by the calling process.  Fills in j->jid,
 * j->name (default: the jid), j->parent, j->id_base, j->id_count and the
 * owner.  Errors: -EEXIST name or jid in use, -EINVAL numeric name that
 * is not the jid or bad jid, -ENOENT parent of "a.b" not found,
 * -ENAMETOOLONG, -EBUSY id range taken, -EAGAIN no free jid or range,
 * -EMLINK the parent or an ancestor already has children.max descendants
 * ("prison limit exceeded").
 */
int reg_reserve(struct reg *r, struct reg_jail *j);
/*
 * Rewrites a record (atomic rename), e.g. once init runs; a new name is
 * checked like at reserve (-EEXIST, -EINVAL).  -ENOENT if it is gone.
 */
int reg_update(struct reg *r, const struct reg_jail *j);
int reg_delete(struct reg *r, int jid);

/*
 * Live jails in jid order (dying ones included, "creating" ones not);
 * stale records are removed on the way.
 */
int reg_list(struct reg *r, struct reg_jail ***ret, size_t *ret_n);
/*
 * Like reg_list(), with the jails being created ("creating" records whose
 * ljail runs): for state derived from every jail (net_host_sync).
 */
int reg_list_all(struct reg *r, struct reg_jail ***ret, size_t *ret_n);
/*
 * Finds a live jail by jid (all digits, not 0) or name; -ESRCH if none.
 * A "creating" record is not a jail yet: -ESRCH too.
 */
int reg_find(struct reg *r, const char *key, struct reg_jail **ret);
/* Opens a pidfd on the jail's init, checking its start time. */
int reg_open_init(const struct reg_jail *j, int *ret_pidfd);

/*
 * Start time of a process (/proc/PID/stat field 22); -ESRCH if there is
 * none or it is a zombie.
 */
int reg_proc_start(pid_t pid, unsigned long long *ret);
/*
 * Whether jid may have child jails: false only when no record names it
 * as parent (the kids index), so callers skip reg_list().
 */
bool reg_may_have_children(struct reg *r, int jid);
/*
 * Number of live jails made inside jail j by an ljail running there (in
 * its own registry, reg_nested.c), and inside those, at any depth, as
 * far as the kernel confirms them; 0 unless j has children.max > 0.
 * For display and limits only.
 */
int reg_nested_count(const struct reg_jail *j);
/*
 * The same jails as records, for display only (ljls): named
 * "J.CHILD" (J.CHILD.GRANDCHILD...), path as seen from here, init_pid
 * our pid of its init, parent the jid of the jail it was made in (in
 * that jail's numbering for deeper ones), nested set.  Never to be
 * entered, signalled or changed: the rest of the record is what the
 * jail's ljail wrote.
 */
int reg_nested_list(const struct reg_jail *j, struct reg_jail ***ret,
    size_t *ret_n);
/*
 * The jails of v (a reg_list() result), each followed by the jails made
 * inside it (reg_nested_list): the result borrows v's records and owns
 * the nested ones, which reg_nested_free() frees with the array.
 */
void reg_with_nested(struct reg_jail *const *v, size_t n,
    struct reg_jail ***ret, size_t *ret_n);
void reg_nested_free(struct reg_jail **v, size_t n);
/* Number of live descendants of jid in a reg_list() result. */
int reg_children_count(struct reg_jail *const *v, size_t n, int jid);
/*
 * Every live descendant of j, as FreeBSD's children.cur counts them:
 * those of v (a reg_list() result) and those made inside j or inside
 * any of them, at any depth.
 */
int reg_descendants_count(struct reg_jail *const *v, size_t n,
    const struct reg_jail *j);

/*
 * Root's view of users' jails (reg_users.c): the jails in every user's
 * default registry (/run/user/UID/ljail, /tmp/ljail-UID) that the kernel
 * confirms (init runs with the record's start time, as that user, in a
 * user namespace the user owns), by owner uid then jid, with owner set.
 * Directories and records are opened without following links and must
 * be the user's and writable by no one else.  Empty unless the caller is
 * root of the host using its default registry (LJAIL_RUNDIR unset).
 */
int reg_list_users(struct reg_jail ***ret, size_t *ret_n);
/*
 * One user's jail (as reg_list_users() confirms them) by jid or name:
 * -ESRCH if none, -ENOTUNIQ if several users have one so called.  For
 * root's ljexec, ljail -r and ljls -j; nothing the record says beyond
 * its init is trusted (no hook of it runs).
 */
int reg_find_user(const char *key, struct reg_jail **ret);
/*
 * Whether process pid is in a user namespace other than the caller's
 * that uid owns (a rootless jail's init, a lab's holder): the kernel's
 * word (NS_GET_OWNER_UID), not a record's.
 */
bool reg_pid_in_userns_of(pid_t pid, uid_t uid);
/*
 * reg_children_count() for j within v = a reg_list() result followed by
 * a reg_list_users() one: only the jails of j's own registry count.
 */
int reg_owner_children_count(struct reg_jail *const *v, size_t n,
    const struct reg_jail *j);

/*
 * A small cache of derived data in cache/ (compiled seccomp filters,
 * jail_enter.c): reg_cache_put() stores a blob under a text key,
 * reg_cache_get() gives it back (*ret malloc'd) only if the file is ours
 * like every record and holds that very key; -ENOENT or another -errno
 * is a miss.  At most 64 entries.
 */
int reg_cache_get(struct reg *r, const char *key, void **ret, size_t *ret_len);
int reg_cache_put(struct reg *r, const char *key, const void *data,
    size_t len);

/*
 * The most bytes, the NUL included, that a jail's meta or env may hold:
 * the decimal number in the registry's meta_maxbufsize file (trusted as
 * a record is, at most REG_META_MAXBUFSIZE_MAX), else FreeBSD's default.
 */
size_t reg_meta_maxbufsize(struct reg *r);
#define REG_META_MAXBUFSIZE_MAX (1U << 20)

/* Record text of a jail, and back (exported for the tests). */
char *reg_record_format(const struct reg_jail *j, const char *boot_id);
int reg_record_parse(const char *text, size_t len, const char *boot_id,
    struct reg_jail **ret);

void reg_jail_free(struct reg_jail *j);
void reg_jail_list_free(struct reg_jail **v, size_t n);

#endif
