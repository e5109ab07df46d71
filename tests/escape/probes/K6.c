/* K6: keyrings are not namespaced. */
#include <sys/syscall.h>

#include "../probe.h"

#define KEY_SPEC_PROCESS_KEYRING -2
#define KEY_SPEC_USER_KEYRING -4
#define KEYCTL_SEARCH 10
#define KEYCTL_JOIN_SESSION_KEYRING 1

PROBE(K6, "add_key, keyctl join, search the harness's user key")
{
	const char *desc = probe_env("LJ_KEY");
	int v = PROBE_HELD;

	EXPECT_FAIL(v, "add_key(process keyring)", syscall(SYS_add_key, "user",
	    "ljail-probe", "x", 1, KEY_SPEC_PROCESS_KEYRING), E(EPERM), NONE);
	EXPECT_FAIL(v, "keyctl(JOIN_SESSION)", syscall(SYS_keyctl,
	    KEYCTL_JOIN_SESSION_KEYRING, NULL), E(EPERM), NONE);
	EXPECT_FAIL(v, "keyctl(SEARCH harness key)", syscall(SYS_keyctl,
	    KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, "user",
	    desc != NULL ? desc : "ljail-none", 0), E(EPERM),
	    E(ENOKEY, EACCES));
	return v;
}
