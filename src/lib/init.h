/*
 * init.h - PID 1 of a jail: reaps orphans, forwards signals, keeps a
 * persistent jail alive, ends a non-persistent one when it is empty.
 * CONTRACT owner: core.
 */
#ifndef LJAIL_INIT_H
#define LJAIL_INIT_H

#include <stdbool.h>

/* Control signals the host sends (si_pid is 0 for them inside the jail). */
#define INIT_SIG_PERSIST_ON (SIGRTMIN + 1)
#define INIT_SIG_PERSIST_OFF (SIGRTMIN + 2)
#define INIT_SIG_STOP (SIGRTMIN + 3)	/* value = stop.timeout seconds */
#define INIT_SIG_CHECK (SIGRTMIN + 4)	/* an attached process ended */

/* Runs the init loop; never returns. */
void init_main(bool persist) __attribute__((noreturn));

#endif
