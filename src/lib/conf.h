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
	unsigned column;	/* 1-based column of the name; 0 unknown */
};

struct conf_jail {
	char *name;		/* block name; NULL for a command-line jail */
	bool from_config;	/* messages get the "NAME: " prefix */
	struct conf_param *params;
	size_t nparams;
	char *file;
	unsigned line;
	/* Set by the config reader: a variable or redefinition error. */
	bool failed;
	/* Set by dep_select(): only in the run as a dependency of a target,
	 * so "already running" (start) / "not running" (stop) is no error. */
	bool implied;
};

struct conf_source;	/* the text of the files read (for diagnostics) */

struct conf {
	struct conf_jail **jails;	/* non-wildcard jails, file order */
	size_t njails;
	struct conf_source *sources;	/* private to conf_*.c */
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

/*
 * The buffer that j's writes of kind ("meta" or "env": the whole
 * buffer, KEY=value, a bare KEY that removes it), taken in order, make of
 * base.  *ret is NULL when j writes none.  -EFBIG when a value or the
 * result, with its NUL, is over max bytes (FreeBSD's "too large").
 */
int conf_jail_keyvalue(const struct conf_jail *j, const char *kind,
    const char *base, size_t max, char **ret);
/* Removes every meta.KEY / env.KEY setting of j. */
void conf_jail_drop_keys(struct conf_jail *j);

/* The jail's display name for messages: name, else jid, else NULL. */
const char *conf_jail_label(const struct conf_jail *j);


/*
 * Diagnostics.  The library never prints: the parser, the evaluator and
 * the checks return a list of these, and the front end prints each with
 * conf_diag_format() (FreeBSD's first line, then where it is) or
 * conf_diag_format_lint() ("FILE:LINE: ..." for ljail --check).
 */
enum conf_diag_level { CONF_DIAG_ERROR, CONF_DIAG_WARNING };
enum conf_diag_form {
	CONF_FORM_LINE,		/* "FILE line N: TEXT" (lexer, parser) */
	CONF_FORM_FILE,		/* "FILE: TEXT" (unexpected EOF, open) */
	CONF_FORM_BARE,		/* "[NAME: ]TEXT" (per-jail, include depth) */
};
struct conf_diag {
	struct conf_diag *next;
	enum conf_diag_level level;
	enum conf_diag_form form;
	char *jail;		/* "NAME: " prefix, or NULL */
	char *text;		/* FreeBSD's message text */
	char *file;		/* file name as given (STDIN), or NULL */
	unsigned line;		/* FreeBSD's line number; 0 = none */
	unsigned src_line;	/* line and column the caret points at */
	unsigned src_column;
	char *src_text;		/* that source line, or NULL */
	unsigned caret_len;
};

/* Adds a diagnostic at the end of *list and returns it. */
struct conf_diag *conf_diag_new(struct conf_diag **list,
    enum conf_diag_level level, enum conf_diag_form form, const char *jail,
    const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void conf_diag_free(struct conf_diag *d);
/* Appends a copy of src's list to *list (keeps the order). */
void conf_diag_append(struct conf_diag **list, struct conf_diag *add);
bool conf_diag_has_error(const struct conf_diag *d);
/*
 * "ljail: FILE line 3: }: syntax error\n" plus, when the place is known,
 * the source line and a caret under the offending text.  prog is the
 * program name ("ljail").
 */
char *conf_diag_format(const struct conf_diag *d, const char *prog);
/* "FILE:LINE: [NAME: ]TEXT\n" (warnings say "warning: "). */
char *conf_diag_format_lint(const struct conf_diag *d, const char *prog);

/*
 * Reading jail.conf.  path "-" reads standard input (named STDIN in
 * messages).  Returns 0 with *ret set when the file can be used: jails
 * whose variables or redefinitions fail are marked failed and their
 * messages are in *ret_diags.  Returns -EINVAL (syntax errors, include
 * errors) or -errno (file unreadable) when nothing may be done; with
 * CONF_PARSE_LINT it goes on after syntax errors and still sets *ret.
 * *ret_diags is always set (NULL when there is nothing to say).
 */
enum conf_parse_flags { CONF_PARSE_LINT = 1 << 0 };
int conf_parse_file(const char *path, unsigned flags, struct conf **ret,
    struct conf_diag **ret_diags);
/* The same from a buffer; name is used in messages and for includes. */
int conf_parse_buffer(const char *name, const char *buf, size_t len,
    unsigned flags, struct conf **ret, struct conf_diag **ret_diags);

/* The jail of a configuration with this block name, or NULL. */
struct conf_jail *conf_find(const struct conf *c, const char *name);

/*
 * Checks one jail as jail(8) does before acting (check_intparams and
 * import_params): internal booleans and integers; for create/modify
 * (CONF_CHECK_KERNEL) every name must be a known parameter and kernel
 * values must convert.  Returns -EINVAL if there is an error.
 * Emulation notes (the table's linux_note) are warnings: with
 * CONF_CHECK_NOTES (--check) every one, placed; else only those of
 * settings Linux ignores, which change what the run does, as one bare
 * line without the jail's name (the caller prints each text once).
 */
enum conf_check_flags {
	CONF_CHECK_KERNEL = 1 << 0,
	CONF_CHECK_NOTES = 1 << 1,
};
int conf_check_jail(const struct conf *c, const struct conf_jail *j,
    unsigned flags, struct conf_diag **diags);

/*
 * jail(8)'s quoting for -e, -J and -v: "" for empty; a value with ' is
 * put in double quotes, else one with " in single quotes, else one with
 * a blank in double quotes; backslashes and the quote are escaped.
 */
char *conf_quote_value(const char *v);
/* "name" or "name=v1,v2" with the values quoted. */
char *conf_format_param(const struct conf_param *p);
/* One -e line: every parameter but jid, joined by sep (no newline). */
char *conf_format_jail(const struct conf_jail *j, const char *sep);
/*
 * One -J record (with newline): "jid=N<TAB>p1=v1..." or, old_style,
 * "N<TAB>path<TAB>hostname<TAB>ip4,ip6<TAB>command words".
 */
char *conf_format_record(const struct conf_jail *j, int jid, bool old_style);

#endif
