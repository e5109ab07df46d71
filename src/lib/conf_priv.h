/*
 * conf_priv.h - what the jail.conf lexer, parser and evaluator share and
 * nobody else sees: tokens, the syntax tree and the diagnostics helpers.
 *
 * Syntax is kept apart from meaning: conf_lex.c makes tokens,
 * conf_parse.c makes a tree of blocks and statements (values still hold
 * their variable references), conf_eval.c applies wildcards, "+=",
 * the implicit name and variables, as FreeBSD's load_config() does.
 */
#ifndef LJAIL_CONF_PRIV_H
#define LJAIL_CONF_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"

/* One file's text, kept while diagnostics may still point into it. */
struct conf_source {
	struct conf_source *next;
	char *name;		/* as given, or "STDIN" */
	char *text;		/* NUL-terminated copy */
	size_t len;
	bool is_stdin;
};

enum tok_kind {
	TOK_EOF = 0,
	TOK_STR,		/* a string piece */
	TOK_VAR,		/* $x or ${x.y} */
	TOK_PLEQ,		/* += */
	TOK_COMMA = ',',
	TOK_SEMI = ';',
	TOK_EQ = '=',
	TOK_LBRACE = '{',
	TOK_RBRACE = '}',
	TOK_OTHER = 256,	/* a byte no rule accepts: syntax error */
};

struct token {
	enum tok_kind kind;
	bool glued;		/* STR1/VAR1: continues the previous string */
	char *text;		/* decoded piece, or the variable's name */
	size_t start, end;	/* raw bytes in the source */
	unsigned line, column;	/* where it starts */
	unsigned end_line;	/* line after it (flex's yylineno) */
};

struct lexer {
	const struct conf_source *src;
	size_t pos;
	unsigned line;
	size_t line_start;	/* offset of the current line */
	bool instr;		/* last token was a string piece */
	bool dq;		/* inside a double-quoted string after a $ */
	struct conf_diag **diags;
	unsigned nerrors;
};

void lex_init(struct lexer *lx, const struct conf_source *src,
    struct conf_diag **diags);
/* Next token; lexical errors are added to the diagnostics. */
void lex_next(struct lexer *lx, struct token *ret);
void token_clear(struct token *t);

/* A variable reference inside a value: inserted at byte pos. */
struct cv_var {
	char *name;
	size_t pos;
};

/* One value string: literal text plus the variables still to expand. */
struct cv_str {
	char *s;
	size_t len;
	struct cv_var *vars;
	size_t nvars;
};

enum cv_op { CV_BARE, CV_SET, CV_APPEND, CV_NAMEVAL };

/* Where a statement is (for messages). */
struct cv_loc {
	const struct conf_source *src;
	unsigned line;		/* FreeBSD's line (end of the statement) */
	unsigned name_line;	/* line and column of the name */
	unsigned column;
	unsigned len;		/* length of the name, for the caret */
};

struct cv_stmt {
	char *name;
	bool is_var;
	enum cv_op op;
	struct cv_str *vals;
	size_t nvals;
	struct cv_loc loc;
};

struct cv_block {
	char *name;		/* full name: "a.b" for b nested in a */
	unsigned seq;
	struct cv_stmt *stmts;
	size_t nstmts;
	struct cv_loc loc;
};

struct cv_tree {
	struct cv_block **blocks;	/* creation order, wildcards too */
	size_t nblocks;
	struct conf_source *sources;
};

void cv_str_clear(struct cv_str *s);
void cv_str_copy(struct cv_str *dst, const struct cv_str *src);
void cv_tree_free(struct cv_tree *t);
void conf_sources_free(struct conf_source *s);

/* Parses one source into the tree (conf_parse.c). */
int conf_parse_tree(struct conf_source *src, unsigned flags,
    struct cv_tree **ret, struct conf_diag **diags);

/* Evaluates the tree into jails (conf_eval.c). */
int conf_eval_tree(struct cv_tree *t, struct conf **ret,
    struct conf_diag **diags);

/* Points the caret at [col, col+len) of line ln of src. */
void conf_diag_place(struct conf_diag *d, const struct conf_source *src,
    unsigned ln, unsigned col, unsigned len);
/* Looks a source up by file name (for conf_check_jail). */
const struct conf_source *conf_source_find(const struct conf_source *list,
    const char *name);

/* FreeBSD's equalopts(): same option with or without "no". */
bool conf_equalopts(const char *a, const char *b);

#endif
