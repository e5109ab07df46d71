/*
 * conf_jail.c - the in-memory jail configuration and its accessors.
 *
 * Both the jail.conf parser and the command-line reader build a
 * struct conf_jail with conf_jail_set(); everything downstream reads it
 * through the accessors, which apply FreeBSD's override rules.
 */
#include "config.h"

#include <errno.h>

#include "conf.h"
#include "conf_priv.h"
#include "util.h"

/* Creates an empty jail configuration. */
struct conf_jail *
conf_jail_new(const char *name, bool from_config)
{
	struct conf_jail *j = xcalloc(1, sizeof(*j));

	j->name = name != NULL ? xstrdup(name) : NULL;
	j->from_config = from_config;
	return j;
}

/* Frees one parameter's contents. */
static void
conf_param_clear(struct conf_param *p)
{
	free(p->name);
	strv_free(p->values);
	free(p->file);
}

/* Frees a jail configuration. */
void
conf_jail_free(struct conf_jail *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; i < j->nparams; i++)
		conf_param_clear(&j->params[i]);
	free(j->params);
	free(j->name);
	free(j->file);
	free(j);
}

/* Frees a whole configuration. */
void
conf_free(struct conf *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->njails; i++)
		conf_jail_free(c->jails[i]);
	free(c->jails);
	conf_sources_free(c->sources);
	free(c);
}

/* Finds the slot of a parameter by id, or by name when unknown. */
static struct conf_param *
conf_jail_slot(struct conf_jail *j, enum param_id id, const char *name)
{
	for (size_t i = 0; i < j->nparams; i++) {
		struct conf_param *p = &j->params[i];

		if (id != P_UNKNOWN ? p->id == id : strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

/* Sets or appends a parameter, FreeBSD style. */
void
conf_jail_set(struct conf_jail *j, const char *name, char *const *values,
    bool append, const char *file, unsigned line)
{
	bool negated = false;
	enum param_id id = param_lookup(name, &negated);
	struct conf_param *p = conf_jail_slot(j, id, name);
	bool is_list = id != P_UNKNOWN &&
	    (param_table[id].type == PT_LIST ||
		param_table[id].type == PT_IP4LIST ||
		param_table[id].type == PT_IP6LIST);

	if (p != NULL && (append || is_list) && values != NULL) {
		for (size_t i = 0; values[i] != NULL; i++)
			strv_push(&p->values, values[i]);
		/* The later spelling wins (persist=1 nopersist=1). */
		if (strcmp(p->name, name) != 0) {
			free(p->name);
			p->name = xstrdup(name);
			p->negated = negated;
		}
		free(p->file);
		p->file = file != NULL ? xstrdup(file) : NULL;
		p->line = line;
		return;
	}
	if (p == NULL) {
		j->params = xreallocarray(j->params, j->nparams + 1,
		    sizeof(*j->params));
		p = &j->params[j->nparams++];
	} else
		conf_param_clear(p);
	p->id = id;
	p->name = xstrdup(name);
	p->negated = negated;
	p->values = strv_copy(values);
	p->file = file != NULL ? xstrdup(file) : NULL;
	p->line = line;
	p->column = 0;
}

/* Returns the setting of a parameter, or NULL. */
const struct conf_param *
conf_jail_get(const struct conf_jail *j, enum param_id id)
{
	for (size_t i = 0; i < j->nparams; i++)
		if (j->params[i].id == id)
			return &j->params[i];
	return NULL;
}

/* Tells whether a parameter is set. */
bool
conf_jail_has(const struct conf_jail *j, enum param_id id)
{
	return conf_jail_get(j, id) != NULL;
}

/* Last value of a setting, or NULL for a bare name. */
static const char *
conf_param_last(const struct conf_param *p)
{
	size_t n = strv_length(p->values);

	return n > 0 ? p->values[n - 1] : NULL;
}

/* Boolean value; unparsable values count as false (checked earlier). */
bool
conf_jail_bool(const struct conf_jail *j, enum param_id id)
{
	const struct conf_param *p = conf_jail_get(j, id);
	const char *text;
	bool v = false;

	if (p == NULL) {
		text = param_table[id].def;
		if (text != NULL)
			(void)param_parse_bool(text, &v);
		return v;
	}
	text = conf_param_last(p);
	if (text == NULL)
		v = true;
	else if (param_parse_bool(text, &v) < 0)
		v = false;
	return p->negated ? !v : v;
}

/* Last value of a scalar, else the default. */
const char *
conf_jail_str(const struct conf_jail *j, enum param_id id)
{
	const struct conf_param *p = conf_jail_get(j, id);

	if (p == NULL)
		return param_table[id].def;
	return conf_param_last(p);
}

/* Integer value of a parameter. */
int
conf_jail_int(const struct conf_jail *j, enum param_id id, long long *ret)
{
	const struct conf_param *p = conf_jail_get(j, id);
	const char *text;

	if (p == NULL)
		text = param_table[id].def;
	else {
		text = conf_param_last(p);
		if (text == NULL)
			text = "0";	/* valueless ints are 0, as in FreeBSD */
	}
	if (text == NULL)
		return -ENOENT;
	return param_parse_int(text, ret);
}

/* Jailsys value; bare name = new; unparsable = the default. */
int
conf_jail_jailsys(const struct conf_jail *j, enum param_id id)
{
	const struct conf_param *p = conf_jail_get(j, id);
	const char *text = p != NULL ? conf_param_last(p) : param_table[id].def;
	int v = JAILSYS_DISABLE;

	if (p != NULL && text == NULL)
		return JAILSYS_NEW;
	if (text == NULL || param_parse_jailsys(text, &v) < 0)
		return -EINVAL;
	return v;
}

/* All values of a list parameter, borrowed. */
char *const *
conf_jail_list(const struct conf_jail *j, enum param_id id)
{
	const struct conf_param *p = conf_jail_get(j, id);

	return p != NULL ? p->values : NULL;
}

/* Name for messages. */
const char *
conf_jail_label(const struct conf_jail *j)
{
	const char *s;

	if (j->name != NULL)
		return j->name;
	s = conf_jail_str(j, P_NAME);
	if (s != NULL)
		return s;
	return conf_jail_str(j, P_JID);
}

/* The buffer that j's meta/env writes make of base (see conf.h). */
int
conf_jail_keyvalue(const struct conf_jail *j, const char *kind,
    const char *base, size_t max, char **ret)
{
	_cleanup_free_ char *buf = NULL;
	size_t klen = strlen(kind);
	bool wrote = false;

	buf = xstrdup(base != NULL ? base : "");
	for (size_t i = 0; i < j->nparams; i++) {
		const struct conf_param *p = &j->params[i];
		_cleanup_free_ char *v = NULL;
		char *next;

		if (strncmp(p->name, kind, klen) != 0 ||
		    (p->name[klen] != '\0' && (p->name[klen] != '.' ||
			p->name[klen + 1] == '\0')))
			continue;
		v = p->values != NULL ? strv_join(p->values, ",") : NULL;
		if (v != NULL && strlen(v) + 1 > max)
			return -EFBIG;
		if (p->name[klen] == '\0')
			next = xstrdup(v != NULL ? v : "");
		else
			next = param_keyvalue_set(buf, p->name + klen + 1, v);
		free(buf);
		buf = next;
		wrote = true;
	}
	if (!wrote) {
		*ret = NULL;
		return 0;
	}
	if (strlen(buf) + 1 > max)
		return -EFBIG;
	*ret = TAKE_PTR(buf);
	return 0;
}

/* Removes every meta.KEY / env.KEY setting. */
void
conf_jail_drop_keys(struct conf_jail *j)
{
	size_t k = 0;

	for (size_t i = 0; i < j->nparams; i++) {
		if (param_is_keyvalue(j->params[i].name)) {
			conf_param_clear(&j->params[i]);
			continue;
		}
		j->params[k++] = j->params[i];
	}
	j->nparams = k;
}
