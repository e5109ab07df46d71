/*
 * user.h - resolving and becoming a user: the host's passwd (NSS) for
 * system commands and -u, the jail's /etc/passwd read as data (never NSS)
 * for -U and in-jail commands.  CONTRACT owner: hook.
 *
 * Lookups return 0, -ESRCH when there is no such user (callers print
 * "USER: no such user" or "unknown uid N"), or another -errno when the
 * database could not be read ("getpwnam USER: <strerror>").
 */
#ifndef LJAIL_USER_H
#define LJAIL_USER_H

#include <stdbool.h>
#include <sys/types.h>

struct user_info {
	char *name;
	uid_t uid;
	gid_t gid;
	char *home;
	char *shell;
	gid_t *groups;		/* all groups, the primary gid first */
	size_t ngroups;
};

/*
 * Looks a user up in the jail's /etc/passwd and /etc/group (cwd = jail /).
 * The files are untrusted data written by the jail's root: only regular
 * files are read, at most USER_DB_MAX bytes, and malformed lines skipped.
 */
int user_lookup_jail(const char *name, struct user_info **ret);
/* The same by uid (exec.clean without a user: the caller's own entry). */
int user_lookup_jail_uid(uid_t uid, struct user_info **ret);
/* Looks a user up in the host's user database. */
int user_lookup_host(const char *name, struct user_info **ret);
/* The same by uid. */
int user_lookup_host_uid(uid_t uid, struct user_info **ret);

/* Parses passwd and group text (exported for the tests). */
int user_parse_db(const char *passwd, const char *group, const char *name,
    uid_t uid, struct user_info **ret);

/* Largest passwd or group file read from a jail. */
#define USER_DB_MAX (16U * 1024 * 1024)

/* setgroups, setgid, setuid (in that order). */
int user_become(const struct user_info *u);
/*
 * As user_become; on failure *ret_step names the step for jail(8)'s
 * message: "initgroups", "setgid" or "setusercontext".
 */
int user_become_step(const struct user_info *u, const char **ret_step);
/*
 * exec.clean / -l environment: TERM kept, PATH (ENV_SUPATH or ENV_PATH
 * of the current root's /etc/login.defs, else /bin:/usr/bin), USER, HOME,
 * SHELL.
 */
char **user_clean_env(const struct user_info *u);
void user_info_free(struct user_info *u);

#endif
