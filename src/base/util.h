/* util.h - allocation that aborts on out-of-memory, and a growable byte buffer. */
#ifndef FORKTOP_UTIL_H
#define FORKTOP_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of nmemb elements of size bytes to hold at least need. */
void *xgrow(void *p, size_t *nmemb, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable byte buffer, always NUL-terminated once anything is added. */
struct sbuf {
	char *p;
	size_t len, cap;
};

void sbuf_init(struct sbuf *b);
void sbuf_free(struct sbuf *b);
void sbuf_reset(struct sbuf *b);
void sbuf_reserve(struct sbuf *b, size_t more);
void sbuf_add(struct sbuf *b, const void *data, size_t n);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_adds(struct sbuf *b, const char *s);
/* n copies of c (none when n <= 0). */
void sbuf_fill(struct sbuf *b, char c, int n);
void sbuf_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_vprintf(struct sbuf *b, const char *fmt, va_list ap);
/* Returns the contents (never NULL). */
const char *sbuf_str(const struct sbuf *b);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The one monotonic clock: seconds since an arbitrary start (CLOCK_MONOTONIC). */
double clock_now(void);

/* A whole number of 1 to 9 decimal digits (no sign, no spaces) within [min, max]. */
bool parse_int(const char *s, long min, long max, int *out);

/* Reads a regular file of at most max bytes into out; st gets its stat. O_NONBLOCK: a FIFO
 * named as a file must not hang the reader (it is refused as not a regular file).
 * Returns 0, 1 when the file does not exist, or -1 with a message in err. */
struct stat;
int file_read_small(const char *path, size_t max, struct sbuf *out, struct stat *st,
		    char *err, size_t errlen);

#endif
