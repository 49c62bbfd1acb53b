/* fuzz_theme.c - libFuzzer target for the theme and forktoprc parsers (make fuzz).
 *
 * Besides "no crash, no leak, no undefined behaviour" under the sanitizers, it checks
 * what must hold for any input:
 *   - reports are one line with no control byte (file bytes are escaped);
 *   - every style stays valid, resolves at every depth to a pen in the depth's palette,
 *     and written back with theme_style_format parses to the same style;
 *   - parsed settings are in range, and the text settings_save would write parses back
 *     to the values saved, whatever the old file held. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"
#include "theme.h"

#define CHECK(cond) \
	do { \
		if (!(cond)) \
			__builtin_trap(); \
	} while (0)

static void check_report(void *ctx, const char *msg)
{
	(void)ctx;
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++)
		CHECK(*p >= 0x20 && *p != 0x7f);
}

static bool same_color(const struct theme_color *a, const struct theme_color *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == THEME_COLOR_INDEX)
		return a->index == b->index;
	if (a->kind == THEME_COLOR_RGB)
		return a->r == b->r && a->g == b->g && a->b == b->b;
	return true;
}

static void check_pen(int c, enum theme_depth d)
{
	static const int size[] = { 0, 8, 16, 256, 256 };
	if (c == THEME_PEN_DEFAULT)
		return;
	if (d == THEME_DEPTH_TRUECOLOR && (c & THEME_PEN_RGB_FLAG))
		return;
	CHECK(d != THEME_DEPTH_MONO && c >= 0 && c < size[d]);
}

static void check_theme(const struct theme *t)
{
	char line[320];
	for (int e = 0; e < TE_COUNT; e++) {
		const struct theme_style *s = &t->style[e];
		for (int d = THEME_DEPTH_MONO; d <= THEME_DEPTH_TRUECOLOR; d++) {
			struct theme_pen p;
			theme_resolve(t, (enum theme_elem)e, (enum theme_depth)d, &p);
			check_pen(p.fg, (enum theme_depth)d);
			check_pen(p.bg, (enum theme_depth)d);
		}
		char v[256];
		theme_style_format(s, v, sizeof v);
		size_t n = (size_t)snprintf(line, sizeof line, "%s = %s",
					    theme_elem_key((enum theme_elem)e), v);
		struct theme back = *t;
		back.style[e] = (struct theme_style){ .mono = s->mono };
		CHECK(theme_parse(&back, line, n, "back", check_report, NULL) == 0);
		const struct theme_style *b = &back.style[e];
		CHECK(same_color(&b->fg, &s->fg) && same_color(&b->bg, &s->bg));
		CHECK(b->attrs == s->attrs);
	}
}

static void check_settings(const struct settings *s)
{
	CHECK(s->delay >= DELAY_MIN && s->delay <= DELAY_MAX);
	CHECK(s->grace >= 0.1 && s->grace <= 600);
	CHECK(s->scrollback >= SCROLLBACK_MIN && s->scrollback <= SCROLLBACK_MAX);
	CHECK(s->ncolumns >= 1 && s->ncolumns <= COLUMN_COUNT);
	CHECK(memchr(s->theme, '\0', sizeof s->theme) != NULL && s->theme[0]);
}

/* Saving over the input as the old file: the result gives back every value saved. */
static void check_merge(const char *old, size_t len, struct settings *s, size_t seed)
{
	struct sbuf out;
	struct settings back;
	s->set = (1u << SETTING_COUNT) - 1;
	s->delay = 1 + (int)(seed % DELAY_MAX);
	s->tree = seed & 1;
	s->grace = 0.1 + (double)(seed % 5000) / 10;
	sbuf_init(&out);
	settings_merge(old, len, seed & 2, s, &out);
	settings_default(&back);
	settings_parse(&back, sbuf_str(&out), out.len, "merged", check_report, NULL);
	for (int k = 0; k < SETTING_COUNT; k++) {
		char a[SETTINGS_THEME_MAX + 64], b[SETTINGS_THEME_MAX + 64];
		settings_format(s, (enum settings_key)k, a, sizeof a);
		settings_format(&back, (enum settings_key)k, b, sizeof b);
		CHECK(strcmp(a, b) == 0);
	}
	sbuf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct theme t;
	theme_default(&t);
	int bad = theme_parse(&t, text, size, "fuzz\x1b.theme", check_report, NULL);
	CHECK(bad >= 0);
	check_theme(&t);

	struct settings s;
	settings_default(&s);
	bad = settings_parse(&s, text, size, "fuzz\x1brc", check_report, NULL);
	CHECK(bad >= 0);
	check_settings(&s);
	check_merge(text, size, &s, size * 2654435761u);
	return 0;
}
