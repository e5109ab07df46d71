/*
 * conf.h - the data model of a jail's configuration: what the jail.conf
 * parser and the jail(8) command-line reader produce, and what jail_,
 * hook_, net_, fs_ and reg_ read.
 *
 * CONTRACT: a struct conf_jail is an ordered list of (parameter, values)
 * after variable expansion.  Readers use the accessors below, which apply
 * FreeBSD's rules (last scalar wins, "no" booleans, defaults from
 * param_table).  The lexer/parser/expansion live in conf_lex.c,
 * conf_parse.c and conf_eval.c.
 */
#ifndef LJAIL_CONF_H
#define LJAIL_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "param.h"

struct conf_param {
	enum param_id id;	/* P_UNKNOWN for a name FreeBSD does not know */
	char *name;		/* spelling as written, e.g. "allow.nomount" */
	bool negated;		/* the "no" spelling of a boolean */
	char **values;		/* NULL-terminated; NULL for a bare "p;" */
	char *file;		/* where it was set (NULL: command line) */
	unsigned line;
};

struct conf_jail {
	char *name;		/* block name; NULL for a command-line jail */
	bool from_config;	/* messages get the "NAME: " prefix */
	struct conf_param *params;
	size_t nparams;
	char *file;
	unsigned line;
};

struct conf {
	struct conf_jail **jails;	/* non-wildcard jails, file order */
	size_t njails;
};

/* Creates an empty jail; name may be NULL (command-line jail). */
struct conf_jail *conf_jail_new(const char *name, bool from_config);
void conf_jail_free(struct conf_jail *j);
void conf_free(struct conf *c);

/*
 * Sets a parameter as FreeBSD's "p = v" does: list parameters append,
 * scalars are replaced (the later assignment and its spelling win).
 * values may be NULL (bare name).  append forces "+=" behaviour.
 * Returns -EINVAL for an unknown name only when the caller asks the
 * table (callers report "unknown parameter: X" themselves).
 */
void conf_jail_set(struct conf_jail *j, const char *name, char *const *values,
    bool append, const char *file, unsigned line);

/* The last setting of a parameter, or NULL. */
const struct conf_param *conf_jail_get(const struct conf_jail *j,
    enum param_id id);
bool conf_jail_has(const struct conf_jail *j, enum param_id id);

/* Boolean value with FreeBSD's rules and the table's default. */
bool conf_jail_bool(const struct conf_jail *j, enum param_id id);
/* Last value of a scalar, the table's default, or NULL. */
const char *conf_jail_str(const struct conf_jail *j, enum param_id id);
/* Integer value; -EINVAL if not an integer, -ENOENT if unset and no default. */
int conf_jail_int(const struct conf_jail *j, enum param_id id, long long *ret);
/* Jailsys value with default. */
int conf_jail_jailsys(const struct conf_jail *j, enum param_id id);
/* All values of a list parameter (NULL if unset); borrowed. */
char *const *conf_jail_list(const struct conf_jail *j, enum param_id id);

/* The jail's display name for messages: name, else jid, else NULL. */
const char *conf_jail_label(const struct conf_jail *j);

#endif
