/* theme_test.h - what test_theme and test_theme_files share: parsing a theme's text
 * with its reports collected, and comparing colours and styles. */
#ifndef FORKTOP_THEME_TEST_H
#define FORKTOP_THEME_TEST_H

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "theme.h"
#include "userfile.h"

/* Parses text on top of the default theme into *t; returns the bad-line count. */
static inline int parse(struct theme *t, const char *text, struct diags *d)
{
	theme_default(t);
	memset(d, 0, sizeof *d);
	return theme_parse(t, text, strlen(text), "t.theme", collect, d);
}

static inline struct theme_color rgb(unsigned char r, unsigned char g, unsigned char b)
{
	return (struct theme_color){ .kind = THEME_COLOR_RGB, .r = r, .g = g, .b = b };
}

static inline struct theme_color idx(int i)
{
	return (struct theme_color){ .kind = THEME_COLOR_INDEX, .index = i };
}

static inline bool color_eq(struct theme_color a, struct theme_color b)
{
	if (a.kind != b.kind)
		return false;
	if (a.kind == THEME_COLOR_INDEX)
		return a.index == b.index;
	if (a.kind == THEME_COLOR_RGB)
		return a.r == b.r && a.g == b.g && a.b == b.b;
	return true;
}

static inline bool style_eq(const struct theme_style *a, const struct theme_style *b)
{
	return color_eq(a->fg, b->fg) && color_eq(a->bg, b->bg) && a->attrs == b->attrs &&
	       a->mono == b->mono;
}

/* The style as theme files write it (a static buffer). */
static inline const char *fmt(const struct theme_style *s)
{
	static char buf[256];
	theme_style_format(s, buf, sizeof buf);
	return buf;
}

#endif
