/* caps_util.h - reading capability lines of /proc/PID/status. */
#ifndef LJAIL_PROBE_CAPS_UTIL_H
#define LJAIL_PROBE_CAPS_UTIL_H

#include <linux/capability.h>
#include <stdint.h>

#include "../probe.h"

/* Capabilities a default jail must not hold (linux-peers.md §3.3 C2). */
#define FORBIDDEN_CAPS                                                       \
	((1ULL << CAP_SYS_MODULE) | (1ULL << CAP_SYS_RAWIO) |                \
	    (1ULL << CAP_SYS_TIME) | (1ULL << CAP_MKNOD) |                   \
	    (1ULL << CAP_NET_ADMIN) | (1ULL << CAP_NET_RAW) |                \
	    (1ULL << CAP_DAC_READ_SEARCH) | (1ULL << CAP_SYSLOG) |           \
	    (1ULL << CAP_SYS_BOOT) | (1ULL << CAP_BPF) |                     \
	    (1ULL << CAP_PERFMON) | (1ULL << CAP_MAC_ADMIN))

/* A "Key:\t<hex or decimal>" line of a status file; -1 if absent. */
static inline long long
status_field(const char *file, const char *key, int base)
{
	char line[256];
	size_t kl = strlen(key);
	long long v = -1;
	FILE *f = fopen(file, "re");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, key, kl) == 0 && line[kl] == ':') {
			v = (long long)strtoull(line + kl + 1, NULL, base);
			break;
		}
	fclose(f);
	return v;
}
#endif
