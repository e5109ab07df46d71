/*
 * ls.h - jls(8)'s output for ljls: the default table, -N, -v, parameter
 * lists (-h, -n, -q, -s, "all", noX), and --libxo json/xml with
 * FreeBSD's container and field names.  The front end selects the jails
 * (reg_list/reg_find) and handles the flags' interplay; ls_ prints.
 * CONTRACT owner: reg.
 */
#ifndef LJAIL_LS_H
#define LJAIL_LS_H

#include <stdbool.h>
#include <stdio.h>

#include "reg.h"

/* FreeBSD's PRINT_* flags. */
enum ls_flags {
	LS_DEFAULT = 1 << 0,	/* the 4-column table (set by ls_prepare) */
	LS_HEADER = 1 << 1,	/* -h */
	LS_NAMEVAL = 1 << 2,	/* -n */
	LS_QUOTED = 1 << 3,	/* -q */
	LS_SKIP = 1 << 4,	/* -s (with -n -q) */
	LS_VERBOSE = 1 << 5,	/* -v */
	LS_JAIL_NAME = 1 << 6,	/* -N */
	LS_PRETTY = 1 << 7,	/* --libxo pretty: indented json/xml */
};

enum ls_style { LS_TEXT, LS_JSON, LS_XML };

/* What the viewer's system says where a jail inherits (tests fix it). */
struct ls_host {
	const char *hostname;
	const char *domainname;
	const char *hostuuid;
	const char *osrelease;
	long long osreldate;
};

struct ls_query;

/*
 * Resolves the parameters to print from the operands (NULL-terminated,
 * may be empty) and flags, as jls does.  -EINVAL with *ret_bad = the
 * first unknown name (borrowed from params).
 */
int ls_prepare(unsigned flags, enum ls_style style, char *const *params,
    struct ls_query **ret, const char **ret_bad);
void ls_query_free(struct ls_query *q);
/* The viewer's host values (NULL: read the running system). */
void ls_set_host(struct ls_query *q, const struct ls_host *h);

/*
 * Prints the header, then the jails of sel (jid order) and the closing
 * of the structured styles.  all is every live jail (children.cur).
 */
int ls_print(FILE *f, struct ls_query *q, struct reg_jail *const *sel,
    size_t nsel, struct reg_jail *const *all, size_t nall);

#endif
