/*
 * args.c - jail(8)'s operands and jail name patterns (§1.4 of the spec).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>

#include "args.h"
#include "conf_priv.h"
#include "util.h"

/* Tells whether some dot-separated component is exactly "*". */
bool
args_is_wildcard(const char *name)
{
	for (const char *w = strchr(name, '*'); w != NULL;
	    w = strchr(w + 1, '*'))
		if ((w == name || w[-1] == '.') && (w[1] == '\0' || w[1] == '.'))
			return true;
	return false;
}

/* Matches a name against a pattern, component by component. */
bool
args_wild_match(const char *name, const char *pattern)
{
	const char *n = name, *w = pattern, *nd, *wd;

	while ((nd = strchr(n, '.')) != NULL && (wd = strchr(w, '.')) != NULL) {
		size_t nl = (size_t)(nd - n), wl = (size_t)(wd - w);

		if (!(wl == 1 && w[0] == '*') &&
		    !(nl == wl && memcmp(n, w, nl) == 0))
			return false;
		n = nd + 1;
		w = wd + 1;
	}
	return strcmp(n, w) == 0 || strcmp(w, "*") == 0;
}

/* Adds one parameter with (or without) a value, jail(8) style. */
static int
args_set(struct conf_jail *j, const char *name, const char *value,
    struct conf_diag **diags)
{
	char *vals[2] = { (char *)value, NULL };

	for (size_t i = 0; i < j->nparams; i++) {
		const char *old = j->params[i].name;

		if (conf_equalopts(old, name) &&
		    (strcmp(old, "name") == 0 || strcmp(old, "jid") == 0)) {
			conf_diag_new(diags, CONF_DIAG_ERROR, CONF_FORM_BARE,
			    NULL, NULL, 0, "cannot redefine parameter \"%s\".",
			    old);
			j->failed = true;
			return -EINVAL;
		}
	}
	conf_jail_set(j, name, value != NULL ? vals : NULL, true, NULL, 0);
	return 0;
}

/* Adds "name=value" or "name". */
int
args_add_param(struct conf_jail *j, const char *arg, struct conf_diag **diags)
{
	const char *eq = strchr(arg, '=');
	_cleanup_free_ char *name = NULL;

	if (eq == NULL)
		return args_set(j, arg, NULL, diags);
	name = xstrndup(arg, (size_t)(eq - arg));
	return args_set(j, name, eq + 1, diags);
}

/* Adds each comma-separated element of value to a list parameter. */
static int
args_split(struct conf_jail *j, const char *name, const char *value,
    struct conf_diag **diags)
{
	const char *cs = value, *ncs;
	int r = 0;

	for (;;) {
		_cleanup_free_ char *elem = NULL;

		ncs = strchr(cs, ',');
		elem = ncs != NULL ? xstrndup(cs, (size_t)(ncs - cs)) :
		    xstrdup(cs);
		if (args_set(j, name, elem, diags) < 0)
			r = -EINVAL;
		if (ncs == NULL)
			break;
		cs = ncs + 1;
	}
	return r;
}

/* Reads the operands of a command-line jail. */
int
args_command_line(struct conf_jail *j, int argc, char *const *argv,
    struct conf_diag **diags)
{
	int r = 0;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		bool done = false;

		if (strncmp(a, "command", 7) == 0 &&
		    (a[7] == '\0' || a[7] == '=')) {
			if (a[7] == '=' && args_set(j, "command", a + 8,
			    diags) < 0)
				r = -EINVAL;
			for (i++; i < argc; i++)
				if (args_set(j, "command", argv[i], diags) < 0)
					r = -EINVAL;
			break;
		}
		/* ip4.addr, ip6.addr, vnet.interface, zfs.dataset (and
		 * ljail's vnet.veth): the rows marked PF_SPLIT_COMMA. */
		for (int l = 0; l < P__COUNT && !done; l++) {
			const char *pn = param_table[l].name;
			size_t n = strlen(pn);

			if (!(param_table[l].flags & PF_SPLIT_COMMA) ||
			    strncmp(a, pn, n) != 0 || a[n] != '=')
				continue;
			if (args_split(j, pn, a + n + 1, diags) < 0)
				r = -EINVAL;
			done = true;
		}
		if (!done && args_add_param(j, a, diags) < 0)
			r = -EINVAL;
	}
	return r;
}

/* Reads the old positional form. */
int
args_old_style(struct conf_jail *j, int argc, char *const *argv,
    struct conf_diag **diags)
{
	/* The old host-wide defaults, as a FreeBSD host has them. */
	static const char *const perms[][2] = {
		{ "allow.set_hostname", NULL },
		{ "allow.sysvipc", "false" },
		{ "allow.raw_sockets", "false" },
		{ "allow.chflags", "false" },
		{ "allow.mount", "false" },
		{ "allow.socket_af", "false" },
	};
	int r = 0;

	r |= args_set(j, "path", argv[0], diags);
	r |= args_set(j, "host.hostname", argv[1], diags);
	if (argv[2][0] != '\0') {
		const char *cs = argv[2], *ncs;

		for (;;) {
			_cleanup_free_ char *a = NULL;
			struct in6_addr a6;

			ncs = strchr(cs, ',');
			a = ncs != NULL ? xstrndup(cs, (size_t)(ncs - cs)) :
			    xstrdup(cs);
			r |= args_set(j, inet_pton(AF_INET6, a, &a6) == 1 ?
			    "ip6.addr" : "ip4.addr", a, diags);
			if (ncs == NULL)
				break;
			cs = ncs + 1;
		}
	}
	for (int i = 3; i < argc; i++)
		r |= args_set(j, "command", argv[i], diags);
	for (size_t i = 0; i < ARRAY_SIZE(perms); i++)
		r |= args_set(j, perms[i][0], perms[i][1], diags);
	return r < 0 ? -EINVAL : 0;
}
