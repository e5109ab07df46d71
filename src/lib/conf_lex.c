/*
 * conf_lex.c - the jail.conf lexer: hand-written, reentrant (all state in
 * struct lexer), the token rules of FreeBSD's jaillex.l restated.
 *
 * Two states: normal, and "inside a double-quoted string after a $"
 * (lx->dq), where the rest of the string is cut into pieces at each
 * variable.  A piece that follows another piece with nothing between is
 * "glued" (FreeBSD's STR1/VAR1): the parser concatenates glued pieces
 * into one string, so /var/jail/$name is one value.
 *
 * Whitespace is only space, tab and newline.  Any other byte that no
 * rule accepts (a CR, a form feed, a byte >= 0x80 outside quotes) is
 * returned as TOK_OTHER, which the parser reports as a syntax error.
 */
#include "config.h"

#include <stdio.h>

#include "conf_priv.h"
#include "util.h"

/* Tells whether c may appear in an unquoted atom. */
static bool
lex_is_atom(int c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("_!%&()-.:<>?@[]^`|~", c) != NULL;
}

/* Tells whether c may start a $name variable. */
static bool
lex_is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Tells whether c may continue a $name variable. */
static bool
lex_is_name(int c)
{
	return lex_is_name_start(c) || (c >= '0' && c <= '9');
}

/* Value of a hex digit, or -1. */
static int
lex_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes backslash escapes of [s, se) like FreeBSD's text2lval(); with
 * tovar, stops at the first unescaped '$' and stores where it is in
 * *ret_dollar.  The result is cut at its first NUL byte (FreeBSD keeps
 * strings as C strings, so "\0" and "\x" end a quoted piece).
 */
static char *
lex_decode(const char *s, const char *se, bool tovar, const char **ret_dollar)
{
	char *out = xmalloc((size_t)(se - s) + 1);
	size_t d = 0;

	if (ret_dollar != NULL)
		*ret_dollar = NULL;
	for (; s < se; s++) {
		int v, h;

		if (*s != '\\') {
			if (tovar && *s == '$') {
				*ret_dollar = s;
				break;
			}
			out[d++] = *s;
			continue;
		}
		if (++s >= se)
			break;
		if (*s >= '0' && *s <= '7') {
			v = *s - '0';
			for (int i = 0; i < 2 && s + 1 < se && s[1] >= '0' &&
			    s[1] <= '7'; i++)
				v = v * 8 + (*++s - '0');
			out[d++] = (char)v;
			continue;
		}
		switch (*s) {
		case 'a': out[d++] = '\a'; break;
		case 'b': out[d++] = '\b'; break;
		case 'f': out[d++] = '\f'; break;
		case 'n': out[d++] = '\n'; break;
		case 'r': out[d++] = '\r'; break;
		case 't': out[d++] = '\t'; break;
		case 'v': out[d++] = '\v'; break;
		case '\n': break;	/* line continuation */
		case 'x':
			v = 0;
			for (int i = 0; i < 2 && s + 1 < se &&
			    (h = lex_hex(s[1])) >= 0; i++, s++)
				v = v * 16 + h;
			out[d++] = (char)v;
			break;
		default:
			out[d++] = *s;
			break;
		}
	}
	out[d] = '\0';
	return out;
}

/* Starts lexing a source. */
void
lex_init(struct lexer *lx, const struct conf_source *src,
    struct conf_diag **diags)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src;
	lx->line = 1;
	lx->diags = diags;
}

/* Frees a token's text. */
void
token_clear(struct token *t)
{
	free(t->text);
	t->text = NULL;
}

/* Moves over n bytes, counting lines. */
static void
lex_advance(struct lexer *lx, size_t n)
{
	const char *b = lx->src->text;

	while (n-- > 0 && lx->pos < lx->src->len) {
		if (b[lx->pos] == '\n') {
			lx->line++;
			lx->line_start = lx->pos + 1;
		}
		lx->pos++;
	}
}

/* Reports a lexical error at the current position (flex's yylineno). */
static void
lex_error(struct lexer *lx, const char *what, unsigned line, unsigned col,
    unsigned len)
{
	struct conf_diag *d = conf_diag_new(lx->diags, CONF_DIAG_ERROR,
	    CONF_FORM_LINE, NULL, lx->src->name, lx->line, "%s", what);

	conf_diag_place(d, lx->src, line, col, len);
	lx->nerrors++;
}

/* Length of a quoted string from b[i] (the quote) to its closing quote,
 * inclusive, or 0 if it is never closed. */
static size_t
lex_quoted_len(const char *b, size_t len, size_t i, char q)
{
	for (size_t j = i + 1; j < len; j++) {
		if (b[j] == '\\') {
			j++;
			continue;
		}
		if (b[j] == q)
			return j - i + 1;
	}
	return 0;
}

/* Length of what "unterminated string" swallows: to the end of line. */
static size_t
lex_unterminated_len(const char *b, size_t len, size_t i, bool stop_dq)
{
	size_t j = i + 1;

	while (j < len && b[j] != '\n') {
		if (stop_dq && b[j] == '"')
			break;
		if (b[j] == '\\') {
			if (j + 1 >= len || b[j + 1] == '\n')
				break;
			j++;
		}
		j++;
	}
	return j - i;
}

/*
 * Length of a ${...} variable from b[i] (the $), or 0 if it is not
 * closed; *ret_bad_len is what "unterminated variable" then swallows.
 * Inside the braces: no newline, no brace (no " inside a string), but
 * any escaped byte (the closed form also takes "\<newline>").
 */
static size_t
lex_brace_var_len(const char *b, size_t len, size_t i, bool in_dq,
    size_t *ret_bad_len)
{
	size_t j;

	for (j = i + 2; j < len; j++) {
		if (b[j] == '}')
			return j - i + 1;
		if (b[j] == '\\') {
			if (++j >= len)
				break;
			continue;
		}
		if (b[j] == '\n' || b[j] == '{' || (in_dq && b[j] == '"'))
			break;
	}
	for (j = i + 2; j < len; j++) {
		if (b[j] == '\\') {
			if (j + 1 >= len || b[j + 1] == '\n')
				break;
			j++;
			continue;
		}
		if (b[j] == '\n' || b[j] == '{' || b[j] == '}' ||
		    (in_dq && b[j] == '"'))
			break;
	}
	*ret_bad_len = (j > len ? len : j) - i;
	return 0;
}

/* Fills a token that spans [start, pos) and sets the glue flag. */
static void
lex_emit(struct lexer *lx, struct token *t, enum tok_kind kind, char *text,
    size_t start, unsigned line, unsigned col)
{
	t->kind = kind;
	t->text = text;
	t->start = start;
	t->end = lx->pos;
	t->line = line;
	t->column = col;
	t->end_line = lx->line;
	if (kind == TOK_STR || kind == TOK_VAR) {
		t->glued = lx->instr;
		lx->instr = true;
	} else {
		t->glued = false;
		lx->instr = false;
	}
}

/*
 * Tries the rules that are common to both states at b[i] (atoms,
 * escapes, single characters and variables).  Returns true if it made a
 * token; sets *ret_skip when it only swallowed an error.
 */
static bool
lex_common(struct lexer *lx, struct token *t, bool *ret_skip)
{
	const char *b = lx->src->text;
	size_t len = lx->src->len, i = lx->pos, n;
	unsigned line = lx->line, col = (unsigned)(i - lx->line_start) + 1;
	char c = b[i];

	*ret_skip = false;
	if (lex_is_atom(c)) {
		for (n = 1; i + n < len && lex_is_atom(b[i + n]); n++)
			;
		lex_advance(lx, n);
		lex_emit(lx, t, TOK_STR, xstrndup(b + i, n), i, line, col);
		return true;
	}
	if (c == '$' && i + 1 < len && lex_is_name_start(b[i + 1])) {
		for (n = 2; i + n < len && lex_is_name(b[i + n]); n++)
			;
		lex_advance(lx, n);
		lex_emit(lx, t, TOK_VAR, xstrndup(b + i + 1, n - 1), i, line,
		    col);
		return true;
	}
	if (c == '$' && i + 1 < len && b[i + 1] == '{') {
		size_t bad = 0;

		n = lex_brace_var_len(b, len, i, lx->dq, &bad);
		if (n > 0) {
			lex_advance(lx, n);
			lex_emit(lx, t, TOK_VAR, lex_decode(b + i + 2,
			    b + i + n - 1, false, NULL), i, line, col);
			return true;
		}
		lex_advance(lx, bad);
		lex_error(lx, "unterminated variable", line, col,
		    (unsigned)bad);
		*ret_skip = true;
		return false;
	}
	if (c == '\\') {
		n = 1;
		if (i + 1 < len) {
			n = 2;
			if (b[i + 1] >= '0' && b[i + 1] <= '7') {
				while (n < 4 && i + n < len && b[i + n] >= '0' &&
				    b[i + n] <= '7')
					n++;
			} else if (b[i + 1] == 'x') {
				while (n < 4 && i + n < len &&
				    lex_hex(b[i + n]) >= 0)
					n++;
			}
		}
		lex_advance(lx, n);
		lex_emit(lx, t, TOK_STR, lex_decode(b + i, b + i + n, false,
		    NULL), i, line, col);
		return true;
	}
	if (c == '$' || c == '*' || c == '+' || c == '/') {
		lex_advance(lx, 1);
		lex_emit(lx, t, TOK_STR, xstrndup(b + i, 1), i, line, col);
		return true;
	}
	return false;
}

/*
 * Inside a double-quoted string after a variable: the piece up to the
 * next variable or the closing quote.
 */
static bool
lex_dq(struct lexer *lx, struct token *t)
{
	const char *b = lx->src->text, *dollar;
	size_t len = lx->src->len, i = lx->pos, q;
	unsigned line = lx->line, col = (unsigned)(i - lx->line_start) + 1;
	bool skip;
	char *text;

	for (;;) {
		i = lx->pos;
		line = lx->line;
		col = (unsigned)(i - lx->line_start) + 1;
		if (i >= len) {
			lx->dq = false;
			return false;
		}
		if (b[i] == '"') {
			lex_advance(lx, 1);
			lx->dq = false;
			return false;
		}
		if (b[i] == '$' || b[i] == '\\') {
			if (lex_common(lx, t, &skip))
				return true;
			if (skip)
				continue;
		}
		/* The rest of the string, from a byte that is not " $ \. */
		q = lex_quoted_len(b, len, i - 1, '"');
		if (q == 0) {
			lx->dq = false;
			return false;
		}
		text = lex_decode(b + i, b + i - 1 + q - 1, true, &dollar);
		if (dollar != NULL) {
			lex_advance(lx, (size_t)(dollar - (b + i)));
		} else {
			lex_advance(lx, q - 1);
			lx->dq = false;
		}
		lex_emit(lx, t, TOK_STR, text, i, line, col);
		return true;
	}
}

/* Next token. */
void
lex_next(struct lexer *lx, struct token *t)
{
	const char *b = lx->src->text, *dollar;
	size_t len = lx->src->len, i, n;
	unsigned line, col;
	bool skip;
	char c;

	memset(t, 0, sizeof(*t));
	for (;;) {
		if (lx->dq && lex_dq(lx, t))
			return;
		i = lx->pos;
		line = lx->line;
		col = (unsigned)(i - lx->line_start) + 1;
		if (i >= len) {
			lex_emit(lx, t, TOK_EOF, NULL, i, line, col);
			return;
		}
		c = b[i];
		if (c == ' ' || c == '\t' || c == '\n') {
			lex_advance(lx, 1);
			lx->instr = false;
			continue;
		}
		if (c == '#' || (c == '/' && i + 1 < len && b[i + 1] == '/')) {
			for (n = 0; i + n < len && b[i + n] != '\n'; n++)
				;
			lex_advance(lx, n);
			lx->instr = false;
			continue;
		}
		if (c == '/' && i + 1 < len && b[i + 1] == '*') {
			const char *end = NULL;

			for (n = i + 2; n + 1 < len; n++)
				if (b[n] == '*' && b[n + 1] == '/') {
					end = b + n;
					break;
				}
			if (end == NULL) {
				lex_advance(lx, len - i);
				lex_error(lx, "unterminated comment", line, col,
				    2);
				continue;
			}
			lex_advance(lx, (size_t)(end + 2 - (b + i)));
			lx->instr = false;
			continue;
		}
		if (c == '+' && i + 1 < len && b[i + 1] == '=') {
			lex_advance(lx, 2);
			lex_emit(lx, t, TOK_PLEQ, NULL, i, line, col);
			return;
		}
		if (c == ',' || c == ';' || c == '=' || c == '{' || c == '}') {
			lex_advance(lx, 1);
			lex_emit(lx, t, (enum tok_kind)c, NULL, i, line, col);
			return;
		}
		if (c == '\'' || c == '"') {
			n = lex_quoted_len(b, len, i, c);
			if (n == 0) {
				n = lex_unterminated_len(b, len, i, false);
				lex_advance(lx, n);
				lex_error(lx, "unterminated string", line, col,
				    1);
				continue;
			}
			if (c == '\'') {
				lex_advance(lx, n);
				lex_emit(lx, t, TOK_STR, lex_decode(b + i + 1,
				    b + i + n - 1, false, NULL), i, line, col);
				return;
			}
			{
				char *text = lex_decode(b + i + 1,
				    b + i + n - 1, true, &dollar);

				if (dollar != NULL) {
					lex_advance(lx,
					    (size_t)(dollar - (b + i)));
					lx->dq = true;
				} else
					lex_advance(lx, n);
				lex_emit(lx, t, TOK_STR, text, i, line, col);
				return;
			}
		}
		if (lex_common(lx, t, &skip))
			return;
		if (skip)
			continue;
		lex_advance(lx, 1);
		lex_emit(lx, t, TOK_OTHER, xstrndup(b + i, 1), i, line, col);
		return;
	}
}
