/*
 * args.h - jail(8)'s operands: command-line jails ("param=value ...",
 * "command=" taking the rest, comma lists), the old positional form
 * "path hostname ip[,...] command ...", and jail name patterns.
 */
#ifndef LJAIL_ARGS_H
#define LJAIL_ARGS_H

#include <stdbool.h>

#include "conf.h"

/* A name is a pattern iff some dot-separated component is exactly "*". */
bool args_is_wildcard(const char *name);

/*
 * Matches a jail name against a pattern: a non-final "*" component
 * matches one component, a final "*" one or more ("foo.*" matches
 * foo.bar and foo.bar.baz, not foo); other components are literal.
 */
bool args_wild_match(const char *name, const char *pattern);

/*
 * Adds one "name=value" or bare "name" to a command-line jail, as
 * jail(8) does: repeating a parameter appends (the last value of a
 * scalar wins), "name" and "jid" cannot be given twice.  An error is
 * added to *diags (and -EINVAL returned) for a redefinition.
 */
int args_add_param(struct conf_jail *j, const char *arg,
    struct conf_diag **diags);

/*
 * Reads the operands of a command-line jail: "command=X" or "command"
 * makes X and every later operand a command word; ip4.addr, ip6.addr,
 * vnet.interface and zfs.dataset values (and ljail's vnet.veth) are
 * split on commas.
 */
int args_command_line(struct conf_jail *j, int argc, char *const *argv,
    struct conf_diag **diags);

/*
 * The old form: path hostname ip[,...] command...  Addresses that parse
 * as IPv6 go to ip6.addr, the others to ip4.addr; the old host-wide
 * defaults are those of a FreeBSD host (set_hostname allowed, the rest
 * not).  Needs argc >= 4 and an absolute path (checked by the caller).
 */
int args_old_style(struct conf_jail *j, int argc, char *const *argv,
    struct conf_diag **diags);

#endif
