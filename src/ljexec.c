/*
 * ljexec - jexec(8) for Linux: run a command in a running jail.
 * Front end only: option parsing, then the library does the work.
 *
 * Order matters for safety (jexec(8) and linux-peers §3.7): a -u user
 * is looked up in the host's database before entering, while ljexec
 * still sees only host files; a -U user is looked up after entering, in
 * the jail's passwd read as data (never NSS, which would load the jail's
 * libraries into a process that was privileged on the host).  The jail
 * itself is found only through the caller's trusted registry and a
 * pidfd whose start time matched (jail_open).
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caps.h"
#include "jail.h"
#include "ns.h"
#include "reg.h"
#include "user.h"
#include "util.h"

extern char **environ;

/* Prints jexec(8)'s usage message and exits 1. */
static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: ljexec [-l] [-d working-directory] "
	    "[-u username | -U username] jail [command ...]\n");
	exit(1);
}

/* Reports a failed user lookup as jexec does, and exits 1. */
static void __attribute__((noreturn))
user_fail(const char *name, uid_t uid, int r)
{
	if (r == -ESRCH && name != NULL)
		errx(1, "%s: no such user", name);
	if (r == -ESRCH)
		errx(1, "unknown uid: %u", (unsigned)uid);
	errno = -r;
	if (name != NULL)
		err(1, "getpwnam: %s", name);
	err(1, "getpwuid: %u", (unsigned)uid);
}

/* Tells whether a jail operand is a jid (all digits). */
static bool
is_jid(const char *s)
{
	return str_is_digits(s);
}

/* Tells whether the jail is being removed (jexec refuses to enter it). */
static bool
is_dying(const char *key)
{
	struct reg_jail *j = NULL;
	struct reg *r = NULL;
	bool dying = false;

	if (reg_open(&r) == 0 && reg_find(r, key, &j) == 0)
		dying = j->dying;
	reg_jail_free(j);
	reg_close(r);
	return dying;
}

/*
 * In the jail, as the user the shell runs as: that user's shell from the
 * jail's passwd if the jail has it, else /bin/sh.  Never the caller's
 * $SHELL, a host path (/bin/bash) many jails do not have.
 */
static const char *
jail_shell(void)
{
	static char shell[PATH_MAX];
	struct user_info *u = NULL;

	shell[0] = '\0';
	if (user_lookup_jail_uid(geteuid(), &u) == 0 && u->shell[0] == '/' &&
	    strlen(u->shell) < sizeof(shell) && access(u->shell, X_OK) == 0)
		snprintf(shell, sizeof(shell), "%s", u->shell);
	user_info_free(u);
	return shell[0] != '\0' ? shell : "/bin/sh";
}

int
main(int argc, char *argv[])
{
	const char *dir = NULL, *uname = NULL, *shell;
	struct user_info *u = NULL;
	struct jail_handle *h = NULL;
	bool login = false, jail_user = false;
	int ch, r;

	while ((ch = getopt(argc, argv, "+d:lnu:U:")) != -1)
		switch (ch) {
		case 'd':
			dir = optarg;
			break;
		case 'l':
			login = true;
			break;
		case 'n':
			/* Legacy, accepted and ignored as in jexec. */
			break;
		case 'u':
			if (jail_user && uname != NULL)
				usage();
			uname = optarg;
			jail_user = false;
			break;
		case 'U':
			if (!jail_user && uname != NULL)
				usage();
			uname = optarg;
			jail_user = true;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();

	/* -u, or -l alone: the host's user database, before entering. */
	if (uname != NULL && !jail_user) {
		r = user_lookup_host(uname, &u);
		if (r < 0)
			user_fail(uname, 0, r);
	} else if (login && uname == NULL) {
		r = user_lookup_host_uid(getuid(), &u);
		if (r < 0)
			user_fail(NULL, getuid(), r);
	}

	/* jid 0 is the host itself, as in jexec. */
	if (!(is_jid(argv[0]) && strspn(argv[0], "0") == strlen(argv[0]))) {
		if (is_dying(argv[0]))
			errx(1, is_jid(argv[0]) ? "jail %s is dying" :
			    "jail \"%s\" is dying", argv[0]);
		r = jail_open(argv[0], &h);
		if (r == -ESRCH) {
			if (is_jid(argv[0]))
				errx(1, "jail %lu not found",
				    strtoul(argv[0], NULL, 10));
			errx(1, "jail \"%s\" not found", argv[0]);
		}
		if (r < 0) {
			errno = -r;
			err(1, "jail \"%s\"", argv[0]);
		}
		r = jail_enter(h);
		if (r < 0) {
			/*
			 * _exit: after setns() our children would be in the
			 * jail's PID namespace, where an exit handler's
			 * helper (LeakSanitizer's tracer) cannot find us.
			 */
			errno = -r;
			warn("jail_attach(%d)", h->jid);
			_exit(1);
		}
		/* Now inside, as the jail's root. */
	}
	if (chdir(dir != NULL ? dir : "/") < 0)
		err(1, "chdir: %s", dir != NULL ? dir : "/");

	/* -U: the jail's passwd, read as data now that we are inside. */
	if (uname != NULL && jail_user) {
		r = user_lookup_jail(uname, &u);
		if (r < 0)
			user_fail(uname, 0, r);
	}

	if (u != NULL) {
		if (login)
			environ = user_clean_env(u);
		if (uname != NULL) {
			const char *step = NULL;

			r = user_become_step(u, &step);
			/* A jail mapping only root has no other user. */
			if (r < 0 && h != NULL &&
			    ns_jail_only_root() != NULL)
				errx(1, "%s: %s: %s", step, u->name,
				    ns_jail_only_root());
			if (r < 0) {
				errno = -r;
				err(1, "%s: %s", step, u->name);
			}
		} else if (setgid(u->gid) < 0)
			err(1, "setgid");
		if (!login) {
			setenv("USER", u->name, 1);
			setenv("HOME", u->home, 1);
			setenv("SHELL", u->shell[0] != '\0' ? u->shell :
			    "/bin/sh", 1);
		}
		if (login && dir == NULL && chdir(u->home) < 0)
			err(1, "chdir: %s", u->home);
	}

	/* After the user switch, before exec: the setup's capabilities go. */
	if (h != NULL && h->conf != NULL) {
		r = caps_finish(h->conf);
		if (r < 0 && r != -ENOSYS) {
			errno = -r;
			err(1, "caps_finish");
		}
	}

	if (argc > 1) {
		execvp(argv[1], argv + 1);
		err(1, "execvp: %s", argv[1]);
	}
	shell = h != NULL ? jail_shell() : getenv("SHELL");
	if (shell == NULL || shell[0] == '\0')
		shell = "/bin/sh";
	if (h != NULL)
		setenv("SHELL", shell, 1);
	execlp(shell, shell, "-i", (char *)NULL);
	err(1, "execlp: %s", shell);
}
