/*
 * ljail - jail(8) for Linux: create, modify and remove jails.
 *
 * Front end only: options and operands are read as FreeBSD's jail(8)
 * reads them (§1 of the spec: the decision table of §1.4), the jails
 * are read from jail.conf or built from the command line, checked, put
 * in dependency order, and handed to jail_run(), which does the work and
 * prints its own notes.  Also "ljail --check" (lint) and "-e" (show).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "conf.h"
#include "dep.h"
#include "fs.h"
#include "jail.h"
#include "param.h"
#include "ns.h"
#include "net.h"
#include "reg.h"
#include "util.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

#define PROG "ljail"
#define CONF_FILE "/etc/jail.conf"

/* Prints jail(8)'s usage message and exits 1. */
static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "%s",
	    "usage: ljail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
	    "             -[cmr] param=value ... [command=command ...]\n"
	    "       ljail [-dqv] [-f file] -[cmr] [jail]\n"
	    "       ljail [-qv] [-f file] -[rR] ['*' | jail ...]\n"
	    "       ljail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
	    "             [-n jailname] [-s securelevel]\n"
	    "             path hostname ip[,...] command ...\n"
	    "       ljail [-f file] -e separator\n"
	    "       ljail --check [-f file] [jail ...]\n");
	exit(1);
}

/*
 * Prints diagnostics as jail(8) does (warnings unless quiet); a warning
 * already printed in this run is not repeated (one note for ten jails).
 */
static void
print_diags(const struct conf_diag *d, bool quiet)
{
	static char **warned;

	for (; d != NULL; d = d->next) {
		_cleanup_free_ char *s = NULL;

		if (quiet && d->level == CONF_DIAG_WARNING)
			continue;
		s = conf_diag_format(d, PROG);
		if (d->level == CONF_DIAG_WARNING) {
			size_t i = 0;

			while (warned != NULL && warned[i] != NULL &&
			    strcmp(warned[i], s) != 0)
				i++;
			if (warned != NULL && warned[i] != NULL)
				continue;
			strv_push(&warned, s);
		}
		fputs(s, stderr);
	}
}

/* Prints diagnostics in the "FILE:LINE: ..." form of --check. */
static void
print_lint(const struct conf_diag *d)
{
	for (; d != NULL; d = d->next) {
		_cleanup_free_ char *s = conf_diag_format_lint(d, PROG);

		fputs(s, stdout);
	}
}

/* Reads the configuration; on a fatal error prints and exits 1. */
static struct conf *
load_config(const char *path, bool quiet)
{
	struct conf *c = NULL;
	struct conf_diag *d = NULL;
	int r = conf_parse_file(path, 0, &c, &d);

	print_diags(d, quiet);
	conf_diag_free(d);
	if (r < 0)
		exit(1);
	return c;
}

/* Prints one message line, "ljail: [NAME: ]TEXT". */
static void __attribute__((format(printf, 2, 3)))
warn_jail(const struct conf_jail *j, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", PROG);
	if (j != NULL && j->from_config && j->name != NULL)
		fprintf(stderr, "%s: ", j->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Network warnings that are no errors (a wireless parent). */
static void
warn_net(const struct conf_jail *j, struct conf_diag **diags)
{
	_cleanup_strv_free_ char **w = NULL;

	if (net_warnings(j, &w) < 0 || w == NULL)
		return;
	for (size_t i = 0; w[i] != NULL; i++)
		conf_diag_new(diags, CONF_DIAG_WARNING, CONF_FORM_BARE,
		    j->from_config ? j->name : NULL, NULL, 0, "%s", w[i]);
}

/* --check: where each address of a jail goes and who reaches it. */
static void
lint_net(const struct conf_jail *j, struct conf_diag **diags)
{
	_cleanup_strv_free_ char **notes = NULL;
	const char *file = NULL;
	unsigned line = 0;

	if (net_reach_notes(j, &notes) < 0 || notes == NULL)
		return;
	for (size_t i = 0; i < j->nparams; i++)
		if (j->params[i].id == P_IP4_ADDR ||
		    j->params[i].id == P_IP6_ADDR) {
			file = j->params[i].file;
			line = j->params[i].line;
			break;
		}
	for (size_t i = 0; notes[i] != NULL; i++)
		conf_diag_new(diags, CONF_DIAG_WARNING, CONF_FORM_BARE,
		    j->from_config ? j->name : NULL, file, line, "%s",
		    notes[i]);
}

/* ljail --check: every error and emulated setting, "FILE:LINE: ...". */
static int
lint(const char *path, int argc, char **argv)
{
	struct conf *c = NULL;
	struct conf_diag *d = NULL, *more = NULL;
	_cleanup_strv_free_ char **host = NULL;
	bool failed;
	int r = conf_parse_file(path, CONF_PARSE_LINT, &c, &d);

	if (c != NULL)
		dep_check(c, &more);
	conf_diag_append(&d, TAKE_PTR(more));
	for (int a = 0; a < argc; a++) {
		bool found = args_is_wildcard(argv[a]) ? true :
		    conf_find(c, argv[a]) != NULL;

		if (!found)
			conf_diag_new(&d, CONF_DIAG_ERROR, CONF_FORM_BARE,
			    NULL, NULL, 0, "\"%s\" not found", argv[a]);
	}
	for (size_t i = 0; c != NULL && i < c->njails; i++) {
		struct conf_jail *j = c->jails[i];
		bool want = argc == 0;

		for (int a = 0; a < argc && !want; a++)
			want = args_is_wildcard(argv[a]) ?
			    args_wild_match(j->name, argv[a]) :
			    strcmp(j->name, argv[a]) == 0;
		if (want)
			(void)conf_check_jail(c, j, CONF_CHECK_KERNEL |
			    CONF_CHECK_NOTES, &more);
		if (want)
			lint_net(j, &more);
		if (want)
			warn_net(j, &more);
	}
	conf_diag_append(&d, TAKE_PTR(more));
	print_lint(d);
	/* The machine: what blocks or limits rootless jails, with the fix. */
	host = ns_check_host("", geteuid());
	for (size_t i = 0; host != NULL && host[i] != NULL; i++)
		fprintf(stderr, "%s: rootless: %s\n", PROG, host[i]);
	failed = r < 0 || conf_diag_has_error(d);
	conf_diag_free(d);
	conf_free(c);
	return failed ? 1 : 0;
}

/* ljail -e SEP: one line per configured jail. */
static int
show_jails(const char *path, const char *sep)
{
	struct conf *c = load_config(path, false);

	for (size_t i = 0; i < c->njails; i++) {
		_cleanup_free_ char *line = conf_format_jail(c->jails[i], sep);

		printf("%s\n", line);
	}
	conf_free(c);
	return 0;
}

/* Adds the jail to a growing list (no duplicates). */
static void
list_add(struct conf_jail ***v, size_t *n, struct conf_jail *j)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i] == j)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = j;
}

/* Finds a running jail by jid or name (NULL if none or no registry). */
static struct reg_jail *
running_jail(const char *key)
{
	struct reg *r = NULL;
	struct reg_jail *rj = NULL;

	if (reg_open(&r) < 0)
		return NULL;
	/* Root: a user's jail too (jail_remove_user stops it). */
	if (reg_find(r, key, &rj) < 0 && reg_find_user(key, &rj) < 0)
		rj = NULL;
	reg_close(r);
	return rj;
}

/* Names of the running jails matching a pattern (for -R). */
static void
running_matches(const char *pattern, char ***targets)
{
	struct reg *r = NULL;
	struct reg_jail **v = NULL;
	size_t n = 0;

	if (reg_open(&r) < 0)
		return;
	if (reg_list(r, &v, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			if (v[i]->name != NULL &&
			    args_wild_match(v[i]->name, pattern))
				strv_push(targets, v[i]->name);
		reg_jail_list_free(v, n);
	}
	reg_close(r);
}

/*
 * Selects the jails of a -r/-R operand: config jails by name or
 * pattern, else running jails (whose kernel name may be a config name).
 * Returns -ESRCH after printing "NAME" not found (unless quiet, -q).
 */
static int
select_stop(struct conf *c, const char *target, bool rflag_R, bool quiet,
    struct conf_jail ***sel, size_t *nsel, char ***targets, bool *wild)
{
	struct conf_jail *j;
	struct reg_jail *rj;

	if (!rflag_R && strcmp(target, "*") == 0) {
		for (size_t i = 0; c != NULL && i < c->njails; i++)
			list_add(sel, nsel, c->jails[i]);
		*wild = true;
		return 0;
	}
	if (args_is_wildcard(target)) {
		*wild = true;
		if (rflag_R) {
			running_matches(target, targets);
			return 0;
		}
		for (size_t i = 0; c != NULL && i < c->njails; i++)
			if (args_wild_match(c->jails[i]->name, target))
				list_add(sel, nsel, c->jails[i]);
		return 0;
	}
	if ((j = conf_find(c, target)) != NULL) {
		list_add(sel, nsel, j);
		return 0;
	}
	rj = running_jail(target);
	if (rj == NULL) {
		if (!quiet)
			fprintf(stderr, "%s: \"%s\" not found\n", PROG,
			    target);
		return -ESRCH;
	}
	if (rj->name != NULL && (j = conf_find(c, rj->name)) != NULL)
		list_add(sel, nsel, j);
	else
		strv_push(targets, target);
	reg_jail_free(rj);
	return 0;
}

/*
 * Drops the jails added only as dependencies that are already where the
 * run would take them: a running dependency of a jail being created, a
 * stopped dependent of a jail being removed (jail(8) passes over them
 * without a word).
 */
static void
drop_settled(struct conf_jail **v, size_t *n, unsigned op)
{
	size_t k = 0;

	for (size_t i = 0; i < *n; i++) {
		if (v[i]->implied && (op == JAIL_OP_START ||
		    op == JAIL_OP_STOP)) {
			struct reg_jail *rj = running_jail(v[i]->name);
			bool running = rj != NULL;

			reg_jail_free(rj);
			if (running == (op == JAIL_OP_START))
				continue;
		}
		v[k++] = v[i];
	}
	*n = k;
}

/* Reports "skipped" for jails that need a failed one, and fails them. */
static void
skip_dependents(const struct conf *c, struct conf_jail **v, size_t n,
    bool stop, bool quiet)
{
	bool changed;

	do {
		changed = false;
		for (size_t i = 0; i < n; i++) {
			if (!v[i]->failed)
				continue;
			for (size_t k = 0; k < n; k++) {
				struct conf_jail *a = stop ? v[i] : v[k];
				struct conf_jail *b = stop ? v[k] : v[i];

				if (v[k]->failed || !dep_depends_on(c, a, b))
					continue;
				if (!quiet)
					warn_jail(v[k], "skipped");
				v[k]->failed = true;
				changed = true;
			}
		}
	} while (changed);
}

/* jail(8)'s main: options, operands, jails, jail_run(). */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, 1 },
		/* hidden: the parameter table, for bash completion */
		{ "list-params", no_argument, NULL, 2 },
		{ NULL, 0, NULL, 0 },
	};
	struct jail_request req;
	struct conf_jail *clj = conf_jail_new(NULL, false);
	struct conf_diag *diags = NULL;
	char *msg = NULL;
	struct conf *c = NULL;
	struct conf_jail **sel = NULL, **run = NULL;
	size_t nsel = 0, nrun = 0;
	char **targets = NULL;
	const char *cfname = CONF_FILE, *sep = NULL, *jidfile = NULL;
	unsigned op = 0, closure;
	bool cflag_C = false, dflag = false, eflag = false, rflag_R = false;
	bool docf = true, oldcl = false, check = false, wild = false;
	bool dying_warned = false, iflag = false, path_warning;
	int ch, verbose = 0, paralimit = -1, error = 0, r;

	while ((ch = getopt_long(argc, argv, "+cCde:f:hiJ:lmn:p:qrRs:u:U:v",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 1:
			check = true;
			break;
		case 2: {
			_cleanup_free_ char *table = param_format_table();

			conf_jail_free(clj);
			conf_diag_free(diags);
			fputs(table, stdout);
			return fflush(stdout) == 0 ? 0 : 1;
		}
		case 'c':
			op |= JAIL_OP_START;
			break;
		case 'C':
			cflag_C = true;
			break;
		case 'd':
			dflag = true;
			break;
		case 'e':
			eflag = true;
			sep = optarg;
			break;
		case 'f':
			cfname = optarg;
			break;
		case 'h':
			(void)args_add_param(clj, "ip_hostname", &diags);
			docf = false;
			break;
		case 'i':
			verbose = -1;
			iflag = true;
			break;
		case 'J':
			jidfile = optarg;
			break;
		case 'l':
			(void)args_add_param(clj, "exec.clean", &diags);
			docf = false;
			break;
		case 'm':
			op |= JAIL_OP_SET;
			break;
		case 'n': {
			_cleanup_free_ char *a = xasprintf("name=%s", optarg);

			(void)args_add_param(clj, a, &diags);
			docf = false;
			break;
		}
		case 'p':
			paralimit = (int)strtol(optarg, NULL, 10);
			if (paralimit == 0)
				paralimit = -1;
			break;
		case 'q':
			verbose = -1;
			break;
		case 'r':
			op |= JAIL_OP_STOP;
			break;
		case 'R':
			op |= JAIL_OP_STOP;
			rflag_R = true;
			break;
		case 's': {
			_cleanup_free_ char *a =
			    xasprintf("securelevel=%s", optarg);

			(void)args_add_param(clj, a, &diags);
			docf = false;
			break;
		}
		case 'u':
		case 'U': {
			_cleanup_free_ char *a =
			    xasprintf("exec.jail_user=%s", optarg);

			(void)args_add_param(clj, a, &diags);
			(void)args_add_param(clj, ch == 'u' ?
			    "exec.system_jail_user" :
			    "exec.system_jail_user=false", &diags);
			docf = false;
			break;
		}
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	memset(&req, 0, sizeof(req));

	if (check) {
		if (op != 0 || eflag || !docf || cflag_C || dflag ||
		    jidfile != NULL)
			usage();
		conf_jail_free(clj);
		conf_diag_free(diags);
		return lint(cfname, argc, argv);
	}
	if (eflag) {
		if (op != 0 || cflag_C || argc > 0)
			usage();
		conf_jail_free(clj);
		conf_diag_free(diags);
		return show_jails(cfname, sep);
	}

	/* -C alone: the after-removal steps of a removed jail. */
	if (op == 0 && cflag_C) {
		if (rflag_R)
			usage();
		op = JAIL_OP_STOP;
		req.cleanup_only = true;
	}
	/* Which command-line style this is (§1.4). */
	if (op == 0 && !cflag_C) {
		if (argc < 4 || argv[0][0] != '/')
			usage();
		op = JAIL_OP_START;
		docf = false;
		oldcl = true;
		if (args_old_style(clj, argc, argv, &diags) < 0)
			error = 1;
	} else if (op == JAIL_OP_STOP && (!cflag_C || req.cleanup_only)) {
		struct stat st;

		if (!docf || argc == 0)
			usage();
		if (!rflag_R)
			for (int i = 0; i < argc; i++)
				if (strchr(argv[i], '=') != NULL)
					usage();
		docf = !rflag_R && (strcmp(cfname, "-") == 0 ||
		    stat(cfname, &st) == 0);
		if (docf)
			c = load_config(cfname, verbose < 0);
		/* Whether "NAME: removed" is printed (jail_run decides). */
	} else if (argc > 1 || (argc == 1 && strchr(argv[0], '=') != NULL)) {
		if (rflag_R || cflag_C)
			usage();
		docf = false;
		if (args_command_line(clj, argc, argv, &diags) < 0)
			error = 1;
	} else {
		if (rflag_R || !docf)
			usage();
		c = load_config(cfname, verbose < 0);
	}
	print_diags(diags, verbose < 0);
	if (conf_diag_has_error(diags))
		clj->failed = true;
	conf_diag_free(TAKE_PTR(diags));

	/* Dependencies and targets (dep_setup, start_state). */
	if (docf) {
		dep_check(c, &diags);
		print_diags(diags, false);
		conf_diag_free(TAKE_PTR(diags));
	} else {
		char *const *d = conf_jail_list(clj, P_DEPEND);

		for (size_t i = 0; d != NULL && d[i] != NULL; i++) {
			struct reg_jail *rj = running_jail(d[i]);

			if (rj == NULL) {
				fprintf(stderr, "%s: depends on nonexistent "
				    "jail \"%s\"\n", PROG, d[i]);
				clj->failed = true;
			}
			reg_jail_free(rj);
		}
	}
	if ((op & (JAIL_OP_START | JAIL_OP_SET)) == 0) {
		for (int i = 0; i < argc; i++)
			if (select_stop(c, argv[i], rflag_R, verbose < 0,
			    &sel, &nsel, &targets, &wild) < 0)
				error = 1;
	} else if (!docf) {
		list_add(&sel, &nsel, clj);
	} else if (argc == 0) {
		for (size_t i = 0; i < c->njails; i++)
			list_add(&sel, &nsel, c->jails[i]);
		wild = true;
	} else if (args_is_wildcard(argv[0])) {
		for (size_t i = 0; i < c->njails; i++)
			if (args_wild_match(c->jails[i]->name, argv[0]))
				list_add(&sel, &nsel, c->jails[i]);
		wild = true;
	} else {
		struct conf_jail *j = conf_find(c, argv[0]);

		if (j == NULL) {
			fprintf(stderr, "%s: \"%s\" not found\n", PROG, argv[0]);
			exit(1);
		}
		list_add(&sel, &nsel, j);
	}
	/* -c also starts what the targets need, -r first removes what
	 * needs them; a whole-file or pattern run already has them all. */
	closure = (op & JAIL_OP_START) ? DEP_REQUIRED :
	    (op & JAIL_OP_SET) ? DEP_NONE : DEP_DEPENDENTS;
	if (wild)
		closure = DEP_NONE;
	dep_order(docf ? c : NULL, sel, nsel, closure, &run, &nrun);
	drop_settled(run, &nrun, op);
	/* Removal goes the other way: dependents before what they need. */
	if ((op & (JAIL_OP_START | JAIL_OP_SET)) == 0)
		for (size_t i = 0; i < nrun / 2; i++) {
			struct conf_jail *t = run[i];

			run[i] = run[nrun - 1 - i];
			run[nrun - 1 - i] = t;
		}

	/* LJAIL_PATH_WARNING=0: test suites, whose paths are open on purpose */
	path_warning = getenv("LJAIL_PATH_WARNING") == NULL ||
	    strcmp(getenv("LJAIL_PATH_WARNING"), "0") != 0;
	/* Per-jail checks (check_intparams, import_params). */
	for (size_t i = 0; i < nrun; i++) {
		struct conf_jail *j = run[i];

		if (j->failed)
			continue;
		if (dflag)
			conf_jail_set(j, "allow.dying", NULL, true, NULL, 0);
		if (conf_check_jail(docf ? c : NULL, j,
		    (op & (JAIL_OP_START | JAIL_OP_SET)) != 0 ?
		    CONF_CHECK_KERNEL : 0, &diags) < 0)
			j->failed = true;
		/* F9: the jail's root makes set-user-ID files as host root. */
		if (!j->failed && (op & JAIL_OP_START) && path_warning &&
		    fs_path_exposed(j, &msg)) {
			conf_diag_new(&diags, CONF_DIAG_WARNING, CONF_FORM_BARE,
			    j->from_config ? j->name : NULL, NULL, 0, "%s",
			    msg);
			free(TAKE_PTR(msg));
		}
		if (!j->failed && (op & (JAIL_OP_START | JAIL_OP_SET)))
			warn_net(j, &diags);
		print_diags(diags, verbose < 0);
		conf_diag_free(TAKE_PTR(diags));
		if (!dying_warned && !j->failed &&
		    conf_jail_has(j, P_ALLOW_DYING)) {
			fprintf(stderr, "%s: the 'allow.dying' parameter and "
			    "'-d' flag are deprecated and have no effect.\n",
			    PROG);
			dying_warned = true;
		}
	}
	skip_dependents(c, run, nrun, (op & JAIL_OP_STOP) && !(op &
	    JAIL_OP_START), verbose < 0);
	{
		size_t k = 0;

		for (size_t i = 0; i < nrun; i++) {
			if (run[i]->failed) {
				error = 1;
				continue;
			}
			run[k++] = run[i];
		}
		nrun = k;
	}

	if (jidfile != NULL) {
		req.jid_file = fopen(jidfile, "w");
		if (req.jid_file == NULL) {
			fprintf(stderr, "%s: open %s: %s\n", PROG, jidfile,
			    strerror(errno));
			exit(1);
		}
		setlinebuf(req.jid_file);
	}
	setlinebuf(stdout);
	req.op = op;
	req.remove_force = rflag_R;
	req.cleanup = cflag_C;
	req.verbose = verbose;
	req.print_jid = iflag;
	req.note_remove = docf || argc > 1 ||
	    (argc == 1 && args_is_wildcard(argv[0]));
	req.old_style = oldcl;
	req.max_parallel = paralimit;
	req.jails = run;
	req.njails = nrun;
	req.wild = wild;
	req.targets = targets;
	if (nrun > 0 || strv_length(targets) > 0) {
		r = jail_run(&req);
		if (r != 0 || error == 0)
			error = r;
	}
	if (req.jid_file != NULL)
		fclose(req.jid_file);
	free(run);
	free(sel);
	strv_free(targets);
	conf_jail_free(clj);
	conf_free(c);
	return error;
}
