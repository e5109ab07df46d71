/*
 * host.c - the host-side fixture the escape harness starts before the
 * probes (not a probe: it runs outside the jail): a SysV shm segment and
 * message queue with a known key, an abstract unix socket, a TCP listener
 * on 127.0.0.1 and a key in the caller's user keyring.  It prints
 * "LJ_SHMKEY=... LJ_ABSTRACT=... LJ_PORT=... LJ_KEY=..." once ready and
 * removes everything when stdin reaches EOF or on SIGTERM.
 */
#include <arpa/inet.h>
#include <stddef.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>

#include "probe.h"

#define KEY_SPEC_USER_KEYRING -4
#define KEYCTL_SET_TIMEOUT 15
#define KEYCTL_INVALIDATE 21

static int shm_id = -1, msg_id = -1;
static long key_id = -1;

/* Removes the fixture's objects. */
static void
host_cleanup(void)
{
	if (shm_id >= 0)
		shmctl(shm_id, IPC_RMID, NULL);
	if (msg_id >= 0)
		msgctl(msg_id, IPC_RMID, NULL);
	if (key_id >= 0)
		syscall(SYS_keyctl, KEYCTL_INVALIDATE, key_id);
}

/* SIGTERM: clean up and go. */
static void
host_term(int sig)
{
	(void)sig;
	host_cleanup();
	_exit(0);
}

PROBE(host_fixture, "(harness) host-side fixture: IPC, sockets, key")
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	socklen_t len = sizeof(sin);
	char name[64], desc[64], c;
	key_t key = (key_t)(0x4c4a0000 | (getpid() & 0xffff));
	int ufd, tfd;

	signal(SIGTERM, host_term);
	snprintf(name, sizeof(name), "sec-probe-%d", (int)getpid());
	snprintf(desc, sizeof(desc), "sec-probe-key-%d", (int)getpid());
	shm_id = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0666);
	msg_id = msgget(key, IPC_CREAT | IPC_EXCL | 0666);
	ufd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memcpy(sun.sun_path + 1, name, strlen(name));
	tfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (shm_id < 0 || msg_id < 0 || ufd < 0 || tfd < 0 ||
	    bind(ufd, (struct sockaddr *)&sun, (socklen_t)(offsetof(
	    struct sockaddr_un, sun_path) + 1 + strlen(name))) < 0 ||
	    listen(ufd, 8) < 0 ||
	    bind(tfd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(tfd, 8) < 0 ||
	    getsockname(tfd, (struct sockaddr *)&sin, &len) < 0) {
		fprintf(stderr, "host_fixture: %s\n", strerror(errno));
		host_cleanup();
		return PROBE_BROKEN;
	}
	key_id = syscall(SYS_add_key, "user", desc, "secret", 6,
	    KEY_SPEC_USER_KEYRING);
	if (key_id >= 0)
		syscall(SYS_keyctl, KEYCTL_SET_TIMEOUT, key_id, 600);
	printf("LJ_SHMKEY=%#x LJ_ABSTRACT=%s LJ_PORT=%d LJ_KEY=%s\n",
	    (unsigned)key, name, ntohs(sin.sin_port),
	    key_id >= 0 ? desc : "");
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	host_cleanup();
	return PROBE_HELD;
}
