/* P3: the host's SysV IPC objects. */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>

#include "../probe.h"

PROBE(P3, "shmget/msgget of the host's segment and queue by key")
{
	const char *k = probe_env("LJ_SHMKEY");
	int v = PROBE_HELD;
	key_t key;

	if (k == NULL)
		return probe_note(PROBE_SKIP, "no LJ_SHMKEY");
	key = (key_t)strtol(k, NULL, 0);
	/* ENOSYS: SysV IPC disabled (sysv* = disable); ENOENT: own IPC ns. */
	EXPECT_FAIL(v, "shmget(host key)", shmget(key, 0, 0),
	    E(ENOSYS, ENOENT), NONE);
	EXPECT_FAIL(v, "msgget(host key)", msgget(key, 0), E(ENOSYS, ENOENT),
	    NONE);
	return v;
}
