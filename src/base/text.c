/* text.c - untrusted text made safe to show, and its display width. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1	/* wcwidth() is an XSI extension */
#endif

#include "text.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#define INVALID (-1)

static const char hexdigit_lower[] = "0123456789abcdef";
static const char hexdigit_upper[] = "0123456789ABCDEF";

/* Second-byte range and payload for a UTF-8 lead byte; the narrowed ranges after
 * E0, ED, F0 and F4 reject overlong forms, surrogates and code points > U+10FFFF
 * at the earliest byte, which is what makes invalid subparts maximal. */
static size_t utf8_lead(unsigned c, uint32_t *v, unsigned *lo, unsigned *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf) {
		*v = c & 0x1f;
		return 1;
	}
	if (c >= 0xe0 && c <= 0xef) {
		*v = c & 0x0f;
		if (c == 0xe0)
			*lo = 0xa0;
		else if (c == 0xed)
			*hi = 0x9f;
		return 2;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		*v = c & 0x07;
		if (c == 0xf0)
			*lo = 0x90;
		else if (c == 0xf4)
			*hi = 0x8f;
		return 3;
	}
	return 0;
}

/* Decodes one character of s[0..n), n >= 1, into *cp and returns the bytes used.
 * An invalid sequence gives *cp = INVALID and the length of its maximal subpart:
 * the offending byte is not consumed, so it starts the next character. */
static size_t utf8_next(const unsigned char *s, size_t n, int32_t *cp)
{
	uint32_t v;
	unsigned lo, hi;
	size_t need, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	need = utf8_lead(s[0], &v, &lo, &hi);
	for (i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*cp = INVALID;
			return i;
		}
		v = v << 6 | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	if (!need) {
		*cp = INVALID;
		return 1;
	}
	*cp = (int32_t)v;
	return i;
}

/* Length of the leading run of printable ASCII, the common case, copied in bulk. */
static size_t ascii_run(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= 0x20 && s[i] < 0x7f)
		i++;
	return i;
}

/* Bidirectional controls can reorder what follows them on the line, so they are
 * shown even though wcwidth() calls them printable (zero width). */
static bool is_bidi_control(int32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

static void put_hex_byte(struct sbuf *out, unsigned c)
{
	char b[4] = { '\\', 'x', hexdigit_lower[c >> 4 & 0xf], hexdigit_lower[c & 0xf] };

	sbuf_add(out, b, sizeof b);
}

/* \u{XXXX}: at least four uppercase digits, at most six for U+10FFFF. */
static void put_ucs(struct sbuf *out, uint32_t cp)
{
	char b[16];
	size_t n = 0;
	int shift = cp > 0xfffff ? 20 : cp > 0xffff ? 16 : 12;

	b[n++] = '\\';
	b[n++] = 'u';
	b[n++] = '{';
	for (; shift >= 0; shift -= 4)
		b[n++] = hexdigit_upper[cp >> shift & 0xf];
	b[n++] = '}';
	sbuf_add(out, b, n);
}

/* C0 controls and DEL: the usual backslash names where there is one. */
static void put_c0(struct sbuf *out, unsigned c)
{
	static const char name[0x20] = {
		[0x00] = '0', ['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r', [0x1b] = 'e',
	};
	char b[2] = { '\\', 0 };

	if (c < 0x20 && name[c]) {
		b[1] = name[c];
		sbuf_add(out, b, sizeof b);
	} else {
		put_hex_byte(out, c);
	}
}

/* Escapes a valid code point that is not printable ASCII; returns false if the
 * character is safe and its bytes should be copied as they are. */
static bool escape_cp(struct sbuf *out, int32_t cp, unsigned flags, bool check_wc)
{
	if (cp < 0x20 || cp == 0x7f) {
		put_c0(out, (unsigned)cp);
		return true;
	}
	if (cp >= 0x80 && cp <= 0x9f) {
		put_hex_byte(out, (unsigned)cp);
		return true;
	}
	if ((flags & TEXT_ASCII) || is_bidi_control(cp) ||
	    (check_wc && wcwidth((wchar_t)cp) < 0)) {
		put_ucs(out, (uint32_t)cp);
		return true;
	}
	return false;
}

void text_escape(struct sbuf *out, const char *in, size_t len, unsigned flags)
{
	const unsigned char *s = (const unsigned char *)in;
	/* wcwidth() only knows Unicode in a UTF-8 locale; elsewhere it rejects all. */
	bool check_wc = !(flags & TEXT_ASCII) && text_locale_is_utf8();
	size_t i = 0, n;
	int32_t cp;

	/* One reservation up front; sbuf_reserve alone would leave no NUL behind. */
	if (len)
		sbuf_reserve(out, len);
	while (i < len) {
		n = ascii_run(s + i, len - i);
		if (n) {
			sbuf_add(out, s + i, n);
			i += n;
			continue;
		}
		n = utf8_next(s + i, len - i, &cp);
		if (cp == INVALID) {
			if (flags & TEXT_ASCII)
				sbuf_addc(out, '?');
			else
				sbuf_add(out, "\xef\xbf\xbd", 3);
		} else if (!escape_cp(out, cp, flags, check_wc)) {
			sbuf_add(out, s + i, n);
		}
		i += n;
	}
}

/* Columns of one code point. Anything wcwidth() rejects (only possible outside a
 * UTF-8 locale, or for unescaped input) is counted as one replacement column. */
static int cp_width(int32_t cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp == INVALID)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int text_width(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int32_t cp;
	int w = 0;

	while (i < len) {
		i += utf8_next(p + i, len - i, &cp);
		w += cp_width(cp);
	}
	return w;
}

size_t text_fit(const char *s, size_t len, int cols, int *width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	int32_t cp;
	int used = 0, w;

	while (cols > 0 && i < len) {
		n = utf8_next(p + i, len - i, &cp);
		w = cp_width(cp);
		/* A zero-width mark still fits once the columns are full. */
		if (w > cols - used)
			break;
		used += w;
		i += n;
	}
	if (width)
		*width = used;
	return i;
}

static void put_spaces(struct sbuf *out, int n)
{
	if (n <= 0)
		return;
	sbuf_reserve(out, (size_t)n);
	memset(out->p + out->len, ' ', (size_t)n);
	out->len += (size_t)n;
	out->p[out->len] = '\0';
}

int text_pad(struct sbuf *out, const char *s, size_t len, int cols, const char *ellipsis)
{
	int w, ew = 0;
	size_t n;

	if (cols <= 0)
		return 0;
	if (ellipsis)
		ew = text_width(ellipsis, strlen(ellipsis));
	n = text_fit(s, len, cols, &w);
	if (n < len && ellipsis && ew <= cols) {
		/* Cut: padding goes before the ellipsis so it stays in the last column. */
		n = text_fit(s, len, cols - ew, &w);
		if (n)
			sbuf_add(out, s, n);
		put_spaces(out, cols - ew - w);
		sbuf_adds(out, ellipsis);
		return cols;
	}
	if (n)
		sbuf_add(out, s, n);
	put_spaces(out, cols - w);
	return cols;
}

bool text_locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "utf8"));
}

size_t text_utf8_decode(const char *s, size_t len, unsigned *cp)
{
	int32_t c;
	size_t n = utf8_next((const unsigned char *)s, len, &c);
	*cp = c == INVALID ? 0xfffdu : (unsigned)c;
	return n;
}

char *text_escape_dup(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	text_escape(&b, s, strlen(s), 0);
	char *r = xstrdup(sbuf_str(&b));
	sbuf_free(&b);
	return r;
}

char *text_file_message(const char *file, unsigned line, const char *fmt, va_list ap)
{
	struct sbuf b;
	sbuf_init(&b);
	text_escape(&b, file, strlen(file), 0);
	sbuf_printf(&b, ":%u: ", line);
	sbuf_vprintf(&b, fmt, ap);
	char *r = xstrdup(sbuf_str(&b));
	sbuf_free(&b);
	return r;
}

size_t text_utf8_encode(unsigned long cp, char *b)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	b[0] = (char)(0xf0 | (cp >> 18 & 0x07));
	b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	b[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

void text_diag(struct text_diag *d, const char *fmt, ...)
{
	d->bad++;
	if (!d->report || d->bad > d->max)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = text_file_message(d->file, d->line, fmt, ap);
	va_end(ap);
	d->report(d->ctx, msg);
	free(msg);
}

int text_diag_end(struct text_diag *d)
{
	if (d->report && d->bad > d->max) {
		struct sbuf b;
		sbuf_init(&b);
		text_escape(&b, d->file, strlen(d->file), 0);
		sbuf_printf(&b, ": %d more bad line%s not shown", d->bad - d->max,
			    d->bad - d->max == 1 ? "" : "s");
		d->report(d->ctx, sbuf_str(&b));
		sbuf_free(&b);
	}
	return d->bad;
}
