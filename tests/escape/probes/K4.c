/* K4: kernel information leaks. */
#include <fcntl.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "../probe.h"

/* A file that must be masked, absent or unreadable. */
static int
leak(const char *path)
{
	char buf[4096];
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return probe_expect_fail(path, -1, errno,
		    E(ENOENT, EACCES, EPERM), NONE);
	if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
	    major(st.st_rdev) == 1 && minor(st.st_rdev) == 3) {
		close(fd);
		return probe_note(PROBE_HELD, "%s: masked", path);
	}
	/* kmsg reads would consume the host's log: only its opening counts. */
	if (strcmp(path, "/proc/kmsg") == 0) {
		close(fd);
		return probe_note(PROBE_ESCAPED, "%s opens", path);
	}
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n > 0)
		return probe_note(PROBE_ESCAPED, "%s: %zd bytes", path, n);
	if (n == 0)
		return probe_note(PROBE_HELD, "%s: empty", path);
	return probe_expect_fail(path, -1, errno, E(EACCES, EPERM, EIO),
	    NONE);
}

/* kallsyms: masked, or addresses all zero. */
static int
kallsyms(void)
{
	FILE *f = fopen("/proc/kallsyms", "re");
	unsigned long long addr = 0, any = 0;
	char line[256];
	int lines = 0;

	if (f == NULL)
		return probe_expect_fail("/proc/kallsyms", -1, errno,
		    E(ENOENT, EACCES, EPERM), NONE);
	while (lines < 1000 && fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%llx", &addr) == 1)
			any |= addr;
		lines++;
	}
	fclose(f);
	return probe_note(any == 0 ? PROBE_HELD : PROBE_ESCAPED,
	    "/proc/kallsyms: %d lines, addresses %s", lines,
	    any == 0 ? "zero" : "REAL");
}

PROBE(K4, "read kcore, keys, timer_list, sched_debug, kmsg, kallsyms, dmesg")
{
	static const char *const files[] = {
		"/proc/kcore", "/proc/keys", "/proc/timer_list",
		"/proc/sched_debug", "/proc/kmsg", "/proc/key-users",
	};
	char buf[256];
	int v = PROBE_HELD;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		v = probe_worst(v, leak(files[i]));
	v = probe_worst(v, kallsyms());
	/* SYSLOG_ACTION_READ_ALL does not consume the buffer. */
	EXPECT_FAIL(v, "syslog(READ_ALL)", klogctl(3, buf, sizeof(buf)),
	    E(EPERM), NONE);
	return v;
}
