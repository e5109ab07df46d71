/*
 * conf_print.c - what ljail prints about a configuration: jail(8)'s
 * quoting (-e, -J, -v), -e lines, -J records, and the diagnostics with
 * a caret under the offending text.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "conf_priv.h"
#include "util.h"

/* Widest part of a source line shown around the caret. */
#define SHOW_WIDTH 120

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
};

/* Appends n bytes. */
static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Appends a string. */
static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Appends one byte. */
static void
buf_chr(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* Hands out the string (never NULL). */
static char *
buf_take(struct buf *b)
{
	if (b->s == NULL)
		return xstrdup("");
	return b->s;
}

/* Appends a value with jail(8)'s quoting rule. */
static void
buf_quoted(struct buf *b, const char *v)
{
	char qc = 0;

	if (*v == '\0' || strchr(v, '\'') != NULL)
		qc = '"';
	else if (strchr(v, '"') != NULL)
		qc = '\'';
	else if (strchr(v, ' ') != NULL || strchr(v, '\t') != NULL)
		qc = '"';
	if (qc)
		buf_chr(b, qc);
	for (; *v != '\0'; v++) {
		if (*v == '\\' || *v == qc)
			buf_chr(b, '\\');
		buf_chr(b, *v);
	}
	if (qc)
		buf_chr(b, qc);
}

/* Quotes one value as jail(8) prints it. */
char *
conf_quote_value(const char *v)
{
	struct buf b = { 0 };

	buf_quoted(&b, v);
	return buf_take(&b);
}

/* Appends "name" or "name=v1,v2". */
static void
buf_param(struct buf *b, const struct conf_param *p, char sep)
{
	buf_str(b, p->name);
	if (p->values == NULL || p->values[0] == NULL)
		return;
	buf_chr(b, '=');
	for (size_t i = 0; p->values[i] != NULL; i++) {
		if (i > 0)
			buf_chr(b, sep);
		buf_quoted(b, p->values[i]);
	}
}

/* Formats one parameter. */
char *
conf_format_param(const struct conf_param *p)
{
	struct buf b = { 0 };

	buf_param(&b, p, ',');
	return buf_take(&b);
}

/* Formats one -e line. */
char *
conf_format_jail(const struct conf_jail *j, const char *sep)
{
	struct buf b = { 0 };
	bool first = true;

	for (size_t i = 0; i < j->nparams; i++) {
		if (strcmp(j->params[i].name, "jid") == 0)
			continue;
		if (!first)
			buf_str(&b, sep);
		first = false;
		buf_param(&b, &j->params[i], ',');
	}
	return buf_take(&b);
}

/* Appends the values of a parameter (no name) joined by sep. */
static void
buf_values(struct buf *b, const struct conf_jail *j, enum param_id id,
    char sep)
{
	const struct conf_param *p = conf_jail_get(j, id);

	for (size_t i = 0; p != NULL && p->values != NULL &&
	    p->values[i] != NULL; i++) {
		if (i > 0)
			buf_chr(b, sep);
		buf_quoted(b, p->values[i]);
	}
}

/* Formats one -J record. */
char *
conf_format_record(const struct conf_jail *j, int jid, bool old_style)
{
	struct buf b = { 0 };
	char num[24];

	if (old_style) {
		const struct conf_param *p4 = conf_jail_get(j, P_IP4_ADDR);
		const struct conf_param *p6 = conf_jail_get(j, P_IP6_ADDR);

		snprintf(num, sizeof(num), "%d\t", jid);
		buf_str(&b, num);
		buf_values(&b, j, P_PATH, ',');
		buf_chr(&b, '\t');
		buf_values(&b, j, P_HOST_HOSTNAME, ',');
		buf_chr(&b, '\t');
		buf_values(&b, j, P_IP4_ADDR, ',');
		if (p4 != NULL && strv_length(p4->values) > 0 && p6 != NULL &&
		    strv_length(p6->values) > 0)
			buf_chr(&b, ',');
		buf_values(&b, j, P_IP6_ADDR, ',');
		buf_chr(&b, '\t');
		buf_values(&b, j, P_COMMAND, ' ');
	} else {
		snprintf(num, sizeof(num), "jid=%d", jid);
		buf_str(&b, num);
		for (size_t i = 0; i < j->nparams; i++) {
			if (strcmp(j->params[i].name, "jid") == 0)
				continue;
			buf_chr(&b, '\t');
			buf_param(&b, &j->params[i], ',');
		}
	}
	buf_chr(&b, '\n');
	return buf_take(&b);
}

/* ------------------------------------------------------------------ */
/* Diagnostics. */

/* Adds a diagnostic at the end of a list. */
struct conf_diag *
conf_diag_new(struct conf_diag **list, enum conf_diag_level level,
    enum conf_diag_form form, const char *jail, const char *file,
    unsigned line, const char *fmt, ...)
{
	struct conf_diag *d = xcalloc(1, sizeof(*d));
	va_list ap;

	d->level = level;
	d->form = form;
	d->jail = jail != NULL ? xstrdup(jail) : NULL;
	d->file = file != NULL ? xstrdup(file) : NULL;
	d->line = line;
	va_start(ap, fmt);
	if (vasprintf(&d->text, fmt, ap) < 0)
		abort();
	va_end(ap);
	while (*list != NULL)
		list = &(*list)->next;
	*list = d;
	return d;
}

/* Copies the source line ln of src and remembers the caret. */
void
conf_diag_place(struct conf_diag *d, const struct conf_source *src,
    unsigned ln, unsigned col, unsigned len)
{
	const char *s, *e, *end;
	unsigned cur = 1;

	if (src == NULL || ln == 0)
		return;
	s = src->text;
	end = src->text + src->len;
	while (cur < ln && s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));

		if (nl == NULL)
			return;
		s = nl + 1;
		cur++;
	}
	if (cur != ln)
		return;
	e = memchr(s, '\n', (size_t)(end - s));
	if (e == NULL)
		e = end;
	free(d->src_text);
	d->src_text = xstrndup(s, (size_t)(e - s));
	d->src_line = ln;
	d->src_column = col > 0 ? col : 1;
	d->caret_len = len > 0 ? len : 1;
}

/* Frees a list of diagnostics. */
void
conf_diag_free(struct conf_diag *d)
{
	while (d != NULL) {
		struct conf_diag *next = d->next;

		free(d->jail);
		free(d->text);
		free(d->file);
		free(d->src_text);
		free(d);
		d = next;
	}
}

/* Moves the diagnostics of add to the end of *list. */
void
conf_diag_append(struct conf_diag **list, struct conf_diag *add)
{
	while (*list != NULL)
		list = &(*list)->next;
	*list = add;
}

/* Tells whether a list holds an error (not only warnings). */
bool
conf_diag_has_error(const struct conf_diag *d)
{
	for (; d != NULL; d = d->next)
		if (d->level == CONF_DIAG_ERROR)
			return true;
	return false;
}

/* Appends the source line and a caret line under the offending text. */
static void
buf_caret(struct buf *b, const struct conf_diag *d)
{
	const char *t = d->src_text;
	size_t len = strlen(t), col = d->src_column - 1, from = 0, to = len;
	size_t clen = d->caret_len;
	char head[32];
	int w;

	if (col > len)
		col = len;
	if (col + clen > len)
		clen = len > col ? len - col : 1;
	if (len > SHOW_WIDTH) {
		from = col > SHOW_WIDTH / 2 ? col - SHOW_WIDTH / 2 : 0;
		to = from + SHOW_WIDTH < len ? from + SHOW_WIDTH : len;
		if (clen > to - col)
			clen = to > col ? to - col : 1;
	}
	/*
	 * Only "FILE line N:" names the file on the first line: a
	 * per-jail message names it here (it may be an .include'd one).
	 */
	if (d->form != CONF_FORM_LINE && d->file != NULL) {
		buf_chr(b, ' ');
		buf_str(b, d->file);
		w = snprintf(head, sizeof(head), ":%u:%u | ", d->src_line,
		    d->src_column) + 1 + (int)strlen(d->file);
		buf_str(b, head);
	} else {
		w = snprintf(head, sizeof(head), " %u:%u | ", d->src_line,
		    d->src_column);
		buf_str(b, head);
	}
	if (from > 0)
		buf_str(b, "...");
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)t[i];

		buf_chr(b, c == '\t' || (c >= 0x20 && c < 0x7f) ? (char)c :
		    '?');
	}
	if (to < len)
		buf_str(b, "...");
	buf_chr(b, '\n');
	for (int i = 0; i < w - 2; i++)
		buf_chr(b, ' ');
	buf_str(b, "| ");
	if (from > 0)
		buf_str(b, "   ");
	for (size_t i = from; i < col; i++)
		buf_chr(b, t[i] == '\t' ? '\t' : ' ');
	buf_chr(b, '^');
	for (size_t i = 1; i < clen; i++)
		buf_chr(b, '~');
	buf_chr(b, '\n');
}

/* Formats a diagnostic as jail(8) prints it, plus the caret. */
char *
conf_diag_format(const struct conf_diag *d, const char *prog)
{
	struct buf b = { 0 };
	char num[16];

	buf_str(&b, prog);
	buf_str(&b, ": ");
	if (d->form == CONF_FORM_LINE && d->file != NULL) {
		buf_str(&b, d->file);
		snprintf(num, sizeof(num), " line %u: ", d->line);
		buf_str(&b, num);
	} else if (d->form == CONF_FORM_FILE && d->file != NULL) {
		buf_str(&b, d->file);
		buf_str(&b, ": ");
	}
	if (d->jail != NULL) {
		buf_str(&b, d->jail);
		buf_str(&b, ": ");
	}
	buf_str(&b, d->text);
	buf_chr(&b, '\n');
	if (d->src_text != NULL)
		buf_caret(&b, d);
	return buf_take(&b);
}

/* Formats a diagnostic for ljail --check: "FILE:LINE: ...". */
char *
conf_diag_format_lint(const struct conf_diag *d, const char *prog)
{
	struct buf b = { 0 };
	char num[16];

	if (d->file != NULL) {
		unsigned line = d->src_line != 0 ? d->src_line : d->line;

		buf_str(&b, d->file);
		if (line != 0) {
			snprintf(num, sizeof(num), ":%u", line);
			buf_str(&b, num);
		}
		buf_str(&b, ": ");
	} else {
		buf_str(&b, prog);
		buf_str(&b, ": ");
	}
	if (d->level == CONF_DIAG_WARNING)
		buf_str(&b, "warning: ");
	if (d->jail != NULL) {
		buf_str(&b, d->jail);
		buf_str(&b, ": ");
	}
	buf_str(&b, d->text);
	buf_chr(&b, '\n');
	return buf_take(&b);
}

/* Finds a source by name. */
const struct conf_source *
conf_source_find(const struct conf_source *list, const char *name)
{
	for (; list != NULL; list = list->next)
		if (strcmp(list->name, name) == 0)
			return list;
	return NULL;
}
