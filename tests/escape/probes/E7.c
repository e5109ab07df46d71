/*
 * E7: a jail process attaches to ljexec while it enters (§3.7): between
 * its setns() and its exec the entering process is in the jail's PID
 * namespace with the jail's ids, but still holds what it read on the
 * host; it must be non-dumpable, so that ptrace is refused.
 */
#include <dirent.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>

#include "../probe.h"

/* Whether /proc/PID/comm is "ljexec" (a process not yet exec'd). */
static bool
e7_is_ljexec(pid_t pid)
{
	char path[64], comm[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return false;
	if (fgets(comm, sizeof(comm), f) == NULL)
		comm[0] = '\0';
	fclose(f);
	return strcmp(comm, "ljexec\n") == 0;
}

/* Attaches to pid: 1 attached while it was still ljexec, 0 not, -errno. */
static int
e7_attach(pid_t pid)
{
	int st, r;

	if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) < 0)
		return -errno;
	(void)waitpid(pid, &st, __WALL);
	r = e7_is_ljexec(pid) ? 1 : 0;
	ptrace(PTRACE_DETACH, pid, NULL, NULL);
	return r;
}

PROBE(E7, "PTRACE_ATTACH to an ljexec entering the jail, before its exec")
{
	const char *s = probe_env("LJ_E7_SECONDS");
	time_t end = time(NULL) + (s != NULL ? atoi(s) : 1);
	unsigned refused = 0, seen = 0;
	pid_t self = getpid(), control;
	int r;

	/* The control: ptrace itself works on a dumpable jail process. */
	control = fork();
	if (control < 0)
		return probe_note(PROBE_BROKEN, "fork: %s", strerror(errno));
	if (control == 0) {
		pause();
		_exit(0);
	}
	r = ptrace(PTRACE_ATTACH, control, NULL, NULL) < 0 ? -errno : 0;
	if (r == 0) {
		(void)waitpid(control, NULL, __WALL);
		ptrace(PTRACE_DETACH, control, NULL, NULL);
	}
	kill(control, SIGKILL);
	(void)waitpid(control, NULL, 0);
	if (r < 0)
		return probe_note(PROBE_SKIP, "ptrace of a jail process of "
		    "its own: %s", strerror(-r));
	while (time(NULL) < end && refused < 3) {
		DIR *d = opendir("/proc");
		struct dirent *e;

		if (d == NULL)
			return probe_note(PROBE_BROKEN, "/proc: %s",
			    strerror(errno));
		while ((e = readdir(d)) != NULL) {
			pid_t pid = (pid_t)atoi(e->d_name);

			if (pid <= 1 || pid == self || !e7_is_ljexec(pid))
				continue;
			seen++;
			r = e7_attach(pid);
			if (r == 1) {
				closedir(d);
				return probe_note(PROBE_ESCAPED, "attached to "
				    "pid %d while it was still ljexec", pid);
			}
			if (r == -EPERM)
				refused++;
		}
		closedir(d);
	}
	if (refused == 0)
		return probe_note(PROBE_SKIP, "no entering ljexec caught "
		    "(%u seen)", seen);
	return probe_note(PROBE_HELD, "PTRACE_ATTACH refused (EPERM) %u "
	    "times, %u entering ljexec seen", refused, seen);
}
