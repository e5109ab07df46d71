/*
 * util.c - allocation, cleanup helpers, string vectors, small file I/O.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "util.h"

static void
util_oom(void)
{
	static const char msg[] = "ljail: out of memory\n";

	(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
	abort();
}

/* Allocates or aborts. */
void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		util_oom();
	return p;
}

/* Allocates zeroed memory or aborts. */
void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		util_oom();
	return p;
}

/* Reallocates or aborts. */
void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		util_oom();
	return p;
}

/* Reallocates an array with overflow check, or aborts. */
void *
xreallocarray(void *ptr, size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size)
		util_oom();
	return xrealloc(ptr, n * size);
}

/* Duplicates a string or aborts. */
char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		util_oom();
	return p;
}

/* Duplicates at most n bytes of a string or aborts. */
char *
xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (p == NULL)
		util_oom();
	return p;
}

/* Formats into a new string or aborts. */
char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (r < 0)
		util_oom();
	return p;
}

/* Cleanup helper for _cleanup_free_. */
void
util_freep(void *p)
{
	free(*(void **)p);
}

/* Cleanup helper for _cleanup_close_; keeps errno. */
void
util_closep(int *fd)
{
	int saved = errno;

	if (*fd >= 0)
		close(*fd);
	errno = saved;
}

/* Cleanup helper for _cleanup_strv_free_. */
void
util_strv_freep(char ***strv)
{
	strv_free(*strv);
}

/* Counts the entries of a NULL-terminated vector. */
size_t
strv_length(char *const *strv)
{
	size_t n = 0;

	while (strv != NULL && strv[n] != NULL)
		n++;
	return n;
}

/* Frees a vector and its strings. */
void
strv_free(char **strv)
{
	for (size_t i = 0; strv != NULL && strv[i] != NULL; i++)
		free(strv[i]);
	free(strv);
}

/* Deep-copies a vector; NULL stays NULL. */
char **
strv_copy(char *const *strv)
{
	size_t n = strv_length(strv);
	char **copy;

	if (strv == NULL)
		return NULL;
	copy = xcalloc(n + 1, sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		copy[i] = xstrdup(strv[i]);
	return copy;
}

/* Appends a copy of s to a vector. */
void
strv_push(char ***strv, const char *s)
{
	size_t n = strv_length(*strv);

	*strv = xreallocarray(*strv, n + 2, sizeof(**strv));
	(*strv)[n] = xstrdup(s);
	(*strv)[n + 1] = NULL;
}

/* Joins a vector with a separator. */
char *
strv_join(char *const *strv, const char *sep)
{
	size_t len = 1, seplen = strlen(sep), n = strv_length(strv);
	char *out, *p;

	for (size_t i = 0; i < n; i++)
		len += strlen(strv[i]) + seplen;
	out = p = xmalloc(len);
	*p = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(strv[i]);

		if (i > 0) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		memcpy(p, strv[i], l);
		p += l;
	}
	*p = '\0';
	return out;
}

/* Tells whether s starts with prefix. */
bool
str_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Tells whether s is a non-empty string of decimal digits. */
bool
str_is_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Reads until EOF, growing the buffer. */
int
util_read_file(const char *path, char **ret_buf, size_t *ret_len)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *buf = NULL;
	size_t len = 0, cap = 4096;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	if (ret_len != NULL)
		*ret_len = len;
	*ret_buf = TAKE_PTR(buf);
	return 0;
}

/* Writes data with a single write(2), as /proc map files require. */
int
util_write_file(const char *path, const char *data)
{
	_cleanup_close_ int fd = -1;
	size_t len = strlen(data);
	ssize_t n;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, data, len);
	if (n < 0)
		return -errno;
	if ((size_t)n != len)
		return -EIO;
	return 0;
}

/* Reads exactly len bytes; -EPIPE on early EOF. */
int
util_read_full(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len > 0) {
		ssize_t n = read(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EPIPE;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes exactly len bytes. */
int
util_write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Prints a debug line when LJAIL_DEBUG is set. */
void
util_debug(const char *fmt, ...)
{
	va_list ap;

	if (getenv("LJAIL_DEBUG") == NULL)
		return;
	va_start(ap, fmt);
	fputs("ljail[debug]: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* Opens a directory that uid owns and only uid may write (util.h). */
int
util_open_owned_dir(int at, const char *name, uid_t uid)
{
	_cleanup_close_ int fd = openat(at, name, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	struct stat st;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (st.st_uid != uid || (st.st_mode & 022) != 0)
		return -EPERM;
	return TAKE_FD(fd);
}
