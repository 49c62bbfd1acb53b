/* text.h - untrusted text (process names, command lines, task output) made safe to show.
 *
 * Pure: no curses, no /proc. Output of text_escape is always valid UTF-8 (or pure ASCII
 * with TEXT_ASCII) that contains no byte below 0x20, no DEL and no C1 control, so it can
 * never move the cursor, change colours, set a title or otherwise reach the terminal as
 * a command. The display width functions depend on the LC_CTYPE locale (wcwidth). */
#ifndef FORKTOP_TEXT_H
#define FORKTOP_TEXT_H

#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>

#include "util.h"

enum text_flags {
	TEXT_ASCII = 1 << 0,	/* non-ASCII characters become \u{XXXX}: for non-UTF-8 terminals */
};

/* Appends a displayable form of in[0..len) to out:
 *   ESC -> \e, LF -> \n, CR -> \r, TAB -> \t, backslash stays a single '\',
 *   other C0 bytes and DEL -> \xNN, C1 code points (U+0080..U+009F) -> \xNN
 *   (e.g. U+009B CSI -> \x9b), bidirectional overrides and other non-printable code
 *   points (wcwidth < 0) -> \u{XXXX}, each maximal invalid UTF-8 sequence (bad lead byte,
 *   truncated sequence, overlong form, surrogate, > U+10FFFF) -> U+FFFD.
 *   NUL bytes -> \0. */
void text_escape(struct sbuf *out, const char *in, size_t len, unsigned flags);

/* Display width in terminal columns of valid, escaped UTF-8 (output of text_escape). */
int text_width(const char *s, size_t len);

/* How many bytes of s (valid, escaped UTF-8) fit in cols columns without cutting a
 * character or splitting a double-width character; *width gets the columns used. */
size_t text_fit(const char *s, size_t len, int cols, int *width);

/* Appends s fitted to exactly cols columns: cut (never mid-character) and padded with
 * spaces. When cut and ellipsis is non-NULL, the last column(s) show ellipsis
 * (e.g. "…" or "~", itself one column). Returns the columns written (== cols). */
int text_pad(struct sbuf *out, const char *s, size_t len, int cols, const char *ellipsis);

/* Decodes one character at s[0..len) (len > 0). Returns the bytes it takes (>= 1) and
 * sets *cp to the code point, or to 0xFFFD for a maximal invalid subpart. Shared with
 * the JSON writer so both read untrusted bytes the same way. */
size_t text_utf8_decode(const char *s, size_t len, unsigned *cp);

/* true if the current LC_CTYPE locale is UTF-8. */
bool text_locale_is_utf8(void);

/* text_escape of s (flags 0) in a new string; free it. */
char *text_escape_dup(const char *s);

/* "FILE:LINE: message" with FILE escaped, for reports about a user's file; free it. */
char *text_file_message(const char *file, unsigned line, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* The problems found in one user's file as it is parsed: each counted, the first max
 * reported as "FILE:LINE: ..." (FILE escaped), the rest summed up by text_diag_end. */
struct text_diag {
	const char *file;
	unsigned line;		/* the line being parsed */
	void (*report)(void *ctx, const char *msg);	/* NULL: only counted */
	void *ctx;
	int max;
	int bad;		/* problems found so far */
};
void text_diag(struct text_diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "FILE: N more bad lines not shown" when some were not; returns how many were found. */
int text_diag_end(struct text_diag *d);

/* Writes code point cp as UTF-8 into b (room for 4 bytes); returns the bytes written
 * (the one encoder: JSON escapes, Python string literals, typed characters). */
size_t text_utf8_encode(unsigned long cp, char *b);

#endif
