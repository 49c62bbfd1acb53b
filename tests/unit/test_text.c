/* test_text.c - unit tests for text.c: escaping hostile text, display widths, fitting. */
#include <check.h>
#include <stdarg.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "unit.h"

#define FFFD "\xef\xbf\xbd"

/* Strict, independent UTF-8 check: decodes then rejects overlong forms, surrogates
 * and code points above U+10FFFF, so it does not share the bugs of the decoder. */
static bool valid_utf8(const char *str, size_t len)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n, k;
	uint32_t cp;

	while (i < len) {
		if (s[i] < 0x80)
			n = 1;
		else if ((s[i] & 0xe0) == 0xc0)
			n = 2;
		else if ((s[i] & 0xf0) == 0xe0)
			n = 3;
		else if ((s[i] & 0xf8) == 0xf0)
			n = 4;
		else
			return false;
		if (i + n > len)
			return false;
		cp = n == 1 ? s[i] : s[i] & (0x7f >> n);
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n;
	}
	return true;
}

/* The terminal-safety invariant: no C0, no DEL, no C1 (C2 80..C2 9F). */
static bool no_controls(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] < 0x20 || s[i] == 0x7f)
			return false;
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f)
			return false;
	}
	return true;
}

static bool printable_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

static void assert_safe(const struct sbuf *b)
{
	ck_assert(valid_utf8(sbuf_str(b), b->len));
	ck_assert(no_controls(sbuf_str(b), b->len));
	ck_assert_uint_eq(strlen(sbuf_str(b)), b->len);
}

/* Escapes in[0..len) and compares with want; len covers embedded NULs. */
static void check_escape(const char *in, size_t len, unsigned flags, const char *want)
{
	struct sbuf b;

	sbuf_init(&b);
	text_escape(&b, in, len, flags);
	ck_assert_str_eq(sbuf_str(&b), want);
	assert_safe(&b);
	if (flags & TEXT_ASCII)
		ck_assert(printable_ascii(sbuf_str(&b), b.len));
	sbuf_free(&b);
}

/* For string literals, which may contain NUL bytes. */
#define ESC(lit, want) check_escape(lit, sizeof(lit) - 1, 0, want)
#define ESC_ASCII(lit, want) check_escape(lit, sizeof(lit) - 1, TEXT_ASCII, want)

START_TEST(test_plain_ascii_unchanged)
{
	ESC("", "");
	ESC("/usr/bin/python3 -m http.server 8080", "/usr/bin/python3 -m http.server 8080");
	ESC(" !\"#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~", " !\"#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~");
}
END_TEST

START_TEST(test_backslash_not_doubled)
{
	ESC("a\\b", "a\\b");
	ESC("\\e[2J", "\\e[2J");
	ESC("C:\\x41\\", "C:\\x41\\");
}
END_TEST

START_TEST(test_clear_screen_visible)
{
	ESC("\x1b[2J\x1b[H", "\\e[2J\\e[H");
	ESC("ok\x1b[31mred\x1b[0m", "ok\\e[31mred\\e[0m");
}
END_TEST

START_TEST(test_osc_title_visible)
{
	ESC("\x1b]0;pwned\a", "\\e]0;pwned\\x07");
	ESC("\x1b]8;;http://x\x1b\\link", "\\e]8;;http://x\\e\\link");
}
END_TEST

START_TEST(test_named_c0_escapes)
{
	ESC("a\nb\rc\td", "a\\nb\\rc\\td");
	ESC("arg1\0arg2\0", "arg1\\0arg2\\0");
	ESC("\0", "\\0");
}
END_TEST

START_TEST(test_other_c0_and_del_hex)
{
	ESC("\x01\x02\x08\x0b\x0c\x1a\x1f", "\\x01\\x02\\x08\\x0b\\x0c\\x1a\\x1f");
	ESC("x\x7fy", "x\\x7fy");
	ESC("\x1c\x1d\x1e", "\\x1c\\x1d\\x1e");
}
END_TEST

START_TEST(test_c1_code_points)
{
	ESC("\xc2\x9b" "2J", "\\x9b2J");
	ESC("\xc2\x80", "\\x80");
	ESC("\xc2\x9f", "\\x9f");
	ESC("\xc2\x9d" "0;t\xc2\x9c", "\\x9d0;t\\x9c");
	/* U+00A0 is the first printable code point after C1. */
	ESC("\xc2\xa0", "\xc2\xa0");
}
END_TEST

START_TEST(test_raw_high_bytes_replaced)
{
	ESC("\x9b" "2J", FFFD "2J");
	ESC("\xff", FFFD);
	ESC("\xfe\xff", FFFD FFFD);
	ESC("\x80\xbf", FFFD FFFD);
	ESC("\xc0", FFFD);
	ESC("\xc1\xbf", FFFD FFFD);
	ESC("\xf5\x80\x80\x80", FFFD FFFD FFFD FFFD);
}
END_TEST

START_TEST(test_truncated_sequences)
{
	/* One U+FFFD per maximal subpart: a truncated prefix is a single error. */
	ESC("a\xe5\xad", "a" FFFD);
	ESC("\xf0\x9f\x98", FFFD);
	ESC("\xc3", FFFD);
	ESC("\xc3" "A", FFFD "A");
	ESC("\xe5\xad" "X", FFFD "X");
	ESC("\xf0\x9f\x98" "\x1b[2J", FFFD "\\e[2J");
	ESC("\xe5\xad\xe5\xad\x90", FFFD "\xe5\xad\x90");
}
END_TEST

START_TEST(test_overlong_forms)
{
	ESC("\xc0\xaf", FFFD FFFD);
	ESC("\xe0\x80\xaf", FFFD FFFD FFFD);
	ESC("\xf0\x80\x80\xaf", FFFD FFFD FFFD FFFD);
	/* Overlong ESC must not sneak through as a control. */
	ESC("\xc0\x9b", FFFD FFFD);
	ESC("\xe0\x9f\xbf", FFFD FFFD FFFD);
}
END_TEST

START_TEST(test_surrogates_and_out_of_range)
{
	ESC("\xed\xa0\x80", FFFD FFFD FFFD);
	ESC("\xed\xbf\xbf", FFFD FFFD FFFD);
	ESC("\xed\xa0\xbd\xed\xb8\x80", FFFD FFFD FFFD FFFD FFFD FFFD);
	ESC("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);
	ESC("\xf7\xbf\xbf\xbf", FFFD FFFD FFFD FFFD);
	/* The last valid code points on either side of the holes decode. */
	ESC("\xed\x9f\xbf", "\\u{D7FF}");
	ESC("\xf4\x8f\xbf\xbf", "\\u{10FFFF}");
}
END_TEST

START_TEST(test_unicode_maximal_subpart_example)
{
	/* Example from the Unicode Standard, chapter 3 (U+FFFD substitution). */
	ESC("\x61\xf1\x80\x80\xe1\x80\xc2\x62\x80\x63\x80\xbf\x64",
	    "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d");
}
END_TEST

START_TEST(test_printable_multibyte_copied)
{
	ESC("caf\xc3\xa9", "caf\xc3\xa9");
	ESC("\xe5\xad\x90\xe8\xbf\x9b\xe7\xa8\x8b" "1", "\xe5\xad\x90\xe8\xbf\x9b\xe7\xa8\x8b" "1");
	ESC("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
	ESC("e\xcc\x81", "e\xcc\x81");
	ESC(FFFD, FFFD);
	ESC("\xe0\xa0\x80\xf0\x90\x80\x80", "\xe0\xa0\x80\xf0\x90\x80\x80");
}
END_TEST

START_TEST(test_bidi_controls_shown)
{
	ESC("evil\xe2\x80\xaegnp.exe", "evil\\u{202E}gnp.exe");
	ESC("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	    "\\u{202A}\\u{202B}\\u{202C}\\u{202D}");
	ESC("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
	    "\\u{2066}\\u{2067}\\u{2068}\\u{2069}");
	ESC("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\\u{200E}\\u{200F}\\u{061C}");
}
END_TEST

START_TEST(test_non_printable_code_points)
{
	/* wcwidth() < 0: unassigned, noncharacters, line and paragraph separators. */
	ESC("\xcd\xb8", "\\u{0378}");
	ESC("\xef\xbf\xbe", "\\u{FFFE}");
	ESC("\xf0\x9f\xbf\xbe", "\\u{1FFFE}");
	ESC("a\xe2\x80\xa8" "b", "a\\u{2028}b");
}
END_TEST

START_TEST(test_ascii_mode)
{
	ESC_ASCII("caf\xc3\xa9", "caf\\u{00E9}");
	ESC_ASCII("\xe5\xad\x90" "1", "\\u{5B50}1");
	ESC_ASCII("\xf0\x9f\x98\x80", "\\u{1F600}");
	ESC_ASCII("\xf4\x8f\xbf\xbf", "\\u{10FFFF}");
	ESC_ASCII("\x9b\xff\xe5\xad" "x", "???x");
	ESC_ASCII("\xc2\x9b\x1b[1m\x7f", "\\x9b\\e[1m\\x7f");
	ESC_ASCII("\xe2\x80\xae", "\\u{202E}");
	ESC_ASCII("plain \\ text", "plain \\ text");
}
END_TEST

START_TEST(test_escape_appends)
{
	struct sbuf b;

	sbuf_init(&b);
	sbuf_adds(&b, "pid 1: ");
	text_escape(&b, "init\x1b", 5, 0);
	text_escape(&b, "", 0, 0);
	text_escape(&b, " x", 2, 0);
	ck_assert_str_eq(sbuf_str(&b), "pid 1: init\\e x");
	ck_assert_uint_eq(b.len, strlen("pid 1: init\\e x"));
	sbuf_free(&b);
}
END_TEST

/* Every escape byte a hostile process might use, repeated to fill 100 kB. */
START_TEST(test_huge_hostile_command_line)
{
	static const char unit[] = "\x1b[2J\x07\x9b\xc2\x9b\x7f\x00\n\xe2\x80\xae\xff" "a";
	static const char want[] = "\\e[2J\\x07" FFFD "\\x9b\\x7f\\0\\n\\u{202E}" FFFD "a";
	size_t ulen = sizeof unit - 1, wlen = sizeof want - 1;
	size_t reps = 100 * 1024 / ulen + 1, i;
	char *in = xmalloc(reps * ulen);
	struct sbuf b;

	for (i = 0; i < reps; i++)
		memcpy(in + i * ulen, unit, ulen);
	sbuf_init(&b);
	text_escape(&b, in, reps * ulen, 0);
	ck_assert_uint_eq(b.len, reps * wlen);
	for (i = 0; i < reps; i++)
		ck_assert(memcmp(b.p + i * wlen, want, wlen) == 0);
	assert_safe(&b);
	sbuf_free(&b);
	free(in);
}
END_TEST

/* xorshift32: a fixed sequence on every platform, unlike rand(). */
static uint32_t rng_next(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* Random bytes biased towards the interesting ones: controls, lead bytes,
 * continuation bytes and the boundaries of the valid ranges. */
static void random_bytes(uint32_t *rng, char *buf, size_t n)
{
	static const unsigned char hot[] = {
		0x00, 0x07, 0x0a, 0x1b, 0x5c, 0x7f, 0x80, 0x8f, 0x90, 0x9b, 0x9f, 0xa0, 0xbf,
		0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
	};
	size_t i;
	uint32_t r;

	for (i = 0; i < n; i++) {
		r = rng_next(rng);
		if (r % 3 == 0)
			buf[i] = (char)hot[(r >> 8) % sizeof hot];
		else if (r % 3 == 1)
			buf[i] = (char)(0x80 | (r >> 8 & 0x3f));
		else
			buf[i] = (char)(r >> 8);
	}
}

START_TEST(test_random_bytes_invariants)
{
	uint32_t rng = 0x2545f491;
	struct sbuf a, b, c;
	char buf[96];
	size_t n;
	int iter;

	sbuf_init(&a);
	sbuf_init(&b);
	sbuf_init(&c);
	for (iter = 0; iter < 20000; iter++) {
		n = rng_next(&rng) % sizeof buf;
		random_bytes(&rng, buf, n);
		sbuf_reset(&a);
		sbuf_reset(&b);
		sbuf_reset(&c);
		text_escape(&a, buf, n, 0);
		assert_safe(&a);
		/* Escaped text is a fixed point: nothing in it needs escaping again. */
		text_escape(&b, a.p, a.len, 0);
		ck_assert_uint_eq(a.len, b.len);
		ck_assert(memcmp(a.p, b.p, a.len) == 0);
		text_escape(&c, buf, n, TEXT_ASCII);
		assert_safe(&c);
		ck_assert(printable_ascii(c.p, c.len));
	}
	sbuf_free(&a);
	sbuf_free(&b);
	sbuf_free(&c);
}
END_TEST

START_TEST(test_random_pad_exact_width)
{
	uint32_t rng = 12345;
	struct sbuf in, out;
	char buf[64];
	size_t n, fit;
	int iter, cols, w;

	sbuf_init(&in);
	sbuf_init(&out);
	for (iter = 0; iter < 5000; iter++) {
		n = rng_next(&rng) % sizeof buf;
		random_bytes(&rng, buf, n);
		cols = (int)(rng_next(&rng) % 40) - 2;
		sbuf_reset(&in);
		sbuf_reset(&out);
		text_escape(&in, buf, n, 0);
		fit = text_fit(in.p, in.len, cols, &w);
		ck_assert(w <= (cols > 0 ? cols : 0));
		ck_assert_int_eq(text_width(in.p, fit), w);
		ck_assert(valid_utf8(in.p, fit));
		ck_assert_int_eq(text_pad(&out, in.p, in.len, cols, iter & 1 ? "\xe2\x80\xa6" : NULL),
				 cols > 0 ? cols : 0);
		ck_assert_int_eq(text_width(sbuf_str(&out), out.len), cols > 0 ? cols : 0);
		ck_assert(valid_utf8(sbuf_str(&out), out.len));
	}
	sbuf_free(&in);
	sbuf_free(&out);
}
END_TEST

#define WIDTH(lit) text_width(lit, sizeof(lit) - 1)

START_TEST(test_width)
{
	ck_assert_int_eq(WIDTH(""), 0);
	ck_assert_int_eq(WIDTH("bash"), 4);
	ck_assert_int_eq(WIDTH("\xe5\xad\x90\xe8\xbf\x9b\xe7\xa8\x8b" "1"), 7);
	ck_assert_int_eq(WIDTH("e\xcc\x81"), 1);
	ck_assert_int_eq(WIDTH("\xf0\x9f\x98\x80!"), 3);
	ck_assert_int_eq(WIDTH("caf\xc3\xa9 \xe2\x80\xa6"), 6);
	ck_assert_int_eq(WIDTH("\\e[2J\\u{202E}"), 13);
}
END_TEST

#define CJK3 "\xe5\xad\x90\xe8\xbf\x9b\xe7\xa8\x8b"	/* 子进程, 6 columns */

START_TEST(test_fit_never_splits_wide)
{
	int w = -1;

	ck_assert_uint_eq(text_fit(CJK3, 9, 3, &w), 3);
	ck_assert_int_eq(w, 2);
	ck_assert_uint_eq(text_fit(CJK3, 9, 1, &w), 0);
	ck_assert_int_eq(w, 0);
	ck_assert_uint_eq(text_fit(CJK3, 9, 5, &w), 6);
	ck_assert_int_eq(w, 4);
	ck_assert_uint_eq(text_fit(CJK3, 9, 6, &w), 9);
	ck_assert_int_eq(w, 6);
	ck_assert_uint_eq(text_fit(CJK3, 9, 100, &w), 9);
	ck_assert_int_eq(w, 6);
	/* A narrow character after a wide one still fills the last column. */
	ck_assert_uint_eq(text_fit("\xe5\xad\x90" "ab", 5, 3, &w), 4);
	ck_assert_int_eq(w, 3);
}
END_TEST

START_TEST(test_fit_ascii_and_limits)
{
	int w = -1;

	ck_assert_uint_eq(text_fit("abcdef", 6, 4, &w), 4);
	ck_assert_int_eq(w, 4);
	ck_assert_uint_eq(text_fit("abcdef", 6, 0, &w), 0);
	ck_assert_int_eq(w, 0);
	w = -1;
	ck_assert_uint_eq(text_fit("abcdef", 6, -5, &w), 0);
	ck_assert_int_eq(w, 0);
	ck_assert_uint_eq(text_fit("", 0, 10, &w), 0);
	ck_assert_int_eq(w, 0);
	ck_assert_uint_eq(text_fit("abc", 3, 2, NULL), 2);
	/* Multibyte characters are never cut in the middle. */
	ck_assert_uint_eq(text_fit("\xc3\xa9\xc3\xa9", 4, 1, &w), 2);
	ck_assert_int_eq(w, 1);
}
END_TEST

START_TEST(test_fit_keeps_combining_marks)
{
	/* "e" + U+0301: the accent belongs to the last included character. */
	static const char s[] = "ae\xcc\x81" "b";
	int w = -1;

	ck_assert_uint_eq(text_fit(s, sizeof s - 1, 2, &w), 4);
	ck_assert_int_eq(w, 2);
	ck_assert_uint_eq(text_fit(s, sizeof s - 1, 1, &w), 1);
	ck_assert_int_eq(w, 1);
	/* Marks of a wide character that did not fit are left out with it. */
	ck_assert_uint_eq(text_fit("a\xe5\xad\x90\xcc\x81", 6, 2, &w), 1);
	ck_assert_int_eq(w, 1);
}
END_TEST

/* Pads s to cols and compares; also checks the result is exactly cols wide. */
static void check_pad(const char *s, int cols, const char *ell, const char *want)
{
	struct sbuf b;

	sbuf_init(&b);
	ck_assert_int_eq(text_pad(&b, s, strlen(s), cols, ell), cols > 0 ? cols : 0);
	ck_assert_str_eq(sbuf_str(&b), want);
	ck_assert_int_eq(text_width(sbuf_str(&b), b.len), cols > 0 ? cols : 0);
	sbuf_free(&b);
}

#define ELL "\xe2\x80\xa6"	/* U+2026, one column */

START_TEST(test_pad_ascii)
{
	check_pad("bash", 8, NULL, "bash    ");
	check_pad("bash", 4, NULL, "bash");
	check_pad("bash", 4, ELL, "bash");
	check_pad("systemd-journald", 8, NULL, "systemd-");
	check_pad("systemd-journald", 8, ELL, "systemd" ELL);
	check_pad("systemd-journald", 8, "~", "systemd~");
	check_pad("", 3, ELL, "   ");
	check_pad("abc", 1, ELL, ELL);
}
END_TEST

START_TEST(test_pad_cjk_alignment)
{
	check_pad(CJK3 "1", 10, NULL, CJK3 "1   ");
	check_pad(CJK3 "1", 7, ELL, CJK3 "1");
	/* The wide character that does not fit leaves a one-column hole. */
	check_pad(CJK3, 5, NULL, "\xe5\xad\x90\xe8\xbf\x9b ");
	check_pad(CJK3, 5, ELL, "\xe5\xad\x90\xe8\xbf\x9b" ELL);
	check_pad(CJK3, 4, ELL, "\xe5\xad\x90 " ELL);
	check_pad(CJK3, 4, "~", "\xe5\xad\x90 ~");
	check_pad(CJK3, 1, NULL, " ");
	check_pad(CJK3, 2, ELL, " " ELL);
}
END_TEST

START_TEST(test_pad_nonpositive_cols)
{
	struct sbuf b;

	sbuf_init(&b);
	sbuf_adds(&b, "x");
	ck_assert_int_eq(text_pad(&b, "abc", 3, 0, ELL), 0);
	ck_assert_int_eq(text_pad(&b, "abc", 3, -3, NULL), 0);
	ck_assert_str_eq(sbuf_str(&b), "x");
	/* Appends after what is already there. */
	ck_assert_int_eq(text_pad(&b, "ab", 2, 3, NULL), 3);
	ck_assert_str_eq(sbuf_str(&b), "xab ");
	sbuf_free(&b);
}
END_TEST

START_TEST(test_locale_detection)
{
	char *saved = strdup(setlocale(LC_CTYPE, NULL));

	ck_assert(text_locale_is_utf8());
	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C"));
	ck_assert(!text_locale_is_utf8());
	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, saved));
	ck_assert(text_locale_is_utf8());
	free(saved);
}
END_TEST

START_TEST(test_non_utf8_locale_still_safe)
{
	char *saved = strdup(setlocale(LC_CTYPE, NULL));

	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C"));
	/* Decoding does not depend on the locale; controls and bidi are still caught. */
	ESC("\x1b[2J\xc2\x9b\x9b\xe2\x80\xae" "caf\xc3\xa9", "\\e[2J\\x9b" FFFD "\\u{202E}caf\xc3\xa9");
	ESC_ASCII("\x1b[2J\xc3\xa9\xff", "\\e[2J\\u{00E9}?");
	setlocale(LC_CTYPE, saved);
	free(saved);
}
END_TEST

static char *file_message(const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = text_file_message(file, line, fmt, ap);
	va_end(ap);
	return m;
}

START_TEST(test_file_message_escapes_the_name)
{
	char *m = file_message("a\033[2Jb.theme", 7, "bad colour '%s'", "cyna");
	ck_assert_str_eq(m, "a\\e[2Jb.theme:7: bad colour 'cyna'");
	free(m);
	char *d = text_escape_dup("x\ty\xff");
	ck_assert_str_eq(d, "x\\ty\xef\xbf\xbd");
	free(d);
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *esc = tcase_create("escape");
	TCase *wid = tcase_create("width");

	tcase_add_test(esc, test_plain_ascii_unchanged);
	tcase_add_test(esc, test_backslash_not_doubled);
	tcase_add_test(esc, test_clear_screen_visible);
	tcase_add_test(esc, test_osc_title_visible);
	tcase_add_test(esc, test_named_c0_escapes);
	tcase_add_test(esc, test_other_c0_and_del_hex);
	tcase_add_test(esc, test_c1_code_points);
	tcase_add_test(esc, test_raw_high_bytes_replaced);
	tcase_add_test(esc, test_truncated_sequences);
	tcase_add_test(esc, test_overlong_forms);
	tcase_add_test(esc, test_surrogates_and_out_of_range);
	tcase_add_test(esc, test_unicode_maximal_subpart_example);
	tcase_add_test(esc, test_printable_multibyte_copied);
	tcase_add_test(esc, test_bidi_controls_shown);
	tcase_add_test(esc, test_non_printable_code_points);
	tcase_add_test(esc, test_ascii_mode);
	tcase_add_test(esc, test_escape_appends);
	tcase_add_test(esc, test_huge_hostile_command_line);
	tcase_add_test(esc, test_random_bytes_invariants);
	tcase_add_test(esc, test_locale_detection);
	tcase_add_test(esc, test_non_utf8_locale_still_safe);
	/* The random tests are slow under sanitizers; Check's default is 4 s. */
	tcase_set_timeout(esc, 60);
	suite_add_tcase(s, esc);

	tcase_add_test(wid, test_width);
	tcase_add_test(wid, test_fit_never_splits_wide);
	tcase_add_test(wid, test_fit_ascii_and_limits);
	tcase_add_test(wid, test_fit_keeps_combining_marks);
	tcase_add_test(wid, test_pad_ascii);
	tcase_add_test(wid, test_pad_cjk_alignment);
	tcase_add_test(wid, test_pad_nonpositive_cols);
	tcase_add_test(wid, test_random_pad_exact_width);
	tcase_add_test(esc, test_file_message_escapes_the_name);
	tcase_set_timeout(wid, 60);
	suite_add_tcase(s, wid);
	return s;
}

int main(void) { return unit_run(text_suite()); }
