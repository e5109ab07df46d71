/*
 * ljls - jls(8) for Linux: list jails.
 * Front end only: option parsing, then the library does the work.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ls.h"
#include "reg.h"
#include "util.h"

/* Prints jls(8)'s usage message and exits 1. */
static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: ljls [-dhNnqv] [-j jail] [param ...]\n");
	exit(1);
}

/* --libxo pretty (or the brief P): indented json or xml. */
static bool libxo_pretty;

/* Applies one --libxo option list (json, xml, text, pretty; others ignored). */
static void
libxo_options(const char *opts, enum ls_style *style)
{
	_cleanup_free_ char *copy = xstrdup(opts);
	char *save = NULL;

	if (opts[0] == ':') {
		/* Brief form: --libxo:J */
		for (const char *s = opts + 1; *s != '\0'; s++)
			if (*s == 'J')
				*style = LS_JSON;
			else if (*s == 'X')
				*style = LS_XML;
			else if (*s == 'T')
				*style = LS_TEXT;
			else if (*s == 'P')
				libxo_pretty = true;
		return;
	}
	for (char *t = strtok_r(copy, ",", &save); t != NULL;
	    t = strtok_r(NULL, ",", &save))
		if (strcmp(t, "json") == 0)
			*style = LS_JSON;
		else if (strcmp(t, "xml") == 0)
			*style = LS_XML;
		else if (strcmp(t, "text") == 0)
			*style = LS_TEXT;
		else if (strcmp(t, "pretty") == 0)
			libxo_pretty = true;
		else if (strcmp(t, "html") == 0)
			errx(1, "--libxo html is not supported");
}

/* Removes libxo's arguments from argv, as xo_parse_args does. */
static int
libxo_args(int argc, char **argv, enum ls_style *style)
{
	int i, o = 1;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--libxo") == 0) {
			if (i + 1 >= argc)
				usage();
			libxo_options(argv[++i], style);
		} else if (str_has_prefix(argv[i], "--libxo=")) {
			libxo_options(argv[i] + 8, style);
		} else if (str_has_prefix(argv[i], "--libxo:")) {
			libxo_options(argv[i] + 7, style);
		} else
			argv[o++] = argv[i];
	}
	for (; i < argc; i++)
		argv[o++] = argv[i];
	argv[o] = NULL;
	return o;
}

/* Frees what main read: all, the found jail, the nested ones in ext. */
static void
ljls_free(struct reg_jail *found, struct reg_jail **ext, size_t next,
    struct reg_jail **all, size_t nall)
{
	reg_jail_free(found);
	reg_nested_free(ext, next);
	reg_jail_list_free(all, nall);
}

int
main(int argc, char *argv[])
{
	enum ls_style style = LS_TEXT;
	struct reg_jail **all = NULL, **sel = NULL, *one = NULL;
	struct reg_jail **ext = NULL, *found = NULL;
	size_t next = 0;
	size_t nall = 0, nsel = 0;
	struct ls_query *q = NULL;
	const char *jname = NULL, *bad = NULL;
	bool dying = false, check = false;
	unsigned flags = 0;
	struct reg *r;
	int ch, rc;

	argc = libxo_args(argc, argv, &style);
	while ((ch = getopt(argc, argv, "acdj:hNnqsv")) != -1)
		switch (ch) {
		case 'a':
		case 'd':
			dying = true;
			break;
		case 'c':
			check = true;
			break;
		case 'j':
			jname = optarg;
			break;
		case 'h':
			flags = (flags & ~(unsigned)(LS_SKIP | LS_VERBOSE)) |
			    LS_HEADER;
			break;
		case 'N':
			flags |= LS_JAIL_NAME;
			break;
		case 'n':
			flags = (flags & ~(unsigned)LS_VERBOSE) | LS_NAMEVAL;
			break;
		case 'q':
			flags |= LS_QUOTED;
			break;
		case 's':
			flags = (flags & ~(unsigned)(LS_HEADER | LS_VERBOSE)) |
			    LS_NAMEVAL | LS_QUOTED | LS_SKIP;
			break;
		case 'v':
			flags = (flags & ~(unsigned)(LS_HEADER | LS_NAMEVAL |
			    LS_SKIP)) | LS_VERBOSE;
			break;
		default:
			usage();
		}
	argv += optind;
	argc -= optind;
	/* -c: existence of the -j jail only, no output at all. */
	if (check && (jname == NULL || argc > 0 || flags != 0))
		usage();
	if (!check) {
		rc = ls_prepare(flags | (libxo_pretty ? LS_PRETTY : 0), style,
		    argv, &q, &bad);
		if (rc == -EINVAL)
			errx(1, "unknown parameter: %s", bad);
	}
	rc = reg_open(&r);
	if (rc < 0) {
		/*
		 * No place for a registry (e.g. no /run inside a jail): no
		 * jail was ever made from here, so there are none to show.
		 * An untrusted one is an error.
		 */
		if (rc != -ENOENT) {
			errno = -rc;
			err(1, "registry");
		}
		if (check)
			return 1;
		if (jname != NULL && str_is_digits(jname) &&
		    strspn(jname, "0") != strlen(jname))
			errx(1, "jail %lu not found", strtoul(jname, NULL, 10));
		if (jname != NULL)
			errx(1, "jail \"%s\" not found", jname);
		rc = ls_print(stdout, q, NULL, 0, NULL, 0);
		ls_query_free(q);
		if (fflush(stdout) != 0 || rc < 0)
			err(1, "stdout");
		return 0;
	}
	rc = reg_list(r, &all, &nall);
	if (rc < 0) {
		errno = -rc;
		err(1, "%s", reg_path(r));
	}
	/*
	 * Root sees every user's jails too, after its own; not when asked
	 * about one registry by name (LJAIL_RUNDIR: the tests' own).
	 */
	if (jname == NULL) {
		struct reg_jail **users = NULL;
		size_t nusers = 0;

		if (reg_list_users(&users, &nusers) == 0 && nusers > 0) {
			all = xreallocarray(all, nall + nusers, sizeof(*all));
			memcpy(all + nall, users, nusers * sizeof(*users));
			nall += nusers;
		}
		free(users);
	}
	/* Each jail, then the jails made inside it (read-only). */
	reg_with_nested(all, nall, &ext, &next);
	if (jname != NULL) {
		rc = reg_find(r, jname, &found);
		if (rc == 0) {
			one = found;
		} else if (rc == -ESRCH && !str_is_digits(jname)) {
			for (size_t i = 0; i < next && one == NULL; i++)
				if (ext[i]->nested &&
				    strcmp(ext[i]->name, jname) == 0) {
					one = ext[i];
					rc = 0;
				}
		}
		/* Root: a user's jail of that name or jid, if just one. */
		if (rc == -ESRCH) {
			rc = reg_find_user(jname, &found);
			if (rc == 0)
				one = found;
		}
		if (rc == -ENOTUNIQ)
			errx(1, "jail \"%s\": jails of several users are so "
			    "called", jname);
		if (rc == 0 && one->dying && !dying) {
			one = NULL;
			rc = -ESRCH;
		}
		if (check) {
			ljls_free(found, ext, next, all, nall);
			reg_close(r);
			return rc == 0 ? 0 : 1;
		}
		if (rc < 0) {
			if (rc != -ESRCH) {
				errno = -rc;
				err(1, "%s", reg_path(r));
			}
			/* A jid if all digits and not 0, else a name. */
			if (str_is_digits(jname) &&
			    strspn(jname, "0") != strlen(jname))
				errx(1, "jail %lu not found",
				    strtoul(jname, NULL, 10));
			errx(1, "jail \"%s\" not found", jname);
		}
		sel = xcalloc(2, sizeof(*sel));
		sel[nsel++] = one;
	} else {
		sel = xcalloc(next + 1, sizeof(*sel));
		for (size_t i = 0; i < next; i++)
			if (dying || !ext[i]->dying)
				sel[nsel++] = ext[i];
	}
	rc = ls_print(stdout, q, sel, nsel, all, nall);
	if (fflush(stdout) != 0 || rc < 0)
		err(1, "stdout");
	free(sel);
	ljls_free(found, ext, next, all, nall);
	ls_query_free(q);
	reg_close(r);
	return 0;
}
