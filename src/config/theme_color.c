/* theme_color.c - colour depth: detection, reduction to smaller palettes, and the
 * style of an element resolved for the terminal at hand. */
#include "theme.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* xterm's default colours for 0-15; the cube and grey ramp follow from formulas. */
static const unsigned char system_rgb[16][3] = {
	{ 0x00, 0x00, 0x00 }, { 0xcd, 0x00, 0x00 }, { 0x00, 0xcd, 0x00 }, { 0xcd, 0xcd, 0x00 },
	{ 0x00, 0x00, 0xee }, { 0xcd, 0x00, 0xcd }, { 0x00, 0xcd, 0xcd }, { 0xe5, 0xe5, 0xe5 },
	{ 0x7f, 0x7f, 0x7f }, { 0xff, 0x00, 0x00 }, { 0x00, 0xff, 0x00 }, { 0xff, 0xff, 0x00 },
	{ 0x5c, 0x5c, 0xff }, { 0xff, 0x00, 0xff }, { 0x00, 0xff, 0xff }, { 0xff, 0xff, 0xff },
};

static const int cube_levels[6] = { 0, 95, 135, 175, 215, 255 };

void theme_index_rgb(int index, unsigned char *r, unsigned char *g, unsigned char *b)
{
	if (index < 0 || index > 255)
		index = 0;
	if (index < 16) {
		*r = system_rgb[index][0];
		*g = system_rgb[index][1];
		*b = system_rgb[index][2];
	} else if (index < 232) {
		int i = index - 16;
		*r = (unsigned char)cube_levels[i / 36];
		*g = (unsigned char)cube_levels[i / 6 % 6];
		*b = (unsigned char)cube_levels[i % 6];
	} else {
		*r = *g = *b = (unsigned char)(8 + 10 * (index - 232));
	}
}

static int abs_diff(int a, int b)
{
	return a > b ? a - b : b - a;
}

static int dist2(int r1, int g1, int b1, int r2, int g2, int b2)
{
	return (r1 - r2) * (r1 - r2) + (g1 - g2) * (g1 - g2) + (b1 - b2) * (b1 - b2);
}

static int nearest_level(int v)
{
	int best = 0;
	for (int i = 1; i < 6; i++)
		if (abs_diff(v, cube_levels[i]) < abs_diff(v, cube_levels[best]))
			best = i;
	return best;
}

int theme_rgb_to_256(unsigned char r, unsigned char g, unsigned char b)
{
	int cr = nearest_level(r), cg = nearest_level(g), cb = nearest_level(b);
	int cube = 16 + 36 * cr + 6 * cg + cb;
	int avg = (r + g + b) / 3;
	int k = avg <= 8 ? 0 : (avg - 8 + 5) / 10;
	if (k > 23)
		k = 23;
	int grey = 8 + 10 * k;
	int dc = dist2(r, g, b, cube_levels[cr], cube_levels[cg], cube_levels[cb]);
	int dg = dist2(r, g, b, grey, grey, grey);
	return dg < dc ? 232 + k : cube;
}

/* Hue-based: nearest-RGB among 16 colours turns muted colours grey (#2aa198 would be
 * #7f7f7f), while a theme author meant "a cyan". Dark or unsaturated colours go to the
 * greys; others to the hue's colour, its bright variant when light. */
static int rgb_to_named(int r, int g, int b, bool bright_ok)
{
	int max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int min = r < g ? (r < b ? r : b) : (g < b ? g : b);
	int chroma = max - min;
	if (max < 90 || chroma * 10 < max * 3) {
		int y = (299 * r + 587 * g + 114 * b) / 1000;
		if (!bright_ok)
			return y < 115 ? 0 : 7;
		static const struct { int y, index; } greys[] = {
			{ 0, 0 }, { 127, 8 }, { 229, 7 }, { 255, 15 },
		};
		int best = 0;
		for (int i = 1; i < 4; i++)
			if (abs_diff(y, greys[i].y) < abs_diff(y, greys[best].y))
				best = i;
		return greys[best].index;
	}
	int h;			/* hue in degrees, 0-359 */
	if (max == r)
		h = (60 * (g - b) / chroma + 360) % 360;
	else if (max == g)
		h = 60 * (b - r) / chroma + 120;
	else
		h = 60 * (r - g) / chroma + 240;
	/* red, yellow, green, cyan, blue, magenta: sectors of 60 degrees centred on each */
	static const int by_sector[6] = { 1, 3, 2, 6, 4, 5 };
	int base = by_sector[((h + 30) / 60) % 6];
	bool bright = bright_ok && (max >= 240 || min >= 120);
	return bright ? base + 8 : base;
}

int theme_rgb_to_16(unsigned char r, unsigned char g, unsigned char b)
{
	return rgb_to_named(r, g, b, true);
}

int theme_rgb_to_8(unsigned char r, unsigned char g, unsigned char b)
{
	return rgb_to_named(r, g, b, false);
}

static bool is_truecolor(const char *colorterm)
{
	return colorterm && (strcasecmp(colorterm, "truecolor") == 0 ||
			     strcasecmp(colorterm, "24bit") == 0);
}

bool theme_direct_term(const char *term, char *buf, size_t size)
{
	static const char suffix[] = "-256color";
	if (!term || !*term || strstr(term, "direct") || strncmp(term, "screen", 6) == 0 ||
	    strcmp(term, "dumb") == 0 || strcmp(term, "linux") == 0)
		return false;	/* already direct, or a terminal without 24-bit colour */
	size_t n = strlen(term), s = sizeof suffix - 1;
	if (n > s && strcmp(term + n - s, suffix) == 0)
		n -= s;
	return snprintf(buf, size, "%.*s-direct", (int)n, term) < (int)size;
}

enum theme_depth theme_depth_detect(int ncolors, bool has_rgb_cap, const char *colorterm,
				    const char *no_color, enum theme_color_mode mode)
{
	if (mode == THEME_COLOR_NEVER)
		return THEME_DEPTH_MONO;
	if (mode == THEME_COLOR_AUTO && no_color && *no_color)
		return THEME_DEPTH_MONO;
	/* COLORTERM is inherited by programs on other terminals (ssh, a console): alone it
	 * does not make a terminal without colours into a truecolor one. */
	if ((has_rgb_cap || is_truecolor(colorterm)) &&
	    (ncolors >= 8 || mode == THEME_COLOR_ALWAYS))
		return THEME_DEPTH_TRUECOLOR;
	if (ncolors >= 256)
		return THEME_DEPTH_256;
	if (ncolors >= 16)
		return THEME_DEPTH_16;
	if (ncolors >= 8 || mode == THEME_COLOR_ALWAYS)
		return THEME_DEPTH_8;
	return THEME_DEPTH_MONO;
}

static int palette_size(enum theme_depth d)
{
	switch (d) {
	case THEME_DEPTH_MONO: return 0;
	case THEME_DEPTH_8: return 8;
	case THEME_DEPTH_16: return 16;
	case THEME_DEPTH_256:
	case THEME_DEPTH_TRUECOLOR: return 256;
	}
	return 0;
}

static int reduce(const struct theme_color *c, enum theme_depth d)
{
	unsigned char r = c->r, g = c->g, b = c->b;
	if (c->kind == THEME_COLOR_DEFAULT || d == THEME_DEPTH_MONO)
		return THEME_PEN_DEFAULT;
	if (c->kind == THEME_COLOR_INDEX) {
		/* A direct-colour terminal takes numbers from 8 up as RGB values (15 would be
		 * #00000f): there only the first 8 stay palette entries. */
		int keep = d == THEME_DEPTH_TRUECOLOR ? 8 : palette_size(d);
		if (c->index >= 0 && c->index < keep)
			return c->index;
		theme_index_rgb(c->index, &r, &g, &b);
		if (d == THEME_DEPTH_TRUECOLOR)
			return THEME_PEN_RGB(r, g, b);
	} else if (d == THEME_DEPTH_TRUECOLOR) {
		return THEME_PEN_RGB(r, g, b);
	}
	switch (d) {
	case THEME_DEPTH_256: return theme_rgb_to_256(r, g, b);
	case THEME_DEPTH_16: return theme_rgb_to_16(r, g, b);
	default: return theme_rgb_to_8(r, g, b);
	}
}

static void pen_rgb(int pen, int *r, int *g, int *b)
{
	unsigned char cr, cg, cb;
	if (pen & THEME_PEN_RGB_FLAG) {
		*r = pen >> 16 & 0xff;
		*g = pen >> 8 & 0xff;
		*b = pen & 0xff;
		return;
	}
	theme_index_rgb(pen, &cr, &cg, &cb);
	*r = cr;
	*g = cg;
	*b = cb;
}

void theme_resolve(const struct theme *t, enum theme_elem e, enum theme_depth d,
		   struct theme_pen *pen)
{
	if ((unsigned)e >= TE_COUNT)
		e = TE_NORMAL;
	const struct theme_style *s = &t->style[e], *normal = &t->style[TE_NORMAL];
	if (d == THEME_DEPTH_MONO) {
		*pen = (struct theme_pen){ THEME_PEN_DEFAULT, THEME_PEN_DEFAULT, s->mono };
		return;
	}
	const struct theme_color *fg = s->fg.kind == THEME_COLOR_DEFAULT ? &normal->fg : &s->fg;
	const struct theme_color *bg = s->bg.kind == THEME_COLOR_DEFAULT ? &normal->bg : &s->bg;
	*pen = (struct theme_pen){ reduce(fg, d), reduce(bg, d), s->attrs };
	if (pen->fg == THEME_PEN_DEFAULT || pen->bg == THEME_PEN_DEFAULT)
		return;
	int fr, fgr, fb, br, bgr, bb;
	pen_rgb(pen->fg, &fr, &fgr, &fb);
	pen_rgb(pen->bg, &br, &bgr, &bb);
	int fy = 299 * fr + 587 * fgr + 114 * fb, by = 299 * br + 587 * bgr + 114 * bb;
	/* Two colours the palette cannot tell apart, or text on a coloured band of about
	 * the same brightness once reduced (white on cyan, black on blue at 8 colours):
	 * keep the band and make the text black or white, whichever reads on it. Only for
	 * 16 and 8 colours (the richer palettes keep the theme's choice), and not on a
	 * black background, where red or blue text still reads. */
	if (pen->fg == pen->bg ||
	    (d <= THEME_DEPTH_16 && pen->bg != 0 && abs(fy - by) < 90 * 1000)) {
		bool light = by > 128 * 1000;
		pen->fg = light ? 0 : d == THEME_DEPTH_8 ? 7 :
			  d == THEME_DEPTH_TRUECOLOR ? THEME_PEN_RGB(255, 255, 255) : 15;
	}
	/* Many terminals draw bold text in the bright colour: bold black becomes grey, and
	 * fades on a light band. With 8 or 16 colours, black text stays plain. */
	if (d <= THEME_DEPTH_16 && pen->fg == 0)
		pen->attrs &= ~(unsigned)THEME_BOLD;
}
