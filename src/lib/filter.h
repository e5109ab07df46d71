/*
 * filter.h - the jail's seccomp filter (libseccomp), built from allow.*.
 * CONTRACT owner: sec.
 */
#ifndef LJAIL_FILTER_H
#define LJAIL_FILTER_H

#include "conf.h"

/*
 * Installs the filter in the calling thread without no_new_privs (so
 * setuid programs inside keep working); requires CAP_SYS_ADMIN in the
 * caller's user namespace, i.e. call it while still jail root.
 */
int filter_apply(const struct conf_jail *j);

#endif
