/*
 * dep.c - "depend" ordering.  The graph has an edge j -> d when j names
 * d in "depend", or (lightly) when j is x.y and x is a configured jail.
 * Creation order is a topological order, ties broken by file order.
 */
#include "config.h"

#include <stdlib.h>

#include "conf_priv.h"
#include "dep.h"
#include "util.h"

struct graph {
	size_t n;
	size_t **deps;		/* deps[i]: indexes i depends on */
	size_t *ndeps;
	size_t *byname;		/* indexes sorted by name */
};

/* Index of a jail in c, or (size_t)-1. */
static size_t
dep_index(const struct conf *c, const struct conf_jail *j)
{
	for (size_t i = 0; i < c->njails; i++)
		if (c->jails[i] == j)
			return i;
	return (size_t)-1;
}

/* Compares two jails by name through their indexes (qsort_r). */
static int
dep_cmp_index(const void *a, const void *b, void *arg)
{
	const struct conf *c = arg;
	const struct conf_jail *x = c->jails[*(const size_t *)a];
	const struct conf_jail *y = c->jails[*(const size_t *)b];

	return strcmp(x->name, y->name);
}

/* Index of a jail by name through the sorted index, or (size_t)-1. */
static size_t
dep_find(const struct conf *c, const struct graph *g, const char *name)
{
	size_t lo = 0, hi = g->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(name, c->jails[g->byname[mid]]->name);

		if (r == 0)
			return g->byname[mid];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (size_t)-1;
}

/* Adds an edge i -> d. */
static void
dep_edge(struct graph *g, size_t i, size_t d)
{
	g->deps[i] = xreallocarray(g->deps[i], g->ndeps[i] + 1,
	    sizeof(**g->deps));
	g->deps[i][g->ndeps[i]++] = d;
}

/* Builds the graph; reports undefined jails when diags is not NULL. */
static void
dep_graph(const struct conf *c, struct graph *g, struct conf_diag **diags)
{
	g->n = c->njails;
	g->deps = xcalloc(g->n + 1, sizeof(*g->deps));
	g->ndeps = xcalloc(g->n + 1, sizeof(*g->ndeps));
	g->byname = xcalloc(g->n + 1, sizeof(*g->byname));
	for (size_t i = 0; i < g->n; i++)
		g->byname[i] = i;
	qsort_r(g->byname, g->n, sizeof(*g->byname), dep_cmp_index,
	    (void *)c);
	for (size_t i = 0; i < c->njails; i++) {
		struct conf_jail *j = c->jails[i];
		char *const *d = conf_jail_list(j, P_DEPEND);
		const char *dot = strrchr(j->name, '.');

		if (j->failed)
			continue;
		for (size_t k = 0; d != NULL && d[k] != NULL; k++) {
			size_t t = dep_find(c, g, d[k]);

			if (t != (size_t)-1) {
				dep_edge(g, i, t);
				continue;
			}
			if (diags != NULL) {
				const struct conf_param *p =
				    conf_jail_get(j, P_DEPEND);
				struct conf_diag *dg = conf_diag_new(diags,
				    CONF_DIAG_ERROR, CONF_FORM_BARE, j->name,
				    p->file, p->line,
				    "depends on undefined jail \"%s\"", d[k]);

				if (p->file != NULL)
					conf_diag_place(dg, conf_source_find(
					    c->sources, p->file), p->line,
					    p->column, 6);
				j->failed = true;
			}
		}
		if (dot != NULL) {
			_cleanup_free_ char *parent = xstrndup(j->name,
			    (size_t)(dot - j->name));
			size_t t = dep_find(c, g, parent);

			if (t != (size_t)-1)
				dep_edge(g, i, t);
		}
	}
}

/* Frees a graph. */
static void
dep_graph_free(struct graph *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->deps[i]);
	free(g->deps);
	free(g->ndeps);
	free(g->byname);
}

/*
 * Kahn's algorithm in file order; when stuck on a cycle, the first jail
 * left is reported (if diags), marked failed and treated as done, as
 * FreeBSD does.  Writes the creation order of all jails to order.
 */
static void
dep_sort(const struct conf *c, const struct graph *g, size_t *order,
    struct conf_diag **diags)
{
	_cleanup_free_ size_t *left = xcalloc(g->n + 1, sizeof(*left));
	_cleanup_free_ bool *done = xcalloc(g->n + 1, sizeof(*done));
	size_t **rdeps = xcalloc(g->n + 1, sizeof(*rdeps));
	size_t *nrdeps = xcalloc(g->n + 1, sizeof(*nrdeps));
	size_t norder = 0, from = 0;

	for (size_t i = 0; i < g->n; i++) {
		left[i] = g->ndeps[i];
		for (size_t k = 0; k < g->ndeps[i]; k++) {
			size_t d = g->deps[i][k];

			rdeps[d] = xreallocarray(rdeps[d], nrdeps[d] + 1,
			    sizeof(**rdeps));
			rdeps[d][nrdeps[d]++] = i;
		}
	}
	while (norder < g->n) {
		size_t pick = (size_t)-1;

		/* The first ready jail in file order; "from" only moves
		 * back when a later pick makes an earlier jail ready. */
		for (size_t i = from; i < g->n; i++)
			if (!done[i] && left[i] == 0) {
				pick = i;
				break;
			}
		if (pick == (size_t)-1) {
			for (size_t i = 0; i < g->n; i++)
				if (!done[i]) {
					pick = i;
					break;
				}
			if (diags != NULL) {
				struct conf_jail *j = c->jails[pick];
				struct conf_diag *d = conf_diag_new(diags,
				    CONF_DIAG_ERROR, CONF_FORM_BARE, j->name,
				    j->file, j->line, "dependency loop");
				const struct conf_param *p =
				    conf_jail_get(j, P_DEPEND);

				if (p != NULL && p->file != NULL)
					conf_diag_place(d, conf_source_find(
					    c->sources, p->file), p->line,
					    p->column, 6);
				j->failed = true;
			}
		}
		done[pick] = true;
		order[norder++] = pick;
		from = pick;
		for (size_t k = 0; k < nrdeps[pick]; k++) {
			size_t i = rdeps[pick][k];

			if (left[i] > 0 && --left[i] == 0 && i < from)
				from = i;
		}
		while (from < g->n && done[from])
			from++;
	}
	for (size_t i = 0; i < g->n; i++)
		free(rdeps[i]);
	free(rdeps);
	free(nrdeps);
}

/* Checks depend names and loops for every jail. */
void
dep_check(struct conf *c, struct conf_diag **diags)
{
	struct graph g;
	_cleanup_free_ size_t *order = NULL;

	if (c == NULL || c->njails == 0)
		return;
	dep_graph(c, &g, diags);
	order = xcalloc(g.n + 1, sizeof(*order));
	dep_sort(c, &g, order, diags);
	dep_graph_free(&g);
}

/* Tells whether j depends directly on d. */
bool
dep_depends_on(const struct conf *c, const struct conf_jail *j,
    const struct conf_jail *d)
{
	char *const *names = conf_jail_list(j, P_DEPEND);
	const char *dot = strrchr(j->name != NULL ? j->name : "", '.');

	if (j->name == NULL || d->name == NULL)
		return false;
	for (size_t k = 0; names != NULL && names[k] != NULL; k++)
		if (strcmp(names[k], d->name) == 0)
			return true;
	return dot != NULL && strlen(d->name) == (size_t)(dot - j->name) &&
	    strncmp(j->name, d->name, (size_t)(dot - j->name)) == 0 &&
	    conf_find(c, d->name) == d;
}

/* The jails of a run in creation order. */
void
dep_order(const struct conf *c, struct conf_jail *const *targets,
    size_t ntargets, unsigned closure, struct conf_jail ***ret,
    size_t *ret_n)
{
	struct graph g;
	size_t n = c != NULL ? c->njails : 0, nout = 0;
	_cleanup_free_ size_t *order = NULL;
	_cleanup_free_ unsigned char *mark = NULL;
	struct conf_jail **out;
	bool grew;

	out = xcalloc(ntargets + n + 1, sizeof(*out));
	mark = xcalloc(n + 1, 1);	/* 1 target, 2 implied */
	for (size_t i = 0; i < ntargets; i++) {
		size_t k = n > 0 ? dep_index(c, targets[i]) : (size_t)-1;

		if (k == (size_t)-1)
			out[nout++] = targets[i];
		else
			mark[k] = 1;
	}
	if (n == 0) {
		*ret = out;
		*ret_n = nout;
		return;
	}
	dep_graph(c, &g, NULL);
	do {
		grew = false;
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < g.ndeps[i]; k++) {
				size_t d = g.deps[i][k];

				if ((closure & DEP_REQUIRED) && mark[i] &&
				    !mark[d]) {
					mark[d] = 2;
					grew = true;
				}
				if ((closure & DEP_DEPENDENTS) && mark[d] &&
				    !mark[i]) {
					mark[i] = 2;
					grew = true;
				}
			}
	} while (grew);
	order = xcalloc(n + 1, sizeof(*order));
	dep_sort(c, &g, order, NULL);
	dep_graph_free(&g);
	for (size_t i = 0; i < n; i++) {
		size_t k = order[i];

		if (!mark[k])
			continue;
		c->jails[k]->implied = mark[k] == 2;
		out[nout++] = c->jails[k];
	}
	*ret = out;
	*ret_n = nout;
}
