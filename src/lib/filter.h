/*
 * filter.h - the jail's seccomp filter (libseccomp), built from allow.*.
 * CONTRACT owner: sec.
 *
 * Call order inside a jail's process (init, or one entered by
 * jail_enter): caps_apply(j), then filter_apply(j), then the user
 * switch, then caps_finish(j) right before exec.  filter_apply() needs
 * CAP_SYS_ADMIN in the jail's user namespace because the filter is
 * installed without no_new_privs; caps_apply() keeps it in the
 * permitted and effective sets for that reason.
 */
#ifndef LJAIL_FILTER_H
#define LJAIL_FILTER_H

#include <stdbool.h>

#include "conf.h"

/*
 * Installs the filter in the calling thread without no_new_privs (so
 * setuid programs inside keep working); requires CAP_SYS_ADMIN in the
 * caller's user namespace, i.e. call it while still jail root.
 */
int filter_apply(const struct conf_jail *j);

/*
 * Writes the filter filter_apply() would install, as libseccomp's
 * pseudo-filter text (debugging, tests, ljail -v); loads nothing.
 */
int filter_export_pfc(const struct conf_jail *j, int fd);

/* Writes the same filter as the kernel's BPF program (raw sock_filter). */
int filter_export_bpf(const struct conf_jail *j, int fd);

/*
 * What the filter of j is made of, as text: ljail's binary (device,
 * inode, size, mtime), libseccomp's version and API level, the kernel
 * release and every parameter of j except those the filter never reads
 * (names, paths, addresses, hooks...).  Two jails with the same key get
 * the same filter, so a compiled filter may be reused under its key
 * (jail_enter.c); a parameter wrongly left in only costs a cache miss.
 */
char *filter_cache_key(const struct conf_jail *j);

/*
 * Whether the jail may mount at all: allow.mount with enforce_statfs < 2
 * and at least one allow.mount.<fs>, or children.max > 0 (a nested jail
 * must build its own root).  caps_ uses it too.
 */
bool filter_mount_allowed(const struct conf_jail *j);
/* children.max as a number; unset or unparsable counts as 0. */
long long filter_children_max(const struct conf_jail *j);

#endif
