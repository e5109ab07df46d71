/*
 * ls.c - jls(8)'s output formats, from registry records.
 *
 * A FreeBSD jail's values come from the kernel; here they come from the
 * jail's recorded parameters (struct conf_jail) with param_table's
 * defaults, the record itself (jid, name, path, parent, dying) and, for
 * what a new jail inherits, the viewer's system (hostname, release).
 * The column widths, quoting rules and libxo names are jls's.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/utsname.h>

#include "compat.h"
#include "init.h"
#include "ls.h"
#include "net.h"
#include "ns.h"
#include "util.h"

/* One parameter to print. */
struct ls_col {
	char *name;		/* as asked: "nopersist", "meta.a" */
	enum param_id id;	/* P_META/P_ENV for a KEY lookup */
	char *key;		/* meta.KEY / env.KEY: the KEY */
	bool nobool;		/* the "no" spelling of a boolean */
	bool user;		/* asked for (else only a jailsys parent) */
	int parent;		/* index of the jailsys parent (-s), or -1 */
};

struct ls_query {
	unsigned flags;
	enum ls_style style;
	struct ls_col *cols;
	size_t ncols;
	struct ls_host host;
	bool host_set;
	char *buf_hostname, *buf_release, *buf_uuid;
	int uts_jid;		/* whose names uts holds, 0: none */
	int uts_state;		/* 0 read, 1 our own, <0 unreadable */
	struct utsname uts;
};

/* A value ready to print. */
struct ls_val {
	enum { V_STR, V_NUM, V_BOOL, V_LIST, V_NONE } kind;
	char *s;		/* text (V_LIST: comma-joined) */
	char **list;		/* V_LIST */
	bool b;			/* V_BOOL */
};

/* Tells whether a parameter is one of FreeBSD's listed by "all". */
static bool
ls_in_all(enum param_id id)
{
	if (!(param_table[id].flags & PF_KERNEL))
		return false;
	/* Parameters of modules a FreeBSD host does not load by default. */
	switch (id) {
	case P_MAC_LABEL:
	case P_LINUX:
	case P_LINUX_OSNAME:
	case P_LINUX_OSRELEASE:
	case P_LINUX_OSS_VERSION:
	case P_ZFS_MOUNT_SNAPSHOT:
		return false;
	default:
		return true;
	}
}

/* jls's "all" order: names without a dot first, then strcmp. */
static int
ls_cmp_all(const void *a, const void *b)
{
	const char *x = param_table[*(const enum param_id *)a].name;
	const char *y = param_table[*(const enum param_id *)b].name;
	bool dx = strchr(x, '.') != NULL, dy = strchr(y, '.') != NULL;

	if (dx != dy)
		return dx ? 1 : -1;
	return strcmp(x, y);
}

/* Adds a column (once: a repeated name only gains flags); its index. */
static int
ls_add(struct ls_query *q, const char *name, bool user, bool optional,
    bool *ret_unknown)
{
	struct ls_col c = { .parent = -1 };
	bool negated = false;

	*ret_unknown = false;
	for (size_t i = 0; i < q->ncols; i++)
		if (strcmp(q->cols[i].name, name) == 0) {
			q->cols[i].user |= user;
			return (int)i;
		}
	c.id = param_lookup(name, &negated);
	if (c.id == P_UNKNOWN &&
	    (str_has_prefix(name, "meta.") || str_has_prefix(name, "env.")) &&
	    strchr(name, '.')[1] != '\0') {
		c.id = name[0] == 'm' ? P_META : P_ENV;
		c.key = xstrdup(strchr(name, '.') + 1);
	}
	if (c.id == P_UNKNOWN || !(param_table[c.id].flags & PF_KERNEL)) {
		if (!optional)
			*ret_unknown = true;
		free(c.key);
		return -1;
	}
	c.name = xstrdup(name);
	c.nobool = negated;
	c.user = user;
	q->cols = xreallocarray(q->cols, q->ncols + 1, sizeof(*q->cols));
	q->cols[q->ncols] = c;
	return (int)q->ncols++;
}

/* Adds every parameter, as "all" does. */
static void
ls_add_all(struct ls_query *q)
{
	enum param_id ids[P__COUNT];
	size_t n = 0;
	bool unk;

	for (int i = 0; i < P__COUNT; i++)
		if (ls_in_all((enum param_id)i))
			ids[n++] = (enum param_id)i;
	qsort(ids, n, sizeof(ids[0]), ls_cmp_all);
	for (size_t i = 0; i < n; i++)
		(void)ls_add(q, param_table[ids[i]].name, true, false, &unk);
}

/* Adds a named parameter; "all" expands. */
static int
ls_add_user(struct ls_query *q, const char *name)
{
	bool unk;

	if (strcmp(name, "all") == 0) {
		ls_add_all(q);
		return 0;
	}
	(void)ls_add(q, name, true, false, &unk);
	return unk ? -EINVAL : 0;
}

/* Builds the list of parameters to print. */
int
ls_prepare(unsigned flags, enum ls_style style, char *const *params,
    struct ls_query **ret, const char **ret_bad)
{
	struct ls_query *q = xcalloc(1, sizeof(*q));
	static const char *const verbose[] = { "jid", "host.hostname",
	    "path", "name", "dying", "cpuset.id", "ip4.addr", "ip6.addr" };
	size_t i;

	q->style = style;
	if (params == NULL || params[0] == NULL) {
		if (flags & (LS_HEADER | LS_NAMEVAL))
			ls_add_all(q);
		else if (flags & LS_VERBOSE) {
			for (i = 0; i < ARRAY_SIZE(verbose); i++)
				(void)ls_add_user(q, verbose[i]);
		} else {
			flags |= LS_DEFAULT;
			(void)ls_add_user(q, flags & LS_JAIL_NAME ? "name" :
			    "jid");
			(void)ls_add_user(q, "ip4.addr");
			(void)ls_add_user(q, "host.hostname");
			(void)ls_add_user(q, "path");
		}
	} else {
		flags &= ~(unsigned)LS_VERBOSE;
		for (i = 0; params[i] != NULL; i++)
			if (ls_add_user(q, params[i]) < 0) {
				*ret_bad = params[i];
				ls_query_free(q);
				return -EINVAL;
			}
	}
	if (flags & LS_SKIP) {
		/* -s skips X.Y when the jailsys X is not "new". */
		size_t n = q->ncols;

		for (i = 0; i < n; i++) {
			const char *dot = strchr(q->cols[i].name, '.');
			char *pname;
			bool unk;
			int p;

			if (dot == NULL || !q->cols[i].user)
				continue;
			pname = xstrndup(q->cols[i].name,
			    (size_t)(dot - q->cols[i].name));
			p = ls_add(q, pname, false, true, &unk);
			free(pname);
			if (p >= 0 && param_table[q->cols[p].id].type !=
			    PT_JAILSYS)
				p = -1;
			q->cols[i].parent = p;
		}
	}
	q->flags = flags;
	*ret = q;
	return 0;
}

/* Frees a query. */
void
ls_query_free(struct ls_query *q)
{
	if (q == NULL)
		return;
	for (size_t i = 0; i < q->ncols; i++) {
		free(q->cols[i].name);
		free(q->cols[i].key);
	}
	free(q->cols);
	free(q->buf_hostname);
	free(q->buf_release);
	free(q->buf_uuid);
	free(q);
}

/* Fixes the viewer's host values (tests). */
void
ls_set_host(struct ls_query *q, const struct ls_host *h)
{
	q->host = *h;
	q->host_set = true;
}

/* FreeBSD-style osreldate from a Linux release: 6.1.0 -> 601000. */
static long long
ls_reldate(const char *release)
{
	unsigned a = 0, b = 0, c = 0;

	if (sscanf(release, "%u.%u.%u", &a, &b, &c) < 2)
		return 0;
	return (long long)a * 100000 + b * 1000 + (c > 999 ? 999 : c);
}

/* Reads the running system's values once. */
static void
ls_read_host(struct ls_query *q)
{
	struct utsname u;
	char *id = NULL;
	char host[256];

	if (q->host_set)
		return;
	q->host_set = true;
	if (gethostname(host, sizeof(host)) < 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	q->buf_hostname = xstrdup(host);
	q->host.hostname = q->buf_hostname;
	q->host.domainname = "";
	if (uname(&u) == 0) {
		q->buf_release = xstrdup(u.release);
		q->host.osrelease = q->buf_release;
		q->host.osreldate = ls_reldate(u.release);
	} else
		q->host.osrelease = "";
	/* machine-id as a UUID, the closest thing to kern.hostuuid. */
	if (util_read_file("/etc/machine-id", &id, NULL) == 0 &&
	    strspn(id, "0123456789abcdef") == 32)
		q->buf_uuid = xasprintf("%.8s-%.4s-%.4s-%.4s-%.12s", id,
		    id + 8, id + 12, id + 16, id + 20);
	free(id);
	q->host.hostuuid = q->buf_uuid != NULL ? q->buf_uuid :
	    "00000000-0000-0000-0000-000000000000";
}

/* An address of an ip4.addr/ip6.addr value, bare: no "if|", no "/len". */
static char *
ls_bare_addr(const char *s)
{
	const char *bar = strchr(s, '|');
	size_t n;

	if (bar != NULL)
		s = bar + 1;
	while (*s == ' ')
		s++;
	n = strcspn(s, "/ ");
	return xstrndup(s, n);
}

/* Orders addresses numerically (the kernel keeps them sorted). */
static int
ls_cmp_addr(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	unsigned char bx[16], by[16];
	int af = strchr(x, ':') != NULL ? AF_INET6 : AF_INET;

	if (inet_pton(af, x, bx) != 1 || inet_pton(af, y, by) != 1)
		return strcmp(x, y);
	return memcmp(bx, by, af == AF_INET6 ? 16 : 4);
}

/* The jail's addresses: the first (primary) kept first, the rest sorted. */
static char **
ls_addrs(const struct conf_jail *conf, enum param_id id)
{
	char *const *v = conf_jail_list(conf, id);
	char **out = NULL;

	for (size_t i = 0; v != NULL && v[i] != NULL; i++) {
		_cleanup_free_ char *copy = xstrdup(v[i]);
		char *save = NULL;

		for (char *t = strtok_r(copy, ",", &save); t != NULL;
		    t = strtok_r(NULL, ",", &save)) {
			_cleanup_free_ char *a = ls_bare_addr(t);

			if (a[0] != '\0' && strcmp(a, "-") != 0)
				strv_push(&out, a);
		}
	}
	if (strv_length(out) > 2)
		qsort(out + 1, strv_length(out) - 1, sizeof(*out),
		    ls_cmp_addr);
	return out;
}

/* FreeBSD's jailsys names. */
static const char *
ls_jailsys_name(int v)
{
	switch (v) {
	case JAILSYS_DISABLE:
		return "disable";
	case JAILSYS_INHERIT:
		return "inherit";
	default:
		return "new";
	}
}

/* Tells whether any host.* parameter is set. */
static bool
ls_has_host_param(const struct conf_jail *c)
{
	return conf_jail_has(c, P_HOST_HOSTNAME) ||
	    conf_jail_has(c, P_HOST_DOMAINNAME) ||
	    conf_jail_has(c, P_HOST_HOSTUUID) ||
	    conf_jail_has(c, P_HOST_HOSTID);
}

/*
 * ip4/ip6 as ljail reports them: "new" with addresses, "disable" when
 * restricted to none, "inherit" when unrestricted (see ljls(8)).
 */
static int
ls_ip_jailsys(const struct conf_jail *c, enum param_id sys, enum param_id list)
{
	_cleanup_strv_free_ char **a = NULL;

	if (conf_jail_has(c, sys) && conf_jail_jailsys(c, sys) ==
	    JAILSYS_INHERIT)
		return JAILSYS_INHERIT;
	a = ls_addrs(c, list);
	return a != NULL ? JAILSYS_NEW : JAILSYS_DISABLE;
}

/* Looks KEY up in a meta/env buffer of KEY=VALUE lines. */
static char *
ls_meta_key(const char *buf, const char *key)
{
	size_t klen = strlen(key);

	for (const char *l = buf; l != NULL && *l != '\0';) {
		const char *end = strchr(l, '\n');
		size_t len = end != NULL ? (size_t)(end - l) : strlen(l);

		if (len > klen && strncmp(l, key, klen) == 0 && l[klen] == '=')
			return xstrndup(l + klen + 1, len - klen - 1);
		l = end != NULL ? end + 1 : NULL;
	}
	return NULL;
}

/* Sets a number value. */
static void
ls_num(struct ls_val *v, long long n)
{
	v->kind = V_NUM;
	v->s = xasprintf("%lld", n);
}

/* Sets a string value. */
static void
ls_str(struct ls_val *v, const char *s)
{
	v->kind = V_STR;
	v->s = xstrdup(s != NULL ? s : "");
}

/* Sets the jail's string value of id, or dflt where it has none. */
static void
ls_str_or(struct ls_val *v, const struct conf_jail *c, enum param_id id,
    const char *dflt)
{
	ls_str(v, conf_jail_has(c, id) ? conf_jail_str(c, id) : dflt);
}

/* A pidfd on the jail's init, confirmed by its start time, or -1. */
static int
ls_open_init(const struct reg_jail *j)
{
	unsigned long long start = 0;
	int pidfd;

	if (j->init_pid <= 0)
		return -1;
	pidfd = compat_pidfd_open(j->init_pid, 0);
	if (pidfd < 0)
		return -1;
	if (init_start_time(j->init_pid, &start) < 0 ||
	    start != j->init_start) {
		close(pidfd);
		return -1;
	}
	return pidfd;
}

/*
 * Reads the host and domain names in force in a jail, as FreeBSD's jls
 * reads the kernel's: its processes may have changed them (sethostname
 * is allowed by default).  0 if read; otherwise the record's values
 * hold (a jail sharing our UTS namespace, or one that just ended).
 */
static int
ls_live_uts(struct ls_query *q, const struct reg_jail *j)
{
	_cleanup_close_ int pidfd = -1;

	if (q->uts_jid == j->jid && q->uts_jid != 0)
		return q->uts_state;
	q->uts_jid = j->jid;
	q->uts_state = -ESRCH;
	pidfd = ls_open_init(j);
	if (pidfd >= 0)
		q->uts_state = ns_read_uts(j->init_pid, pidfd, &q->uts);
	return q->uts_state;
}

/*
 * The jail's addresses of one family as configured in its network
 * namespace, where a jail whose root may route (allow.routing) can change
 * them: the record's that are there, in its order, then any others.  The
 * record's where that cannot be read, and for a vnet jail, whose
 * interfaces are its own business (FreeBSD lists no addresses for it).
 */
static char **
ls_addrs_live(const struct reg_jail *j, enum param_id id)
{
	_cleanup_strv_free_ char **rec = ls_addrs(j->conf, id), **live = NULL;
	_cleanup_close_ int pidfd = -1;
	char **out = NULL;
	size_t first;

	if (conf_jail_jailsys(j->conf, P_VNET) == JAILSYS_NEW ||
	    (pidfd = ls_open_init(j)) < 0 ||
	    net_read_addrs(j->init_pid, pidfd, id == P_IP4_ADDR ? AF_INET :
	    AF_INET6, &live) != 0)
		return TAKE_PTR(rec);
	for (size_t i = 0; rec != NULL && rec[i] != NULL; i++)
		for (size_t k = 0; live[k] != NULL; k++)
			if (ls_cmp_addr(&rec[i], &live[k]) == 0) {
				strv_push(&out, rec[i]);
				break;
			}
	first = strv_length(out);
	for (size_t k = 0; live[k] != NULL; k++) {
		bool known = false;

		for (size_t i = 0; rec != NULL && rec[i] != NULL; i++)
			known = known || ls_cmp_addr(&rec[i], &live[k]) == 0;
		if (!known)
			strv_push(&out, live[k]);
	}
	if (strv_length(out) > first + 1)
		qsort(out + first, strv_length(out) - first, sizeof(*out),
		    ls_cmp_addr);
	return out;
}

/* Computes one value of one jail. */
static void
ls_value(struct ls_query *q, const struct reg_jail *j,
    struct reg_jail *const *all, size_t nall, const struct ls_col *col,
    struct ls_val *v)
{
	const struct conf_jail *c = j->conf;
	const struct param_def *d = &param_table[col->id];
	long long n = 0;

	memset(v, 0, sizeof(*v));
	switch (col->id) {
	case P_JID:
		ls_num(v, j->jid);
		return;
	case P_NAME:
		ls_str(v, j->name);
		return;
	case P_PATH:
		ls_str(v, j->path != NULL ? j->path : conf_jail_str(c, P_PATH));
		return;
	case P_PARENT:
		ls_num(v, j->parent);
		return;
	case P_CHILDREN_CUR:
		ls_num(v, reg_owner_children_count(all, nall, j));
		return;
	case P_CPUSET_ID:
		ls_num(v, 0);
		return;
	case P_DYING:
		v->kind = V_BOOL;
		v->b = j->dying;
		break;
	case P_HOST_HOSTNAME:
		ls_read_host(q);
		if (ls_live_uts(q, j) == 0)
			ls_str(v, q->uts.nodename);
		else
			ls_str_or(v, c, col->id, q->host.hostname);
		return;
	case P_HOST_DOMAINNAME:
		ls_read_host(q);
		if (ls_live_uts(q, j) == 0)
			ls_str(v, strcmp(q->uts.domainname, "(none)") == 0 ?
			    "" : q->uts.domainname);
		else
			ls_str_or(v, c, col->id, q->host.domainname);
		return;
	case P_HOST_HOSTUUID:
		ls_read_host(q);
		ls_str_or(v, c, col->id, q->host.hostuuid);
		return;
	case P_OSRELEASE:
		ls_read_host(q);
		ls_str_or(v, c, col->id, q->host.osrelease);
		return;
	case P_OSRELDATE:
		ls_read_host(q);
		if (conf_jail_int(c, col->id, &n) < 0)
			n = q->host.osreldate;
		ls_num(v, n);
		return;
	case P_HOST:
		v->kind = V_STR;
		v->s = xstrdup(ls_jailsys_name(!conf_jail_has(c, P_HOST) &&
		    ls_has_host_param(c) ? JAILSYS_NEW :
		    conf_jail_jailsys(c, P_HOST)));
		return;
	case P_IP4:
	case P_IP6:
		v->kind = V_STR;
		v->s = xstrdup(ls_jailsys_name(ls_ip_jailsys(c, col->id,
		    col->id == P_IP4 ? P_IP4_ADDR : P_IP6_ADDR)));
		return;
	case P_META:
	case P_ENV:
		if (col->key != NULL) {
			v->s = ls_meta_key(conf_jail_str(c, col->id), col->key);
			v->kind = v->s != NULL ? V_STR : V_NONE;
			return;
		}
		ls_str(v, conf_jail_str(c, col->id));
		return;
	default:
		break;
	}
	if (col->id != P_DYING) {
		switch (d->type) {
		case PT_BOOL:
			v->kind = V_BOOL;
			v->b = conf_jail_bool(c, col->id);
			break;
		case PT_JAILSYS: {
			int s = conf_jail_jailsys(c, col->id);

			ls_str(v, ls_jailsys_name(s < 0 ? JAILSYS_DISABLE : s));
			return;
		}
		case PT_INT:
		case PT_UINT:
		case PT_ULONG:
			if (conf_jail_int(c, col->id, &n) < 0)
				n = 0;
			ls_num(v, n);
			return;
		case PT_IP4LIST:
		case PT_IP6LIST:
		case PT_LIST:
			v->kind = V_LIST;
			v->list = d->type == PT_LIST ?
			    strv_copy(conf_jail_list(c, col->id)) :
			    ls_addrs_live(j, col->id);
			v->s = strv_join(v->list, ",");
			return;
		default:
			ls_str(v, conf_jail_str(c, col->id));
			return;
		}
	}
	/* Booleans: "noX" reads as the inverse. */
	if (col->nobool)
		v->b = !v->b;
	v->s = xstrdup(v->b ? "true" : "false");
}

/* Frees a value's contents. */
static void
ls_val_clear(struct ls_val *v)
{
	free(v->s);
	strv_free(v->list);
}

/* Writes a JSON string literal. */
static void
ls_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", f);
		else if (ch == '\t')
			fputs("\\t", f);
		else if (ch == '\r')
			fputs("\\r", f);
		else if (ch == '\b')
			fputs("\\b", f);
		else if (ch == '\f')
			fputs("\\f", f);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

/*
 * Writes XML character data as libxo does: <, > and & as entities,
 * quotes as they are, tab, newline and return kept, any other control
 * character (which XML 1.0 cannot hold) as a space.
 */
static void
ls_xml_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '&')
			fputs("&amp;", f);
		else if (ch == '<')
			fputs("&lt;", f);
		else if (ch == '>')
			fputs("&gt;", f);
		else if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
			fputc(' ', f);
		else
			fputc(ch, f);
	}
}

/*
 * Per-instance state of the structured styles: first field or not, and
 * libxo's "pretty" (two spaces per level; a jail's members are at level
 * 4 in JSON, 2 in XML).
 */
struct ls_emit {
	FILE *f;
	enum ls_style style;
	bool first;
	bool pretty;
};

/* Starts a JSON member: libxo's separator, then the indented key. */
static void
ls_json_member(struct ls_emit *e, const char *key, bool list)
{
	if (e->pretty)
		fprintf(e->f, "%s%8s", e->first ? "\n" : ",\n", "");
	else if (!e->first)
		/* libxo: ", " before a list that follows a member */
		fputs(list ? ", " : ",", e->f);
	e->first = false;
	ls_json_str(e->f, key);
	fputs(list || e->pretty ? ": " : ":", e->f);
}

/* Emits one field of a structured style; quoted says string or not. */
static void
ls_field(struct ls_emit *e, const char *key, const char *val, bool quoted)
{
	if (e->style == LS_JSON) {
		ls_json_member(e, key, false);
		if (quoted)
			ls_json_str(e->f, val);
		else
			fputs(val, e->f);
	} else if (e->style == LS_XML) {
		if (e->pretty)
			fputs("    ", e->f);
		fprintf(e->f, "<%s>", key);
		ls_xml_text(e->f, val);
		fprintf(e->f, "</%s>", key);
		if (e->pretty)
			fputc('\n', e->f);
	}
}

/* Emits a list of addresses as one list field. */
static void
ls_field_list(struct ls_emit *e, const char *key, char *const *list)
{
	if (e->style == LS_JSON) {
		ls_json_member(e, key, true);
		fputc('[', e->f);
		for (size_t i = 0; list != NULL && list[i] != NULL; i++) {
			if (e->pretty)
				fprintf(e->f, "%s%10s", i > 0 ? ",\n" : "\n",
				    "");
			else if (i > 0)
				fputc(',', e->f);
			ls_json_str(e->f, list[i]);
		}
		if (e->pretty)
			fprintf(e->f, "\n%8s", "");
		fputc(']', e->f);
	} else if (e->style == LS_XML) {
		for (size_t i = 0; list != NULL && list[i] != NULL; i++)
			ls_field(e, key, list[i], true);
	}
}

/* Prints jls's header line(s). */
static void
ls_header(FILE *f, const struct ls_query *q)
{
	bool spc = false;

	if (q->style != LS_TEXT)
		return;
	if (q->flags & LS_VERBOSE) {
		fprintf(f, "   JID  Hostname%22sPath\n", "");
		fprintf(f, "%8sName%26sState\n", "", "");
		fprintf(f, "%8sCPUSetID\n", "");
		fprintf(f, "%8sIP Address(es)\n", "");
	} else if (q->flags & LS_DEFAULT) {
		if (q->flags & LS_JAIL_NAME)
			fprintf(f, " %-15s %-15s %-29s Path\n", "JID",
			    "IP Address", "Hostname");
		else
			fprintf(f, "%6s  IP Address%6sHostname%22sPath\n",
			    "JID", "", "");
	} else if (q->flags & LS_HEADER) {
		for (size_t i = 0; i < q->ncols; i++) {
			if (!q->cols[i].user)
				continue;
			if (spc)
				fputc(' ', f);
			spc = true;
			fputs(q->cols[i].name, f);
		}
		fputc('\n', f);
	}
}

/* Finds a column by parameter id. */
static const struct ls_col *
ls_col_of(const struct ls_query *q, enum param_id id)
{
	for (size_t i = 0; i < q->ncols; i++)
		if (q->cols[i].id == id && q->cols[i].key == NULL &&
		    !q->cols[i].nobool)
			return &q->cols[i];
	return NULL;
}

/* Computes the value of the column of id (which ls_prepare added). */
static void
ls_get(struct ls_query *q, const struct reg_jail *j,
    struct reg_jail *const *all, size_t nall, enum param_id id,
    struct ls_val *v)
{
	const struct ls_col *c = ls_col_of(q, id);
	struct ls_col tmp = { .name = (char *)param_table[id].name, .id = id,
	    .parent = -1 };

	ls_value(q, j, all, nall, c != NULL ? c : &tmp, v);
}

/* The -v lines of one jail. */
static void
ls_print_verbose(FILE *f, struct ls_query *q, struct ls_emit *e,
    const struct reg_jail *j, struct reg_jail *const *all, size_t nall)
{
	struct ls_val host, path, ip4, ip6;
	char jid[16];

	ls_get(q, j, all, nall, P_HOST_HOSTNAME, &host);
	ls_get(q, j, all, nall, P_PATH, &path);
	ls_get(q, j, all, nall, P_IP4_ADDR, &ip4);
	ls_get(q, j, all, nall, P_IP6_ADDR, &ip6);
	if (q->style == LS_TEXT) {
		fprintf(f, "%6d  %-29.29s %.74s\n", j->jid, host.s, path.s);
		fprintf(f, "        %-29.29s %.74s\n", j->name,
		    j->dying ? "DYING" : "ACTIVE");
		fprintf(f, "        %d\n", 0);
		/* A user's jail, listed for root: whose it is. */
		if (j->owner != NULL)
			fprintf(f, "        owner %s\n", j->owner);
		for (size_t i = 0; ip4.list != NULL && ip4.list[i]; i++)
			fprintf(f, "        %s\n", ip4.list[i]);
		for (size_t i = 0; ip6.list != NULL && ip6.list[i]; i++)
			fprintf(f, "        %s\n", ip6.list[i]);
	} else {
		snprintf(jid, sizeof(jid), "%d", j->jid);
		ls_field(e, "jid", jid, false);
		ls_field(e, "hostname", host.s, true);
		ls_field(e, "path", path.s, true);
		ls_field(e, "name", j->name, true);
		ls_field(e, "state", j->dying ? "DYING" : "ACTIVE", true);
		ls_field(e, "cpusetid", "0", false);
		if (j->owner != NULL)
			ls_field(e, "owner", j->owner, true);
		ls_field_list(e, "ipv4_addrs", ip4.list);
		ls_field_list(e, "ipv6_addrs", ip6.list);
	}
	ls_val_clear(&host);
	ls_val_clear(&path);
	ls_val_clear(&ip4);
	ls_val_clear(&ip6);
}

/* The default 4-column line of one jail. */
static void
ls_print_default(FILE *f, struct ls_query *q, struct ls_emit *e,
    const struct reg_jail *j, struct reg_jail *const *all, size_t nall)
{
	struct ls_val host, path, ip4;
	const char *addr;
	char jid[16];

	ls_get(q, j, all, nall, P_HOST_HOSTNAME, &host);
	ls_get(q, j, all, nall, P_PATH, &path);
	ls_get(q, j, all, nall, P_IP4_ADDR, &ip4);
	addr = ip4.list != NULL ? ip4.list[0] : "";
	if (q->style == LS_TEXT) {
		if (q->flags & LS_JAIL_NAME)
			fprintf(f, " %-15s ", j->name);
		else
			fprintf(f, "%6d  ", j->jid);
		fprintf(f, "%-15.15s %-29.29s %.74s\n", addr, host.s, path.s);
	} else {
		if (q->flags & LS_JAIL_NAME)
			ls_field(e, "name", j->name, true);
		else {
			snprintf(jid, sizeof(jid), "%d", j->jid);
			ls_field(e, "jid", jid, false);
		}
		ls_field(e, "ipv4", addr, true);
		ls_field(e, "hostname", host.s, true);
		ls_field(e, "path", path.s, true);
		if (j->owner != NULL)
			ls_field(e, "owner", j->owner, true);
	}
	ls_val_clear(&host);
	ls_val_clear(&path);
	ls_val_clear(&ip4);
}

/* "noX" of "X" and back, as jls names a false boolean with -n. */
static char *
ls_flip_no(const char *name, bool has_no)
{
	const char *dot = strrchr(name, '.');
	size_t pre = dot != NULL ? (size_t)(dot + 1 - name) : 0;

	if (has_no)
		return xasprintf("%.*s%s", (int)pre, name, name + pre + 2);
	return xasprintf("%.*sno%s", (int)pre, name, name + pre);
}

/* jls's quoting of a string value: the quote to use, or 0. */
static int
ls_quote_char(const char *s)
{
	if (strchr(s, '\'') != NULL)
		return '"';
	if (strchr(s, '"') != NULL)
		return '\'';
	if (strchr(s, ' ') != NULL || strchr(s, '\t') != NULL)
		return '"';
	return 0;
}

/* The parameter line of one jail (text), or its fields (json/xml). */
static void
ls_print_params(FILE *f, struct ls_query *q, struct ls_emit *e,
    const struct reg_jail *j, struct reg_jail *const *all, size_t nall)
{
	bool spc = false;

	for (size_t i = 0; i < q->ncols; i++) {
		const struct ls_col *c = &q->cols[i];
		struct ls_val v;

		if (!c->user)
			continue;
		if (q->flags & LS_SKIP) {
			if (param_table[c->id].flags & PF_READ_ONLY)
				continue;
			if (c->parent >= 0) {
				struct ls_val pv;
				bool is_new;

				ls_value(q, j, all, nall, &q->cols[c->parent],
				    &pv);
				is_new = strcmp(pv.s, "new") == 0;
				ls_val_clear(&pv);
				if (!is_new)
					continue;
			}
		}
		ls_value(q, j, all, nall, c, &v);
		if (q->style != LS_TEXT) {
			if (v.kind == V_NONE)
				;	/* a missing meta key: no field */
			else if (v.kind == V_BOOL && (q->flags & LS_NAMEVAL))
				ls_field(e, c->name, v.b ? "true" : "false",
				    false);
			else if (v.kind == V_LIST && (c->id == P_IP4_ADDR ||
			    c->id == P_IP6_ADDR))
				ls_field_list(e, c->name, v.list);
			else
				ls_field(e, c->name, v.s, true);
			ls_val_clear(&v);
			continue;
		}
		if (spc)
			fputc(' ', f);
		spc = true;
		if (q->flags & LS_NAMEVAL) {
			if (v.kind == V_BOOL) {
				if (v.b)
					fputs(c->name, f);
				else {
					char *nn = ls_flip_no(c->name,
					    c->nobool);

					fputs(nn, f);
					free(nn);
				}
				ls_val_clear(&v);
				continue;
			}
			if (v.kind == V_NONE) {
				fputs(c->name, f);
				ls_val_clear(&v);
				continue;
			}
			fprintf(f, "%s=", c->name);
		}
		if (v.kind == V_NONE)
			;
		else if (v.kind == V_LIST && v.list == NULL) {
			if (q->flags & LS_QUOTED)
				fputs("\"\"", f);
			else if (!(q->flags & LS_NAMEVAL))
				fputc('-', f);
		} else if (v.s[0] == '\0')
			fputs("\"\"", f);
		else {
			int qc = q->flags & LS_QUOTED ? ls_quote_char(v.s) : 0;

			if (qc != 0)
				fputc(qc, f);
			fputs(v.s, f);
			if (qc != 0)
				fputc(qc, f);
		}
		ls_val_clear(&v);
	}
	if (q->style == LS_TEXT)
		fputc('\n', f);
}

/* Prints everything: header, jails, closing. */
int
ls_print(FILE *f, struct ls_query *q, struct reg_jail *const *sel,
    size_t nsel, struct reg_jail *const *all, size_t nall)
{
	bool pretty = (q->flags & LS_PRETTY) != 0;
	struct ls_emit e = { .f = f, .style = q->style, .pretty = pretty };

	ls_header(f, q);
	if (q->style == LS_JSON && pretty)
		fputs("{\n  \"__version\": \"2\", \n  \"jail-information\": "
		    "{\n    \"jail\": [", f);
	else if (q->style == LS_JSON)
		fputs("{\"__version\": \"2\", \"jail-information\": "
		    "{\"jail\": [", f);
	else if (q->style == LS_XML)
		fputs(pretty ? "<jail-information version=\"2\">\n" :
		    "<jail-information version=\"2\">", f);
	for (size_t i = 0; i < nsel; i++) {
		if (q->style == LS_JSON && pretty)
			fprintf(f, "%s      {", i > 0 ? ",\n" : "\n");
		else if (q->style == LS_JSON)
			fputs(i > 0 ? ", {" : "{", f);
		else if (q->style == LS_XML)
			fputs(pretty ? "  <jail>\n" : "<jail>", f);
		e.first = true;
		if (q->flags & LS_VERBOSE)
			ls_print_verbose(f, q, &e, sel[i], all, nall);
		else if (q->flags & LS_DEFAULT)
			ls_print_default(f, q, &e, sel[i], all, nall);
		else
			ls_print_params(f, q, &e, sel[i], all, nall);
		if (q->style == LS_JSON && pretty)
			fputs("\n      }", f);
		else if (q->style == LS_JSON)
			fputc('}', f);
		else if (q->style == LS_XML)
			fputs(pretty ? "  </jail>\n" : "</jail>", f);
	}
	if (q->style == LS_JSON && pretty)
		fputs("\n    ]\n  }\n}\n", f);
	else if (q->style == LS_JSON)
		fputs("]}}\n", f);
	else if (q->style == LS_XML && pretty)
		fputs("</jail-information>\n", f);
	else if (q->style == LS_XML)
		fputs("</jail-information>", f);	/* libxo: no newline */
	return ferror(f) ? -EIO : 0;
}
