/*
 * conf_parse.c - the jail.conf parser: recursive descent over the tokens
 * of conf_lex.c, building a syntax tree (struct cv_tree) and nothing
 * more; meaning is given in conf_eval.c.  The grammar is FreeBSD's
 * jailparse.y (15.x), restated:
 *
 *	file	 = { stmt } EOF ;
 *	stmt	 = jail | param ";" | ";" ;
 *	jail	 = STR "{" { stmt } "}" ;	a nested jail is PARENT.NAME
 *	param	 = name				bare: boolean true / no value
 *		 | name "=" values
 *		 | name "+=" values		append
 *		 | name values			name-value form (.include)
 *		 | error ;			skip to the next ";"
 *	name	 = STR | VAR ;			ONE piece; VAR defines a variable
 *	values	 = string { "," string } ;
 *	string	 = (STR | VAR) { STR1 | VAR1 } ;	glued pieces
 *
 * STR1/VAR1 are pieces glued to the previous one (token.glued).  A
 * statement outside any block belongs to the one global wildcard block
 * "*", created where the first such statement ends.  ".include" in the
 * name-value form reads files (globs allowed, relative to the including
 * file, at most 32 deep) into the current block.
 *
 * After a syntax error the parser skips to the next ";" and goes on, as
 * bison's "param: error" rule does; no new error is reported until three
 * tokens have been accepted.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>

#include "conf_priv.h"
#include "util.h"

#define MAX_INCLUDE_DEPTH 32

struct parser {
	unsigned flags;
	struct cv_tree *tree;
	struct conf_diag **diags;
	struct cv_block *cur;		/* block statements go to, or NULL */
	struct cv_block *global;	/* the "*" of top-level statements */
	unsigned seq;
	unsigned depth;			/* include depth */
	bool fatal;			/* stop reading altogether */
	unsigned nerrors;
};

struct pfile {
	struct parser *p;
	struct lexer lx;
	struct token tok;		/* lookahead */
	int errstatus;			/* >0: recovering, be quiet */
	unsigned nerrors;
};

static void parse_file(struct parser *p, const char *path);

/* Frees a value string. */
void
cv_str_clear(struct cv_str *s)
{
	free(s->s);
	for (size_t i = 0; i < s->nvars; i++)
		free(s->vars[i].name);
	free(s->vars);
	memset(s, 0, sizeof(*s));
}

/* Deep-copies a value string. */
void
cv_str_copy(struct cv_str *dst, const struct cv_str *src)
{
	dst->s = xmalloc(src->len + 1);
	memcpy(dst->s, src->s, src->len);
	dst->s[src->len] = '\0';
	dst->len = src->len;
	dst->nvars = src->nvars;
	dst->vars = src->nvars > 0 ?
	    xreallocarray(NULL, src->nvars, sizeof(*dst->vars)) : NULL;
	for (size_t i = 0; i < src->nvars; i++) {
		dst->vars[i].name = xstrdup(src->vars[i].name);
		dst->vars[i].pos = src->vars[i].pos;
	}
}

/* Frees a statement's contents. */
static void
cv_stmt_clear(struct cv_stmt *st)
{
	free(st->name);
	for (size_t i = 0; i < st->nvals; i++)
		cv_str_clear(&st->vals[i]);
	free(st->vals);
	memset(st, 0, sizeof(*st));
}

/* Frees a list of sources. */
void
conf_sources_free(struct conf_source *s)
{
	while (s != NULL) {
		struct conf_source *next = s->next;

		free(s->name);
		free(s->text);
		free(s);
		s = next;
	}
}

/* Frees a syntax tree (and its sources, unless taken). */
void
cv_tree_free(struct cv_tree *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nblocks; i++) {
		struct cv_block *b = t->blocks[i];

		for (size_t j = 0; j < b->nstmts; j++)
			cv_stmt_clear(&b->stmts[j]);
		free(b->stmts);
		free(b->name);
		free(b);
	}
	free(t->blocks);
	conf_sources_free(t->sources);
	free(t);
}

/* Reads the next token, accepting the current one. */
static void
pf_advance(struct pfile *f)
{
	token_clear(&f->tok);
	if (f->errstatus > 0)
		f->errstatus--;
	lex_next(&f->lx, &f->tok);
}

/* Reads the next token, throwing the current one away (recovery). */
static void
pf_discard(struct pfile *f)
{
	token_clear(&f->tok);
	lex_next(&f->lx, &f->tok);
}

/* The raw text of a token, bytes outside printable ASCII escaped. */
static char *
pf_token_text(const struct pfile *f, const struct token *t)
{
	const char *b = f->lx.src->text;
	size_t n = t->end - t->start, o = 0;
	char *out = xmalloc(n * 4 + 1);

	for (size_t i = t->start; i < t->end; i++) {
		unsigned char c = (unsigned char)b[i];

		if (c == '\r')
			o += (size_t)sprintf(out + o, "\\r");
		else if ((c < 0x20 && c != '\t' && c != '\n') || c >= 0x7f)
			o += (size_t)sprintf(out + o, "\\x%02X", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

/*
 * Reports a syntax error at the lookahead token (FreeBSD's yyerror:
 * "FILE line N: TOKEN: syntax error", or "FILE: unexpected EOF") unless
 * recovering, then skips to just after the next ";".
 */
static void
pf_syntax_error(struct pfile *f)
{
	const struct token *t = &f->tok;

	if (f->errstatus == 0) {
		struct conf_diag *d;

		if (t->kind == TOK_EOF) {
			d = conf_diag_new(f->p->diags, CONF_DIAG_ERROR,
			    CONF_FORM_FILE, NULL, f->lx.src->name, t->end_line,
			    "unexpected EOF");
		} else {
			_cleanup_free_ char *text = pf_token_text(f, t);

			d = conf_diag_new(f->p->diags, CONF_DIAG_ERROR,
			    CONF_FORM_LINE, NULL, f->lx.src->name, t->end_line,
			    "%s: syntax error", text);
		}
		if (t->kind != TOK_EOF)
			conf_diag_place(d, f->lx.src, t->line, t->column,
			    (unsigned)(t->end - t->start));
	}
	f->nerrors++;
	f->errstatus = 3;
	while (f->tok.kind != TOK_EOF && f->tok.kind != TOK_SEMI)
		pf_discard(f);
	if (f->tok.kind == TOK_SEMI)
		pf_advance(f);
}

/* Tells whether the lookahead may start a new string. */
static bool
pf_starts_string(const struct pfile *f)
{
	return (f->tok.kind == TOK_STR || f->tok.kind == TOK_VAR) &&
	    !f->tok.glued;
}

/* Appends text to a value string. */
static void
cv_str_cat(struct cv_str *s, const char *text)
{
	size_t n = strlen(text);

	s->s = xrealloc(s->s, s->len + n + 1);
	memcpy(s->s + s->len, text, n + 1);
	s->len += n;
}

/* Records a variable reference at the end of a value string. */
static void
cv_str_var(struct cv_str *s, const char *name)
{
	s->vars = xreallocarray(s->vars, s->nvars + 1, sizeof(*s->vars));
	s->vars[s->nvars].name = xstrdup(name);
	s->vars[s->nvars].pos = s->len;
	s->nvars++;
}

/* string = (STR | VAR) { STR1 | VAR1 }: the glued pieces as one value. */
static void
pf_string(struct pfile *f, struct cv_str *ret)
{
	memset(ret, 0, sizeof(*ret));
	ret->s = xstrdup("");
	do {
		if (f->tok.kind == TOK_STR)
			cv_str_cat(ret, f->tok.text);
		else
			cv_str_var(ret, f->tok.text);
		pf_advance(f);
	} while ((f->tok.kind == TOK_STR || f->tok.kind == TOK_VAR) &&
	    f->tok.glued);
}

/* Finds or makes the block a top-level statement goes to. */
static struct cv_block *
pf_target_block(struct parser *p)
{
	struct cv_block *b;

	if (p->cur != NULL)
		return p->cur;
	if (p->global == NULL) {
		b = xcalloc(1, sizeof(*b));
		b->name = xstrdup("*");
		b->seq = ++p->seq;
		p->tree->blocks = xreallocarray(p->tree->blocks,
		    p->tree->nblocks + 1, sizeof(*p->tree->blocks));
		p->tree->blocks[p->tree->nblocks++] = b;
		p->global = b;
	}
	return p->global;
}

/* Tells whether a file name has glob(3) characters. */
static bool
pf_has_magic(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0')
			s++;
		else if (*s == '*' || *s == '?' || *s == '[')
			return true;
	}
	return false;
}

/* Reads one included name (a glob, or a file that must exist). */
static void
pf_include_one(struct pfile *f, const char *name)
{
	struct parser *p = f->p;
	_cleanup_free_ char *path = NULL;
	const char *slash;

	if (++p->depth > MAX_INCLUDE_DEPTH) {
		conf_diag_new(p->diags, CONF_DIAG_ERROR, CONF_FORM_BARE, NULL,
		    f->lx.src->name, f->lx.line,
		    "maximum include depth exceeded");
		p->fatal = true;
		p->nerrors++;
		p->depth--;
		return;
	}
	/* Relative names are relative to the including file. */
	if (!f->lx.src->is_stdin && name[0] != '/' &&
	    (slash = strrchr(f->lx.src->name, '/')) != NULL)
		path = xasprintf("%.*s%s",
		    (int)(slash - f->lx.src->name + 1), f->lx.src->name, name);
	else
		path = xstrdup(name);
	if (pf_has_magic(path)) {
		glob_t g;
		int r;

		memset(&g, 0, sizeof(g));
		r = glob(path, 0, NULL, &g);
		if (r == 0) {
			for (size_t i = 0; i < g.gl_pathc && !p->fatal; i++)
				parse_file(p, g.gl_pathv[i]);
		} else if (r != GLOB_NOMATCH) {
			conf_diag_new(p->diags, CONF_DIAG_ERROR,
			    CONF_FORM_BARE, NULL, f->lx.src->name, f->lx.line,
			    "%s: filename glob failed", path);
			p->fatal = true;
			p->nerrors++;
		}
		globfree(&g);
	} else
		parse_file(p, path);
	p->depth--;
}

/* Handles ".include" statements; true if st was one. */
static bool
pf_special(struct pfile *f, struct cv_stmt *st)
{
	if (st->is_var || st->op != CV_NAMEVAL ||
	    strcmp(st->name, ".include") != 0)
		return false;
	for (size_t i = 0; i < st->nvals && !f->p->fatal; i++) {
		if (st->vals[i].nvars > 0) {
			struct conf_diag *d = conf_diag_new(f->p->diags,
			    CONF_DIAG_ERROR, CONF_FORM_LINE, NULL,
			    f->lx.src->name, st->loc.line,
			    "variables not permitted in '.include' filename");

			conf_diag_place(d, f->lx.src, st->loc.name_line,
			    st->loc.column, st->loc.len);
			f->nerrors++;
			continue;
		}
		pf_include_one(f, st->vals[i].s);
	}
	return true;
}

/*
 * param = name [("=" | "+=") values | values] ";".  The name token has
 * been read into *name (taken).  On a syntax error the statement is
 * dropped and the parser has skipped past the next ";".
 */
static void
pf_param(struct pfile *f, struct token *name)
{
	struct cv_stmt st;
	struct cv_block *b;

	memset(&st, 0, sizeof(st));
	st.name = TAKE_PTR(name->text);
	st.is_var = name->kind == TOK_VAR;
	st.loc.src = f->lx.src;
	st.loc.name_line = name->line;
	st.loc.column = name->column;
	st.loc.len = (unsigned)(name->end - name->start);
	switch (f->tok.kind) {
	case TOK_SEMI:
		st.op = CV_BARE;
		break;
	case TOK_EQ:
	case TOK_PLEQ:
		st.op = f->tok.kind == TOK_EQ ? CV_SET : CV_APPEND;
		pf_advance(f);
		break;
	default:
		if (!pf_starts_string(f))
			goto error;
		st.op = CV_NAMEVAL;
		break;
	}
	if (st.op != CV_BARE) {
		for (;;) {
			if (!pf_starts_string(f))
				goto error;
			st.vals = xreallocarray(st.vals, st.nvals + 1,
			    sizeof(*st.vals));
			pf_string(f, &st.vals[st.nvals++]);
			if (f->tok.kind != TOK_COMMA)
				break;
			pf_advance(f);
		}
	}
	if (f->tok.kind != TOK_SEMI)
		goto error;
	st.loc.line = f->tok.end_line;
	pf_advance(f);
	if (pf_special(f, &st)) {
		cv_stmt_clear(&st);
		return;
	}
	b = pf_target_block(f->p);
	b->stmts = xreallocarray(b->stmts, b->nstmts + 1, sizeof(*b->stmts));
	b->stmts[b->nstmts++] = st;
	return;
error:
	cv_stmt_clear(&st);
	pf_syntax_error(f);
}

/* Opens a block "name {", nested under the current one. */
static void
pf_open_block(struct pfile *f, struct token *name)
{
	struct parser *p = f->p;
	struct cv_block *b = xcalloc(1, sizeof(*b));

	if (p->cur == NULL)
		b->name = TAKE_PTR(name->text);
	else
		b->name = xasprintf("%s.%s", p->cur->name, name->text);
	b->seq = ++p->seq;
	b->loc.src = f->lx.src;
	b->loc.line = f->tok.end_line;
	b->loc.name_line = name->line;
	b->loc.column = name->column;
	b->loc.len = (unsigned)(name->end - name->start);
	p->tree->blocks = xreallocarray(p->tree->blocks, p->tree->nblocks + 1,
	    sizeof(*p->tree->blocks));
	p->tree->blocks[p->tree->nblocks++] = b;
	p->cur = b;
}

/*
 * file = { stmt } EOF.  Blocks are kept on an explicit stack (no
 * recursion), so deep nesting cannot exhaust the C stack.
 */
static void
pf_statements(struct pfile *f)
{
	struct parser *p = f->p;
	struct cv_block *base = p->cur, **stack = NULL;
	size_t depth = 0;
	struct token name;

	while (!p->fatal) {
		switch (f->tok.kind) {
		case TOK_EOF:
			if (depth > 0)
				pf_syntax_error(f);
			goto out;
		case TOK_RBRACE:
			if (depth == 0) {
				pf_syntax_error(f);
				break;
			}
			p->cur = stack[--depth];
			pf_advance(f);
			break;
		case TOK_SEMI:
			pf_advance(f);
			break;
		case TOK_STR:
		case TOK_VAR:
			if (f->tok.glued) {
				pf_syntax_error(f);
				break;
			}
			name = f->tok;
			f->tok.text = NULL;
			pf_advance(f);
			if (name.kind == TOK_STR &&
			    f->tok.kind == TOK_LBRACE) {
				stack = xreallocarray(stack, depth + 1,
				    sizeof(*stack));
				stack[depth++] = p->cur;
				pf_open_block(f, &name);
				pf_advance(f);
			} else
				pf_param(f, &name);
			token_clear(&name);
			break;
		default:
			pf_syntax_error(f);
			break;
		}
	}
out:
	free(stack);
	p->cur = base;
}

/* Reads a whole file (or standard input) into a new source. */
static int
pf_read_source(const char *path, struct conf_source **ret)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0, cap = 4096;
	char *buf;
	struct conf_source *src;

	if (fd < 0)
		return -errno;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap)
			buf = xrealloc(buf, cap *= 2);
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = -errno;

			free(buf);
			if (!is_stdin)
				close(fd);
			return e;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (!is_stdin)
		close(fd);
	buf[len] = '\0';
	src = xcalloc(1, sizeof(*src));
	src->name = xstrdup(is_stdin ? "STDIN" : path);
	src->text = buf;
	src->len = len;
	src->is_stdin = is_stdin;
	*ret = src;
	return 0;
}

/* Adds a source to the tree and parses it in the current context. */
static void
parse_source(struct parser *p, struct conf_source *src)
{
	struct pfile f;
	struct conf_source **tail = &p->tree->sources;

	while (*tail != NULL)
		tail = &(*tail)->next;
	*tail = src;
	memset(&f, 0, sizeof(f));
	f.p = p;
	lex_init(&f.lx, src, p->diags);
	lex_next(&f.lx, &f.tok);
	pf_statements(&f);
	token_clear(&f.tok);
	f.nerrors += f.lx.nerrors;
	p->nerrors += f.nerrors;
	/* FreeBSD gives up after an included file with errors. */
	if (f.nerrors > 0 && p->depth > 0 && !(p->flags & CONF_PARSE_LINT))
		p->fatal = true;
}

/* Reads and parses one (included) file. */
static void
parse_file(struct parser *p, const char *path)
{
	struct conf_source *src;
	int r = pf_read_source(path, &src);

	if (r < 0) {
		conf_diag_new(p->diags, CONF_DIAG_ERROR, CONF_FORM_FILE, NULL,
		    strcmp(path, "-") == 0 ? "STDIN" : path, 0, "%s",
		    strerror(-r));
		p->nerrors++;
		if (!(p->flags & CONF_PARSE_LINT))
			p->fatal = true;
		return;
	}
	parse_source(p, src);
}

/* Parses a source (taken) and everything it includes into a tree. */
int
conf_parse_tree(struct conf_source *src, unsigned flags, struct cv_tree **ret,
    struct conf_diag **diags)
{
	struct parser p;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	p.diags = diags;
	p.tree = xcalloc(1, sizeof(*p.tree));
	parse_source(&p, src);
	if (p.fatal || (p.nerrors > 0 && !(flags & CONF_PARSE_LINT))) {
		cv_tree_free(p.tree);
		return -EINVAL;
	}
	*ret = p.tree;
	return p.nerrors > 0 ? -EINVAL : 0;
}

/* Parses and evaluates a buffer. */
int
conf_parse_buffer(const char *name, const char *buf, size_t len,
    unsigned flags, struct conf **ret, struct conf_diag **ret_diags)
{
	struct conf_source *src = xcalloc(1, sizeof(*src));
	struct cv_tree *t = NULL;
	struct conf *c = NULL;
	int r, r2;

	*ret_diags = NULL;
	src->name = xstrdup(name);
	src->text = xmalloc(len + 1);
	memcpy(src->text, buf, len);
	src->text[len] = '\0';
	src->len = len;
	src->is_stdin = strcmp(name, "STDIN") == 0;
	r = conf_parse_tree(src, flags, &t, ret_diags);
	if (t == NULL)
		return r;
	r2 = conf_eval_tree(t, &c, ret_diags);
	cv_tree_free(t);
	if ((r < 0 || r2 < 0) && !(flags & CONF_PARSE_LINT)) {
		conf_free(c);
		return r < 0 ? r : r2;
	}
	*ret = c;
	return 0;
}

/* Parses and evaluates a file ("-" = standard input). */
int
conf_parse_file(const char *path, unsigned flags, struct conf **ret,
    struct conf_diag **ret_diags)
{
	struct conf_source *src;
	struct cv_tree *t = NULL;
	struct conf *c = NULL;
	int r, r2;

	*ret_diags = NULL;
	r = pf_read_source(path, &src);
	if (r < 0) {
		conf_diag_new(ret_diags, CONF_DIAG_ERROR, CONF_FORM_FILE, NULL,
		    strcmp(path, "-") == 0 ? "STDIN" : path, 0, "%s",
		    strerror(-r));
		return r;
	}
	r = conf_parse_tree(src, flags, &t, ret_diags);
	if (t == NULL)
		return r;
	r2 = conf_eval_tree(t, &c, ret_diags);
	cv_tree_free(t);
	if ((r < 0 || r2 < 0) && !(flags & CONF_PARSE_LINT)) {
		conf_free(c);
		return r < 0 ? r : r2;
	}
	*ret = c;
	return 0;
}
