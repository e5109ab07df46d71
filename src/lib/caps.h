/*
 * caps.h - the capability sets of a jail's processes (prctl, capset).
 * CONTRACT owner: sec.
 *
 * Order inside a jail's process: caps_apply(j), filter_apply(j), the
 * user switch, caps_finish(j), exec.  caps_apply() already fixes the
 * bounding set to the jail's final set (so anything exec'd gets no
 * more), but keeps in the permitted and effective sets the few
 * capabilities the next steps need; caps_finish() removes those.
 */
#ifndef LJAIL_CAPS_H
#define LJAIL_CAPS_H

#include <stdint.h>

#include "conf.h"

/*
 * Trims bounding, permitted, effective, inheritable and ambient sets to
 * what a FreeBSD jail root may do under the jail's allow.* settings.
 * Keeps CAP_SETUID/SETGID/SYS_ADMIN(jail userns) needed for the user
 * switch and filter_apply() that follow.
 */
int caps_apply(const struct conf_jail *j);

/*
 * Drops what caps_apply() kept only for the setup steps (SYS_ADMIN for
 * filter_apply, SETUID/SETGID for the user switch) unless the jail's
 * own set includes them; call it right before exec (or, in init, once
 * the setup is done).  Works as root or after a switch to another user.
 */
int caps_finish(const struct conf_jail *j);

/*
 * The jail's final capability set as a bit mask (bit N = capability N),
 * the value of CapBnd a jailed process shows; tests and ljls use it.
 */
uint64_t caps_jail_mask(const struct conf_jail *j);

#endif
