/*
 * user.h - resolving and becoming a user: the host's passwd (NSS) for
 * system commands and -u, the jail's /etc/passwd read as data (never NSS)
 * for -U and in-jail commands.  CONTRACT owner: hook.
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
	gid_t *groups;
	size_t ngroups;
};

/* Looks a user up in the jail's /etc/passwd and /etc/group (cwd = jail /). */
int user_lookup_jail(const char *name, struct user_info **ret);
/* Looks a user up in the host's user database. */
int user_lookup_host(const char *name, struct user_info **ret);
/* setgroups, setgid, setuid (in that order). */
int user_become(const struct user_info *u);
/* exec.clean / -l environment: TERM kept, PATH, USER, HOME, SHELL. */
char **user_clean_env(const struct user_info *u);
void user_info_free(struct user_info *u);

#endif
