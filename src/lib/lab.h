/*
 * lab.h - a lab: the network of one user's rootless jails.
 *
 * A jail made without root has a network namespace of its own that no
 * host interface reaches, so two such jails cannot talk.  A lab is a
 * user namespace and a network namespace owned by the user, kept alive
 * by a small holder process (one per lab name, its pid and start time in
 * the registry's labs/ directory), whose network holds a bridge
 * "lab0".  A jail with ljail.lab = NAME is made from inside that user and
 * network namespace (ljail joins them before the clone), so it is a
 * child of the lab's user namespace and ljail has there the rights root
 * has on a host: its addresses on lab0 ("lab0|192.0.2.10/24") become
 * macvlans in bridge mode over lab0, and every jail of the lab reaches
 * the others at veth speed.  Nothing of the host's network is touched or
 * reachable.
 */
#ifndef LJAIL_LAB_H
#define LJAIL_LAB_H

#include <stdbool.h>

#include "conf.h"
#include "reg.h"

/* The interface of a lab's network that jails put their addresses on. */
#define LAB_IFNAME "lab0"

/*
 * For a jail about to be created: if it names a lab (ljail.lab), starts
 * the lab's holder unless it runs, then joins its user and network
 * namespaces for good (*ret_joined = true).  A jail without a lab after
 * a lab jail in the same process is refused (the process is in the lab
 * now), as are a lab for root and a bad lab name.  -errno with a one-line
 * *ret_msg on failure.
 */
int lab_enter(const struct conf_jail *j, struct reg *reg, bool *ret_joined,
    char **ret_msg);

/*
 * A lab jail's defaults: addresses without an interface go on lab0
 * (FreeBSD's "interface" parameter), unless the jail sets another.
 */
void lab_conf_defaults(struct conf_jail *j);

/* Tells whether a lab name is usable: 1-32 of [A-Za-z0-9_-]. */
bool lab_name_ok(const char *name);

#endif
