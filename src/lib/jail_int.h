/*
 * jail_int.h - what jail.c, jail_create.c, jail_remove.c, jail_modify.c
 * and jail_enter.c share.  Not a contract: nothing outside jail_*.c
 * includes it.
 */
#ifndef LJAIL_JAIL_INT_H
#define LJAIL_JAIL_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "conf.h"
#include "jail.h"
#include "ns.h"
#include "rctl.h"
#include "reg.h"

/* One jail being acted on by jail_run(). */
struct jail_state {
	const struct jail_request *req;
	struct conf_jail *conf;		/* its parameters (borrowed) */
	const char *label;		/* "NAME" of messages, or NULL */
	struct reg *reg;		/* the registry (borrowed) */
	struct reg_jail rec;		/* the record we reserved */
	bool reserved;
	struct jail_handle h;		/* the live jail once spawned */
	int sock;			/* to the jail's PID 1 during setup */
	unsigned long nsflags;		/* CLONE_NEW* of the jail */
	bool rootless;			/* ljail is not root: map the caller */
	bool subids;			/* rootless, with the caller's
					   subordinate ids (ns.h) */
	struct ns_subids sub;
	bool lab;			/* made from inside its lab (lab.h) */
	bool identity_map;		/* idmapped root impossible: ids 1:1 */
	bool nested;			/* ljail runs inside a jail: the new
					   jail shares its parent's ids */
	bool net_done;			/* net_setup() succeeded */
	int netns;			/* the jail's netns, held when it has
					   vnet.interface links to give back */
	bool note_remove;		/* print "NAME: removed" on -r */
	bool restarting;		/* -rc: no removal note */
	bool have_status;		/* command's exit status is known */
	int cmd_status;
	bool cg_made;			/* the jail has its cgroup (jail_rctl) */
	struct rctl_limits limits;	/* its rctl rules, as limits */
};

/*
 * Steps of a sequence, walked forward and (create) backward.  A step
 * without run is the exec.* hook of that parameter, on the host or in
 * the jail (jail_hook); hooks have no undo, as in FreeBSD.
 */
struct jail_step {
	const char *name;
	int (*run)(struct jail_state *st);
	void (*undo)(struct jail_state *st);
	enum param_id hook;
	bool in_jail;
};

/* Prints "ljail: [NAME: ]MESSAGE" on stderr. */
void jail_err(const struct jail_state *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints "ljail: [NAME: ]MESSAGE" on stderr without the jail prefix. */
void jail_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a note "[NAME: ]MESSAGE" on stdout (created, removed...). */
void jail_note(const struct jail_state *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* True if notes are printed: not -q, and a config jail or -v. */
bool jail_notes_on(const struct jail_state *st);
/* Prints a -v trace line "[NAME: ]MESSAGE" when -v. */
void jail_trace(const struct jail_state *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* " p1=v1 p2 ..." of the jail's kernel parameters, for -v traces. */
char *jail_kernel_params(const struct conf_jail *j);

/*
 * Under the registry lock: FreeBSD's "IPv4 addresses clash" check of j
 * against the other live jails; prints the message itself.
 */
int jail_check_clash(struct jail_state *st, const struct conf_jail *j);
/* Holds a vnet.interface jail's namespace / ends the hold (net_hold). */
void jail_net_hold(struct jail_state *st, int netns_fd);
void jail_net_release(struct jail_state *st);
/* Records where vnet.interface came from (ljail.vnet.home). */
void jail_record_net_home(struct conf_jail *j);
/* Host side of the jails' addresses, after a change (net_host_sync). */
int jail_net_sync(struct jail_state *st, const struct conf_jail *conf,
    int except);

/*
 * Folds want's writes of meta, env, meta.KEY and env.KEY, in order, into
 * dst's buffers (dst == want: from empty, for a new jail), so that dst
 * holds one whole meta and env and no KEY settings; checks the size
 * limit and prints the error itself.
 */
int jail_fold_keyvalue(struct jail_state *st, const struct conf_jail *want,
    struct conf_jail *dst);

/* Runs a hook list (-ENOSYS from a missing hook module is an error). */
int jail_hook(struct jail_state *st, enum param_id list, bool in_jail);

/* Creates the jail: the whole -c sequence with rollback. */
int jail_create(struct jail_state *st);
/* Removes the live jail st->rec / st->h (the -r sequence). */
int jail_remove(struct jail_state *st, bool force);
/* Root stopping a user's jail (reg_find_user): no hook, no record write. */
int jail_remove_user(struct jail_state *st, const struct reg_jail *rec);
/* Removes the live descendants (NAME.x) of st's jail, deepest first. */
int jail_remove_children(struct jail_state *st);
/* Runs the after-removal steps of -C for a jail that is gone. */
int jail_cleanup(struct jail_state *st);
/* Applies runtime parameters to the live jail (-m). */
int jail_modify(struct jail_state *st);
/* The first create-only parameter that differs from the live jail, or NULL. */
const char *jail_changed_create_only(const struct conf_jail *want,
    const struct conf_jail *live);
/*
 * The first parameter that restricts the jail's processes (allow.*,
 * securelevel, children.max...) and differs from the live jail, or
 * NULL: Linux cannot change it for processes that already run.
 */
const char *jail_changed_fixed(const struct conf_jail *want,
    const struct conf_jail *live);

/*
 * Gets the jail's seccomp filter now (from reg's cache, or compiled and
 * cached; reg may be NULL), for forks of this process to load with
 * jail_filter_apply(); NULL drops it.
 */
int jail_filter_prepare(const struct conf_jail *j, struct reg *reg);
/* Drops the prepared program if it is j's (before j is freed). */
void jail_filter_forget(const struct conf_jail *j);
/* filter_apply(), from the prepared program when it is the same jail. */
int jail_filter_apply(const struct conf_jail *j);

/*
 * For a process that will never allocate or read heap memory again (the
 * jail's init, jail_enter's intermediate): gives its whole heap back to
 * the kernel.  start_brk from jail_heap_start(), read while /proc is the
 * host's.
 */
void jail_drop_heap(unsigned long start_brk);
unsigned long jail_heap_start(void);

/* Kills the jail's PID 1 (and so the jail) and waits until it is gone. */
int jail_kill(struct jail_handle *h);
/* Waits up to timeout_ms for the process behind pidfd to exit; bool: gone. */
bool jail_wait_gone(int pidfd, int timeout_ms);
/* Sends a control signal to the jail's init (si_pid 0 inside). */
int jail_signal_init(const struct jail_handle *h, int sig);

#endif
