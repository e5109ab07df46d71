/*
 * init.h - PID 1 of a jail: reaps orphans, forwards signals, keeps a
 * persistent jail alive, ends a non-persistent one when it is empty.
 * CONTRACT owner: core.
 *
 * Control signals come from the host with kill(2) or pidfd_send_signal()
 * without a siginfo: inside the jail they arrive with si_code SI_USER and
 * si_pid 0, a pair no process in the jail can produce (its own kill()s
 * carry its pid, and a forged siginfo must have a negative si_code).
 * init obeys only those.
 */
#ifndef LJAIL_INIT_H
#define LJAIL_INIT_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

/* Control signals the host sends (si_pid is 0 for them inside the jail). */
#define INIT_SIG_PERSIST_ON (SIGRTMIN + 1)
#define INIT_SIG_PERSIST_OFF (SIGRTMIN + 2)
#define INIT_SIG_STOP (SIGRTMIN + 3)	/* SIGTERM all, exit when empty */
#define INIT_SIG_CHECK (SIGRTMIN + 4)	/* an attached process ended */

/*
 * Runs the init loop; never returns.  persist: whether an empty jail
 * stays (changed later by PERSIST_ON/OFF).  ljail calls it in the jail's
 * first process once creation is complete, that is after exec.start,
 * command and exec.poststart (before, that process only waits, so a
 * dying ljail still takes the half-made jail along).  stop_timeout:
 * seconds between the SIGTERM of a stop and init's exit, after which the
 * kernel kills what is left.
 */
void init_main(bool persist, unsigned stop_timeout) __attribute__((noreturn));

/* In a jail's PID 1: true if no other process is left in the jail. */
bool init_is_alone(void);

/* True if siginfo describes a signal sent from outside the jail. */
bool init_is_control(const siginfo_t *si);

/* Reads the start time (field 22 of /proc/PID/stat) of a process. */
int init_start_time(pid_t pid, unsigned long long *ret);

#endif
