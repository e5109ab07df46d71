/*
 * dep.h - "depend" ordering (FreeBSD's dep_setup and start_state): the
 * checks made when a configuration is loaded, and the order of a run.
 */
#ifndef LJAIL_DEP_H
#define LJAIL_DEP_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"

/*
 * Checks every jail of a configuration, as jail(8) does after loading
 * it: a "depend" naming no configured jail fails the jail
 * ("NAME: depends on undefined jail "X""), and one jail of every
 * dependency cycle fails ("NAME: dependency loop").  Failed jails are
 * marked (conf_jail.failed) and get no edges.  Besides "depend", a jail
 * x.y depends lightly on a configured jail x.
 */
void dep_check(struct conf *c, struct conf_diag **diags);

enum dep_closure {
	DEP_NONE = 0,
	DEP_REQUIRED = 1 << 0,	/* add what the targets depend on (-c) */
	DEP_DEPENDENTS = 1 << 1,/* add what depends on the targets (-r) */
};

/*
 * The jails of a run: the targets plus, per closure, the jails they
 * need or the jails that need them (those added are marked implied),
 * in creation order: every jail after the jails it depends on.  Removal
 * walks the result backwards.  Jails not in c (command-line jails) are
 * kept in the order given.  *ret is a new array of borrowed pointers.
 */
void dep_order(const struct conf *c, struct conf_jail *const *targets,
    size_t ntargets, unsigned closure, struct conf_jail ***ret,
    size_t *ret_n);

/* Tells whether j depends (directly, "depend" or parent) on d. */
bool dep_depends_on(const struct conf *c, const struct conf_jail *j,
    const struct conf_jail *d);

#endif
