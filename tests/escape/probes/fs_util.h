/* fs_util.h - helpers the file system probes share. */
#ifndef LJAIL_PROBE_FS_UTIL_H
#define LJAIL_PROBE_FS_UTIL_H

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "../probe.h"

/* The host marker path without its leading '/', or NULL. */
static inline const char *
marker_rel(void)
{
	const char *m = probe_env("LJ_MARKER");

	if (m == NULL)
		return NULL;
	while (*m == '/')
		m++;
	return m;
}

/* Whether the host marker is reachable below directory fd dfd. */
static inline bool
marker_below(int dfd)
{
	const char *m = marker_rel();
	struct stat st;

	return m != NULL && fstatat(dfd, m, &st, 0) == 0;
}

/* Walks ".." from the cwd 64 times (to the top a process can reach). */
static inline void
walk_up(void)
{
	for (int i = 0; i < 64; i++)
		if (chdir("..") < 0)
			break;
}

/* Whether two stats name the same inode. */
static inline bool
same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}
#endif
