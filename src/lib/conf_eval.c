/*
 * conf_eval.c - gives the syntax tree its meaning, as FreeBSD's
 * load_config() does, then checks jails as check_intparams() and
 * import_params() do.
 *
 * For each real (non-wildcard) jail, in file order:
 *  1. the block name sets "jid" (all digits) or "name", immutable;
 *  2. the wildcard blocks ("*", "foo.*" and the global "*") are walked
 *     in file order; the jail's own statements are applied where its
 *     block is, so earlier wildcards are overridden by the jail and
 *     later ones override it.  "p = v" replaces, "p += v" appends,
 *     "p;" clears, and "p"/"nop" are the same parameter;
 *  3. "name" is appended (numeric blocks) if nothing set it;
 *  4. variables are substituted, references first (a parameter that
 *     still has variables is moved before its user, as FreeBSD does,
 *     which is visible in -e output), loops and missing variables
 *     failing the jail;
 *  5. variables are dropped.
 *
 * Duplicate jail blocks: FreeBSD keeps both entries and then finds
 * either one by name; ljail refuses the file instead (documented in
 * ljail.conf(5)).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "args.h"
#include "conf_priv.h"
#include "util.h"

/* Total bytes variable substitution may produce in one configuration. */
#define EXPANSION_BUDGET (64u << 20)

enum {
	EV_VAR = 1 << 0,
	EV_IMMUTABLE = 1 << 1,
	EV_BAD = 1 << 2,
};

struct ev_param {
	struct ev_param *prev, *next;
	char *name;
	unsigned flags;
	unsigned gen;
	struct cv_str *vals;
	size_t nvals;
	const struct cv_loc *loc;
};

struct ev_jail {
	const struct cv_block *b;
	struct ev_param *head, *tail;
	bool failed;
	struct conf_diag **diags;
	size_t *budget;
};

/*
 * The parameters jail(8) itself knows by name (FreeBSD's intparams,
 * plus ljail's own internal ones): a variable may not be called so.
 */
static const char *const known_to_jail[] = {
	"allow.dying", "command", "depend", "exec.clean", "exec.consolelog",
	"exec.fib", "exec.jail_user", "exec.poststart", "exec.poststop",
	"exec.prepare", "exec.prestart", "exec.prestop", "exec.release",
	"exec.created", "exec.start", "exec.stop", "exec.system_jail_user",
	"exec.system_user", "exec.timeout", "interface", "ip_hostname",
	"mount", "mount.devfs", "mount.fdescfs", "mount.procfs",
	"mount.fstab", "stop.timeout", "vnet.interface", "zfs.dataset",
	"allow.chflags", "allow.mount", "allow.raw_sockets",
	"allow.set_hostname", "allow.socket_af", "allow.sysvipc",
	"devfs_ruleset", "host.hostname", "ip4.addr", "ip6.addr", "jid",
	"name", "path", "persist", "securelevel", "vnet", "vnet.veth",
	"ljail.idmap.base", "mount.sysfs",
};

/* FreeBSD's equalopts(): "opt", "noopt", "a.noopt" vs "a.opt". */
bool
conf_equalopts(const char *o1, const char *o2)
{
	const char *p;

	if (strcmp(o1, o2) == 0)
		return true;
	if (strncmp(o1, "no", 2) == 0 && strcmp(o1 + 2, o2) == 0)
		return true;
	if (strncmp(o2, "no", 2) == 0 && strcmp(o1, o2 + 2) == 0)
		return true;
	while ((p = strchr(o1, '.')) != NULL &&
	    strncmp(o1, o2, (size_t)(++p - o1)) == 0) {
		o2 += p - o1;
		o1 = p;
		if (strncmp(o1, "no", 2) == 0 && strcmp(o1 + 2, o2) == 0)
			return true;
		if (strncmp(o2, "no", 2) == 0 && strcmp(o1, o2 + 2) == 0)
			return true;
	}
	return false;
}

/* Reports a per-jail error at a statement. */
static void __attribute__((format(printf, 3, 4)))
ev_error(struct ev_jail *j, const struct cv_loc *loc, const char *fmt, ...)
{
	va_list ap;
	_cleanup_free_ char *text = NULL;
	struct conf_diag *d;

	if (loc == NULL)
		loc = &j->b->loc;
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		abort();
	va_end(ap);
	d = conf_diag_new(j->diags, CONF_DIAG_ERROR, CONF_FORM_BARE,
	    j->b->name, loc->src != NULL ? loc->src->name : NULL,
	    loc->name_line, "%s", text);
	conf_diag_place(d, loc->src, loc->name_line, loc->column, loc->len);
	j->failed = true;
}

/* Frees one parameter. */
static void
ev_param_free(struct ev_param *p)
{
	for (size_t i = 0; i < p->nvals; i++)
		cv_str_clear(&p->vals[i]);
	free(p->vals);
	free(p->name);
	free(p);
}

/* Unlinks a parameter from the jail's list. */
static void
ev_unlink(struct ev_jail *j, struct ev_param *p)
{
	if (p->prev != NULL)
		p->prev->next = p->next;
	else
		j->head = p->next;
	if (p->next != NULL)
		p->next->prev = p->prev;
	else
		j->tail = p->prev;
	p->prev = p->next = NULL;
}

/* Links p just before q. */
static void
ev_link_before(struct ev_jail *j, struct ev_param *p, struct ev_param *q)
{
	p->next = q;
	p->prev = q->prev;
	if (q->prev != NULL)
		q->prev->next = p;
	else
		j->head = p;
	q->prev = p;
}

/* Links p at the end. */
static void
ev_link_tail(struct ev_jail *j, struct ev_param *p)
{
	p->prev = j->tail;
	p->next = NULL;
	if (j->tail != NULL)
		j->tail->next = p;
	else
		j->head = p;
	j->tail = p;
}

/* Drops every value of a parameter. */
static void
ev_clear_values(struct ev_param *p)
{
	for (size_t i = 0; i < p->nvals; i++)
		cv_str_clear(&p->vals[i]);
	free(p->vals);
	p->vals = NULL;
	p->nvals = 0;
}

/* FreeBSD's add_param(): applies one statement to a jail. */
static void
ev_add(struct ev_jail *j, const char *name, bool is_var, enum cv_op op,
    const struct cv_str *vals, size_t nvals, const struct cv_loc *loc)
{
	struct ev_param *dp;

	for (dp = j->head; dp != NULL; dp = dp->next)
		if (conf_equalopts(dp->name, name))
			break;
	if (dp != NULL) {
		if (is_var != ((dp->flags & EV_VAR) != 0)) {
			ev_error(j, loc, "variable \"$%s\" cannot have the "
			    "same name as a parameter.", name);
			return;
		}
		if (dp->flags & EV_IMMUTABLE) {
			ev_error(j, loc, "cannot redefine parameter \"%s\".",
			    dp->name);
			return;
		}
		if (strcmp(dp->name, name) != 0) {
			free(dp->name);
			dp->name = xstrdup(name);
		}
		if (op != CV_APPEND || nvals == 0)
			ev_clear_values(dp);
	} else {
		unsigned flags = is_var ? EV_VAR : 0;

		for (size_t i = 0; i < ARRAY_SIZE(known_to_jail); i++) {
			if (!conf_equalopts(name, known_to_jail[i]))
				continue;
			if (is_var) {
				ev_error(j, loc, "variable \"$%s\" cannot "
				    "have the same name as a parameter.",
				    name);
				return;
			}
			if (strcmp(known_to_jail[i], "name") == 0 ||
			    strcmp(known_to_jail[i], "jid") == 0)
				flags |= EV_IMMUTABLE;
			break;
		}
		dp = xcalloc(1, sizeof(*dp));
		dp->name = xstrdup(name);
		dp->flags = flags;
		ev_link_tail(j, dp);
	}
	if (nvals > 0) {
		dp->vals = xreallocarray(dp->vals, dp->nvals + nvals,
		    sizeof(*dp->vals));
		for (size_t i = 0; i < nvals; i++)
			cv_str_copy(&dp->vals[dp->nvals++], &vals[i]);
	}
	if (loc != NULL)
		dp->loc = loc;
}

/* Applies a literal implicit parameter (the block's name or jid). */
static void
ev_add_literal(struct ev_jail *j, const char *name, const char *value)
{
	struct cv_str s;

	memset(&s, 0, sizeof(s));
	s.s = (char *)value;
	s.len = strlen(value);
	ev_add(j, name, false, CV_SET, &s, 1, NULL);
}

/* Applies every statement of a block. */
static void
ev_add_block(struct ev_jail *j, const struct cv_block *b)
{
	for (size_t i = 0; i < b->nstmts; i++) {
		const struct cv_stmt *st = &b->stmts[i];

		ev_add(j, st->name, st->is_var, st->op, st->vals, st->nvals,
		    &st->loc);
	}
}

/* Finds a parameter or variable by its exact name. */
static struct ev_param *
ev_find(struct ev_jail *j, const char *name)
{
	for (struct ev_param *p = j->head; p != NULL; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

/* Tells whether some value of p still has variables. */
static bool
ev_has_vars(const struct ev_param *p)
{
	for (size_t i = 0; i < p->nvals; i++)
		if (p->vals[i].nvars > 0)
			return true;
	return false;
}

/* Removes the first variable of a value string. */
static void
ev_drop_first_var(struct cv_str *s)
{
	free(s->vars[0].name);
	memmove(&s->vars[0], &s->vars[1], (s->nvars - 1) * sizeof(*s->vars));
	s->nvars--;
}

/* Inserts text at the first variable's place and drops that variable. */
static void
ev_insert(struct cv_str *s, const struct cv_str *with)
{
	size_t pos = s->vars[0].pos;

	s->s = xrealloc(s->s, s->len + with->len + 1);
	memmove(s->s + pos + with->len, s->s + pos, s->len - pos + 1);
	memcpy(s->s + pos, with->s, with->len);
	s->len += with->len;
	for (size_t k = 1; k < s->nvars; k++)
		s->vars[k].pos += with->len;
	ev_drop_first_var(s);
}

/* Substitutes every variable of a jail (FreeBSD's algorithm). */
static void
ev_substitute(struct ev_jail *j)
{
	unsigned pgen = 0;
	struct ev_param *p, *vp, *q;

	for (p = j->head; p != NULL; p = p->next) {
		p->gen = ++pgen;
restart:
		for (size_t si = 0; si < p->nvals; si++) {
			while (p->vals[si].nvars > 0) {
				struct cv_str *s = &p->vals[si];
				const char *vname = s->vars[0].name;

				vp = ev_find(j, vname);
				if (vp == NULL || vp->nvals == 0) {
					ev_error(j, p->loc, "%s: variable \"%s\" "
					    "not found", p->name, vname);
					goto bad;
				}
				if (vp->flags & EV_BAD)
					goto bad;
				if (vp->gen == pgen) {
					ev_error(j, p->loc, "%s: variable loop",
					    vname);
					goto bad;
				}
				if (ev_has_vars(vp)) {
					vp->gen = pgen;
					ev_unlink(j, vp);
					ev_link_before(j, vp, p);
					p = vp;
					goto restart;
				}
				if (vp->nvals > 1 &&
				    (s->len > 0 || s->nvars > 1)) {
					ev_error(j, p->loc, "%s: array cannot be "
					    "substituted inline", p->name);
					goto bad;
				}
				if (vp->vals[0].len > *j->budget) {
					ev_error(j, p->loc, "%s: expansion too "
					    "large", p->name);
					goto bad;
				}
				*j->budget -= vp->vals[0].len;
				ev_insert(s, &vp->vals[0]);
				if (vp->nvals > 1) {
					size_t add = vp->nvals - 1;

					p->vals = xreallocarray(p->vals,
					    p->nvals + add, sizeof(*p->vals));
					memmove(&p->vals[si + 1 + add],
					    &p->vals[si + 1],
					    (p->nvals - si - 1) *
					    sizeof(*p->vals));
					for (size_t k = 0; k < add; k++)
						cv_str_copy(&p->vals[si + 1 + k],
						    &vp->vals[1 + k]);
					p->nvals += add;
					si += add;
				}
				continue;
bad:
				for (q = j->head; q != NULL; q = q->next)
					if (q->gen == pgen)
						q->flags |= EV_BAD;
				ev_drop_first_var(&p->vals[si]);
			}
		}
	}
}

/* Turns an evaluated jail into the shared model. */
static struct conf_jail *
ev_to_conf(struct ev_jail *j)
{
	const struct cv_block *b = j->b;
	struct conf_jail *cj = conf_jail_new(b->name, true);

	cj->file = b->loc.src != NULL ? xstrdup(b->loc.src->name) : NULL;
	cj->line = b->loc.name_line;
	cj->failed = j->failed;
	for (struct ev_param *p = j->head; p != NULL; p = p->next) {
		_cleanup_strv_free_ char **vals = NULL;
		const struct cv_loc *loc = p->loc != NULL ? p->loc : &b->loc;

		if (p->flags & EV_VAR)
			continue;
		if (p->nvals > 0) {
			vals = xcalloc(p->nvals + 1, sizeof(*vals));
			for (size_t i = 0; i < p->nvals; i++)
				vals[i] = xstrdup(p->vals[i].s);
		}
		conf_jail_set(cj, p->name, vals, false,
		    loc->src != NULL ? loc->src->name : NULL, loc->name_line);
		cj->params[cj->nparams - 1].column = loc->column;
	}
	return cj;
}

/* Frees an evaluated jail's parameters. */
static void
ev_jail_clear(struct ev_jail *j)
{
	while (j->head != NULL) {
		struct ev_param *p = j->head;

		ev_unlink(j, p);
		ev_param_free(p);
	}
}

/* Tells whether the name is all digits, as strtol sees a jid. */
static bool
ev_is_jid_name(const char *name)
{
	char *end;

	errno = 0;
	return strtol(name, &end, 10) != 0 && *end == '\0';
}

/* Compares blocks by name, then by order (for the duplicate check). */
static int
ev_cmp_block(const void *a, const void *b)
{
	const struct cv_block *x = *(const struct cv_block *const *)a;
	const struct cv_block *y = *(const struct cv_block *const *)b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Reports jail blocks defined twice; returns how many. */
static unsigned
ev_duplicates(struct cv_block **real, size_t n, struct conf_diag **diags)
{
	_cleanup_free_ struct cv_block **sorted = NULL;
	unsigned ndup = 0;

	if (n < 2)
		return 0;
	sorted = xreallocarray(NULL, n, sizeof(*sorted));
	memcpy(sorted, real, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), ev_cmp_block);
	for (size_t i = 1, f = 0; i < n; i++) {
		struct cv_block *first = sorted[f], *b = sorted[i];
		struct conf_diag *d;

		if (strcmp(first->name, b->name) != 0) {
			f = i;
			continue;
		}
		d = conf_diag_new(diags, CONF_DIAG_ERROR, CONF_FORM_LINE, NULL,
		    b->loc.src->name, b->loc.name_line,
		    "%s: jail defined twice (first at %s line %u)", b->name,
		    first->loc.src->name, first->loc.name_line);
		conf_diag_place(d, b->loc.src, b->loc.name_line, b->loc.column,
		    b->loc.len);
		b->seq = 0;	/* dropped */
		ndup++;
	}
	return ndup;
}

/* Evaluates the tree into jails. */
int
conf_eval_tree(struct cv_tree *t, struct conf **ret, struct conf_diag **diags)
{
	_cleanup_free_ struct cv_block **real = NULL, **wild = NULL;
	size_t nreal = 0, nwild = 0, budget = EXPANSION_BUDGET;
	struct conf *c;
	unsigned ndup;

	real = xcalloc(t->nblocks + 1, sizeof(*real));
	wild = xcalloc(t->nblocks + 1, sizeof(*wild));
	for (size_t i = 0; i < t->nblocks; i++) {
		if (args_is_wildcard(t->blocks[i]->name))
			wild[nwild++] = t->blocks[i];
		else
			real[nreal++] = t->blocks[i];
	}
	ndup = ev_duplicates(real, nreal, diags);
	c = xcalloc(1, sizeof(*c));
	c->jails = xcalloc(nreal + 1, sizeof(*c->jails));
	for (size_t i = 0; i < nreal; i++) {
		struct ev_jail j;
		bool did_self = false;

		if (real[i]->seq == 0)
			continue;
		memset(&j, 0, sizeof(j));
		j.b = real[i];
		j.diags = diags;
		j.budget = &budget;
		ev_add_literal(&j, ev_is_jid_name(j.b->name) ? "jid" : "name",
		    j.b->name);
		for (size_t w = 0; w < nwild; w++) {
			if (j.b->seq < wild[w]->seq && !did_self) {
				ev_add_block(&j, j.b);
				did_self = true;
			}
			if (args_wild_match(j.b->name, wild[w]->name))
				ev_add_block(&j, wild[w]);
		}
		if (!did_self)
			ev_add_block(&j, j.b);
		{
			bool has_name = false;

			for (struct ev_param *p = j.head; p != NULL;
			    p = p->next)
				if (!(p->flags & EV_VAR) &&
				    conf_equalopts(p->name, "name"))
					has_name = true;
			if (!has_name)
				ev_add_literal(&j, "name", j.b->name);
		}
		ev_substitute(&j);
		c->jails[c->njails++] = ev_to_conf(&j);
		ev_jail_clear(&j);
	}
	c->sources = t->sources;
	t->sources = NULL;
	*ret = c;
	return ndup > 0 ? -EINVAL : 0;
}

/* Finds a configured jail by block name. */
struct conf_jail *
conf_find(const struct conf *c, const char *name)
{
	for (size_t i = 0; c != NULL && i < c->njails; i++)
		if (strcmp(c->jails[i]->name, name) == 0)
			return c->jails[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Checks before acting: check_intparams() and import_params(). */

/* Adds a per-jail diagnostic located at a parameter. */
static struct conf_diag * __attribute__((format(printf, 6, 7)))
ck_diag(const struct conf *c, const struct conf_jail *j,
    const struct conf_param *p, enum conf_diag_level level,
    struct conf_diag **diags, const char *fmt, ...)
{
	va_list ap;
	_cleanup_free_ char *text = NULL;
	struct conf_diag *d;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		abort();
	va_end(ap);
	d = conf_diag_new(diags, level, CONF_FORM_BARE,
	    j->from_config ? j->name : NULL, p->file, p->line, "%s", text);
	if (c != NULL && p->file != NULL)
		conf_diag_place(d, conf_source_find(c->sources, p->file),
		    p->line, p->column, (unsigned)strlen(p->name));
	return d;
}

/* Whole-string integer, as strtol with "ep == val || *ep" (jail(8)). */
static bool
ck_is_int_strict(const char *v)
{
	char *end;

	errno = 0;
	(void)strtoll(v, &end, 10);
	return end != v && *end == '\0';
}

/* Integer as libjail converts one: the empty string is 0. */
static bool
ck_is_int(const char *v)
{
	char *end;

	(void)strtoll(v, &end, 10);
	return *end == '\0';
}

/*
 * Checks an integer parameter's value against its range; adds the error
 * naming the parameter and the range.  A value that is not an integer
 * is left to the callers' "non-integer value".
 */
static bool
ck_in_range(const struct conf *c, const struct conf_jail *j,
    const struct conf_param *p, const char *v, struct conf_diag **diags)
{
	long long lo, hi, n;
	char *end;

	if (!param_int_range(p->id, &lo, &hi) || *v == '\0')
		return true;
	errno = 0;
	if (param_table[p->id].type == PT_ULONG) {
		(void)strtoull(v, &end, 10);
		if (*end != '\0' || (errno != ERANGE && v[0] != '-'))
			return true;
		ck_diag(c, j, p, CONF_DIAG_ERROR, diags, "%s: value %s out "
		    "of range (0 to %lu)", p->name, v, ULONG_MAX);
		return false;
	}
	n = strtoll(v, &end, 10);
	if (*end != '\0')
		return true;
	if (errno != ERANGE && n >= lo && n <= hi)
		return true;
	ck_diag(c, j, p, CONF_DIAG_ERROR, diags,
	    "%s: value %s out of range (%lld to %lld)", p->name, v, lo, hi);
	return false;
}

/* Matches one of names (any case), or an integer (libjail's enums). */
static bool
ck_is_enum(const char *v, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(v, names[i]) == 0)
			return true;
	return ck_is_int(v);
}

/* Cuts one ip4.addr/ip6.addr value to the bare address, as jail(8). */
static char *
ck_bare_address(const char *v)
{
	const char *bar = strchr(v, '|');
	char *a = xstrdup(bar != NULL ? bar + 1 : v), *cut;

	if ((cut = strchr(a, '/')) != NULL)
		*cut = '\0';
	if ((cut = strchr(a, ' ')) != NULL)
		*cut = '\0';
	return a;
}

/* Checks the addresses of ip4.addr or ip6.addr as libjail converts them. */
static int
ck_addresses(const struct conf *c, const struct conf_jail *j,
    const struct conf_param *p, int af, struct conf_diag **diags)
{
	_cleanup_strv_free_ char **bare = NULL;
	_cleanup_free_ char *all = NULL;
	char *s, *save = NULL;
	int r = 0;

	for (size_t i = 0; p->values != NULL && p->values[i] != NULL; i++) {
		_cleanup_free_ char *a = ck_bare_address(p->values[i]);

		strv_push(&bare, a);
	}
	all = strv_join(bare, ",");
	if (all[0] == '\0' || strcmp(all, "-") == 0)
		return 0;
	for (s = strtok_r(all, ",", &save); s != NULL;
	    s = strtok_r(NULL, ",", &save)) {
		unsigned char buf[sizeof(struct in6_addr)];

		if (inet_pton(af, s, buf) != 1) {
			ck_diag(c, j, p, CONF_DIAG_ERROR, diags,
			    "%s: not an IPv%d address: %s", p->name,
			    af == AF_INET ? 4 : 6, s);
			r = -EINVAL;
		}
	}
	return r;
}

/* Tells whether a setting changes anything an emulation note is about. */
static bool
ck_is_effective(const struct conf_param *p)
{
	const struct param_def *def = &param_table[p->id];
	size_t n = strv_length(p->values);
	bool v = true;

	if (def->type != PT_BOOL)
		return true;
	if (n > 0 && param_parse_bool(p->values[n - 1], &v) < 0)
		return true;
	return p->negated ? !v : v;
}

/* Checks one jail before acting on it. */
int
conf_check_jail(const struct conf *c, const struct conf_jail *j,
    unsigned flags, struct conf_diag **diags)
{
	bool check_kernel = (flags & CONF_CHECK_KERNEL) != 0;
	static const char *const bools[] = { "false", "true" };
	static const char *const jailsys[] = { "disable", "new", "inherit" };
	int r = 0;

	for (size_t i = 0; i < j->nparams; i++) {
		const struct conf_param *p = &j->params[i];
		size_t n = strv_length(p->values);
		const char *last = n > 0 ? p->values[n - 1] : NULL;
		const struct param_def *def;

		if (p->id == P_UNKNOWN) {
			if (check_kernel && !param_is_keyvalue(p->name)) {
				ck_diag(c, j, p, CONF_DIAG_ERROR, diags,
				    "unknown parameter: %s", p->name);
				r = -EINVAL;
			}
			continue;
		}
		def = &param_table[p->id];
		if (def->flags & PF_INTERNAL) {
			if (last == NULL)
				goto note;
			if (def->type == PT_BOOL &&
			    strcasecmp(last, "true") != 0 &&
			    strcasecmp(last, "false") != 0 && !ck_is_int(last)) {
				ck_diag(c, j, p, CONF_DIAG_ERROR, diags,
				    "%s: unknown boolean value \"%s\"",
				    p->name, last);
				r = -EINVAL;
			} else if ((def->type == PT_INT ||
			    def->type == PT_UINT) && !ck_is_int_strict(last)) {
				ck_diag(c, j, p, CONF_DIAG_ERROR, diags,
				    "%s: non-integer value \"%s\"", p->name,
				    last);
				r = -EINVAL;
			} else if (!ck_in_range(c, j, p, last, diags))
				r = -EINVAL;
			goto note;
		}
		if (!check_kernel)
			continue;
		if (def->type == PT_IP4LIST || def->type == PT_IP6LIST) {
			if (ck_addresses(c, j, p, def->type == PT_IP4LIST ?
			    AF_INET : AF_INET6, diags) < 0)
				r = -EINVAL;
			goto note;
		}
		if (last == NULL)
			goto note;
		/* The kernel's sizes (name and host names 255, path 1024). */
		if (def->type == PT_STRING && def->max > 0 &&
		    strlen(last) > def->max) {
			ck_diag(c, j, p, CONF_DIAG_ERROR, diags,
			    "%s: value too long (%zu characters, at most %zu)",
			    p->name, strlen(last), def->max);
			r = -EINVAL;
		} else if (def->type == PT_BOOL &&
		    !ck_is_enum(last, bools, 2)) {
			ck_diag(c, j, p, CONF_DIAG_ERROR, diags,
			    "%s: unknown boolean value \"%s\"", p->name, last);
			r = -EINVAL;
		} else if (def->type == PT_JAILSYS &&
		    !ck_is_enum(last, jailsys, 3)) {
			ck_diag(c, j, p, CONF_DIAG_ERROR, diags,
			    "%s: unknown jailsys value \"%s\"", p->name, last);
			r = -EINVAL;
		} else if ((def->type == PT_INT || def->type == PT_UINT ||
		    def->type == PT_ULONG) && !ck_is_int(last)) {
			ck_diag(c, j, p, CONF_DIAG_ERROR, diags,
			    "%s: non-integer value \"%s\"", p->name, last);
			r = -EINVAL;
		} else if (!ck_in_range(c, j, p, last, diags))
			r = -EINVAL;
note:
		if (!(def->flags & (PF_EMULATED | PF_IGNORED)) ||
		    def->linux_note == NULL || !ck_is_effective(p))
			continue;
		if (flags & CONF_CHECK_NOTES)
			ck_diag(c, j, p, CONF_DIAG_WARNING, diags, "%s: %s",
			    p->name, def->linux_note);
		else if (def->flags & PF_IGNORED)
			conf_diag_new(diags, CONF_DIAG_WARNING, CONF_FORM_BARE,
			    NULL, NULL, 0, "%s: %s", p->name,
			    def->linux_note);
	}
	return r;
}
