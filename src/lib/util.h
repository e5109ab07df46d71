/*
 * util.h - small helpers every module uses: allocation that aborts on
 * out-of-memory, cleanup attributes, string vectors and debug logging.
 */
#ifndef LJAIL_UTIL_H
#define LJAIL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* Allocation: out of memory aborts; there is no recovery path to test. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Cleanup attributes (bubblewrap/systemd style). */
void util_freep(void *p);
void util_closep(int *fd);
void util_strv_freep(char ***strv);
#define _cleanup_(f) __attribute__((cleanup(f)))
#define _cleanup_free_ _cleanup_(util_freep)
#define _cleanup_close_ _cleanup_(util_closep)
#define _cleanup_strv_free_ _cleanup_(util_strv_freep)

/* Hand an owned pointer or fd out of a cleanup scope. */
#define TAKE_PTR(p)                          \
	({                                   \
		__typeof__(p) _tmp_ = (p);   \
		(p) = NULL;                  \
		_tmp_;                       \
	})
#define TAKE_FD(fd)                          \
	({                                   \
		int _tmp_ = (fd);            \
		(fd) = -1;                   \
		_tmp_;                       \
	})

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* NULL-terminated string vectors. */
size_t strv_length(char *const *strv);
void strv_free(char **strv);
char **strv_copy(char *const *strv);
/* Appends a copy of s; *strv may be NULL. */
void strv_push(char ***strv, const char *s);
/* Joins with sep; never NULL. */
char *strv_join(char *const *strv, const char *sep);

bool str_has_prefix(const char *s, const char *prefix);
bool str_is_digits(const char *s);

/* Reads a whole small file (e.g. /proc) into a NUL-terminated buffer. */
int util_read_file(const char *path, char **ret_buf, size_t *ret_len);
/*
 * Opens directory name (relative to at, not through a symlink) if uid
 * owns it and neither its group nor others may write it: an fd, or
 * -errno (-EPERM for one someone else could change).
 */
int util_open_owned_dir(int at, const char *name, uid_t uid);
/* Writes a string to a file (e.g. /proc/PID/uid_map) in one write(2). */
int util_write_file(const char *path, const char *data);

/* Full read/write loops over EINTR and short counts. */
int util_read_full(int fd, void *buf, size_t len);
int util_write_full(int fd, const void *buf, size_t len);

/*
 * Debug log, to stderr, only when LJAIL_DEBUG is set in the environment.
 * Library code never prints above this level: callers log errors once.
 */
void util_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
