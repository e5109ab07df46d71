/* C4: file capabilities or setuid root to exceed the bounding set. */
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>

#include "caps_util.h"

/* Hidden helper: prints its own effective set. */
PROBE(C4x, "(helper) print CapEff")
{
	printf("CapEff %llx\n", status_field("/proc/self/status", "CapEff",
	    16));
	return PROBE_HELD;
}

/*
 * Runs path C4x and returns the CapEff it reports, -2 if the kernel
 * refused the exec with EPERM (a file whose capabilities cannot all be
 * granted under the bounding set), or -1.
 */
static long long
exec_caps(const char *path)
{
	char buf[128] = "";
	int p[2], st;
	ssize_t n;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		execl(path, "probe", "C4x", (char *)NULL);
		printf("EXECERR %d\n", errno);
		fflush(stdout);
		_exit(127);
	}
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	waitpid(pid, &st, 0);
	if (n > 0 && strncmp(buf, "EXECERR ", 8) == 0)
		return atoi(buf + 8) == EPERM ? -2 : -1;
	if (n <= 0 || strncmp(buf, "CapEff ", 7) != 0)
		return -1;
	return (long long)strtoull(buf + 7, NULL, 16);
}

/* Copies our own binary to path. */
static int
copy_self(const char *path)
{
	int in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	int out = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	struct stat st;
	int r = -1;

	if (in >= 0 && out >= 0 && fstat(in, &st) == 0 &&
	    sendfile(out, in, NULL, (size_t)st.st_size) == st.st_size)
		r = 0;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return r;
}

PROBE(C4, "exec a binary with file capabilities, and a setuid-root one")
{
	/*
	 * VFS_CAP_REVISION_2 with the effective bit: the forbidden
	 * capabilities.  Outside the bounding set the kernel must refuse the
	 * exec (EPERM: not all of them can be granted); inside, the program
	 * would run with them.
	 */
	struct {
		uint32_t magic_etc;
		struct { uint32_t permitted, inheritable; } data[2];
	} fcap = { 0x02000000 | 1, {
		{ (uint32_t)(FORBIDDEN_CAPS & 0xffffffff), 0 },
		{ (uint32_t)(FORBIDDEN_CAPS >> 32), 0 } } };
	const char *suid = probe_env("LJ_SUID_PROBE");
	int v = PROBE_HELD;
	long long eff;

	if (probe_is_root()) {
		if (copy_self("/tmp/c4-fcaps") < 0)
			return probe_note(PROBE_BROKEN, "copy: %s",
			    strerror(errno));
		if (setxattr("/tmp/c4-fcaps", "security.capability", &fcap,
		    sizeof(fcap), 0) < 0) {
			v = probe_worst(v, probe_expect_fail("setcap", -1,
			    errno, E(EPERM, EOPNOTSUPP, EINVAL), NONE));
		} else {
			eff = exec_caps("/tmp/c4-fcaps");
			if (eff == -2)
				v = probe_worst(v, probe_note(PROBE_HELD,
				    "file-caps exec refused: EPERM"));
			else
			v = probe_worst(v, probe_note(eff < 0 ? PROBE_BROKEN :
			    (eff & FORBIDDEN_CAPS) ? PROBE_ESCAPED : PROBE_HELD,
			    "file-caps binary runs with CapEff %#llx", eff));
		}
		unlink("/tmp/c4-fcaps");
	}
	if (suid != NULL && !probe_is_root()) {
		eff = exec_caps(suid);
		v = probe_worst(v, probe_note(eff < 0 ? PROBE_BROKEN :
		    (eff & FORBIDDEN_CAPS) ? PROBE_ESCAPED : PROBE_HELD,
		    "setuid-root binary runs with CapEff %#llx", eff));
	}
	return v;
}
