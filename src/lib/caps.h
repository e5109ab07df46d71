/*
 * caps.h - the capability sets of a jail's processes (libcap-ng).
 * CONTRACT owner: sec.
 */
#ifndef LJAIL_CAPS_H
#define LJAIL_CAPS_H

#include "conf.h"

/*
 * Trims bounding, permitted, effective, inheritable and ambient sets to
 * what a FreeBSD jail root may do under the jail's allow.* settings.
 * Keeps CAP_SETUID/SETGID/SYS_ADMIN(jail userns) needed for the user
 * switch and filter_apply() that follow.
 */
int caps_apply(const struct conf_jail *j);

#endif
