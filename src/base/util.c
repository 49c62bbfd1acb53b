/* util.c - allocation that aborts on out-of-memory, and a growable byte buffer. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

static void oom(void)
{
	static const char msg[] = "forktop: out of memory\n";
	ssize_t r = write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)r;
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xgrow(void *p, size_t *nmemb, size_t need, size_t size)
{
	if (need <= *nmemb)
		return p;
	size_t n = *nmemb ? *nmemb : 16;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / size)
			oom();
		n *= 2;
	}
	p = xrealloc(p, n * size);
	*nmemb = n;
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void sbuf_init(struct sbuf *b)
{
	b->p = NULL;
	b->len = b->cap = 0;
}

void sbuf_free(struct sbuf *b)
{
	free(b->p);
	sbuf_init(b);
}

void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void sbuf_reserve(struct sbuf *b, size_t more)
{
	b->p = xgrow(b->p, &b->cap, b->len + more + 1, 1);
}

void sbuf_add(struct sbuf *b, const void *data, size_t n)
{
	sbuf_reserve(b, n);
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_add(b, &c, 1);
}

void sbuf_fill(struct sbuf *b, char c, int n)
{
	if (n <= 0)
		return;
	sbuf_reserve(b, (size_t)n);
	memset(b->p + b->len, c, (size_t)n);
	b->len += (size_t)n;
	b->p[b->len] = '\0';
}

void sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

void sbuf_vprintf(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	sbuf_reserve(b, (size_t)n);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sbuf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *sbuf_str(const struct sbuf *b)
{
	return b->p ? b->p : "";
}

double clock_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool parse_int(const char *s, long min, long max, int *out)
{
	size_t n = strlen(s);
	if (n == 0 || n > 9 || strspn(s, "0123456789") != n)
		return false;
	long x = strtol(s, NULL, 10);
	if (x < min || x > max)
		return false;
	*out = (int)x;
	return true;
}

int file_read_small(const char *path, size_t max, struct sbuf *out, struct stat *st,
		    char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0 && errno == ENOENT)
		return 1;
	if (fd < 0 || fstat(fd, st) < 0) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode) || (size_t)st->st_size > max) {
		if (S_ISREG(st->st_mode))
			snprintf(err, errlen, "%s is larger than %zu bytes", path, max);
		else
			snprintf(err, errlen, "%s is not a regular file", path);
		close(fd);
		return -1;
	}
	char buf[8192];
	ssize_t r;
	while ((r = read(fd, buf, sizeof buf)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		else if (out->len + (size_t)r > max)
			snprintf(err, errlen, "%s is larger than %zu bytes", path, max);
		else {
			sbuf_add(out, buf, (size_t)r);
			continue;
		}
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}
