/* test_theme.c - theme files' grammar (every value form, every error, hostile bytes),
 * colour reduction with known triples, depth detection, and resolving a style for a
 * depth. The files themselves (loading, finding, the bundled themes): test_theme_files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "theme.h"
#include "theme_test.h"
#include "unit.h"
#include "util.h"

static const struct theme_color deflt = { .kind = THEME_COLOR_DEFAULT };

/* One bad line: exactly one report, naming the line, with want in it; the element
 * keeps its default. */
static void bad_line(const char *text, const char *want, enum theme_elem e)
{
	struct theme t, def;
	struct diags d;
	theme_default(&def);
	ck_assert_int_eq(parse(&t, text, &d), 1);
	ck_assert_int_eq(d.n, 1);
	ck_assert_msg(strstr(d.msg[0], want) != NULL, "'%s' lacks '%s'", d.msg[0], want);
	ck_assert_msg(strncmp(d.msg[0], "t.theme:", 8) == 0, "no file:line in '%s'", d.msg[0]);
	ck_assert_msg(style_eq(&t.style[e], &def.style[e]), "%s changed", theme_elem_key(e));
}

/* ---- elements ----------------------------------------------------------------------- */

START_TEST(element_keys_unique)
{
	for (int e = 0; e < TE_COUNT; e++) {
		ck_assert_ptr_nonnull(theme_elem_key((enum theme_elem)e));
		for (int f = 0; f < e; f++)
			ck_assert_str_ne(theme_elem_key((enum theme_elem)e),
					 theme_elem_key((enum theme_elem)f));
	}
	ck_assert_ptr_null(theme_elem_key(TE_COUNT));
}
END_TEST

START_TEST(event_elements_follow_event_kinds)
{
	char want[64];
	for (int k = EV_START; k <= EV_INFO; k++) {
		snprintf(want, sizeof want, "event_%s", events_kind_name((enum event_kind)k));
		ck_assert_str_eq(theme_elem_key((enum theme_elem)(TE_EVENT_START + k)), want);
	}
	ck_assert_int_eq(TE_EVENT_START + EV_INFO, TE_EVENT_INFO);
}
END_TEST

START_TEST(default_round_trips_through_format)
{
	struct theme def, t;
	struct diags d;
	char line[320];
	theme_default(&def);
	ck_assert_int_eq(def.style[TE_SELECTED].bg.index, 6);	/* black on cyan */
	ck_assert_int_eq(def.style[TE_SELECTED].mono, THEME_REVERSE);
	for (int e = 0; e < TE_COUNT; e++) {
		snprintf(line, sizeof line, "%s = %s\n", theme_elem_key((enum theme_elem)e),
			 fmt(&def.style[e]));
		ck_assert_int_eq(parse(&t, line, &d), 0);
		ck_assert_msg(style_eq(&t.style[e], &def.style[e]), "%s", line);
	}
}
END_TEST

/* ---- value forms -------------------------------------------------------------------- */

START_TEST(style_forms)
{
	struct theme t;
	struct diags d;
	ck_assert_int_eq(parse(&t, "selected = black on cyan bold\n"
			       "zombie = BrightRed underline bold\n"
			       "tagged = bold #ff8700 on 17\n"
			       "task = #0F8\n"
			       "header = on grey\n"
			       "status = gray dim italic reverse\n"
			       "output = default on #3c3836 none\n", &d), 0);
	const struct theme_style *s = &t.style[TE_SELECTED];
	ck_assert(color_eq(s->fg, idx(0)) && color_eq(s->bg, idx(6)));
	ck_assert_uint_eq(s->attrs, THEME_BOLD);
	ck_assert_uint_eq(s->mono, THEME_REVERSE);	/* the mono part is its own key */
	s = &t.style[TE_ZOMBIE];
	ck_assert(color_eq(s->fg, idx(9)) && color_eq(s->bg, deflt));
	ck_assert_uint_eq(s->attrs, THEME_BOLD | THEME_UNDERLINE);
	s = &t.style[TE_TAGGED];
	ck_assert(color_eq(s->fg, rgb(0xff, 0x87, 0)) && color_eq(s->bg, idx(17)));
	ck_assert(color_eq(t.style[TE_TASK].fg, rgb(0, 0xff, 0x88)));
	ck_assert_uint_eq(t.style[TE_TASK].attrs, 0);	/* replaced, not merged */
	ck_assert(color_eq(t.style[TE_HEADER].fg, deflt));
	ck_assert(color_eq(t.style[TE_HEADER].bg, idx(8)));
	ck_assert_uint_eq(t.style[TE_STATUS].attrs, THEME_DIM | THEME_ITALIC | THEME_REVERSE);
	ck_assert(color_eq(t.style[TE_OUTPUT].bg, rgb(0x3c, 0x38, 0x36)));
}
END_TEST

START_TEST(index_bounds_and_names)
{
	struct theme t;
	struct diags d;
	ck_assert_int_eq(parse(&t, "header = 0\nstatus = 255\ntask = white\n"
			       "zombie = brightblack\n", &d), 0);
	ck_assert(color_eq(t.style[TE_HEADER].fg, idx(0)));
	ck_assert(color_eq(t.style[TE_STATUS].fg, idx(255)));
	ck_assert(color_eq(t.style[TE_TASK].fg, idx(7)));
	ck_assert(color_eq(t.style[TE_ZOMBIE].fg, idx(8)));
}
END_TEST

START_TEST(part_keys)
{
	struct theme t, def;
	struct diags d;
	theme_default(&def);
	ck_assert_int_eq(parse(&t, "selected.bg = #102030\n"
			       "selected.attr = bold underline\n"
			       "zombie.fg = 200\n"
			       "zombie.mono = reverse\n"
			       "header_bg = blue\n"
			       "HEADER.FG = yellow\n"
			       "tagged.fg = 10 20 30\n", &d), 0);
	const struct theme_style *s = &t.style[TE_SELECTED];
	ck_assert(color_eq(s->fg, def.style[TE_SELECTED].fg));	/* untouched */
	ck_assert(color_eq(s->bg, rgb(0x10, 0x20, 0x30)));
	ck_assert_uint_eq(s->attrs, THEME_BOLD | THEME_UNDERLINE);
	ck_assert(color_eq(t.style[TE_ZOMBIE].fg, idx(200)));
	ck_assert_uint_eq(t.style[TE_ZOMBIE].attrs, def.style[TE_ZOMBIE].attrs);
	ck_assert_uint_eq(t.style[TE_ZOMBIE].mono, THEME_REVERSE);
	ck_assert(color_eq(t.style[TE_HEADER].bg, idx(4)));
	ck_assert(color_eq(t.style[TE_HEADER].fg, idx(3)));
	ck_assert(color_eq(t.style[TE_TAGGED].fg, rgb(10, 20, 30)));
}
END_TEST

START_TEST(comments_blanks_quotes_crlf_bom)
{
	struct theme t;
	struct diags d;
	const char *text = "\xef\xbb\xbf# a comment\r\n"
			   "\r\n"
			   "   \t  # indented comment\n"
			   "selected = \"red on blue\"   \r\n"
			   "zombie = #00ff00 # green # really\n"
			   "tagged=#abc\n"
			   "header = \"blue\" # quoted, then a comment\n"
			   "task = yellow#not-a-comment\n";
	ck_assert_int_eq(parse(&t, text, &d), 1);	/* only the last line */
	ck_assert(color_eq(t.style[TE_HEADER].fg, idx(4)));
	ck_assert(color_eq(t.style[TE_SELECTED].fg, idx(1)));
	ck_assert(color_eq(t.style[TE_SELECTED].bg, idx(4)));
	ck_assert(color_eq(t.style[TE_ZOMBIE].fg, rgb(0, 0xff, 0)));
	ck_assert(color_eq(t.style[TE_TAGGED].fg, rgb(0xaa, 0xbb, 0xcc)));
	ck_assert(strstr(d.msg[0], "t.theme:8:") != NULL);
}
END_TEST

START_TEST(btop_form)
{
	struct theme t;
	struct diags d;
	ck_assert_int_eq(parse(&t, "theme[selected_bg]=\"#ff0000\"\n"
			       "theme[selected_fg] = \"#0a0a0a\"\n"
			       "theme[main_bg]=\"#282a36\"\n"
			       "theme[main_fg]=\"#f8\"\n"
			       "theme[hi_fg]=\"\"\n"
			       "theme[div_line]=\"30 60 90\"\n"
			       "theme[zombie]=\"red on black bold\"\n"
			       "theme[CPU_BOX]=\"#556d59\"\n"
			       "theme[process_end]=\"#ff5555\"\n", &d), 0);
	ck_assert(color_eq(t.style[TE_SELECTED].bg, rgb(0xff, 0, 0)));
	ck_assert(color_eq(t.style[TE_SELECTED].fg, rgb(10, 10, 10)));
	ck_assert(color_eq(t.style[TE_NORMAL].bg, rgb(0x28, 0x2a, 0x36)));
	ck_assert(color_eq(t.style[TE_NORMAL].fg, rgb(0xf8, 0xf8, 0xf8)));
	ck_assert(color_eq(t.style[TE_KEYBAR_KEY].fg, deflt));	/* "" is default */
	ck_assert(color_eq(t.style[TE_HELP_KEY].fg, deflt));
	ck_assert(color_eq(t.style[TE_TREE_CONNECTOR].fg, rgb(30, 60, 90)));
	ck_assert(color_eq(t.style[TE_ZOMBIE].bg, idx(0)));
	ck_assert(color_eq(t.style[TE_CPU_HIGH].fg, rgb(0xff, 0x55, 0x55)));
	ck_assert(color_eq(t.style[TE_RSS_HIGH].fg, rgb(0xff, 0x55, 0x55)));
}
END_TEST

START_TEST(btop_form_errors)
{
	bad_line("theme[nonsense]=\"#ffffff\"\n", "unknown key 'nonsense'", TE_NORMAL);
	bad_line("theme[selected_bg=\"#ffffff\"\n", "missing ']'", TE_SELECTED);
	bad_line("theme[selected_bg] \"#ffffff\"\n", "expected theme[key]", TE_SELECTED);
	bad_line("theme[selected_bg]=\"#ffffff\n", "missing closing quote", TE_SELECTED);
	bad_line("theme[selected_bg]=\"#ffffff\" x\n", "after the closing quote", TE_SELECTED);
	bad_line("theme[main_bg]=\"#12\"345\"\n", "after the closing quote", TE_NORMAL);
	bad_line("theme[main_bg]=\"300 0 0\"\n", "R G B take 0-255", TE_NORMAL);
}
END_TEST

START_TEST(duplicate_key_last_wins)
{
	struct theme t;
	struct diags d;
	ck_assert_int_eq(parse(&t, "zombie = red\nzombie = blue bold\n", &d), 0);
	ck_assert(color_eq(t.style[TE_ZOMBIE].fg, idx(4)));
	ck_assert_uint_eq(t.style[TE_ZOMBIE].attrs, THEME_BOLD);
}
END_TEST

/* ---- errors ------------------------------------------------------------------------- */

START_TEST(bad_colours)
{
	bad_line("selected = #12345 on cyan\n", "bad colour '#12345'", TE_SELECTED);
	bad_line("selected = #ggg\n", "bad colour '#ggg'", TE_SELECTED);
	bad_line("selected = #f\n", "bad colour '#f'", TE_SELECTED);
	bad_line("selected = #\n", "missing value", TE_SELECTED);	/* "# ": a comment */
	bad_line("selected.fg = cyna\n", "unknown colour 'cyna'", TE_SELECTED);
	bad_line("selected = cyna\n", "unknown colour or attribute 'cyna'", TE_SELECTED);
	bad_line("selected.bg = red blue\n", "expected one colour", TE_SELECTED);
	bad_line("selected = red blue\n", "unexpected colour 'blue'", TE_SELECTED);
}
END_TEST

START_TEST(bad_index)
{
	bad_line("zombie = 256\n", "colour index '256' is out of range 0-255", TE_ZOMBIE);
	bad_line("zombie = 99999999999999999999\n", "out of range", TE_ZOMBIE);
	bad_line("zombie.bg = 1000\n", "out of range", TE_ZOMBIE);
	bad_line("zombie = -1\n", "unknown colour or attribute '-1'", TE_ZOMBIE);
}
END_TEST

START_TEST(bad_attributes)
{
	bad_line("zombie.attr = bold blink\n", "unknown attribute 'blink'", TE_ZOMBIE);
	bad_line("zombie.mono = flashy\n", "unknown attribute 'flashy'", TE_ZOMBIE);
	bad_line("zombie = red blinking\n", "unknown colour or attribute 'blinking'", TE_ZOMBIE);
}
END_TEST

START_TEST(bad_structure)
{
	bad_line("selected black on cyan\n", "expected 'key = value'; line ignored",
		 TE_SELECTED);
	bad_line("selectd = red\n", "unknown key 'selectd'; line ignored", TE_SELECTED);
	bad_line("selected.color = red\n", "unknown key 'selected.color'", TE_SELECTED);
	bad_line(" = red\n", "missing key", TE_SELECTED);
	bad_line("selected =\n", "selected: missing value", TE_SELECTED);
	bad_line("selected = # only a comment\n", "missing value", TE_SELECTED);
	bad_line("selected = red on\n", "'on' needs a background colour", TE_SELECTED);
	bad_line("selected = red on bold\n", "'on' needs a background colour, not 'bold'",
		 TE_SELECTED);
	bad_line("selected = on red on blue\n", "'on' given twice", TE_SELECTED);
	bad_line("selected = \"red\n", "missing closing quote", TE_SELECTED);
	bad_line("selected = a b c d e f g h i j k l m n o p q\n", "too many words",
		 TE_SELECTED);
}
END_TEST

START_TEST(kept_value_is_named)
{
	struct theme t;
	struct diags d;
	ck_assert_int_eq(parse(&t, "selected = red\nselected = cyna\n", &d), 1);
	ck_assert_str_eq(d.msg[0], "t.theme:2: selected: unknown colour or attribute 'cyna'; "
			 "kept 'red'");
	ck_assert_int_eq(parse(&t, "zombie.mono = x\n", &d), 1);
	ck_assert_str_eq(d.msg[0], "t.theme:1: zombie.mono: unknown attribute 'x' (bold, dim, "
			 "italic, underline, reverse or none); kept 'bold underline'");
}
END_TEST

START_TEST(bad_line_does_not_stop_the_rest)
{
	struct theme t;
	struct diags d;
	ck_assert_int_eq(parse(&t, "zombie = 256\nbogus\nselected = red\n", &d), 2);
	ck_assert(color_eq(t.style[TE_SELECTED].fg, idx(1)));
	ck_assert(strstr(d.msg[0], ":1:") && strstr(d.msg[1], ":2:"));
}
END_TEST

START_TEST(nul_byte)
{
	struct theme t;
	struct diags d;
	static const char text[] = "zombie = blue\nselected = re\0d\ntagged = red\n";
	theme_default(&t);
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(theme_parse(&t, text, sizeof text - 1, "n.theme", collect, &d), 1);
	ck_assert_str_eq(d.msg[0], "n.theme:2: NUL byte in the line; line ignored");
	ck_assert(color_eq(t.style[TE_ZOMBIE].fg, idx(4)));
	ck_assert(color_eq(t.style[TE_TAGGED].fg, idx(1)));
	ck_assert(color_eq(t.style[TE_SELECTED].fg, idx(0)));
}
END_TEST

START_TEST(very_long_line)
{
	struct theme t;
	struct diags d;
	size_t n = 1 << 20;
	char *text = malloc(n + 64);
	ck_assert_ptr_nonnull(text);
	strcpy(text, "zombie = ");
	memset(text + 9, 'a', n);
	strcpy(text + 9 + n, "\ntagged = red");
	theme_default(&t);
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(theme_parse(&t, text, strlen(text), "l.theme", collect, &d), 1);
	ck_assert(strstr(d.msg[0], "l.theme:1: line too long (1048585 bytes, at most 4096)"));
	ck_assert(color_eq(t.style[TE_TAGGED].fg, idx(1)));
	free(text);
}
END_TEST

START_TEST(hostile_bytes_are_escaped_in_reports)
{
	struct theme t;
	struct diags d;
	ck_assert_int_eq(parse(&t, "sel\x1b[2Jected = red\nzombie = \x9b\xff\xfe\x07x\n",
			       &d), 2);
	for (int i = 0; i < d.n; i++)
		for (const unsigned char *p = (const unsigned char *)d.msg[i]; *p; p++)
			ck_assert_msg(*p >= 0x20 && *p != 0x7f, "control byte in '%s'", d.msg[i]);
	ck_assert(strstr(d.msg[0], "'sel\\e[2Jected'") != NULL);
	ck_assert(strstr(d.msg[1], "\xef\xbf\xbd") != NULL);	/* U+FFFD */
	ck_assert(strstr(d.msg[1], "\\x07") != NULL);
}
END_TEST

START_TEST(report_flood_is_capped)
{
	struct theme t;
	struct diags d;
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < 200; i++)
		sbuf_adds(&b, "nonsense\n");
	theme_default(&t);
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(theme_parse(&t, sbuf_str(&b), b.len, "f.theme", collect, &d), 200);
	ck_assert_int_eq(d.n, THEME_MAX_DIAGS + 1);
	ck_assert_str_eq(d.msg[THEME_MAX_DIAGS], "f.theme: 150 more bad lines not shown");
	ck_assert_int_eq(theme_parse(&t, sbuf_str(&b), b.len, NULL, NULL, NULL), 200);
	sbuf_free(&b);
}
END_TEST

START_TEST(style_format)
{
	struct theme_style s = { .fg = idx(0), .bg = idx(6), .attrs = THEME_BOLD };
	ck_assert_str_eq(fmt(&s), "black on cyan bold");
	s = (struct theme_style){ .fg = rgb(0xff, 0x87, 0) };
	ck_assert_str_eq(fmt(&s), "#ff8700");
	s = (struct theme_style){ .bg = idx(200), .attrs = THEME_UNDERLINE | THEME_REVERSE };
	ck_assert_str_eq(fmt(&s), "default on 200 underline reverse");
	s = (struct theme_style){ 0 };
	ck_assert_str_eq(fmt(&s), "default");
}
END_TEST

/* ---- colour reduction --------------------------------------------------------------- */

START_TEST(rgb_to_256_known)
{
	ck_assert_int_eq(theme_rgb_to_256(0xff, 0, 0), 196);
	ck_assert_int_eq(theme_rgb_to_256(0, 0, 0), 16);
	ck_assert_int_eq(theme_rgb_to_256(0x80, 0x80, 0x80), 244);
	ck_assert_int_eq(theme_rgb_to_256(0xff, 0xff, 0xff), 231);
	ck_assert_int_eq(theme_rgb_to_256(0x5f, 0x87, 0xaf), 67);
	ck_assert_int_eq(theme_rgb_to_256(0x08, 0x08, 0x08), 232);
	ck_assert_int_eq(theme_rgb_to_256(0xee, 0xee, 0xee), 255);
	ck_assert_int_eq(theme_rgb_to_256(0xd7, 0x00, 0x00), 160);
	ck_assert_int_eq(theme_rgb_to_256(0xfe, 0x01, 0x02), 196);	/* near, not exact */
	/* solarized base03: the grey Solarized's own 256-colour palette uses */
	ck_assert_int_eq(theme_rgb_to_256(0x00, 0x2b, 0x36), 234);
}
END_TEST

START_TEST(palette_round_trip)
{
	unsigned char r, g, b;
	theme_index_rgb(196, &r, &g, &b);
	ck_assert(r == 255 && g == 0 && b == 0);
	theme_index_rgb(232, &r, &g, &b);
	ck_assert(r == 8 && g == 8 && b == 8);
	theme_index_rgb(255, &r, &g, &b);
	ck_assert(r == 238 && g == 238 && b == 238);
	theme_index_rgb(9, &r, &g, &b);
	ck_assert(r == 255 && g == 0 && b == 0);
	for (int i = 16; i < 256; i++) {
		theme_index_rgb(i, &r, &g, &b);
		ck_assert_int_eq(theme_rgb_to_256(r, g, b), i);
	}
}
END_TEST

START_TEST(rgb_to_16_known)
{
	ck_assert_int_eq(theme_rgb_to_16(0xff, 0, 0), 9);
	ck_assert_int_eq(theme_rgb_to_16(0xcd, 0, 0), 1);
	ck_assert_int_eq(theme_rgb_to_16(0, 0, 0), 0);
	ck_assert_int_eq(theme_rgb_to_16(0x80, 0x80, 0x80), 8);
	ck_assert_int_eq(theme_rgb_to_16(0xff, 0xff, 0xff), 15);
	ck_assert_int_eq(theme_rgb_to_16(0xc0, 0xc0, 0xc0), 7);
	ck_assert_int_eq(theme_rgb_to_16(0x2a, 0xa1, 0x98), 6);	/* solarized cyan */
	ck_assert_int_eq(theme_rgb_to_16(0x00, 0x2b, 0x36), 0);	/* solarized base03 */
	ck_assert_int_eq(theme_rgb_to_16(0xfd, 0xf6, 0xe3), 15);	/* solarized base3 */
	ck_assert_int_eq(theme_rgb_to_16(0, 0, 0xff), 12);
	ck_assert_int_eq(theme_rgb_to_16(0, 0, 0x87), 4);
	ck_assert_int_eq(theme_rgb_to_16(0, 0xff, 0), 10);
	ck_assert_int_eq(theme_rgb_to_16(0xff, 0xff, 0), 11);
	ck_assert_int_eq(theme_rgb_to_16(0xd7, 0x99, 0x21), 3);	/* gruvbox yellow */
	ck_assert_int_eq(theme_rgb_to_16(0xff, 0x00, 0xff), 13);
	ck_assert_int_eq(theme_rgb_to_16(0x88, 0xc0, 0xd0), 14);	/* nord frost */
	for (int i = 0; i < 16; i++) {	/* the named colours stay themselves */
		unsigned char r, g, b;
		theme_index_rgb(i, &r, &g, &b);
		ck_assert_int_eq(theme_rgb_to_16(r, g, b), i);
	}
}
END_TEST

START_TEST(rgb_to_8_known)
{
	ck_assert_int_eq(theme_rgb_to_8(0xff, 0, 0), 1);
	ck_assert_int_eq(theme_rgb_to_8(0, 0, 0), 0);
	ck_assert_int_eq(theme_rgb_to_8(0x80, 0x80, 0x80), 7);
	ck_assert_int_eq(theme_rgb_to_8(0x30, 0x30, 0x30), 0);
	ck_assert_int_eq(theme_rgb_to_8(0x2a, 0xa1, 0x98), 6);
	ck_assert_int_eq(theme_rgb_to_8(0xff, 0xff, 0), 3);
	ck_assert_int_eq(theme_rgb_to_8(0xff, 0xff, 0xff), 7);
	ck_assert_int_eq(theme_rgb_to_8(0x5c, 0x5c, 0xff), 4);
	for (int i = 0; i < 8; i++) {
		unsigned char r, g, b;
		theme_index_rgb(i, &r, &g, &b);
		ck_assert_int_eq(theme_rgb_to_8(r, g, b), i);
	}
}
END_TEST

/* ---- depth -------------------------------------------------------------------------- */

START_TEST(depth_detection)
{
	const enum theme_color_mode A = THEME_COLOR_AUTO, Y = THEME_COLOR_ALWAYS,
		N = THEME_COLOR_NEVER;
	ck_assert_int_eq(theme_depth_detect(256, false, NULL, NULL, A), THEME_DEPTH_256);
	ck_assert_int_eq(theme_depth_detect(256, false, NULL, "1", A), THEME_DEPTH_MONO);
	ck_assert_int_eq(theme_depth_detect(256, true, "truecolor", "", A),
			 THEME_DEPTH_TRUECOLOR);	/* NO_COLOR empty: ignored */
	ck_assert_int_eq(theme_depth_detect(256, false, "truecolor", NULL, A),
			 THEME_DEPTH_TRUECOLOR);
	ck_assert_int_eq(theme_depth_detect(8, false, "24bit", NULL, A), THEME_DEPTH_TRUECOLOR);
	ck_assert_int_eq(theme_depth_detect(8, false, "TrueColor", NULL, A),
			 THEME_DEPTH_TRUECOLOR);
	ck_assert_int_eq(theme_depth_detect(16777216, true, NULL, NULL, A),
			 THEME_DEPTH_TRUECOLOR);
	ck_assert_int_eq(theme_depth_detect(256, false, "yes", NULL, A), THEME_DEPTH_256);
	ck_assert_int_eq(theme_depth_detect(88, false, NULL, NULL, A), THEME_DEPTH_16);
	ck_assert_int_eq(theme_depth_detect(16, false, NULL, NULL, A), THEME_DEPTH_16);
	ck_assert_int_eq(theme_depth_detect(8, false, NULL, NULL, A), THEME_DEPTH_8);
	ck_assert_int_eq(theme_depth_detect(2, false, NULL, NULL, A), THEME_DEPTH_MONO);
	ck_assert_int_eq(theme_depth_detect(-1, false, NULL, NULL, A), THEME_DEPTH_MONO);
	ck_assert_int_eq(theme_depth_detect(0, false, "truecolor", NULL, A), THEME_DEPTH_MONO);
	ck_assert_int_eq(theme_depth_detect(256, true, "truecolor", NULL, N), THEME_DEPTH_MONO);
	ck_assert_int_eq(theme_depth_detect(256, false, NULL, "1", Y), THEME_DEPTH_256);
	ck_assert_int_eq(theme_depth_detect(0, false, NULL, NULL, Y), THEME_DEPTH_8);
	ck_assert_int_eq(theme_depth_detect(0, false, "truecolor", NULL, Y),
			 THEME_DEPTH_TRUECOLOR);
}
END_TEST

/* ---- resolve ------------------------------------------------------------------------ */

/* COLORTERM=truecolor on a 256-colour terminfo: the same terminal's direct entry. */
START_TEST(direct_terminfo_names)
{
	char b[64];
	ck_assert(theme_direct_term("xterm-256color", b, sizeof b));
	ck_assert_str_eq(b, "xterm-direct");
	ck_assert(theme_direct_term("tmux-256color", b, sizeof b));
	ck_assert_str_eq(b, "tmux-direct");
	ck_assert(theme_direct_term("xterm", b, sizeof b));
	ck_assert_str_eq(b, "xterm-direct");
	ck_assert(!theme_direct_term("xterm-direct", b, sizeof b));	/* already */
	ck_assert(!theme_direct_term("screen-256color", b, sizeof b));
	ck_assert(!theme_direct_term("linux", b, sizeof b));
	ck_assert(!theme_direct_term("", b, sizeof b));
	ck_assert(!theme_direct_term(NULL, b, sizeof b));
	ck_assert(!theme_direct_term("a-very-long-terminal-name-that-does-not-fit-at-all", b, 16));
}
END_TEST

START_TEST(resolve_depths)
{
	struct theme t;
	struct diags d;
	struct theme_pen p;
	ck_assert_int_eq(parse(&t, "zombie = #ff0000 on 19 bold\nselected.mono = reverse bold\n"
			       "tagged = 9 on 250\nstatus = 196 on 196\n", &d), 0);
	theme_resolve(&t, TE_ZOMBIE, THEME_DEPTH_TRUECOLOR, &p);
	ck_assert_int_eq(p.fg, THEME_PEN_RGB(255, 0, 0));
	/* A direct-colour terminal reads colour numbers from 8 up as RGB: 19 must go as
	 * the RGB of palette entry 19, not as #000013. */
	ck_assert_int_eq(p.bg, THEME_PEN_RGB(0, 0, 0xaf));
	ck_assert_uint_eq(p.attrs, THEME_BOLD);
	theme_resolve(&t, TE_TAGGED, THEME_DEPTH_TRUECOLOR, &p);
	ck_assert_int_eq(p.fg, THEME_PEN_RGB(255, 0, 0));	/* 9, bright red */
	ck_assert_int_eq(p.bg, THEME_PEN_RGB(0xbc, 0xbc, 0xbc));	/* 250, a grey */
	theme_resolve(&t, TE_STATUS, THEME_DEPTH_TRUECOLOR, &p);	/* text = band: white */
	ck_assert(p.fg == THEME_PEN_RGB(255, 255, 255) && p.bg == THEME_PEN_RGB(255, 0, 0));
	theme_resolve(&t, TE_TAGGED, THEME_DEPTH_256, &p);
	ck_assert(p.fg == 9 && p.bg == 250);
	theme_resolve(&t, TE_TAGGED, THEME_DEPTH_16, &p);
	ck_assert(p.fg == 9 && p.bg == 7);
	theme_resolve(&t, TE_TAGGED, THEME_DEPTH_8, &p);
	ck_assert(p.fg == 1 && p.bg == 7);
	theme_resolve(&t, TE_SELECTED, THEME_DEPTH_MONO, &p);
	ck_assert(p.fg == THEME_PEN_DEFAULT && p.bg == THEME_PEN_DEFAULT);
	ck_assert_uint_eq(p.attrs, THEME_REVERSE | THEME_BOLD);
	theme_resolve(&t, TE_SELECTED, THEME_DEPTH_8, &p);
	ck_assert(p.fg == 0 && p.bg == 6 && p.attrs == 0);
	theme_resolve(&t, TE_HEADER, THEME_DEPTH_TRUECOLOR, &p);
	ck_assert(p.fg == 6 && p.bg == THEME_PEN_DEFAULT && p.attrs == THEME_BOLD);
}
END_TEST

START_TEST(resolve_default_takes_normal)
{
	struct theme t;
	struct diags d;
	struct theme_pen p;
	ck_assert_int_eq(parse(&t, "normal = #d8dee9 on #2e3440\nzombie = red\n", &d), 0);
	theme_resolve(&t, TE_ZOMBIE, THEME_DEPTH_TRUECOLOR, &p);
	ck_assert_int_eq(p.fg, 1);
	ck_assert_int_eq(p.bg, THEME_PEN_RGB(0x2e, 0x34, 0x40));
	theme_resolve(&t, TE_OUTPUT, THEME_DEPTH_256, &p);
	ck_assert_int_eq(p.fg, theme_rgb_to_256(0xd8, 0xde, 0xe9));
	ck_assert_int_eq(p.bg, theme_rgb_to_256(0x2e, 0x34, 0x40));
	theme_resolve(&t, TE_NORMAL, THEME_DEPTH_MONO, &p);
	ck_assert(p.fg == THEME_PEN_DEFAULT && p.bg == THEME_PEN_DEFAULT);
	theme_resolve(&t, TE_COUNT, THEME_DEPTH_256, &p);	/* out of range: normal */
	ck_assert_int_eq(p.bg, theme_rgb_to_256(0x2e, 0x34, 0x40));
}
END_TEST

/* Bold black is grey where bold means bright: at 8 and 16 colours black text is plain. */
START_TEST(resolve_black_text_not_bold)
{
	struct theme t;
	struct diags d;
	struct theme_pen p;
	ck_assert_int_eq(parse(&t, "selected = black on #00ffff bold underline\n", &d), 0);
	theme_resolve(&t, TE_SELECTED, THEME_DEPTH_8, &p);
	ck_assert(p.fg == 0 && p.bg == 6 && p.attrs == THEME_UNDERLINE);
	theme_resolve(&t, TE_SELECTED, THEME_DEPTH_16, &p);
	ck_assert(p.fg == 0 && p.attrs == THEME_UNDERLINE);
	theme_resolve(&t, TE_SELECTED, THEME_DEPTH_256, &p);
	ck_assert_uint_eq(p.attrs, THEME_BOLD | THEME_UNDERLINE);	/* 256: the theme's */
}
END_TEST

START_TEST(resolve_keeps_text_readable)
{
	struct theme t;
	struct diags d;
	struct theme_pen p;
	/* two reds that 16 colours cannot tell apart */
	ck_assert_int_eq(parse(&t, "zombie = #ff1010 on #ff0000\ntagged = #111 on #000\n", &d),
			 0);
	theme_resolve(&t, TE_ZOMBIE, THEME_DEPTH_16, &p);
	ck_assert_int_eq(p.bg, 9);
	ck_assert_int_ne(p.fg, p.bg);
	theme_resolve(&t, TE_TAGGED, THEME_DEPTH_8, &p);
	ck_assert(p.bg == 0 && p.fg == 7);
	theme_resolve(&t, TE_TAGGED, THEME_DEPTH_16, &p);
	ck_assert(p.bg == 0 && p.fg == 15);
}
END_TEST

static Suite *theme_suite(void)
{
	Suite *s = suite_create("theme");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, element_keys_unique);
	tcase_add_test(tc, event_elements_follow_event_kinds);
	tcase_add_test(tc, default_round_trips_through_format);
	tcase_add_test(tc, style_forms);
	tcase_add_test(tc, index_bounds_and_names);
	tcase_add_test(tc, part_keys);
	tcase_add_test(tc, comments_blanks_quotes_crlf_bom);
	tcase_add_test(tc, btop_form);
	tcase_add_test(tc, btop_form_errors);
	tcase_add_test(tc, duplicate_key_last_wins);
	tcase_add_test(tc, bad_colours);
	tcase_add_test(tc, bad_index);
	tcase_add_test(tc, bad_attributes);
	tcase_add_test(tc, bad_structure);
	tcase_add_test(tc, kept_value_is_named);
	tcase_add_test(tc, bad_line_does_not_stop_the_rest);
	tcase_add_test(tc, nul_byte);
	tcase_add_test(tc, very_long_line);
	tcase_add_test(tc, hostile_bytes_are_escaped_in_reports);
	tcase_add_test(tc, report_flood_is_capped);
	tcase_add_test(tc, style_format);
	suite_add_tcase(s, tc);
	tc = tcase_create("colour");
	tcase_add_test(tc, rgb_to_256_known);
	tcase_add_test(tc, palette_round_trip);
	tcase_add_test(tc, rgb_to_16_known);
	tcase_add_test(tc, rgb_to_8_known);
	tcase_add_test(tc, depth_detection);
	tcase_add_test(tc, direct_terminfo_names);
	tcase_add_test(tc, resolve_depths);
	tcase_add_test(tc, resolve_default_takes_normal);
	tcase_add_test(tc, resolve_keeps_text_readable);
	tcase_add_test(tc, resolve_black_text_not_bold);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(theme_suite());
}
